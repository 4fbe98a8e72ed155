"""hipaa-checks: scan Terraform with Checkov and our checks, list and explain checks."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from hipaa_checks import __version__
from hipaa_checks.config import ENV_VAR, ConfigError, Settings, settings_for
from hipaa_checks.meta import NOTHING_JUDGED, Family

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUTS = ("cli", "json", "sarif", "junitxml")


class UsageError(Exception):
    """A request that cannot be carried out as asked: exit 2 with the message."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hipaa-checks", description=__doc__)
    parser.add_argument("--version", action="version", version=f"hipaa-checks {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="scan Terraform directories, .tf files or plan JSON files")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--output", "-o", choices=OUTPUTS, default="cli")
    _selection_arguments(scan)
    hook = commands.add_parser(
        "pre-commit", help="scan the module directories of the given files (the pre-commit hook)",
        description="Scan the Terraform module directory of each .tf / .tf.json file (cross-resource checks "
                    "need the whole module) and each plan JSON file itself; print failed results only.")
    hook.add_argument("files", nargs="*", metavar="FILE")
    hook.set_defaults(output="cli")
    _selection_arguments(hook)
    report = commands.add_parser(
        "report", help="write the auditors' evidence report (HIPAA section -> check -> resource)",
        description="Scan like `scan` and write the evidence matrix: HIPAA section -> check -> resource, with "
                    "verdicts, reasons and skip justifications. Exits 0 when the report was written, findings or "
                    "not; 2 on a usage, configuration or parse error (the report is still written on a parse error).")
    report.add_argument("paths", nargs="+", metavar="PATH")
    report.add_argument("--format", "-f", choices=("md", "html", "json"), default="md", dest="report_format")
    report.add_argument("--output", "-o", metavar="FILE", dest="report_file", help="write here (default: stdout)")
    report.add_argument("--config", help="settings file (default: $HIPAA_CHECKS_CONFIG, then .hipaa-checks.yaml)")
    report.add_argument("--family", action="append", choices=[family.value for family in Family])
    report.add_argument("--check", action="append", metavar="ID", help="report only these check IDs (repeatable)")
    report.add_argument("--with-builtins", action="store_true",
                        help="include the Checkov built-ins mapped to our families (see `hipaa-checks list`)")
    report.set_defaults(output="report")
    commands.add_parser("policies-dir", help="print the policies directory for checkov --external-checks-dir")
    listing = commands.add_parser("list", help="list every check")
    listing.add_argument("--json", action="store_true")
    explain = commands.add_parser("explain", help="explain one check")
    explain.add_argument("check_id", metavar="ID")
    return parser


def _selection_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", help="settings file (default: $HIPAA_CHECKS_CONFIG, then .hipaa-checks.yaml)")
    parser.add_argument("--with-builtins", action="store_true", help="run Checkov's built-in checks too")
    parser.add_argument("--family", action="append", choices=[family.value for family in Family])
    parser.add_argument("--check", action="append", metavar="ID", help="run only these check IDs (repeatable)")


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        commands = {"scan": _scan, "pre-commit": _pre_commit, "report": _report, "policies-dir": _policies_dir,
                    "list": _list, "explain": _explain}
        return commands[args.command](args)
    except ConfigError as exc:
        print(f"hipaa-checks: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except UsageError as exc:
        print(f"hipaa-checks: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _list(args: argparse.Namespace) -> int:
    rows = [
        {"id": m.id, "title": m.title, "family": m.family.value, "sections": list(m.sections),
         "severity": _text(m.severity), "resources": list(m.resources), "source": m.source,
         "docs": m.guideline, "since": getattr(m, "since", None)}
        for m in catalogue()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_CLEAN
    for row in rows:
        origin = "" if row["source"] == "hipaa-checks" else f" (Checkov built-in, mapped to {row['family']})"
        print(f"{row['id']:<16} {row['family']:<15} {row['severity']:<8} {row['title']}{origin}")
        print(f"{'':<16} HIPAA {', '.join(row['sections'])}; resources: {', '.join(row['resources'])}")
    return EXIT_CLEAN


def catalogue() -> list:
    """Our checks, then the Checkov built-ins mapped to our families: what `list` and the report show."""
    from hipaa_checks.mapped_builtins import mapped
    from hipaa_checks.registry import all_meta

    return [*all_meta(), *mapped()]


def _text(value: object) -> str:
    return str(getattr(value, "value", value))


def _explain(args: argparse.Namespace) -> int:
    from hipaa_checks.registry import CHECKS, RETIRED, load_check

    if args.check_id not in CHECKS:
        state = "was retired" if args.check_id in RETIRED else "is not a hipaa-checks check"
        print(f"hipaa-checks: {args.check_id} {state}; see `hipaa-checks list`", file=sys.stderr)
        return EXIT_ERROR
    meta = load_check(args.check_id).meta
    print(f"{meta.id}: {meta.title}\n")
    print(f"Family:    {meta.family.value}\nSeverity:  {meta.severity.value}")
    print(f"HIPAA:     {', '.join('45 CFR ' + section for section in meta.sections)}")
    print(f"Resources: {', '.join(meta.resources)}\nSince:     {meta.since}\n")
    print(f"Why it matters\n  {meta.why}\n\nHow to fix\n  {meta.fix}\n")
    print(f"How to skip\n  # checkov:skip={meta.id}: <reason>   (inside the resource block)\n")
    print(f"Docs: {meta.guideline}")
    return EXIT_CLEAN


def _selected_ids(args: argparse.Namespace, settings: Settings) -> List[str]:
    """Our selected check IDs, plus the mapped built-ins of the selected families with --with-builtins."""
    metas = [m for m in catalogue() if m.source == "hipaa-checks" or args.with_builtins]
    if args.family:
        metas = [m for m in metas if m.family.value in args.family]
    ids = [m.id for m in metas if m.id not in settings.disabled_checks]
    if args.check:
        unknown = [check_id for check_id in args.check if check_id not in ids and not args.with_builtins]
        if unknown:
            raise UsageError(f"unknown or deselected check {', '.join(unknown)}; see `hipaa-checks list`")
        ids = [check_id for check_id in args.check]
    return ids


def _scan(args: argparse.Namespace) -> int:
    reports, ids = _run([Path(path) for path in args.paths], args)
    _print_reports(reports, args.output)
    if args.output == "cli":
        _print_summary(reports, ids)
    return _exit_code(reports)


def _report(args: argparse.Namespace) -> int:
    """The evidence report: written even with findings (exit 0); exit 2 on parse errors, after writing it."""
    from hipaa_checks import report, roles

    paths = [Path(path) for path in args.paths]
    reports, ids = _run(paths, args)  # args.output is "report": a below-HIPAA banner goes to stderr
    settings = settings_for(paths[0].resolve(), args.config)
    metas = [meta for meta in catalogue() if meta.id in ids]
    evidence = report.build(reports, metas, settings, args.paths, roles.found())
    text = report.render(evidence, args.report_format)
    if args.report_file:
        try:
            Path(args.report_file).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.report_file}: {exc.strerror or exc}") from exc
        print(f"hipaa-checks: {args.report_format} report written to {args.report_file}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_ERROR if _exit_code(reports) == EXIT_ERROR else EXIT_CLEAN


def _pre_commit(args: argparse.Namespace) -> int:
    _require_existing(args.files)
    paths = precommit_targets(args.files)
    if not paths:
        print("hipaa-checks: no Terraform files to check")
        return EXIT_CLEAN
    reports, ids = _run(paths, args)
    _print_failures(reports)
    _print_summary(reports, ids)
    failed = sum(len(report.failed_checks) for report in reports)
    passed = sum(len(report.passed_checks) for report in reports)
    print(f"hipaa-checks: {failed} failed, {passed} passed in {', '.join(str(path) for path in paths)}")
    return _exit_code(reports)


def precommit_targets(files: Sequence[str]) -> List[Path]:
    """What the hook scans for these staged files, sorted and without repeats.

    A .tf / .tf.json file (or any other non-JSON file) stands for its directory: the Terraform module, which
    cross-resource checks need whole. Any other .json file is a plan (`terraform show -json`) and is scanned
    as itself. Checkov scans a directory with its subdirectories, so a path inside another target is dropped.
    """
    targets = set()
    for name in files:
        path = Path(os.path.normpath(name))
        is_plan = path.name.endswith(".json") and not path.name.endswith(".tf.json")
        targets.add(path if is_plan else path.parent)
    resolved = {path: path.resolve() for path in targets}

    def inside_another(path: Path) -> bool:
        return any(resolved[other] in resolved[path].parents for other in targets)

    return sorted(path for path in targets if not inside_another(path))


def _policies_dir(args: argparse.Namespace) -> int:
    directory = policies_dir()
    if directory is None:
        print("hipaa-checks: no policies directory found beside the hipaa_checks package", file=sys.stderr)
        return EXIT_ERROR
    print(directory)
    return EXIT_CLEAN


def policies_dir() -> Optional[Path]:
    """The policies for `checkov --external-checks-dir`: the wheel's hipaa_checks/policies/, or a checkout's policies/."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "policies", package.parent / "policies"):
        if (candidate / "hipaa_checks_loader.py").is_file():
            return candidate
    return None


def _run(paths: List[Path], args: argparse.Namespace) -> Tuple[list, List[str]]:
    """Run our selected checks (and Checkov's with --with-builtins) over paths: the reports and the check IDs."""
    _require_existing(paths)
    settings = settings_for(paths[0].resolve(), args.config)
    if settings.banner:
        print(settings.banner, file=sys.stdout if args.output == "cli" else sys.stderr)

    from hipaa_checks import roles
    from hipaa_checks.scan import run_checkov

    ids = _selected_ids(args, settings)
    roles.SEEN.clear()
    previous = os.environ.get(ENV_VAR)
    if args.config:  # the checks find --config the way plain Checkov runs find it: through the environment
        os.environ[ENV_VAR] = str(Path(args.config).resolve())
    try:
        # scan --with-builtins runs all of Checkov's checks; the report only ours and the mapped built-ins
        everything = args.with_builtins and not args.check and args.command != "report"
        reports = run_checkov(paths, None if everything else ids)
    finally:
        if previous is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = previous
    return reports, ids


def _require_existing(paths: Sequence) -> None:
    missing = [str(path) for path in paths if not Path(path).exists()]
    if missing:
        raise UsageError(f"no such file or directory: {', '.join(missing)}")


def _exit_code(reports) -> int:
    """2 when a file could not be parsed (named on stderr), else 1 on findings, else 0."""
    from hipaa_checks.scan import unparsed_files

    parse_errors = unparsed_files(reports)
    for error in parse_errors:
        print(f"hipaa-checks: could not parse {error}; its resources were not checked", file=sys.stderr)
    if parse_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(report.failed_checks for report in reports) else EXIT_CLEAN


def _print_failures(reports) -> None:
    """One line per failed result, with its found / required lines (every detail line when it has neither)."""
    for report in reports:
        for record in report.failed_checks:
            where = os.path.relpath(record.file_abs_path) if record.file_abs_path else record.file_path
            lines = record.file_line_range or [0, 0]
            print(f"FAILED {record.check_id} {record.resource} at {where}:{lines[0]}-{lines[1]}")
            details = list(record.details or [])
            shown = [line for line in details if line.startswith(("found:", "required:"))] or details
            for line in shown:
                print(f"  {line}")


def _print_reports(reports, output: str) -> None:
    from checkov.common.output.report import Report
    from checkov.common.output.sarif import Sarif

    if output == "cli":
        for report in reports:
            print(report.print_console(is_quiet=False, is_compact=True), end="")
    elif output == "json":
        print(json.dumps([report.get_dict() for report in reports], indent=2, default=str))
    elif output == "sarif":
        print(json.dumps(Sarif(reports, "hipaa-checks").json, indent=2))
    else:
        print(Report.get_junit_xml_string([report.get_test_suite() for report in reports]))


def _print_summary(reports, ids: List[str]) -> None:
    from hipaa_checks import roles

    print("hipaa-checks roles:")
    found = roles.found()
    for role, sources in found.items():
        described = ", ".join(f"{count} by {source}" for source, count in sorted(sources.items()))
        print(f"  {role}: {sum(sources.values())} ({described})")
    if not found:
        print("  no resource was given a logging role (tag resources with hipaa-logging = <role>)")
    passed = Counter(record.check_id for report in reports for record in report.passed_checks)
    failed = Counter(record.check_id for report in reports for record in report.failed_checks)
    metas = [m for m in catalogue() if m.id in ids]
    for family in sorted({m.family for m in metas}, key=lambda f: f.value):
        family_ids = [m.id for m in metas if m.family is family]
        ok, bad = sum(passed[i] for i in family_ids), sum(failed[i] for i in family_ids)
        if ok + bad:
            print(f"hipaa-checks {family.value}: {ok + bad} verdicts ({ok} passed, {bad} failed)")
        else:
            print(f"hipaa-checks: warning: {NOTHING_JUDGED[family]}")


def run() -> None:
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING"))
    sys.exit(main())
