"""Log Analytics workspaces that are log sources have an alert that fires when ingestion drops, and routes it."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.common import judge_watchers, no_action, source_reason, strings, targets, unique
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved, blocks, bool_attr, is_unresolved, scalar, str_attr
from hipaa_checks.verdict import Verdict, not_applicable

WORKSPACE = "azurerm_log_analytics_workspace"
# Alert type -> (attribute naming what it watches, criteria blocks, action attribute inside ``action``)
ALERTS: Dict[str, Tuple[str, Tuple[str, ...], str]] = {
    "azurerm_monitor_scheduled_query_rules_alert_v2": ("scopes", ("criteria",), "action_groups"),
    "azurerm_monitor_scheduled_query_rules_alert": ("data_source_id", ("trigger",), "action_group"),
    "azurerm_monitor_metric_alert": ("scopes", ("criteria", "dynamic_criteria"), "action_group_id"),
}
LOW = ("LessThan", "LessThanOrEqual")
REQUIRED = ("a scheduled query alert (v2: scopes; v1: data_source_id) or metric alert (scopes) on the workspace whose "
            'criteria fire on low volume (operator LessThan / LessThanOrEqual, or Equal with threshold 0), with an '
            "action group, and enabled not false")


def workspace_alerts(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
    """Workspace address -> alerts scoped to it; and alerts whose scope cannot be known."""

    def build(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
        by_workspace: Dict[str, List[Node]] = {}
        unknown: List[Node] = []
        for alert in index.of_type(*ALERTS):
            attribute = ALERTS[alert.type][0]
            watched = targets(index, alert, attribute, WORKSPACE)
            for workspace in watched:
                by_workspace.setdefault(workspace.address, []).append(alert)
            if not watched and any(is_unresolved(scope) for scope in strings(alert.conf, attribute)):
                unknown.append(alert)
        return by_workspace, unique(unknown)

    return index.memo("monitoring:azure-workspace-alerts", build)


def _number(criterion: dict, key: str) -> float:
    value = scalar(criterion, "threshold")
    if is_unresolved(value):
        raise Unresolved(key, value)
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BadValue(key, value, "a number") from None


def _low_volume(alert: Node) -> Optional[str]:
    """None when a criterion fires when the counted rows or metric drop; else what the criteria test instead."""
    found = []
    for kind in ALERTS[alert.type][1]:
        for criterion in blocks(alert.conf, kind):
            operator = str_attr(criterion, "operator", f"{kind}.operator")
            if operator in LOW or (operator == "Equal" and _number(criterion, f"{kind}.threshold") == 0):
                return None
            found.append(f"{kind}.operator = {operator!r}")
    return f"no criterion fires on low volume ({', '.join(found) or 'no criteria'})"


def _problems(alert: Node) -> List[str]:
    actions = ALERTS[alert.type][2]
    routed = any(not no_action(action, actions) for action in blocks(alert.conf, "action"))
    problems = [_low_volume(alert), None if routed else f"no action block with {actions}: the alert notifies no one"]
    if bool_attr(alert.conf, "enabled") is False:
        problems.append("enabled = false")
    return [problem for problem in problems if problem]


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
        return judge_watchers(ctx.node, alerts.get(ctx.node.address, []), _problems, unknown,
                              f"no alert is scoped to {ctx.node.address}", REQUIRED, because)


check = AzureAbsenceAlert()
