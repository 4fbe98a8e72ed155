"""hipaa-checks: Checkov checks for HIPAA logging safeguards in Terraform."""

__version__ = "0.1.0"
