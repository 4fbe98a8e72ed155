"""Azure diagnostic settings send audit logs somewhere: the audit or allLogs group to a destination."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hipaa_checks.checks.audit.azure_targets import enabled_logs, target_kind
from hipaa_checks.checks.audit.common import judge_all
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.roles import words
from hipaa_checks.values import scalar
from hipaa_checks.verdict import Verdict, not_applicable

SETTING = "azurerm_monitor_diagnostic_setting"
DESTINATIONS = ("storage_account_id", "log_analytics_workspace_id", "eventhub_authorization_rule_id", "partner_solution_id")
AUDIT_GROUPS = ("audit", "alllogs")
ACTIVITY_CATEGORIES = ("Administrative", "Security", "Policy")  # the subscription activity log's audit events
def _missing_audit(logs: List[Tuple[str, str]], subscription: bool) -> Optional[str]:
    groups = {name.lower() for kind, name in logs if kind == "group"}
    categories = {name for kind, name in logs if kind == "category"}
    if "alllogs" in groups:
        return None
    if subscription:
        missing = [name for name in ACTIVITY_CATEGORIES if name.lower() not in {category.lower() for category in categories}]
        return f"activity log categories {', '.join(missing)} not exported" if missing else None
    if groups & set(AUDIT_GROUPS) or any("audit" in words(name) for name in categories):
        return None
    shown = ", ".join(f"{kind} {name}" for kind, name in logs) or "no enabled log"
    return f"no audit logs exported ({shown})"


class AzureDiagnosticSetting(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_021",
        title="Azure diagnostic settings export audit logs (audit or allLogs category group) to a destination",
        family=Family.AUDIT,
        severity=Severity.HIGH,
        resources=(SETTING,),
        since="0.2.0",
        why="Azure resources keep their resource logs (who read a secret, who queried a database) only when a "
        "diagnostic setting exports them. HIPAA's audit controls need those records; a setting that exports only "
        "metrics, or has no destination, leaves no audit trail.",
        fix='Add enabled_log { category_group = "audit" } (or "allLogs") and a destination: '
        "log_analytics_workspace_id, storage_account_id, eventhub_authorization_rule_id or partner_solution_id. "
        "For a subscription's activity log, enable the Administrative, Security and Policy categories.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        kind, recognised = target_kind(ctx)
        logs = list(enabled_logs(conf))
        if kind == "metrics-only" and not logs:
            return not_applicable(f"{ctx.node.address} targets {recognised}, which emits metrics only")
        ctx.reasons.append(
            f"{ctx.node.address} exports the activity log of subscription {recognised}" if kind == "subscription"
            else f"every {SETTING} decides which resource logs are kept"
        )
        destination = any(scalar(conf, key) not in (None, "") for key in DESTINATIONS)
        return judge_all(
            (lambda: None if destination else "no destination (" + ", ".join(DESTINATIONS) + " all unset)",
             lambda: _missing_audit(logs, kind == "subscription")),
            "a destination and enabled_log category_group audit or allLogs (subscription activity log: categories "
            + ", ".join(ACTIVITY_CATEGORIES) + ")",
            ctx.why_judged(self.id),
            "audit logs are exported to a destination",
        )


check = AzureDiagnosticSetting()
