"""AWS log readers hold no AWS managed policy: none of them can be limited to the logs a reader reads."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.aws_managed import managed_name, too_broad
from hipaa_checks.checks.reader_iam.aws_policies import ROLE
from hipaa_checks.checks.reader_iam.aws_principals import ATTACHMENTS, attachments_of, policy_arns, reader_reason
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _findings(ctx: Context) -> List[str]:
    """Managed policies the judged resource attaches; a role is judged with every attachment that names it."""
    found = []
    for node in [ctx.node, *(attachments_of(ctx.index, ctx.node) if ctx.node.type == ROLE else [])]:
        for attached in policy_arns(ctx.index, node):
            name = managed_name(attached.arn)
            if name is not None:
                found.append(f"{node.address} attaches {attached.arn} ({too_broad(name)})")
            elif not attached.defined_here:
                raise Unresolved(f"{node.address} attaches a customer policy defined outside this configuration",
                                 attached.arn)
    return found


class AwsReaderManaged(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_032",
        title="AWS log readers hold no AWS managed policies",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=(ROLE, *ATTACHMENTS),
        since="0.2.0",
        why="AWS managed policies are written for every account, so they grant their actions on Resource \"*\": "
        "AdministratorAccess, PowerUserAccess, CloudWatchLogsFullAccess and AmazonS3FullAccess let a reader delete "
        "the logs it reviews; ReadOnlyAccess, ViewOnlyAccess and even CloudWatchLogsReadOnlyAccess reach far beyond "
        "the log groups and archives a reader needs (164.308(a)(4), minimum necessary).",
        fix="Detach the managed policy and attach a customer managed (or inline) policy that allows Read and List "
        "actions on the reader's log group and archive ARNs only; see docs/reader-iam-aws.md for a template.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = reader_reason(ctx)
        if reason is None:
            return not_applicable(f"{ctx.node.address} gives no policy to a log reader")
        return from_findings(
            _findings(ctx),
            "customer managed or inline policies scoped to the reader's logs; no AWS managed policy",
            reason,
            f"no AWS managed policy attached to or by {ctx.node.address}; {reason}",
        )


check = AwsReaderManaged()
