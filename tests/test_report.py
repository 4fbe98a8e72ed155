"""`hipaa-checks report`: the auditors' evidence matrix, from real scans, in JSON, markdown and HTML."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from hipaa_checks.cli import main
from hipaa_checks.meta import FAMILY_SECTIONS, SECTION_TITLES
from hipaa_checks.registry import all_meta
from hipaa_checks.report import EvidenceReport
from tests.scanning import ROOT
from tests.test_end_to_end import COMPLIANT, NONCOMPLIANT, NONCOMPLIANT_PASSED

EXAMPLES = ROOT / "examples"
SECTIONS = {meta.id: meta.sections for meta in all_meta()}  # each check cites its family's sections
SKIP_REASON = "scratch logs, no PHI, reviewed by security"
HOSTILE = "<script>alert(1)</script>"
HOSTILE_MODULE = f"""
resource "aws_cloudwatch_log_group" "scratch" {{
  # checkov:skip=HIPAA_AWS_001: {SKIP_REASON}
  retention_in_days = 7
}}

resource "aws_cloudwatch_log_group" "app" {{
  for_each          = toset(["{HOSTILE}"])
  name              = each.key
  retention_in_days = 30
}}

resource "aws_cloudwatch_log_group" "odd" {{
  name              = "<script>alert(2)</script>"
  retention_in_days = "<script>alert(3)</script>"
}}
"""


def report(tmp: Path, *args: str, fmt: str) -> tuple[int, str]:
    out = tmp / f"report.{fmt}"
    code = main(["report", *args, "--format", fmt, "--output", str(out)])
    return code, out.read_text(encoding="utf-8") if out.exists() else ""


def rows(evidence: EvidenceReport) -> set:
    return {(section.section, check.id, result.resource, result.verdict)
            for section in evidence.sections for check in section.checks for result in check.results}


@pytest.fixture(scope="module")
def scans(tmp_path_factory):
    """Each report the tests read, made once: (exit code, text) by name."""
    made = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("HIPAA_CHECKS_CONFIG", raising=False)
        for fmt in ("json", "md", "html"):
            made[f"noncompliant.{fmt}"] = report(tmp_path_factory.mktemp(fmt), str(EXAMPLES / "noncompliant"), fmt=fmt)
        made["builtins.json"] = report(tmp_path_factory.mktemp("builtins"), str(EXAMPLES / "noncompliant"),
                                       "--with-builtins", fmt="json")
        made["compliant.json"] = report(tmp_path_factory.mktemp("ok"), str(EXAMPLES / "compliant"), fmt="json")
        hostile = tmp_path_factory.mktemp("hostile")
        (hostile / "main.tf").write_text(HOSTILE_MODULE)
        for fmt in ("json", "md", "html"):
            made[f"hostile.{fmt}"] = report(tmp_path_factory.mktemp(f"out-{fmt}"), str(hostile),
                                            "--check", "HIPAA_AWS_001", fmt=fmt)
    return made


def test_noncompliant_json_validates_and_has_exactly_the_expected_rows(scans):
    code, text = scans["noncompliant.json"]
    assert code == 0  # evidence, not a gate: findings do not fail the command
    evidence = EvidenceReport.model_validate_json(text)
    expected = {(section, check_id, resource, verdict)
                for results, verdict in ((NONCOMPLIANT, "FAILED"), (NONCOMPLIANT_PASSED, "PASSED"))
                for check_id, resource in results for section in SECTIONS[check_id]}
    assert rows(evidence) == expected
    assert evidence.version == 1 and evidence.tool.name == "hipaa-checks"
    assert evidence.summary.totals.model_dump() == {
        "passed": len(NONCOMPLIANT_PASSED), "failed": len(NONCOMPLIANT), "skipped": 0}
    # archives by delivery; the collector by tag and its security group by attachment; the reader role by
    # name and its policy and attachment through it; the application's log group by tag
    assert [(r.role, r.resources, r.by_tag, r.by_graph, r.by_name) for r in evidence.summary.roles] == [
        ("archive", 3, 0, 3, 0), ("host", 2, 1, 1, 0), ("reader", 3, 0, 2, 1), ("source", 1, 1, 0, 0)]
    assert evidence.summary.parse_errors == []
    assert evidence.config.source == "defaults" and not evidence.config.below_hipaa
    covered = {section for sections in SECTIONS.values() for section in sections}
    assert set(evidence.summary.sections_covered) == covered
    assert set(evidence.summary.sections_not_covered) == {
        s for sections in FAMILY_SECTIONS.values() for s in sections} - covered
    # every check that ran is listed under each of its sections, judged or not
    for section in evidence.sections:
        assert {check.id for check in section.checks} == {i for i, cited in SECTIONS.items() if section.section in cited}


def test_with_builtins_the_mapped_checkov_checks_join_their_sections_and_no_other_builtin_does(scans):
    code, text = scans["builtins.json"]
    evidence = EvidenceReport.model_validate_json(text)
    assert code == 0
    theirs = {(section.section, check.id, check.source, result.resource, result.verdict)
              for section in evidence.sections for check in section.checks for result in check.results
              if not check.id.startswith("HIPAA_")}
    assert theirs == {(section, "CKV2_AWS_10", "checkov", "aws_cloudtrail.main", "FAILED")
                      for section in ("164.312(b)", "164.312(c)(2)")}
    assert rows(evidence) - {row[:2] + row[3:] for row in theirs} == rows(
        EvidenceReport.model_validate_json(scans["noncompliant.json"][1]))


def test_failed_results_carry_location_and_reason(scans):
    evidence = EvidenceReport.model_validate_json(scans["noncompliant.json"][1])
    check = next(c for s in evidence.sections for c in s.checks if c.id == "HIPAA_AWS_001")
    (result,) = check.results
    assert (result.resource, result.start_line, result.end_line) == ("aws_cloudwatch_log_group.app", 4, 8)
    assert result.file.endswith("main.tf")
    assert "found: retention_in_days = 90 days" in result.reason
    assert check.severity == "HIGH" and check.guideline.endswith("/docs/checks/HIPAA_AWS_001.md")


def test_compliant_json_has_only_passed_rows(scans):
    code, text = scans["compliant.json"]
    assert code == 0
    evidence = EvidenceReport.model_validate_json(text)
    assert rows(evidence) == {(section, check_id, resource, "PASSED")
                              for check_id, resource in COMPLIANT for section in SECTIONS[check_id]}


def test_markdown_has_the_summary_and_one_table_per_section(scans):
    code, text = scans["noncompliant.md"]
    assert code == 0
    summary = text.split("\n## 45 CFR ")[0]
    assert "## Summary" in summary
    assert f"**{len(NONCOMPLIANT)} failed, {len(NONCOMPLIANT_PASSED)} passed, 0 skipped**" in summary
    assert "- Configuration: HIPAA defaults (no configuration file found)" in summary
    assert "- Deviations from HIPAA defaults: none" in summary and "- Parse errors: none" in summary
    assert "| archive | 3 | 0 | 3 | 0 |" in summary
    evidence = EvidenceReport.model_validate_json(scans["noncompliant.json"][1])
    chunks = text.split("\n## 45 CFR ")[1:]
    assert [chunk.split(":")[0] for chunk in chunks] == evidence.summary.sections_covered
    for chunk in chunks:
        assert chunk.count("| Check | Title | Severity | Resource | Location | Verdict | Reason |") == 1
    assert "| aws_cloudwatch_log_group.app | " in text and "found: retention_in_days = 90 days" in text


def test_skipped_result_shows_its_justification(scans):
    evidence = EvidenceReport.model_validate_json(scans["hostile.json"][1])
    skipped = [(r.resource, r.justification) for s in evidence.sections for c in s.checks for r in c.results
               if r.verdict == "SKIPPED"]
    assert set(skipped) == {("aws_cloudwatch_log_group.scratch", SKIP_REASON)}
    assert evidence.summary.totals.skipped == 1
    assert f"skipped: {SKIP_REASON}" in scans["hostile.md"][1]
    assert f"skipped: {SKIP_REASON}" in scans["hostile.html"][1]


def test_html_escapes_resource_names_and_details_and_has_no_script(scans):
    code, page = scans["hostile.html"]
    assert code == 0
    evidence = EvidenceReport.model_validate_json(scans["hostile.json"][1])
    resources = {r.resource for s in evidence.sections for c in s.checks for r in c.results}
    assert f'aws_cloudwatch_log_group.app["{HOSTILE}"]' in resources  # the name reaches the report...
    assert "<script" not in page.lower()  # ...and never as markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#x27;&lt;script&gt;alert(3)&lt;/script&gt;&#x27; is not a whole number" in page  # a detail line
    assert "<script" not in scans["hostile.md"][1]  # markdown renders raw HTML too


def test_html_is_self_contained_and_printable(scans):
    page = scans["noncompliant.html"][1]
    assert not re.search(r"<(link|img|iframe|object|embed)\b|\bsrc=|@import|url\(", page, re.I)
    assert "@media print" in page and "<svg" in page  # the pass/fail bars are inline SVG


def test_below_hipaa_config_is_in_the_report_first_line(tmp_path, monkeypatch):
    monkeypatch.delenv("HIPAA_CHECKS_CONFIG", raising=False)
    config = tmp_path / "loose.yaml"
    config.write_text("min_retention_days: 60\nallow_below_hipaa: true\n")
    code, text = report(tmp_path, str(EXAMPLES / "noncompliant"), "--config", str(config),
                        "--check", "HIPAA_AWS_001", fmt="md")
    assert code == 0
    banner = f"WARNING: configuration {config} is below the HIPAA floor: min_retention_days is 60 (HIPAA: 2192)"
    assert text.splitlines()[0] == f"> **{banner}**"
    assert "- Deviations from HIPAA defaults: min_retention_days is 60 (HIPAA: 2192)" in text


def test_parse_error_still_writes_the_report_and_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("HIPAA_CHECKS_CONFIG", raising=False)
    module = tmp_path / "module"
    module.mkdir()
    (module / "broken.tf").write_text('resource "aws_cloudwatch_log_group" "x" {\n  name = \n')
    (module / "good.tf").write_text('resource "aws_cloudwatch_log_group" "short" {\n  retention_in_days = 7\n}\n')
    code, text = report(tmp_path, str(module), fmt="json")
    assert code == 2
    evidence = EvidenceReport.model_validate_json(text)
    assert evidence.summary.parse_errors == [str(module / "broken.tf")]
    assert ("164.316(b)(2)(i)", "HIPAA_AWS_001", "aws_cloudwatch_log_group.short", "FAILED") in rows(evidence)
    assert f"could not parse {module / 'broken.tf'}" in capsys.readouterr().err


def test_usage_and_config_errors_exit_2(tmp_path, capsys):
    assert main(["report", "/nonexistent/stack", "--format", "json"]) == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("min_retention_days: [1]\n")
    assert main(["report", str(EXAMPLES / "compliant"), "--config", str(bad)]) == 2
    assert "key 'min_retention_days'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["report", str(EXAMPLES / "compliant"), "--format", "pdf"])
    assert exit_info.value.code == 2


def test_every_cited_section_has_a_title():
    assert {s for sections in FAMILY_SECTIONS.values() for s in sections} <= set(SECTION_TITLES)


def test_docs_describe_every_json_field():
    from hipaa_checks import report as module

    docs = (ROOT / "docs" / "report.md").read_text()
    models = [value for value in vars(module).values()
              if isinstance(value, type) and issubclass(value, module.BaseModel) and value.__module__ == module.__name__]
    missing = [f"{model.__name__}.{name}" for model in models for name in model.model_fields
               if f"`{name}`" not in docs]
    assert not missing, f"docs/report.md does not describe {missing}"


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("style", "title")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("style", "title")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


@pytest.mark.skipif(shutil.which("chromium") is None,
                    reason="chromium is not on PATH (apt-get install chromium; .ci/run installs it when run as root)")
def test_html_renders_its_summary_in_a_real_browser(scans, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(scans["noncompliant.html"][1], encoding="utf-8")
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", page.as_uri()]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    parser = _Text()
    parser.feed(run.stdout)
    text = re.sub(r"\s+", " ", " ".join(parser.parts))
    assert "HIPAA logging evidence report" in text
    assert "Summary" in text and f"{len(NONCOMPLIANT)} failed" in text
    assert "Configuration HIPAA defaults (no configuration file found)" in text
    assert "Deviations from HIPAA defaults none" in text and "Parse errors none" in text
    assert "Logging roles found" in text and "archive 3 0 3 0" in text
    assert "164.316(b)(2)(i)" in text and "aws_cloudwatch_log_group.app" in text
