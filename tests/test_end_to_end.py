"""Plain `checkov --external-checks-dir policies` in a subprocess, as a CI user runs it, and its fail-closed paths."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.scanning import CHECKS, POLICIES, ROOT

CHECKOV = str(Path(sys.executable).with_name("checkov"))
# Every resource of the non-compliant example that a check judges, all failing.
NONCOMPLIANT = {
    ("HIPAA_AWS_001", "aws_cloudwatch_log_group.app"),
    ("HIPAA_AWS_002", "aws_s3_bucket.trail"),
    ("HIPAA_AWS_002", "aws_s3_bucket_lifecycle_configuration.trail"),
    ("HIPAA_AWS_004", "aws_s3_bucket.trail"),
    ("HIPAA_AWS_005", "aws_s3_bucket.trail"),
    ("HIPAA_AWS_007", "aws_s3_bucket.trail"),
    ("HIPAA_AWS_008", "aws_s3_bucket.trail"),
    ("HIPAA_AWS_008", "aws_s3_bucket_acl.trail"),
    ("HIPAA_AWS_009", "aws_s3_bucket.trail"),
    ("HIPAA_GCP_001", "google_logging_project_bucket_config.audit"),
    ("HIPAA_GCP_002", "google_storage_bucket.audit_export"),
    ("HIPAA_GCP_003", "google_storage_bucket.audit_export"),
    ("HIPAA_GCP_004", "google_storage_bucket.audit_export"),
    ("HIPAA_GCP_004", "google_storage_bucket_iam_member.audit_export_public"),
    ("HIPAA_GCP_005", "google_storage_bucket.audit_export"),
    ("HIPAA_AZURE_001", "azurerm_log_analytics_workspace.main"),
    ("HIPAA_AZURE_002", "azurerm_log_analytics_workspace_table.signins"),
    ("HIPAA_AZURE_005", "azurerm_storage_account.diagnostics"),
    ("HIPAA_AZURE_006", "azurerm_storage_account.diagnostics"),
    ("HIPAA_AZURE_007", "azurerm_storage_account.diagnostics"),
    ("HIPAA_AZURE_008", "azurerm_storage_account.diagnostics"),
    ("HIPAA_AWS_040", "aws_cloudtrail.main"),
    ("HIPAA_AZURE_021", "azurerm_monitor_diagnostic_setting.key_vault"),
    ("HIPAA_AWS_010", "aws_security_group.collector"),
    ("HIPAA_AWS_011", "aws_security_group.collector"),
    ("HIPAA_AWS_013", "aws_security_group.collector"),
    ("HIPAA_AWS_014", "aws_security_group.collector"),
    ("HIPAA_AWS_020", "aws_instance.collector"),
    ("HIPAA_AWS_021", "aws_eip.collector"),
    ("HIPAA_AWS_021", "aws_instance.collector"),
    ("HIPAA_AWS_030", "aws_iam_role_policy.log_reader"),
    ("HIPAA_AWS_031", "aws_iam_role_policy.log_reader"),
    ("HIPAA_AWS_032", "aws_iam_role.log_reader"),
    ("HIPAA_AWS_032", "aws_iam_role_policy_attachment.log_reader"),
    ("HIPAA_AWS_033", "aws_iam_role_policy.log_reader"),
    ("HIPAA_AWS_033", "aws_iam_role_policy_attachment.log_reader"),
    ("HIPAA_AWS_041", "aws_cloudwatch_log_group.app"),
    ("HIPAA_AWS_050", "aws_cloudwatch_log_group.app"),
}
# What the non-compliant example gets right: its log host is behind no load balancer.
NONCOMPLIANT_PASSED = {("HIPAA_AWS_022", "aws_instance.collector")}
# The compliant example fixes each of those, with the separate S3 resources that do it, and without the
# Elastic IP and the managed policy.
COMPLIANT = (NONCOMPLIANT - {("HIPAA_AWS_008", "aws_s3_bucket_acl.trail"),
                             ("HIPAA_GCP_004", "google_storage_bucket_iam_member.audit_export_public"),
                             ("HIPAA_AWS_021", "aws_eip.collector"),
                             ("HIPAA_AWS_032", "aws_iam_role_policy_attachment.log_reader"),
                             ("HIPAA_AWS_033", "aws_iam_role_policy_attachment.log_reader")}) | NONCOMPLIANT_PASSED | {
    ("HIPAA_AWS_004", "aws_s3_bucket_server_side_encryption_configuration.trail"),
    ("HIPAA_AWS_005", "aws_s3_bucket_versioning.trail"),
    ("HIPAA_AWS_007", "aws_s3_bucket_public_access_block.trail"),
    ("HIPAA_AWS_008", "aws_s3_bucket_policy.trail"),
    ("HIPAA_AWS_009", "aws_s3_bucket_policy.trail"),
    ("HIPAA_AWS_041", "aws_cloudwatch_log_data_protection_policy.app"),
}
# Every check that judges LOG_GROUP's resource type (the others find nothing of theirs in it).
LOG_GROUP_CHECKS = sorted(check_id for check_id, check in CHECKS.items()
                          if "aws_cloudwatch_log_group" in check.meta.resources)
LOG_GROUP = 'resource "aws_cloudwatch_log_group" "app" {\n  name = "app"\n  retention_in_days = 30\n}\n'


def checkov(directory: Path, policies: Path, *extra: str, env: dict | None = None) -> tuple[int, dict, str]:
    """Run Checkov's own CLI exactly as documented; return exit code, its JSON report and stderr."""
    command = [CHECKOV, "-d", str(directory), "--external-checks-dir", str(policies),
               "--check", "HIPAA_*", "--framework", "terraform", "--skip-download", "-o", "json", *extra]
    run = subprocess.run(command, capture_output=True, text=True, cwd=directory, timeout=300,
                         env={**os.environ, **(env or {})})
    report = json.loads(run.stdout) if run.stdout.strip().startswith(("{", "[")) else {}
    return run.returncode, report, run.stderr


def verdicts(report: dict) -> dict:
    results = report.get("results", {})
    return {
        "failed": {(r["check_id"], r["resource"]) for r in results.get("failed_checks", [])},
        "passed": {(r["check_id"], r["resource"]) for r in results.get("passed_checks", [])},
    }


def test_plain_checkov_reports_noncompliant_example():
    code, report, stderr = checkov(ROOT / "examples" / "noncompliant", POLICIES)
    found = verdicts(report)
    assert code == 1
    assert found["failed"] == NONCOMPLIANT
    assert found["passed"] == NONCOMPLIANT_PASSED
    assert "Traceback" not in stderr and "Cannot load external check" not in stderr


def test_plain_checkov_passes_compliant_example():
    code, report, stderr = checkov(ROOT / "examples" / "compliant", POLICIES)
    found = verdicts(report)
    assert (code, found["failed"]) == (0, set())
    assert found["passed"] == COMPLIANT


def test_plain_checkov_runs_every_check_on_its_fixtures():
    """Every registered check, loaded through policies/, both fails and passes resources of its own fixtures."""
    code, report, stderr = checkov(ROOT / "tests" / "fixtures", POLICIES)
    results = report["results"]
    failing = {r["check_id"] for r in results["failed_checks"]}
    passing = {r["check_id"] for r in results["passed_checks"]}
    assert code == 1
    assert (failing, passing) == (set(CHECKS), set(CHECKS))
    assert "Traceback" not in stderr and "internal error" not in json.dumps(results)


def _module_tree(tmp_path: Path, terraform: str) -> Path:
    module = tmp_path / "stack"
    module.mkdir()
    (module / "main.tf").write_text(terraform)
    return module


def _policies_without_package(tmp_path: Path) -> tuple:
    """A copy of policies/ with no hipaa_checks beside it, and a PYTHONPATH whose hipaa_checks cannot import."""
    policies = tmp_path / "policies"
    shutil.copytree(POLICIES, policies, ignore=shutil.ignore_patterns("__pycache__"))
    broken = tmp_path / "shadow" / "hipaa_checks"
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("raise ImportError('hipaa_checks is not installed here')\n")
    return policies, {"PYTHONPATH": str(broken.parent)}


def test_package_that_cannot_import_fails_every_resource_closed(tmp_path):
    policies, env = _policies_without_package(tmp_path)
    module = _module_tree(tmp_path, LOG_GROUP)

    code, report, _ = checkov(module, policies, env=env)

    results = report["results"]["failed_checks"]
    assert code == 1
    assert sorted((r["check_id"], r["resource"]) for r in results) == [
        (check_id, "aws_cloudwatch_log_group.app") for check_id in LOG_GROUP_CHECKS]
    assert all("hipaa_checks is not installed here" in r["details"][0] for r in results)


def test_unreadable_manifest_makes_the_stand_ins_cover_every_resource(tmp_path):
    policies, env = _policies_without_package(tmp_path)
    (policies / "hipaa_checks_manifest.py").write_text("RESOURCES = {\n")  # a syntax error
    module = _module_tree(tmp_path, LOG_GROUP + 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n')

    code, report, _ = checkov(module, policies, env=env)

    failed = {(r["check_id"], r["resource"]) for r in report["results"]["failed_checks"]}
    assert code == 1
    assert failed == {(check_id, resource) for check_id in CHECKS
                      for resource in ("aws_cloudwatch_log_group.app", "aws_instance.web")}


def test_broken_check_module_in_a_checkout_fails_closed(tmp_path):
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "hipaa_checks", checkout / "hipaa_checks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(POLICIES, checkout / "policies", ignore=shutil.ignore_patterns("__pycache__"))
    check_file = checkout / "hipaa_checks" / "checks" / "retention" / "cloudwatch_log_group_retention.py"
    check_file.write_text(check_file.read_text().replace("class CloudWatch", "class CloudWatch(:\n", 1))
    module = _module_tree(tmp_path, LOG_GROUP)

    code, report, stderr = checkov(module, checkout / "policies")

    results = report["results"]["failed_checks"]
    assert code == 1
    assert [r["resource"] for r in results] == ["aws_cloudwatch_log_group.app"]
    assert results[0]["details"][0].startswith("hipaa-checks could not load HIPAA_AWS_001: SyntaxError")


HIDE_INSTALLED_PACKAGE = """
import sys
sys.meta_path = [finder for finder in sys.meta_path if "hipaa_checks" not in repr(finder)]
sys.path = [entry for entry in sys.path if entry not in ("", ".")]
try:
    import hipaa_checks
except ImportError:
    pass
else:
    raise SystemExit("hipaa_checks is still importable: " + hipaa_checks.__file__)
from checkov.main import Checkov
sys.exit(Checkov(sys.argv[1:]).run())
"""


def test_checkout_works_without_the_package_installed(tmp_path):
    """As with --external-checks-git: policies/ finds hipaa_checks/ beside it, nothing pip-installed."""
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "hipaa_checks", checkout / "hipaa_checks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(POLICIES, checkout / "policies", ignore=shutil.ignore_patterns("__pycache__"))
    module = _module_tree(tmp_path, LOG_GROUP)
    command = [sys.executable, "-c", HIDE_INSTALLED_PACKAGE, "-d", str(module), "--external-checks-dir",
               str(checkout / "policies"), "--check", "HIPAA_*", "--skip-download", "-o", "json"]

    run = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)

    failed = json.loads(run.stdout)["results"]["failed_checks"]
    assert run.returncode == 1, run.stderr
    assert [(r["check_id"], r["resource"], r["details"][0]) for r in failed] == [
        ("HIPAA_AWS_001", "aws_cloudwatch_log_group.app", "found: retention_in_days = 30 days")
    ]


def test_config_below_hipaa_is_named_first_in_plain_checkov_output(tmp_path):
    module = _module_tree(tmp_path, LOG_GROUP)
    (module / ".hipaa-checks.yaml").write_text("min_retention_days: 30\nallow_below_hipaa: true\n")

    code, report, _ = checkov(module, POLICIES)

    passed = report["results"]["passed_checks"]
    assert code == 0 and len(passed) == 1
    assert passed[0]["details"] == [
        f"WARNING: configuration {module / '.hipaa-checks.yaml'} is below the HIPAA floor: "
        "min_retention_days is 30 (HIPAA: 2192)",
        "retention_in_days = 30 (>= 30 days)",
    ]


def test_invalid_config_fails_plain_checkov_closed(tmp_path):
    module = _module_tree(tmp_path, LOG_GROUP.replace("30", "2192"))
    (module / ".hipaa-checks.yaml").write_text("min_retention_days: six years\nretention_tier: hot\n")

    code, report, _ = checkov(module, POLICIES)

    results = report["results"]["failed_checks"]
    assert code == 1 and sorted(r["check_id"] for r in results) == LOG_GROUP_CHECKS
    assert {r["details"][0] for r in results} == {(
        f"configuration error: {module / '.hipaa-checks.yaml'}: key 'min_retention_days': Input should be a valid "
        "integer, unable to parse string as an integer (got 'six years'); key 'retention_tier': unknown setting "
        "(known: min_retention_days, allowed_egress_ports, allowed_egress_cidrs, role_tag_key, role_values, "
        "name_heuristics, role_words, internal_cidrs, admin_cidrs, onprem_networks, archive_kms, "
        "require_object_lock, unresolved, audit_exempt_members, disabled_checks, allow_below_hipaa)"
    )}
