"""GCP alert policies, indexed once per graph: which log-based metrics their conditions watch, whether a
condition fires when the metric stops, and which metrics count which log bucket."""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

from hipaa_checks.checks.monitoring.common import no_action, unique
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import blocks, bool_attr, is_unresolved, scalar, str_attr

METRIC = "google_logging_metric"
BUCKET = "google_logging_project_bucket_config"
POLICY = "google_monitoring_alert_policy"
_USER_METRIC = re.compile(r"logging\.googleapis\.com/user/([^\"'\s)]+)")
# Condition kinds that can watch a metric -> the attribute holding their filter or query
CONDITIONS = {
    "condition_absent": "filter",
    "condition_threshold": "filter",
    "condition_monitoring_query_language": "query",
}


def _fires_on_silence(kind: str, condition: dict) -> bool:
    """Absence conditions, MQL absent_for, and conditions that treat missing data as active."""
    if kind == "condition_absent":
        return True
    if kind == "condition_monitoring_query_language" and "absent_for" in str(scalar(condition, "query") or ""):
        return True
    return str_attr(condition, "evaluation_missing_data", f"{kind}.evaluation_missing_data") == "EVALUATION_MISSING_DATA_ACTIVE"


def _watched(index: GraphIndex, policy: Node) -> Tuple[Dict[str, List[Tuple[str, dict]]], bool]:
    """Metric address -> the policy's conditions on it; and whether a condition names a metric not known statically."""
    referenced = [node for node in index.references(policy.address, "conditions") if node.type == METRIC]
    found: Dict[str, List[Tuple[str, dict]]] = {}
    unknown = False
    for conditions in blocks(policy.conf, "conditions"):
        for kind, attribute in CONDITIONS.items():
            for condition in blocks(conditions, kind):
                text = str(scalar(condition, attribute) or "")
                names = _USER_METRIC.findall(text)
                metrics = [index.named(name, METRIC) for name in names if not is_unresolved(name)]
                metrics += [node for node in referenced if node.address in text]
                unknown |= not any(metrics) and any(is_unresolved(name) or "${" in name for name in names)
                for metric in unique(node for node in metrics if node is not None):
                    found.setdefault(metric.address, []).append((kind, condition))
    return found, unknown


def alert_policies(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
    """Metric address -> alert policies with a condition on it; and policies whose metric cannot be known."""

    def build(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
        by_metric: Dict[str, List[Node]] = {}
        unknown: List[Node] = []
        for policy in index.of_type(POLICY):
            watched, unresolved = _watched(index, policy)
            for address in watched:
                by_metric.setdefault(address, []).append(policy)
            if unresolved:
                unknown.append(policy)
        return by_metric, unknown

    return index.memo("monitoring:gcp-alert-policies", build)


def policy_problems(index: GraphIndex, policy: Node, metric: Node) -> List[str]:
    """Why ``policy`` does not report ``metric`` going silent: no absence condition, no channel, disabled."""
    conditions = _watched(index, policy)[0].get(metric.address, [])
    problems = [] if any(_fires_on_silence(kind, condition) for kind, condition in conditions) else [
        f"its conditions on {metric.address} ({', '.join(kind for kind, _ in conditions)}) do not fire when the metric stops"]
    problems.append(no_action(policy.conf, "notification_channels", "notification_channels"))
    if bool_attr(policy.conf, "enabled") is False:
        problems.append("enabled = false")
    return [problem for problem in problems if problem]


def bucket_metrics(index: GraphIndex) -> Dict[str, List[Node]]:
    """Log bucket address -> the log-based metrics that count its logs (bucket_name by reference or path)."""

    def build(index: GraphIndex) -> Dict[str, List[Node]]:
        by_id = {str_attr(bucket.conf, "bucket_id"): bucket for bucket in index.of_type(BUCKET)
                 if not is_unresolved(scalar(bucket.conf, "bucket_id"))}
        found: Dict[str, List[Node]] = {}
        for metric in index.of_type(METRIC):
            path = scalar(metric.conf, "bucket_name")
            buckets = [node for node in index.references(metric.address, "bucket_name") if node.type == BUCKET]
            if isinstance(path, str) and not is_unresolved(path):
                buckets.append(by_id.get(path.rstrip("/").rsplit("/", 1)[-1]))
            for bucket in unique(node for node in buckets if node is not None):
                found.setdefault(bucket.address, []).append(metric)
        return found

    return index.memo("monitoring:gcp-bucket-metrics", build)
