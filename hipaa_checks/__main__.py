from hipaa_checks.cli import run

run()
