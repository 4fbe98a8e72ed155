"""What a check concludes, and the "found X, need Y, because Z" lines Checkov shows in ``details``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

from checkov.common.models.enums import CheckResult


@dataclass(frozen=True)
class Verdict:
    result: CheckResult
    details: Tuple[str, ...] = ()


def passed(note: Optional[str] = None) -> Verdict:
    return Verdict(CheckResult.PASSED, (note,) if note else ())


def failed(found: str, required: str, because: str) -> Verdict:
    return Verdict(CheckResult.FAILED, (f"found: {found}", f"required: {required}", f"why judged: {because}"))


def not_applicable(note: str) -> Verdict:
    """The resource does not play the role this check is about; Checkov reports nothing for it."""
    return Verdict(CheckResult.UNKNOWN, (note,))


def from_findings(findings: Sequence[str], required: str, because: str, ok: str) -> Verdict:
    """FAILED with every finding on one ``found:`` line, or PASSED with ``ok`` when there is none."""
    return failed("; ".join(findings), required, because) if findings else passed(ok)
