"""Log Analytics workspaces that are log sources have an alert that fires when ingestion drops, and routes it."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.azure_alerts import WORKSPACE, alert_problems, workspace_alerts
from hipaa_checks.checks.monitoring.common import judge_watchers, source_reason
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, not_applicable

REQUIRED = ("a scheduled query alert (v2: scopes; v1: data_source_id) or metric alert (scopes) on the workspace whose "
            'criteria fire on low volume (operator LessThan / LessThanOrEqual, or Equal with threshold 0), with an '
            "action group, and enabled not false")


class AzureAbsenceAlert(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_026",
        title="Log Analytics workspaces that are log sources have an alert that fires when ingestion drops",
        family=Family.MONITORING,
        severity=Severity.HIGH,
        resources=(WORKSPACE,),
        since="0.2.0",
        sections=("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"),
        why="A workspace whose agents or diagnostic settings stop sending data leaves no record and raises no "
        "error. HIPAA's activity review and incident response need someone to notice. An alert on a count of "
        "recent rows (e.g. Heartbeat) that fires when the count is below a threshold turns silence into an "
        "incident; an alert without an action group tells no one.",
        fix="Add an azurerm_monitor_scheduled_query_rules_alert_v2 with scopes = [azurerm_log_analytics_workspace."
        '<name>.id], criteria { query = "Heartbeat | summarize count()", time_aggregation_method = "Count", '
        'operator = "LessThan", threshold = 1 } and action { action_groups = [azurerm_monitor_action_group.<oncall>.id] }.',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = source_reason(ctx)
        if because is None:
            return not_applicable(f"{ctx.node.address} is not a log source (tag hipaa-logging = source or role_words)")
        alerts, unknown = workspace_alerts(ctx.index)
        return judge_watchers(ctx.node, alerts.get(ctx.node.address, []), alert_problems, unknown,
                              f"no alert is scoped to {ctx.node.address}", REQUIRED, because)


check = AzureAbsenceAlert()
