"""Helpers shared by the retention checks: the six-year requirement in each unit, and its message."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.config import Settings
from hipaa_checks.verdict import Verdict, failed, passed

SECONDS_PER_DAY = 86_400
EVERY_LOG_STORE = "retention applies to every log store"


def required_days(settings: Settings, tolerance: int = 0) -> int:
    """The configured floor in days; ``tolerance`` is for stores whose six-year value is 2191 (Azure)."""
    return settings.min_retention_days - tolerance


def judge_days(
    attribute: str,
    days: Optional[int],
    settings: Settings,
    because: str,
    *,
    absent_means: Optional[str] = None,
    tolerance: int = 0,
) -> Verdict:
    """Pass when ``days`` meets the floor, or is absent and ``absent_means`` says why that keeps logs."""
    need = required_days(settings, tolerance)
    if days is None:
        if absent_means:
            return passed(f"{attribute}: {absent_means}")
        return failed(f"{attribute} not set", f"{attribute} >= {need} days", because)
    if days >= need:
        return passed(f"{attribute} = {days} (>= {need} days)")
    return failed(f"{attribute} = {days} days", f"{attribute} >= {need} days (six years)", because)
