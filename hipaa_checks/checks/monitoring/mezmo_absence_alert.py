"""Mezmo pipeline sources that are log sources have an active absence alert."""

from __future__ import annotations

from typing import Dict, List, Tuple

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.common import judge_watchers, source_reason, unique
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import bool_attr, scalar
from hipaa_checks.verdict import Verdict, not_applicable

ALERT = "mezmo_absence_alert"
SOURCES = tuple(f"mezmo_{kind}_source" for kind in (
    "agent", "azure_event_hub", "datadog", "fluent", "http", "http_client", "kafka", "kinesis_firehose",
    "log_analysis", "log_analysis_ingestion", "logstash", "open_telemetry_combined", "open_telemetry_logs", "s3",
    "shared", "splunk_hec", "sqs", "webhook",
))
OTHER_KINDS = ("transform", "processor", "sink", "destination")
ROUTES = ("ingestion_key", "alert_payload")  # the delivery: Log Analysis ingestion (current), or a payload (older)
REQUIRED = f"a {ALERT} with component_id = the source's id, active not false, and {' or '.join(ROUTES)} set"


def absence_alerts(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
    """Source address -> absence alerts attached to it; and alerts whose component is not in this module."""

    def build(index: GraphIndex) -> Tuple[Dict[str, List[Node]], List[Node]]:
        by_source: Dict[str, List[Node]] = {}
        unknown: List[Node] = []
        for alert in index.of_type(ALERT):
            referenced = index.references(alert.address, "component_id")
            for component in (node for node in referenced if node.type in SOURCES):
                by_source.setdefault(component.address, []).append(alert)
            if not referenced and scalar(alert.conf, "component_kind") not in OTHER_KINDS:
                unknown.append(alert)  # a component ID from outside this module may be any source
        return by_source, unique(unknown)

    return index.memo("monitoring:mezmo-absence-alerts", build)


def _problems(alert: Node) -> List[str]:
    problems = ["active = false"] if bool_attr(alert.conf, "active") is False else []
    if all(scalar(alert.conf, key) in (None, "", {}) for key in ROUTES):
        problems.append(f"neither {' nor '.join(ROUTES)} set: the alert is delivered nowhere")
    return problems


class MezmoAbsenceAlert(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_011",
        title="Mezmo pipeline sources that are log sources have an active absence alert",
        family=Family.MONITORING,
        severity=Severity.HIGH,
        resources=SOURCES,
        since="0.2.0",
        sections=("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"),
        why="A pipeline source whose senders stop (an agent uninstalled, a webhook removed, a key revoked) just "
        "receives nothing: the pipeline keeps running and nobody notices. HIPAA's activity review and incident "
        "response need someone to. A Mezmo absence alert on the source fires when no events arrive in its window.",
        fix=f'Add a {ALERT} with pipeline_id, component_kind = "source", component_id = <source>.id, inputs = '
        '[<source>.id], event_type = "log", window_duration_minutes, subject, message and ingestion_key; leave '
        "active unset or true.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = source_reason(ctx)
        if because is None:
            return not_applicable(f"{ctx.node.address} is not a log source (role_words for source)")
        alerts, unknown = absence_alerts(ctx.index)
        return judge_watchers(ctx.node, alerts.get(ctx.node.address, []), _problems, unknown,
                              f"no {ALERT} has component_id = {ctx.node.address}.id", REQUIRED, because)


check = MezmoAbsenceAlert()
