"""CloudWatch log groups that are log sources and receive a CloudTrail trail alarm on failed console sign-ins."""

from __future__ import annotations

import re
from typing import Dict, List

from hipaa_checks.checks import stores
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.cloudwatch_alarms import ALARM, FILTER, alarms_on, matches_failed_login, routing, transformation
from hipaa_checks.checks.monitoring.common import judge_watchers, shortfalls, source_reason, unique
from hipaa_checks.checks.phi.data_protection import GROUP, group_of
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, not_applicable

TRAIL = "aws_cloudtrail"
_GROUP_ARN = re.compile(r":log-group:(.+?)(?::\*)?$")
REQUIRED = (f'an {FILTER} on the group whose pattern selects failed console sign-ins, e.g. {{ ($.eventName = ConsoleLogin) '
            f'&& ($.errorMessage = "Failed authentication") }}, and an {ALARM} on its metric_transformation (name and '
            "namespace) with alarm_actions set and actions_enabled not false")


def trail_groups(index: GraphIndex) -> Dict[str, str]:
    """Log group address -> the trail that delivers to it (cloud_watch_logs_group_arn, by reference or ARN)."""

    def build(index: GraphIndex) -> Dict[str, str]:
        fed: Dict[str, str] = {}
        for trail in index.of_type(TRAIL):
            groups = [node for node in index.references(trail.address, "cloud_watch_logs_group_arn") if node.type == GROUP]
            arn = scalar(trail.conf, "cloud_watch_logs_group_arn")
            match = _GROUP_ARN.search(arn) if isinstance(arn, str) and not is_unresolved(arn) else None
            named = index.named(match.group(1), GROUP) if match else None
            for group in groups + ([named] if named else []):
                fed.setdefault(group.address, trail.address)
        return fed

    return index.memo("monitoring:trail-groups", build)


def _alarm_problems(index: GraphIndex, metric_filter: Node) -> List[str]:
    """Why the filter's metric alarms no one (empty when one alarm on it routes somewhere)."""
    namespace, name = transformation(metric_filter)
    if matches_failed_login(index, metric_filter) is None:
        raise Unresolved("pattern", scalar(metric_filter.conf, "pattern"))
    alarms, unknown = alarms_on(index, namespace, name)
    return shortfalls(alarms, routing, unknown, f"no {ALARM} on metric {namespace}/{name}")


class CloudTrailFailedLoginAlarm(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_051",
        title="CloudTrail log groups that are log sources alarm on failed console sign-ins",
        family=Family.MONITORING,
        severity=Severity.HIGH,
        resources=(GROUP,),
        since="0.2.0",
        sections=("164.308(a)(5)(ii)(C)", "164.308(a)(6)(ii)"),
        why="HIPAA's log-in monitoring asks for procedures to monitor log-in attempts and report discrepancies. "
        "CloudTrail records every failed AWS console sign-in, but a record nobody looks at reports nothing: a "
        "metric filter turns the failures into a metric, and an alarm with an action tells someone about a "
        "password-guessing attempt while it is happening.",
        fix=f"Add an {FILTER} on the trail's log group with pattern = "
        '"{ ($.eventName = ConsoleLogin) && ($.errorMessage = \\"Failed authentication\\") }" and a '
        f"metric_transformation, and an {ALARM} on that metric (same metric_name and namespace) with "
        "alarm_actions = [aws_sns_topic.<alerts>.arn].",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        trail = trail_groups(ctx.index).get(ctx.node.address)
        because = source_reason(ctx) if trail else None
        if because is None:
            return not_applicable(f"{ctx.node.address} is not a log source that receives a CloudTrail trail")
        ctx.reasons.append(f"{trail} delivers to it (cloud_watch_logs_group_arn)")
        filters = stores.sides(ctx.index, GROUP, group_of, FILTER).get(ctx.node.address, [])
        watchers = [node for node in filters if matches_failed_login(ctx.index, node) is not False]
        unknown = ctx.index.memo("monitoring:unlinked-filters", lambda index: [
            node for node in index.of_type(FILTER)
            if group_of(index, node) is None and is_unresolved(scalar(node.conf, "log_group_name"))])
        return judge_watchers(
            ctx.node, unique(watchers), lambda node: _alarm_problems(ctx.index, node), unknown,
            f"no {FILTER} on {ctx.node.address} matches failed console sign-ins ({len(filters)} other filters)",
            REQUIRED, ctx.why_judged(self.id),
        )


check = CloudTrailFailedLoginAlarm()
