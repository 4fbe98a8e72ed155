"""hipaa-checks: scan Terraform with Checkov and our checks, list and explain checks."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path
from typing import List, Optional, Sequence

from hipaa_checks import __version__
from hipaa_checks.config import ENV_VAR, ConfigError, Settings, settings_for
from hipaa_checks.meta import Family

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
OUTPUTS = ("cli", "json", "sarif", "junitxml")
NOTHING_JUDGED = {
    Family.RETENTION: "no log stores found: retention was not evaluated",
    Family.ARCHIVE: "no log archives found: archive rules were not evaluated",
    Family.EGRESS: "no log shippers or log hosts found: egress rules were not evaluated",
    Family.READER_IAM: "no log readers found: reader permissions were not evaluated",
    Family.HOST_ISOLATION: "no log hosts found: host isolation was not evaluated",
    Family.AUDIT: "no audit trails found: audit rules were not evaluated",
    Family.MONITORING: "no log sources found: absence monitoring was not evaluated",
    Family.PHI: "no log sources found: PHI masking was not evaluated",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hipaa-checks", description=__doc__)
    parser.add_argument("--version", action="version", version=f"hipaa-checks {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan = commands.add_parser("scan", help="scan Terraform directories, .tf files or plan JSON files")
    scan.add_argument("paths", nargs="+", metavar="PATH")
    scan.add_argument("--config", help="settings file (default: $HIPAA_CHECKS_CONFIG, then .hipaa-checks.yaml)")
    scan.add_argument("--output", "-o", choices=OUTPUTS, default="cli")
    scan.add_argument("--with-builtins", action="store_true", help="run Checkov's built-in checks too")
    scan.add_argument("--family", action="append", choices=[family.value for family in Family])
    scan.add_argument("--check", action="append", metavar="ID", help="run only these check IDs (repeatable)")
    listing = commands.add_parser("list", help="list every check")
    listing.add_argument("--json", action="store_true")
    explain = commands.add_parser("explain", help="explain one check")
    explain.add_argument("check_id", metavar="ID")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return {"scan": _scan, "list": _list, "explain": _explain}[args.command](args)
    except ConfigError as exc:
        print(f"hipaa-checks: configuration error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _list(args: argparse.Namespace) -> int:
    from hipaa_checks.registry import all_meta

    rows = [
        {"id": m.id, "title": m.title, "family": m.family.value, "sections": list(m.sections),
         "severity": m.severity.value, "resources": list(m.resources), "source": "hipaa-checks",
         "docs": m.guideline, "since": m.since}
        for m in all_meta()
    ]
    if args.json:
        print(json.dumps(rows, indent=2))
        return EXIT_CLEAN
    for row in rows:
        print(f"{row['id']:<16} {row['family']:<15} {row['severity']:<8} {row['title']}")
        print(f"{'':<16} HIPAA {', '.join(row['sections'])}; resources: {', '.join(row['resources'])}")
    return EXIT_CLEAN


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
    from hipaa_checks.registry import all_meta

    metas = all_meta()
    if args.family:
        metas = [m for m in metas if m.family.value in args.family]
    ids = [m.id for m in metas if m.id not in settings.disabled_checks]
    if args.check:
        unknown = [check_id for check_id in args.check if check_id not in ids and not args.with_builtins]
        if unknown:
            raise SystemExit(f"hipaa-checks: unknown or deselected check {', '.join(unknown)}; see `hipaa-checks list`")
        ids = [check_id for check_id in args.check]
    return ids


def _scan(args: argparse.Namespace) -> int:
    paths = [Path(path) for path in args.paths]
    missing = [str(path) for path in paths if not path.exists()]
    if missing:
        print(f"hipaa-checks: no such file or directory: {', '.join(missing)}", file=sys.stderr)
        return EXIT_ERROR
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
        reports = run_checkov(paths, None if args.with_builtins and not args.check else ids)
    finally:
        if previous is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = previous
    _print_reports(reports, args.output)
    if args.output == "cli":
        _print_summary(reports, ids)
    parse_errors = sorted({error for report in reports for error in report.parsing_errors})
    for error in parse_errors:
        print(f"hipaa-checks: could not parse {error}; its resources were not checked", file=sys.stderr)
    if parse_errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if any(report.failed_checks for report in reports) else EXIT_CLEAN


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
    from hipaa_checks.registry import all_meta

    print("hipaa-checks roles:")
    by_role: dict = {}
    for (_, role), source in roles.SEEN.items():
        by_role.setdefault(role.value, Counter())[source] += 1
    for role in sorted(by_role):
        sources = ", ".join(f"{count} by {source}" for source, count in sorted(by_role[role].items()))
        print(f"  {role}: {sum(by_role[role].values())} ({sources})")
    if not by_role:
        print("  no resource was given a logging role (tag resources with hipaa-logging = <role>)")
    passed = Counter(record.check_id for report in reports for record in report.passed_checks)
    failed = Counter(record.check_id for report in reports for record in report.failed_checks)
    metas = [m for m in all_meta() if m.id in ids]
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
