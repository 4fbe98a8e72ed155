"""AWS log readers' policies name the log groups and archives they read, not Resource "*"."""

from __future__ import annotations

from typing import List, Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.aws_policies import POLICY_HOLDERS, allows, entries, expand, scopable, unscoped
from hipaa_checks.checks.reader_iam.aws_principals import reader_statements
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _finding(label: str, statement: dict) -> Optional[str]:
    if "NotResource" in statement:
        return f"{label} is an Allow with NotResource, which covers every resource not listed"
    wide = [entry for entry in entries(label, statement, "Resource") if unscoped(label, entry)]
    if not wide:
        return None
    if "NotAction" in statement:
        return f"{label} allows every action not in NotAction on Resource {wide}"
    patterns: List[str] = entries(label, statement, "Action")
    narrowable = sorted({action for pattern in patterns for action in expand(pattern) or () if scopable(action)})
    if not narrowable:
        return None  # e.g. logs:DescribeLogGroups: AWS accepts only "*" for it
    named = ", ".join(narrowable[:4]) + (f" and {len(narrowable) - 4} more" if len(narrowable) > 4 else "")
    return f"{label} grants {named} on Resource {wide}, though these accept resource ARNs (log groups, buckets, keys)"


class AwsReaderScoped(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_031",
        title="AWS log readers' policies are scoped to log group and archive ARNs",
        family=Family.READER_IAM,
        severity=Severity.MEDIUM,
        resources=POLICY_HOLDERS,
        since="0.2.0",
        why="Minimum necessary access (164.308(a)(4)) means a log reader reads the logs it reviews, not every "
        "bucket and log group in the account. Resource \"*\" on s3:GetObject reads every object of every bucket, "
        "PHI included; on logs:GetLogEvents it reads every application's logs.",
        fix="List the log group ARNs (arn:aws:logs:REGION:ACCOUNT:log-group:NAME:*) and archive ARNs "
        "(arn:aws:s3:::BUCKET, arn:aws:s3:::BUCKET/*) in Resource, or reference them (aws_cloudwatch_log_group.x.arn). "
        "Actions that accept no resource ARN (logs:DescribeLogGroups, s3:ListAllMyBuckets) may keep \"*\" in a "
        "statement of their own.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        judged = reader_statements(ctx)
        if judged is None:
            return not_applicable(f"{ctx.node.address} holds no policy text of a log reader")
        reason, found = judged
        return from_findings(
            [finding for label, statement in found if allows(label, statement) and (finding := _finding(label, statement))],
            "Resource limited to log group and archive ARNs for every action that accepts resource ARNs",
            reason,
            f"{len(found)} statement(s) scope their resources; {reason}",
        )


check = AwsReaderScoped()
