"""CloudWatch metric alarms, indexed once per graph: the metrics each alarm watches (top level or in
metric_query blocks), the log groups whose IncomingLogEvents / IncomingBytes they watch, and whether they
route anywhere; and the log metric filters that count failed console sign-ins."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.monitoring.common import no_action, unique, written
from hipaa_checks.checks.phi.data_protection import GROUP
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import Unresolved, block, blocks, bool_attr, is_unresolved, scalar, str_attr, tags

ALARM = "aws_cloudwatch_metric_alarm"
FILTER = "aws_cloudwatch_log_metric_filter"
LOGS_NAMESPACE = "AWS/Logs"
VOLUME_METRICS = ("IncomingLogEvents", "IncomingBytes")
# Filter patterns, without blanks and quotes, that select failed console sign-ins (CIS AWS 3.6 and the
# responseElements form); ":" is how Checkov renders "=" in patterns it passes through modules.
_CONSOLE_LOGIN = re.compile(r"\$\.eventName(?:={1,2}|:)ConsoleLogin\b")
_FAILURE = re.compile(r"\$\.errorMessage(?:={1,2}|:)Failedauthentication\b|\$\.responseElements\.ConsoleLogin(?:={1,2}|:)Failure\b")


@dataclass(frozen=True)
class Metric:
    namespace: object  # a string, or an unresolved expression
    name: object
    dimensions: Dict[str, object]

    @property
    def unresolved(self) -> bool:
        return any(is_unresolved(value) for value in (self.namespace, self.name, *self.dimensions.values()))


def metrics(alarm: Node) -> List[Metric]:
    """The metrics an alarm reads: its own, and each ``metric_query { metric { ... } }``."""
    shapes = [alarm.conf] + [metric for query in blocks(alarm.conf, "metric_query") for metric in blocks(query, "metric")]
    return [Metric(scalar(shape, "namespace"), scalar(shape, "metric_name"), tags(shape, "dimensions"))
            for shape in shapes if scalar(shape, "metric_name") is not None or scalar(shape, "namespace") is not None]


def _volume_groups(index: GraphIndex, alarm: Node, metric: Metric) -> Tuple[List[Node], bool]:
    """The log groups whose volume ``metric`` measures, and whether the metric's group is unknown."""
    if metric.namespace != LOGS_NAMESPACE or metric.name not in VOLUME_METRICS:
        return [], metric.unresolved and "LogGroupName" in metric.dimensions
    name = metric.dimensions.get("LogGroupName")
    # A name Checkov left as an expression still links when a group's name is the very same expression
    # (a module output passed through: both read "log-group-${random_pet.this.id}").
    named = index.named(name, GROUP) if isinstance(name, str) else None
    if named is not None or (isinstance(name, str) and not is_unresolved(name)):
        return ([named] if named else []), False
    referenced = [node for label in ("dimensions", "metric_query") for node in index.references(alarm.address, label)
                  if node.type == GROUP]
    return referenced, not referenced


def absence_alarms(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
    """Log group address -> alarms on its incoming volume; and alarms whose log group cannot be known."""

    def build(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
        by_group: Dict[str, List[Node]] = {}
        unknown: List[Node] = []
        for alarm in index.of_type(ALARM):
            for metric in metrics(alarm):
                groups, unresolved = _volume_groups(index, alarm, metric)
                for group in groups:
                    by_group.setdefault(group.address, []).append(alarm)
                if unresolved:
                    unknown.append(alarm)
        return {key: unique(value) for key, value in by_group.items()}, unique(unknown)

    return index.memo("monitoring:absence-alarms", build)


def alarms_on(index: GraphIndex, namespace: str, name: str) -> Tuple[List[Node], List[Node]]:
    """Alarms on the metric ``namespace``/``name``, and alarms whose metric cannot be known."""
    by_metric, unknown = index.memo("monitoring:alarms-by-metric", _by_metric)
    return by_metric.get((namespace, name), []), unknown


def transformation(metric_filter: Node) -> Tuple[str, str]:
    """The (namespace, name) of the metric a log metric filter publishes; may raise Unresolved."""
    published = block(metric_filter.conf, "metric_transformation") or {}
    return (str_attr(published, "namespace", "metric_transformation.namespace") or "",
            str_attr(published, "name", "metric_transformation.name") or "")


def _by_metric(index: GraphIndex) -> Tuple[Dict[Tuple[object, object], List[Node]], List[Node]]:
    by_metric: Dict[Tuple[object, object], List[Node]] = {}
    unknown: List[Node] = []
    for alarm in index.of_type(ALARM):
        for metric in metrics(alarm):
            key: Tuple[object, object] = (metric.namespace, metric.name)
            if is_unresolved(metric.namespace) or is_unresolved(metric.name):
                # metric_name = aws_cloudwatch_log_metric_filter.x.metric_transformation[0].name, which Checkov leaves
                published = [node for node in index.references(alarm.address, "metric_name") if node.type == FILTER]
                try:
                    key = transformation(published[0]) if published else key
                except Unresolved:
                    published = []
                if not published:
                    unknown.append(alarm)
                    continue
            by_metric.setdefault(key, []).append(alarm)
    return by_metric, unique(unknown)


def routing(alarm: Node) -> List[str]:
    """Why an alarm notifies no one: no alarm_actions, or actions_enabled = false."""
    problems = [no_action(alarm.conf, "alarm_actions")]
    if bool_attr(alarm.conf, "actions_enabled") is False:
        problems.append("actions_enabled = false")
    return [problem for problem in problems if problem]


def missing_data(alarm: Node) -> Optional[str]:
    """Why an alarm stays quiet when the metric stops: only "breaching" turns silence into an alarm."""
    value = str_attr(alarm.conf, "treat_missing_data")
    if value == "breaching":
        return None
    shown = f'treat_missing_data = "{value}"' if value else 'treat_missing_data not set (default "missing")'
    return f"{shown}: no data is not an alarm"


def matches_failed_login(index: GraphIndex, node: Node) -> Optional[bool]:
    """Whether a metric filter's pattern selects failed console sign-ins; None when the pattern is unknown."""
    pattern = written(index, node, "pattern")
    if not isinstance(pattern, str) or is_unresolved(pattern):
        return None
    pattern = re.sub(r"[\s\"'\\]", "", pattern)
    return bool(_CONSOLE_LOGIN.search(pattern) and _FAILURE.search(pattern))
