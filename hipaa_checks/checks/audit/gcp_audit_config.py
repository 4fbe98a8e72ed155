"""GCP audit configs log every kind of access for all services and exempt only the configured members."""

from __future__ import annotations

from typing import List, Optional

from hipaa_checks.checks.audit.common import judge_all
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved, blocks, is_unresolved, str_attr, unwrap
from hipaa_checks.verdict import Verdict

AUDIT_CONFIGS = ("google_project_iam_audit_config", "google_folder_iam_audit_config",
                 "google_organization_iam_audit_config")
LOG_TYPES = ("ADMIN_READ", "DATA_READ", "DATA_WRITE")


def _missing_types(conf: dict) -> Optional[str]:
    if str_attr(conf, "service") != "allServices":
        return None  # a per-service config adds to allServices; only exemptions matter there
    found = {str_attr(config, "log_type", "audit_log_config.log_type") for config in blocks(conf, "audit_log_config")}
    missing = [log_type for log_type in LOG_TYPES if log_type not in found]
    return f'service = "allServices" does not log {", ".join(missing)}' if missing else None


def _members(config: dict) -> List[str]:
    value = unwrap(config.get("exempted_members"))
    members = value if isinstance(value, list) else [] if value is None else [value]
    for member in members:
        if not isinstance(member, str):
            raise BadValue("audit_log_config.exempted_members", member, "a member string")
        if is_unresolved(member):
            raise Unresolved("audit_log_config.exempted_members", member)
    return members


def _exemptions(conf: dict, allowed: List[str]) -> Optional[str]:
    extra = [
        f"{member} (exempted from {str_attr(config, 'log_type', 'audit_log_config.log_type')})"
        for config in blocks(conf, "audit_log_config") for member in _members(config) if member not in allowed
    ]
    return "exempted_members not in audit_exempt_members: " + ", ".join(extra) if extra else None


class GcpAuditConfig(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_020",
        title="GCP audit configs log admin reads, data reads and data writes for all services without unlisted exemptions",
        family=Family.AUDIT,
        severity=Severity.HIGH,
        resources=AUDIT_CONFIGS,
        since="0.2.0",
        why="Cloud Audit Logs record admin writes by default, but data reads and writes (who read which "
        "record) only when Data Access logs are enabled. HIPAA's audit controls ask for a record of access to "
        "ePHI; an exempted member is a principal whose access leaves no trace.",
        fix='Use service = "allServices" with one audit_log_config block per log_type ADMIN_READ, DATA_READ and '
        "DATA_WRITE; remove exempted_members, or list the ones you accept in the audit_exempt_members setting.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        ctx.reasons.append(f"every {ctx.node.type} configures audit logging")
        return judge_all(
            (lambda: _missing_types(conf), lambda: _exemptions(conf, ctx.settings.audit_exempt_members)),
            'service = "allServices" with audit_log_config for ' + ", ".join(LOG_TYPES)
            + "; exempted_members only from audit_exempt_members",
            ctx.why_judged(self.id),
            "audit logging covers every log type, without unlisted exemptions",
        )


check = GcpAuditConfig()
