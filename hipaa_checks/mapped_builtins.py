"""Checkov built-in checks that already enforce part of a family: mapped, not rewritten.

`hipaa-checks list` shows them with ``source: checkov``, the evidence report counts their results under
the family's HIPAA sections, and `hipaa-checks scan --with-builtins` runs them next to ours.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Tuple

from pydantic import BaseModel, ConfigDict

from hipaa_checks.meta import FAMILY_SECTIONS, Family

POLICY_INDEX = "https://www.checkov.io/5.Policy%20Index/terraform.html"


class BuiltinMeta(BaseModel):
    """A Checkov built-in check as our registry knows it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str
    family: Family
    resources: Tuple[str, ...]
    why: str  # why this built-in is enough for its part of the family

    source: str = "checkov"
    severity: str = "-"  # Checkov rates its own checks only through its platform
    guideline: str = POLICY_INDEX

    @property
    def sections(self) -> Tuple[str, ...]:
        return FAMILY_SECTIONS[self.family]


def mapped(families: Optional[Iterable[str]] = None) -> List[BuiltinMeta]:
    """The mapped built-ins, optionally only those of some families (by family value)."""
    wanted = set(families) if families else None
    return [meta for meta in BUILTINS.values() if wanted is None or meta.family.value in wanted]


def _builtin(check_id: str, title: str, family: Family, resources: Tuple[str, ...], why: str) -> Tuple[str, BuiltinMeta]:
    return check_id, BuiltinMeta(id=check_id, title=title, family=family, resources=resources, why=why)


# Checkov check ID -> what it covers for us. A test asserts every ID exists in the installed Checkov.
BUILTINS: Dict[str, BuiltinMeta] = dict([
    # audit / AWS

    # audit / GCP and Azure

    # monitoring and phi

])
