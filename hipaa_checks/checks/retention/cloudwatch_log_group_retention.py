"""CloudWatch log groups keep their events six years or never expire them."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.checks import stores
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import EVERY_LOG_STORE, judge_days
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import int_attr, scalar
from hipaa_checks.verdict import Verdict, failed

GROUP, RETENTION = "aws_cloudwatch_log_group", "aws_cloudwatch_log_group_retention"


def _group_of(index: GraphIndex, retention: Node) -> Optional[Node]:
    """The log group an aws_cloudwatch_log_group_retention governs (its log_group_name)."""
    return index.linked(retention, "log_group_name", GROUP)


class CloudWatchLogGroupRetention(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_001",
        title="CloudWatch log groups keep events at least six years or never expire them",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=(GROUP, RETENTION),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A log group with a shorter "
        "retention deletes audit evidence before an investigation or audit can use it.",
        fix="Set retention_in_days = 2192 (CloudWatch's six-year value) or longer, or leave it unset / 0 so "
        "events never expire. With a separate aws_cloudwatch_log_group_retention, set it there. "
        "Do not use log_group_class = \"DELIVERY\", which keeps events for one day.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = f"{EVERY_LOG_STORE}; {ctx.node.address} is a CloudWatch log group"
        if ctx.node.type == RETENTION:
            days = int_attr(conf, "retention_in_days")
            if days == 0:
                return failed("retention_in_days = 0", "a value >= 2192 (this resource does not accept 0)", because)
            return judge_days("retention_in_days", days, ctx.settings, because)
        if str(scalar(conf, "log_group_class")).upper() == "DELIVERY":
            return failed('log_group_class = "DELIVERY" (events kept one day)', "STANDARD or INFREQUENT_ACCESS", because)
        governing = next(iter(stores.sides(ctx.index, GROUP, _group_of, RETENTION).get(ctx.node.address, [])), None)
        if governing is not None:
            because += f"; its retention is set by {governing.address}"
            return judge_days("retention_in_days", int_attr(governing.conf, "retention_in_days"), ctx.settings, because)
        days = int_attr(conf, "retention_in_days")
        return judge_days(
            "retention_in_days", days or None, ctx.settings, because, absent_means="not set or 0, so events never expire"
        )


check = CloudWatchLogGroupRetention()
