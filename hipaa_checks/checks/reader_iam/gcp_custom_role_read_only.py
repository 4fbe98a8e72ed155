"""Custom GCP roles that log readers hold only read."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.gcp_grants import CUSTOM_ROLE_TYPES, GCP, write_permissions
from hipaa_checks.checks.reader_iam.principal_grants import custom_role_reason
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class GcpCustomRoleReadOnly(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_018",
        title="Custom GCP roles held by log readers only read",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=CUSTOM_ROLE_TYPES,
        since="0.2.0",
        why="A custom role made for log readers is as wide as its permission list: one logging.buckets.delete, "
        "logging.sinks.update or resourcemanager.projects.setIamPolicy among the read permissions lets the "
        "reader destroy logs, redirect them or grant itself more.",
        fix="Keep only read permissions (service.resource.get*, list*, access, read, search, e.g. "
        "logging.logEntries.list, logging.views.access) in custom roles granted to log readers; move the rest "
        "to a separate role for administrators.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = custom_role_reason(ctx, GCP, "role_id", "title", "description")
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not granted to or named for a log reader")
        extra = write_permissions(ctx.node)
        return from_findings([f"{ctx.node.address} permissions include {', '.join(extra)}"] if extra else [],
                             "only read permissions (verb get*, list*, access, read or search)", reason,
                             "every permission only reads")


check = GcpCustomRoleReadOnly()
