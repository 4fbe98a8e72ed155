"""CloudWatch log groups that are log sources have an alarm that fires when their logs stop arriving."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.cloudwatch_alarms import ALARM, LOGS_NAMESPACE, absence_alarms, missing_data, routing
from hipaa_checks.checks.monitoring.common import judge_watchers, source_reason
from hipaa_checks.checks.phi.data_protection import GROUP
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, not_applicable

REQUIRED = (f'an {ALARM} on namespace "{LOGS_NAMESPACE}", metric IncomingLogEvents or IncomingBytes, dimension '
            'LogGroupName = the group, with treat_missing_data = "breaching", alarm_actions set and actions_enabled not false')


class CloudWatchAbsenceAlarm(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_050",
        title="CloudWatch log groups that are log sources have an alarm that fires when their logs stop",
        family=Family.MONITORING,
        severity=Severity.HIGH,
        resources=(GROUP,),
        since="0.2.0",
        sections=("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"),
        why="A log source that goes quiet (an agent stopped, a role lost its permission, an attacker turned logging "
        "off) leaves no record and raises no error. HIPAA's activity review and incident response need someone to "
        "notice. When no logs arrive CloudWatch publishes no IncomingLogEvents data points at all, so only an alarm "
        'that treats missing data as "breaching" fires; the default "missing" keeps it quiet forever.',
        fix=f'Add an {ALARM} with namespace = "AWS/Logs", metric_name = "IncomingLogEvents", dimensions = '
        "{ LogGroupName = aws_cloudwatch_log_group.<name>.name }, comparison_operator = \"LessThanThreshold\", "
        'threshold = 1, treat_missing_data = "breaching" and alarm_actions = [aws_sns_topic.<alerts>.arn].',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = source_reason(ctx)
        if because is None:
            return not_applicable(f"{ctx.node.address} is not a log source (tag hipaa-logging = source or role_words)")
        watchers, unknown = absence_alarms(ctx.index)
        return judge_watchers(
            ctx.node, watchers.get(ctx.node.address, []),
            lambda alarm: [problem for problem in (missing_data(alarm), *routing(alarm)) if problem],
            unknown, f"no {ALARM} watches the IncomingLogEvents or IncomingBytes of {ctx.node.address}", REQUIRED, because,
        )


check = CloudWatchAbsenceAlarm()
