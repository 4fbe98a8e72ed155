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
    _builtin("CKV2_AWS_10", "Ensure CloudTrail trails are integrated with CloudWatch Logs", Family.AUDIT,
             ("aws_cloudtrail",),
             "trail events reach a CloudWatch log group managed here (graph connection plus "
             "cloud_watch_logs_group_arn), where they can be searched and alarmed on; a literal ARN or an "
             "unresolved value fails, so it never passes quietly"),

    # audit / GCP and Azure
    _builtin("CKV2_GCP_5", "Ensure that Cloud Audit Logging is configured properly across all services and "
             "all users from a project", Family.AUDIT, ("google_project", "google_project_iam_audit_config"),
             "a google_project managed here has an allServices audit config without exemptions: the existence "
             "half that a per-config check cannot see (HIPAA_GCP_020 judges each config's log types)"),
    _builtin("CKV_AZURE_38", "Ensure audit profile captures all the activities", Family.AUDIT,
             ("azurerm_monitor_log_profile",),
             "a legacy activity-log profile records Write, Delete and Action events; anything else, "
             "including an unresolved categories list, fails"),

    # monitoring and phi

])
