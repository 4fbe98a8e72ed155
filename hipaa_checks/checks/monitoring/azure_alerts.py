"""Azure Monitor alerts on Log Analytics workspaces, indexed once per graph: which workspace each alert watches,
whether its criteria fire when volume drops, and whether it routes to an action group."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.monitoring.common import no_action, strings, targets, unique
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, blocks, bool_attr, is_unresolved, scalar, str_attr

WORKSPACE = "azurerm_log_analytics_workspace"
# Alert type -> (attribute naming what it watches, criteria blocks, action attribute inside ``action``)
ALERTS: Dict[str, Tuple[str, Tuple[str, ...], str]] = {
    "azurerm_monitor_scheduled_query_rules_alert_v2": ("scopes", ("criteria",), "action_groups"),
    "azurerm_monitor_scheduled_query_rules_alert": ("data_source_id", ("trigger",), "action_group"),
    "azurerm_monitor_metric_alert": ("scopes", ("criteria", "dynamic_criteria"), "action_group_id"),
}
LOW = ("LessThan", "LessThanOrEqual")


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


def alert_problems(alert: Node) -> List[str]:
    """Why an alert does not report a silent workspace: criteria on high volume, no action group, disabled."""
    actions = ALERTS[alert.type][2]
    routed = any(not no_action(action, actions) for action in blocks(alert.conf, "action"))
    problems = [_low_volume(alert), None if routed else f"no action block with {actions}: the alert notifies no one"]
    if bool_attr(alert.conf, "enabled") is False:
        problems.append("enabled = false")
    return [problem for problem in problems if problem]
