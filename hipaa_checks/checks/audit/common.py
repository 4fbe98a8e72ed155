"""Shared by the audit checks: judge several attributes, keeping definite findings when others are unresolved."""

from __future__ import annotations

from typing import Callable, Iterable, List, Optional

from hipaa_checks.values import Unresolved
from hipaa_checks.verdict import Verdict, from_findings


def judge_all(tests: Iterable[Callable[[], Optional[str]]], required: str, because: str, ok: str) -> Verdict:
    """Run every test (each returns a finding or None). Definite findings fail even when another test is
    unresolved, so ``unresolved: unknown`` never hides them; with no finding, the first Unresolved propagates."""
    findings: List[str] = []
    unresolved: List[Unresolved] = []
    for test in tests:
        try:
            finding = test()
        except Unresolved as exc:
            unresolved.append(exc)
            continue
        if finding:
            findings.append(finding)
    if findings or not unresolved:
        return from_findings(findings + [str(exc) for exc in unresolved], required, because, ok)
    raise unresolved[0]
