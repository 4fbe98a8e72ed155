"""S3 log archives keep object versions, so an overwritten or deleted log can still be recovered."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.checks.archive.s3_hardening import VERSIONING, governing
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, bool_attr, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _problem(node: Node) -> Optional[str]:
    """Why ``node`` leaves the bucket unversioned, or None when it enables versioning."""
    if node.type == BUCKET:
        versioning = block(node.conf, "versioning")
        if versioning is None:
            return f"{node.address} configures no versioning (S3 buckets are unversioned by default)"
        enabled = bool_attr(versioning, "enabled")
        return None if enabled else f"{node.address} versioning.enabled = {'false' if enabled is False else 'not set'}"
    status = str_attr(block(node.conf, "versioning_configuration"), "status")
    if status is None:
        return f"{node.address} sets no versioning_configuration.status"
    return None if status.strip() == "Enabled" else f'{node.address} versioning_configuration.status = "{status}"'


class S3ArchiveVersioning(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_005",
        title="S3 log archive buckets keep object versions",
        family=Family.ARCHIVE,
        severity=Severity.MEDIUM,
        resources=(BUCKET, VERSIONING),
        since="0.1.0",
        why="HIPAA asks that audit records be protected from improper alteration or destruction. Without "
        "versioning, one PutObject or DeleteObject silently replaces or removes a log; with it, the earlier "
        "version stays recoverable and the change is visible.",
        fix='Add an aws_s3_bucket_versioning for the bucket with versioning_configuration { status = "Enabled" } '
        "(legacy: versioning { enabled = true } inside the aws_s3_bucket). Suspended or Disabled versioning fails.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = governing(ctx, VERSIONING)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        return from_findings(
            [problem for node in judged if (problem := _problem(node))],
            'versioning enabled: versioning_configuration.status = "Enabled" (legacy: versioning.enabled = true)',
            reason,
            f"versioning is enabled by {', '.join(node.address for node in judged)}",
        )


check = S3ArchiveVersioning()
