"""No AWS principal's policy may erase logs unconditionally: who can delete the audit trail is always answered."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.aws_buckets import reaches_archive
from hipaa_checks.checks.reader_iam.aws_managed import erases_logs, managed_name
from hipaa_checks.checks.reader_iam.aws_policies import POLICY_HOLDERS, ROLE, allows, destroying_actions, entries, statements
from hipaa_checks.checks.reader_iam.aws_principals import ATTACHMENTS, policy_arns
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import blocks
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _policy_findings(ctx: Context) -> List[str]:
    found = []
    for label, statement in statements(ctx.index, ctx.node):
        if not allows(label, statement) or statement.get("Condition"):
            continue
        actions = destroying_actions(label, statement)
        resources = entries(label, statement, "Resource") if "NotResource" not in statement else ["*"]
        archives = [entry for entry in resources if reaches_archive(ctx, label, entry)] if any(a.startswith("s3:") for a in actions) else []
        actions = [action for action in actions if action.startswith("logs:") or archives]
        if actions:
            found.append(f"{label} allows {', '.join(actions)} on {archives or resources} without a Condition")
    return found


class AwsLogTampering(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_033",
        title="No AWS policy lets a principal erase logs without a condition",
        family=Family.READER_IAM,
        sections=("164.312(c)(1)",),
        severity=Severity.HIGH,
        resources=(*POLICY_HOLDERS, *ATTACHMENTS),
        since="0.2.0",
        why="HIPAA's integrity standard asks that records be protected from improper alteration or destruction. "
        "Whoever may delete log groups or streams, shorten their retention, delete archive objects or their "
        "versions, or lift a bucket's policy, object lock or lifecycle can erase the audit trail. This check names "
        "every such policy, for any principal, so that question always has an answer.",
        fix="Remove those actions, or add a Condition that limits them (aws:MultiFactorAuthPresent, aws:PrincipalArn "
        "of a break-glass role, aws:RequestedRegion...). A deploy or admin role is expected to be flagged: skip it "
        "with a justification (# checkov:skip=HIPAA_AWS_033: Terraform deploy role, MFA-protected) or condition it.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        holds_text = ctx.node.type in POLICY_HOLDERS and (ctx.node.type != ROLE or any(blocks(conf, "inline_policy")))
        found = _policy_findings(ctx) if holds_text else []
        attached = list(policy_arns(ctx.index, ctx.node)) if ctx.node.type in (ROLE, *ATTACHMENTS) else []
        managed = [(item.arn, name) for item in attached if (name := managed_name(item.arn))]
        found += [f"{ctx.node.address} attaches {arn}, which allows deleting logs on every resource"
                  for arn, name in managed if erases_logs(name)]
        if not holds_text and not managed:
            judged = list(dict.fromkeys(item.policy.address for item in attached if item.policy is not None))
            return not_applicable(f"{ctx.node.address} carries no policy text and attaches no AWS managed policy" + (
                f"; the policies it attaches are judged as resources: {', '.join(judged)}" if judged else ""))
        return from_findings(found, "log-destroying actions only under a Condition (or on no log group or archive)",
                             "; ".join([f"{ctx.node.address} holds or attaches IAM permissions ({self.meta.id} covers every "
                                        "principal)", *dict.fromkeys(ctx.reasons)]),
                             f"{ctx.node.address} allows no unconditional log deletion")


check = AwsLogTampering()
