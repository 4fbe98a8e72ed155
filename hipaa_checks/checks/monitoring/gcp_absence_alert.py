"""GCP log-based metrics (and the log buckets they count) that are log sources have an alert policy that fires
when the metric stops, and tells someone."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.common import judge_watchers, shortfalls, source_reason
from hipaa_checks.checks.monitoring.gcp_alerts import BUCKET, METRIC, POLICY, alert_policies, bucket_metrics, policy_problems
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import scalar
from hipaa_checks.verdict import Verdict, not_applicable

REQUIRED = (f"a {POLICY} with a condition_absent (or a threshold / MQL condition with evaluation_missing_data = "
            '"EVALUATION_MISSING_DATA_ACTIVE", or an MQL absent_for) on metric.type = "logging.googleapis.com/user/<metric>", '
            "notification_channels set and enabled not false")


class GcpAbsenceAlert(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_025",
        title="GCP log-based metrics and log buckets that are log sources have an alert policy that fires on silence",
        family=Family.MONITORING,
        severity=Severity.HIGH,
        resources=(METRIC, BUCKET),
        since="0.2.0",
        sections=("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"),
        why="A log source that goes quiet (a sink filter changed, an agent stopped, logging excluded) leaves no "
        "record and raises no error. HIPAA's activity review and incident response need someone to notice. In "
        "Cloud Monitoring a metric-absence condition is what turns silence into an incident; a threshold "
        "condition does nothing when no data arrives, and a policy without notification channels tells no one.",
        fix=f"Count the source's entries with a {METRIC} (for a log bucket: bucket_name = the bucket) and add a "
        f'{POLICY} with conditions {{ condition_absent {{ filter = "metric.type=\\"logging.googleapis.com/user/'
        '${google_logging_metric.<name>.name}\\" AND resource.type=\\"...\\"", duration = "900s" } } and '
        "notification_channels = [google_monitoring_notification_channel.<oncall>.id].",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = source_reason(ctx)
        if because is None:
            return not_applicable(f"{ctx.node.address} is not a log source (role_words for source)")
        policies, unknown = alert_policies(ctx.index)
        if ctx.node.type == METRIC:
            return judge_watchers(ctx.node, policies.get(ctx.node.address, []),
                                  lambda policy: policy_problems(ctx.index, policy, ctx.node), unknown,
                                  f"no {POLICY} has a condition on logging.googleapis.com/user/{scalar(conf, 'name')}",
                                  REQUIRED, because)

        def metric_problems(metric: Node) -> List[str]:
            return shortfalls(policies.get(metric.address, []), lambda policy: policy_problems(ctx.index, policy, metric),
                              unknown, f"no {POLICY} has a condition on it")

        return judge_watchers(ctx.node, bucket_metrics(ctx.index).get(ctx.node.address, []), metric_problems, [],
                              f"no {METRIC} counts the logs of {ctx.node.address} (bucket_name)", REQUIRED, because)


check = GcpAbsenceAlert()
