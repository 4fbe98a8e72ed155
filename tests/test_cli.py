"""The hipaa-checks command: exit codes, outputs, config errors, list and explain."""

from __future__ import annotations

import json

import pytest
from checkov.common.output.sarif import SEVERITY_TO_SCORE

from hipaa_checks.cli import main
from hipaa_checks.mapped_builtins import BUILTINS
from hipaa_checks.registry import CHECKS
from tests.scanning import ROOT

EXAMPLES = ROOT / "examples"


@pytest.fixture(autouse=True)
def _no_inherited_config(monkeypatch):
    monkeypatch.delenv("HIPAA_CHECKS_CONFIG", raising=False)


def test_scan_noncompliant_exits_1_with_reasons_and_role_summary(capsys):
    assert main(["scan", str(EXAMPLES / "noncompliant")]) == 1
    out = capsys.readouterr().out
    assert "FAILED for resource: aws_cloudwatch_log_group.app" in out
    assert "found: retention_in_days = 90 days" in out
    assert "hipaa-checks roles:\n  archive: 3 (3 by graph)\n" in out
    assert "hipaa-checks archive: 14 verdicts (0 passed, 14 failed)" in out
    assert "hipaa-checks retention: 7 verdicts (0 passed, 7 failed)" in out


def test_scan_compliant_exits_0(capsys):
    assert main(["scan", str(EXAMPLES / "compliant")]) == 0
    assert "FAILED" not in capsys.readouterr().out


def test_scan_json_output_is_checkovs_report(capsys):
    assert main(["scan", str(EXAMPLES / "noncompliant"), "--output", "json", "--check", "HIPAA_AWS_001"]) == 1
    reports = json.loads(capsys.readouterr().out)
    failed = [r for report in reports for r in report["results"]["failed_checks"]]
    assert {(r["check_id"], r["resource"], r["severity"]) for r in failed} == {
        ("HIPAA_AWS_001", "aws_cloudwatch_log_group.app", "HIGH")
    }
    assert failed[0]["guideline"].endswith("/docs/checks/HIPAA_AWS_001.md")


def test_scan_sarif_output_carries_severity_and_help_uri(capsys):
    main(["scan", str(EXAMPLES / "noncompliant"), "--output", "sarif", "--check", "HIPAA_AWS_001"])
    sarif = json.loads(capsys.readouterr().out)
    rules = {rule["id"]: rule for rule in sarif["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["HIPAA_AWS_001"]["helpUri"].endswith("/docs/checks/HIPAA_AWS_001.md")
    assert "164.316(b)(2)(i)" in rules["HIPAA_AWS_001"]["shortDescription"]["text"]
    assert rules["HIPAA_AWS_001"]["properties"]["security-severity"] == SEVERITY_TO_SCORE["high"]


def test_parse_error_is_named_and_other_findings_still_reported(tmp_path, capsys):
    (tmp_path / "broken.tf").write_text('resource "aws_cloudwatch_log_group" "x" {\n  name = \n')
    (tmp_path / "good.tf").write_text('resource "aws_cloudwatch_log_group" "short" {\n  retention_in_days = 7\n}\n')
    assert main(["scan", str(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert "FAILED for resource: aws_cloudwatch_log_group.short" in captured.out
    assert f"could not parse {tmp_path / 'broken.tf'}" in captured.err


def test_invalid_config_exits_2_naming_file_key_and_type(tmp_path, capsys):
    config = tmp_path / "bad.yaml"
    config.write_text("min_retention_days: [1]\n")
    assert main(["scan", str(EXAMPLES / "compliant"), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"{config}: key 'min_retention_days': Input should be a valid integer" in err


def test_looser_config_needs_allow_below_hipaa_and_is_announced_first(tmp_path, capsys):
    config = tmp_path / "loose.yaml"
    config.write_text("min_retention_days: 60\n")
    assert main(["scan", str(EXAMPLES / "noncompliant"), "--config", str(config)]) == 2
    assert "set allow_below_hipaa: true" in capsys.readouterr().err

    config.write_text("min_retention_days: 60\nallow_below_hipaa: true\n")
    assert main(["scan", str(EXAMPLES / "noncompliant"), "--config", str(config), "--check", "HIPAA_AWS_001"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == (
        f"WARNING: configuration {config} is below the HIPAA floor: min_retention_days is 60 (HIPAA: 2192)"
    )


def test_family_with_nothing_to_judge_is_warned(tmp_path, capsys):
    (tmp_path / "main.tf").write_text('resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n')
    assert main(["scan", str(tmp_path)]) == 0
    assert "hipaa-checks: warning: no log stores found: retention was not evaluated" in capsys.readouterr().out


def test_missing_path_exits_2(capsys):
    assert main(["scan", "/nonexistent/stack"]) == 2
    assert "no such file or directory: /nonexistent/stack" in capsys.readouterr().err


def test_list_json_has_every_check_with_required_fields(capsys):
    assert main(["list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == list(CHECKS) + list(BUILTINS)
    for row in rows:
        assert set(row) >= {"id", "title", "family", "sections", "severity", "resources", "source", "docs"}
        assert row["source"] == ("checkov" if row["id"] in BUILTINS else "hipaa-checks")
    trail = next(row for row in rows if row["id"] == "CKV2_AWS_10")
    assert (trail["family"], trail["sections"]) == ("audit", ["164.312(b)", "164.312(c)(2)"])


def test_explain_prints_rationale_fix_and_skip(capsys):
    assert main(["explain", "HIPAA_AWS_001"]) == 0
    out = capsys.readouterr().out
    assert "Why it matters" in out and "How to fix" in out
    assert "# checkov:skip=HIPAA_AWS_001: <reason>" in out


def test_explain_unknown_id_exits_2(capsys):
    assert main(["explain", "HIPAA_AWS_999"]) == 2
    assert "HIPAA_AWS_999 is not a hipaa-checks check" in capsys.readouterr().err


def test_skip_comment_in_the_block_skips_our_check_with_its_reason(tmp_path, capsys):
    (tmp_path / "main.tf").write_text(
        'resource "aws_cloudwatch_log_group" "scratch" {\n'
        "  # checkov:skip=HIPAA_AWS_001: scratch logs, no PHI, reviewed by security\n"
        "  retention_in_days = 7\n"
        "}\n"
    )
    assert main(["scan", str(tmp_path), "--output", "json"]) == 0
    reports = json.loads(capsys.readouterr().out)
    skipped = [r for report in reports for r in report["results"]["skipped_checks"]]
    assert [(r["check_id"], r["resource"], r["check_result"]["suppress_comment"].strip()) for r in skipped] == [
        ("HIPAA_AWS_001", "aws_cloudwatch_log_group.scratch", "scratch logs, no PHI, reviewed by security")
    ]
