"""The auditors' evidence report: HIPAA section -> check -> resource, with verdicts and reasons.

``build`` turns the Checkov reports of one ``hipaa-checks`` scan into an ``EvidenceReport`` (the JSON
schema, documented in docs/report.md); ``to_markdown`` and ``to_html`` render the same model.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Union

from pydantic import BaseModel, ConfigDict, Field

from hipaa_checks import __version__
from hipaa_checks.mapped_builtins import BuiltinMeta
from hipaa_checks.config import Settings
from hipaa_checks.meta import FAMILY_SECTIONS, NOTHING_JUDGED, SECTION_TITLES, CheckMeta
from hipaa_checks.scan import unparsed_files

SCHEMA_VERSION = 1
FORMATS = ("md", "html", "json")
Verdict = Literal["PASSED", "FAILED", "SKIPPED"]
VERDICT_ORDER = {"FAILED": 0, "SKIPPED": 1, "PASSED": 2}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tool(_Model):
    name: str = Field("hipaa-checks", description="the program that wrote the report")
    version: str = Field(description="hipaa-checks version")
    checkov_version: str = Field(description="version of the Checkov engine that ran the checks")


class ConfigInfo(_Model):
    source: str = Field(description="the configuration file used, or 'defaults' (HIPAA's)")
    below_hipaa: bool = Field(description="true when the configuration is looser than HIPAA's defaults")
    deviations: List[str] = Field(description="each way the configuration is looser than HIPAA's defaults")
    banner: Optional[str] = Field(description="the warning every output starts with when below_hipaa")
    settings: Dict[str, Any] = Field(description="the effective settings (every key, defaults included)")


class RoleCount(_Model):
    role: str
    resources: int = Field(description="resources given this logging role")
    by_tag: int
    by_graph: int
    by_name: int


class Counts(_Model):
    passed: int = 0
    failed: int = 0
    skipped: int = 0


class SectionSummary(_Model):
    section: str
    title: str
    checks: int = Field(description="checks citing this section that ran")
    passed: int
    failed: int
    skipped: int


class Summary(_Model):
    sections_covered: List[str] = Field(description="HIPAA sections cited by the checks that ran")
    sections_not_covered: List[str] = Field(
        description="sections cited by a hipaa-checks family none of whose checks ran")
    totals: Counts = Field(description="every result once (a result citing two sections counts once)")
    by_section: List[SectionSummary]
    roles: List[RoleCount]
    warnings: List[str] = Field(description="families that had nothing to judge")
    parse_errors: List[str] = Field(description="files Checkov could not parse; their resources were not checked")


class Result(_Model):
    resource: str = Field(description="Terraform address")
    file: str = Field(description="path, relative to the working directory when below it")
    start_line: int
    end_line: int
    verdict: Verdict
    reason: List[str] = Field(description="the check's detail lines: found, required, why judged")
    justification: Optional[str] = Field(description="the skip comment's reason (SKIPPED only)")


class CheckEntry(_Model):
    id: str
    source: str = Field(description="hipaa-checks, or checkov for a Checkov built-in mapped to a family")
    title: str
    family: str
    severity: str
    guideline: str = Field(description="URL of the check's documentation page")
    sections: List[str] = Field(description="every HIPAA section the check cites")
    passed: int
    failed: int
    skipped: int
    results: List[Result]


class Section(_Model):
    section: str = Field(description="45 CFR part 164 section, e.g. 164.316(b)(2)(i)")
    title: str
    families: List[str]
    passed: int
    failed: int
    skipped: int
    checks: List[CheckEntry]


class EvidenceReport(_Model):
    version: int = Field(SCHEMA_VERSION, description="schema version; changes only when fields change meaning or go")
    generated_at: datetime
    tool: Tool
    paths: List[str] = Field(description="the scanned paths as given")
    config: ConfigInfo
    summary: Summary
    sections: List[Section]


# ---------------------------------------------------------------------------------------------- build


def section_key(section: str) -> tuple:
    """Natural order of CFR citations: 164.308(a)(5) before 164.308(a)(10)."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", section))


def _where(record) -> str:
    path = record.file_abs_path or record.file_path or ""
    if path and os.path.isabs(path):
        relative = os.path.relpath(path)
        if not relative.startswith(".."):
            return relative
    return path


def _result(record, verdict: str) -> Result:
    lines = list(record.file_line_range or [0, 0]) + [0, 0]
    justification = None
    if verdict == "SKIPPED":
        comment = (record.check_result or {}).get("suppress_comment")
        justification = str(comment).strip() if comment else "(no reason given)"
    return Result(resource=record.resource, file=_where(record), start_line=int(lines[0]), end_line=int(lines[1]),
                  verdict=verdict, reason=[str(line) for line in record.details or []], justification=justification)


def _roles(found: Dict[str, Counter]) -> List[RoleCount]:
    return [RoleCount(role=role, resources=sum(sources.values()), by_tag=sources["tag"],
                      by_graph=sources["graph"], by_name=sources["name"]) for role, sources in found.items()]


def build(reports: Sequence, metas: Sequence[Union[CheckMeta, BuiltinMeta]], settings: Settings, paths: Iterable[Path],
          found_roles: Dict[str, Counter]) -> EvidenceReport:
    """The evidence for ``metas`` (the checks that ran) from Checkov's ``reports`` of one scan."""
    from checkov.version import version as checkov_version

    results: Dict[str, List[Result]] = {meta.id: [] for meta in metas}
    for report in reports:
        for verdict, records in (("FAILED", report.failed_checks), ("PASSED", report.passed_checks),
                                 ("SKIPPED", report.skipped_checks)):
            for record in records:
                if record.check_id in results:
                    results[record.check_id].append(_result(record, verdict))
    for rows in results.values():
        rows.sort(key=lambda row: (VERDICT_ORDER[row.verdict], row.resource, row.file, row.start_line))

    entries = {}
    for meta in metas:
        rows = results[meta.id]
        entries[meta.id] = CheckEntry(
            id=meta.id, source=meta.source, title=meta.title, family=meta.family.value,
            severity=str(getattr(meta.severity, "value", meta.severity)),
            guideline=meta.guideline, sections=list(meta.sections), results=rows, **_count(rows))

    sections = []
    for section in sorted({s for meta in metas for s in meta.sections}, key=section_key):
        checks = [entries[meta.id] for meta in metas if section in meta.sections]
        families = sorted({check.family for check in checks})
        sections.append(Section(section=section, title=SECTION_TITLES.get(section, ""), families=families,
                                checks=checks, **_count(row for check in checks for row in check.results)))

    every_section = {s for cited in FAMILY_SECTIONS.values() for s in cited}
    covered = [section.section for section in sections]
    judged = {meta.family for meta in metas if results[meta.id]}
    summary = Summary(
        sections_covered=covered,
        sections_not_covered=sorted(every_section - set(covered), key=section_key),
        totals=Counts(**_count(row for rows in results.values() for row in rows)),
        by_section=[SectionSummary(section=s.section, title=s.title, checks=len(s.checks), passed=s.passed,
                                   failed=s.failed, skipped=s.skipped) for s in sections],
        roles=_roles(found_roles),
        warnings=[NOTHING_JUDGED[family] for family in sorted({m.family for m in metas} - judged, key=lambda f: f.value)],
        parse_errors=unparsed_files(reports),
    )
    config = ConfigInfo(source=settings._source, below_hipaa=bool(settings.deviations),
                        deviations=list(settings.deviations), banner=settings.banner,
                        settings=settings.model_dump(mode="json"))
    return EvidenceReport(
        generated_at=datetime.now(timezone.utc).replace(microsecond=0),
        tool=Tool(version=__version__, checkov_version=checkov_version),
        paths=[str(path) for path in paths], config=config, summary=summary, sections=sections)


def _count(rows: Iterable[Result]) -> Dict[str, int]:
    counter = Counter(row.verdict for row in rows)
    return {"passed": counter["PASSED"], "failed": counter["FAILED"], "skipped": counter["SKIPPED"]}


def render(report: EvidenceReport, fmt: str) -> str:
    if fmt == "json":
        return report.model_dump_json(indent=2) + "\n"
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    raise ValueError(f"unknown report format {fmt!r} (known: {', '.join(FORMATS)})")


# ------------------------------------------------------------------------------------------- markdown


def _md(text: object) -> str:
    """A table cell: '&' and '<' escaped (markdown renders raw HTML), pipes escaped, one line."""
    escaped = str(text).replace("&", "&amp;").replace("<", "&lt;").replace("|", "\\|")
    return "<br>".join(escaped.splitlines()) if escaped else ""


def _config_line(config: ConfigInfo) -> str:
    if config.source == "defaults":
        return "HIPAA defaults (no configuration file found)"
    return f"`{config.source}`"


def _reason(row: Result) -> List[str]:
    if row.verdict == "SKIPPED":
        return [f"skipped: {row.justification}"] + row.reason
    return row.reason


def to_markdown(report: EvidenceReport) -> str:
    s = report.summary
    out: List[str] = []
    if report.config.banner:
        out += [f"> **{_md(report.config.banner)}**", ""]
    out += [
        "# HIPAA logging evidence report",
        "",
        f"Generated {report.generated_at.isoformat().replace('+00:00', 'Z')} by hipaa-checks "
        f"{report.tool.version} (Checkov {report.tool.checkov_version}) for "
        + ", ".join(f"`{_md(path)}`" for path in report.paths) + ".",
        "",
        "## Summary",
        "",
        f"**{s.totals.failed} failed, {s.totals.passed} passed, {s.totals.skipped} skipped** results "
        f"across {len(s.sections_covered)} HIPAA sections.",
        "",
        f"- Configuration: {_config_line(report.config)}",
        "- Deviations from HIPAA defaults: "
        + ("; ".join(_md(d) for d in report.config.deviations) if report.config.deviations else "none"),
        "- Parse errors: " + ("; ".join(f"`{_md(e)}` (its resources were not checked)" for e in s.parse_errors)
                              if s.parse_errors else "none"),
        "- Sections not covered by these checks: "
        + (", ".join(s.sections_not_covered) if s.sections_not_covered else "none"),
        "",
        "### Results by HIPAA section",
        "",
        "| Section | Safeguard | Checks | Passed | Failed | Skipped |",
        "|---|---|---:|---:|---:|---:|",
    ]
    out += [f"| {row.section} | {_md(row.title)} | {row.checks} | {row.passed} | {row.failed} | {row.skipped} |"
            for row in s.by_section]
    out += ["", "### Logging roles found", ""]
    if s.roles:
        out += ["| Role | Resources | By tag | By graph | By name |", "|---|---:|---:|---:|---:|"]
        out += [f"| {r.role} | {r.resources} | {r.by_tag} | {r.by_graph} | {r.by_name} |" for r in s.roles]
    else:
        out.append("No resource was given a logging role (tag resources with `hipaa-logging = <role>`).")
    if s.warnings:
        out += ["", "### Warnings", ""] + [f"- {_md(w)}" for w in s.warnings]
    for section in report.sections:
        out += ["", f"## 45 CFR {section.section}: {_md(section.title)}", "",
                f"Families: {', '.join(section.families)}. "
                f"{section.failed} failed, {section.passed} passed, {section.skipped} skipped.", "",
                "| Check | Title | Severity | Resource | Location | Verdict | Reason |",
                "|---|---|---|---|---|---|---|"]
        for check in section.checks:
            head = f"| [{check.id}]({check.guideline}){_origin(check)} | {_md(check.title)} | {check.severity}"
            if not check.results:
                out.append(f"{head} | (none judged) | | | |")
            for row in check.results:
                out.append(f"{head} | {_md(row.resource)} | {_md(row.file)}:{row.start_line}-{row.end_line} "
                           f"| **{row.verdict}** | {'<br>'.join(_md(line) for line in _reason(row))} |")
    return "\n".join(out) + "\n"


# ----------------------------------------------------------------------------------------------- html

_CSS = """
:root { --fail: #b42318; --pass: #067647; --skip: #8a6d00; --ink: #1d2433; --muted: #5b6475; --rule: #d8dce3; }
html { font-size: 14px; }
* { box-sizing: border-box; }
body { font: 1rem/1.45 -apple-system, "Segoe UI", "Liberation Sans", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 24px 32px; max-width: 1200px; }
h1 { font-size: 1.7rem; margin: 0 0 4px; }
h2 { font-size: 1.3rem; margin: 28px 0 6px; border-bottom: 2px solid var(--ink); padding-bottom: 3px; }
h3 { font-size: 1.07rem; margin: 18px 0 6px; }
.meta, .muted { color: var(--muted); }
.banner { border: 2px solid var(--fail); color: var(--fail); padding: 8px 12px; font-weight: 600; margin-bottom: 12px; }
.totals { display: flex; gap: 12px; margin: 12px 0; }
.tile { border: 1px solid var(--rule); border-radius: 6px; padding: 6px 16px; min-width: 110px; }
.tile b { display: block; font-size: 1.7rem; }
.tile.failed b { color: var(--fail); } .tile.passed b { color: var(--pass); } .tile.skipped b { color: var(--skip); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
table.auto { width: auto; min-width: 40%; }
table.matrix { table-layout: fixed; }
th, td { border: 1px solid var(--rule); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #f2f4f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.reason { font-size: .9rem; } td.reason div { margin: 0 0 2px; }
code, .addr { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86rem; }
.v { font-weight: 700; font-size: .86rem; letter-spacing: .03em; }
.v.FAILED { color: var(--fail); } .v.PASSED { color: var(--pass); } .v.SKIPPED { color: var(--skip); }
.sev { font-size: .86rem; }
.nowrap, .v, .sev { white-space: nowrap; }
.check-id { white-space: nowrap; }
svg.bar { display: block; }
.legend { font-size: .86rem; color: var(--muted); margin: -6px 0 10px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin: 0 4px 0 10px; vertical-align: -1px; }
.sectionline { display: flex; align-items: center; gap: 12px; margin: 4px 0 6px; }
section.hipaa h2 { break-after: avoid; }
tr { break-inside: avoid; }
a { color: inherit; }
@media print {
  html { font-size: 9.5pt; }
  body { padding: 0; max-width: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { text-decoration: none; }
  thead { display: table-header-group; }
  .tile { padding: 4px 12px; }
  @page { size: A4; margin: 14mm 12mm; }
}
"""


_MATRIX_COLUMNS = ('<colgroup><col style="width:17%"><col style="width:6.6em"><col style="width:18%">'
                  '<col style="width:14%"><col style="width:6.6em"><col></colgroup>')
_LEGEND = ('<p class="legend">Bars:<i style="background:#d92d20"></i>failed<i style="background:#dca800"></i>'
           'skipped<i style="background:#12b76a"></i>passed</p>')


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _bar(passed: int, failed: int, skipped: int, width: int = 220) -> str:
    """Inline SVG stacked bar: failed (red), skipped (amber), passed (green); prints as drawn."""
    total = passed + failed + skipped
    label = f"{failed} failed, {skipped} skipped, {passed} passed"
    if not total:
        return (f'<svg class="bar" width="{width}" height="14" role="img" aria-label="no results">'
                f'<rect width="{width}" height="14" fill="#eef0f3"/></svg>')
    parts, x = [], 0.0
    for count, colour in ((failed, "#d92d20"), (skipped, "#dca800"), (passed, "#12b76a")):
        if count:
            w = width * count / total
            parts.append(f'<rect x="{x:.1f}" width="{w:.1f}" height="14" fill="{colour}"/>')
            x += w
    return (f'<svg class="bar" width="{width}" height="14" role="img" aria-label="{_e(label)}">'
            f'<title>{_e(label)}</title>{"".join(parts)}</svg>')


def to_html(report: EvidenceReport) -> str:
    s = report.summary
    c = report.config
    out: List[str] = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>HIPAA logging evidence report</title>", f"<style>{_CSS}</style></head><body>",
    ]
    if c.banner:
        out.append(f'<div class="banner">{_e(c.banner)}</div>')
    out += [
        "<h1>HIPAA logging evidence report</h1>",
        f'<p class="meta">Generated {_e(report.generated_at.isoformat().replace("+00:00", "Z"))} by hipaa-checks '
        f"{_e(report.tool.version)} (Checkov {_e(report.tool.checkov_version)}) for "
        + ", ".join(f"<code>{_e(p)}</code>" for p in report.paths) + "</p>",
        '<h2 id="summary">Summary</h2>',
        '<div class="totals">',
        f'<div class="tile failed"><b>{s.totals.failed}</b>failed</div>',
        f'<div class="tile passed"><b>{s.totals.passed}</b>passed</div>',
        f'<div class="tile skipped"><b>{s.totals.skipped}</b>skipped</div>',
        f'<div class="tile"><b>{len(s.sections_covered)}</b>HIPAA sections</div>',
        "</div>",
        '<dl class="facts">',
        f"<dt>Configuration</dt><dd>{_e(_config_line(c).strip('`'))}</dd>",
        "<dt>Deviations from HIPAA defaults</dt><dd>"
        + ("; ".join(_e(d) for d in c.deviations) if c.deviations else "none") + "</dd>",
        "<dt>Parse errors</dt><dd>"
        + ("; ".join(f"<code>{_e(e)}</code> (its resources were not checked)" for e in s.parse_errors)
           if s.parse_errors else "none") + "</dd>",
        "<dt>Sections not covered</dt><dd>"
        + (_e(", ".join(s.sections_not_covered)) if s.sections_not_covered else "none") + "</dd>",
        "</dl>",
        "<h3>Results by HIPAA section</h3>",
        "<table><thead><tr><th>Section</th><th>Safeguard</th><th class=num>Checks</th><th class=num>Passed</th>"
        "<th class=num>Failed</th><th class=num>Skipped</th><th>Failed / skipped / passed</th></tr></thead><tbody>",
    ]
    for row in s.by_section:
        out.append(
            f'<tr><td class=nowrap><a href="#s-{_anchor(row.section)}">{_e(row.section)}</a></td><td>{_e(row.title)}</td>'
            f"<td class=num>{row.checks}</td><td class=num>{row.passed}</td><td class=num>{row.failed}</td>"
            f"<td class=num>{row.skipped}</td><td>{_bar(row.passed, row.failed, row.skipped, width=160)}</td></tr>")
    out.append("</tbody></table>" + _LEGEND + "<h3>Logging roles found</h3>")
    if s.roles:
        out.append("<table class=auto><thead><tr><th>Role</th><th class=num>Resources</th><th class=num>By tag</th>"
                   "<th class=num>By graph</th><th class=num>By name</th></tr></thead><tbody>")
        out += [f"<tr><td>{_e(r.role)}</td><td class=num>{r.resources}</td><td class=num>{r.by_tag}</td>"
                f"<td class=num>{r.by_graph}</td><td class=num>{r.by_name}</td></tr>" for r in s.roles]
        out.append("</tbody></table>")
    else:
        out.append('<p class="muted">No resource was given a logging role '
                   "(tag resources with <code>hipaa-logging = &lt;role&gt;</code>).</p>")
    if s.warnings:
        out.append("<h3>Warnings</h3><ul>" + "".join(f"<li>{_e(w)}</li>" for w in s.warnings) + "</ul>")
    for section in report.sections:
        out += [
            f'<section class="hipaa" id="s-{_anchor(section.section)}">',
            f"<h2>45 CFR {_e(section.section)}: {_e(section.title)}</h2>",
            f'<div class="sectionline">{_bar(section.passed, section.failed, section.skipped, width=240)}'
            f'<span class="muted">{section.failed} failed, {section.passed} passed, {section.skipped} skipped; '
            f'families: {_e(", ".join(section.families))}</span></div>',
            "<table class=matrix>" + _MATRIX_COLUMNS + "<thead><tr><th>Check</th><th>Severity</th><th>Resource</th><th>Location</th><th>Verdict</th>"
            "<th>Reason</th></tr></thead><tbody>",
        ]
        for check in section.checks:
            span = max(1, len(check.results))
            head = (f'<td rowspan="{span}"><a class="check-id" href="{_e(check.guideline)}">{_e(check.id)}</a>'
                    f"{_e(_origin(check))}<br>{_e(check.title)}</td><td rowspan=\"{span}\" class=sev>{_e(check.severity)}</td>")
            if not check.results:
                out.append(f'<tr>{head}<td colspan="4" class="muted">no resource judged</td></tr>')
            for index, row in enumerate(check.results):
                reason = "".join(f"<div>{_e(line)}</div>" for line in _reason(row))
                out.append(
                    f"<tr>{head if index == 0 else ''}<td class=addr>{_breakable(row.resource)}</td>"
                    f"<td class=addr>{_breakable(row.file)}:{row.start_line}-{row.end_line}</td>"
                    f'<td><span class="v {row.verdict}">{row.verdict}</span></td><td class=reason>{reason}</td></tr>')
        out.append("</tbody></table></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _origin(check: CheckEntry) -> str:
    return " (Checkov built-in)" if check.source == "checkov" else ""


def _breakable(text: str) -> str:
    """Escaped, with line-break opportunities after '/', '.' and '_' so addresses and paths wrap at their joints."""
    return re.sub(r"([/._])", r"\1<wbr>", _e(text))


def _anchor(section: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", section.lower()).strip("-")
