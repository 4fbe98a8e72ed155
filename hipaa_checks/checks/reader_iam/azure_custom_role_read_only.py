"""Custom Azure role definitions that log readers hold only read."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.azure_grants import AZURE, CUSTOM_ROLE, write_actions
from hipaa_checks.checks.reader_iam.principal_grants import custom_role_reason
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class AzureCustomRoleReadOnly(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_019",
        title="Custom Azure roles held by log readers only read",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=(CUSTOM_ROLE,),
        since="0.2.0",
        why="A custom role definition made for log readers is as wide as its actions: '*', a write or delete "
        "action, workspaces/purge/action or storageAccounts/listKeys/action among the reads lets the reader "
        "destroy logs, purge records or take the archive's keys.",
        fix="Keep only */read-style actions and data actions, plus the Log Analytics query actions "
        "(workspaces/search/action, workspaces/analytics/query/action), in custom roles assigned to log readers.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = custom_role_reason(ctx, AZURE, "description")
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not assigned to or named for a log reader")
        extra = write_actions(ctx.node)
        return from_findings([f"{ctx.node.address} permits {', '.join(extra)}"] if extra else [],
                             "only actions and data actions ending in /read, and the Log Analytics query actions",
                             reason, "every action only reads")


check = AzureCustomRoleReadOnly()
