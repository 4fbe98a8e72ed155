"""Log archive buckets must not let an S3 lifecycle rule delete logs (or their old versions) before six years."""

from __future__ import annotations

from typing import Iterator

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import required_days
from hipaa_checks.checks.s3_side import BUCKET, archive_scope
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, blocks, bool_attr, int_attr, scalar, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

LIFECYCLE = "aws_s3_bucket_lifecycle_configuration"


def _findings(node: Node, need: int) -> Iterator[str]:
    """One line per enabled rule value of ``node`` that deletes logs, or old versions of them, too early."""
    legacy = node.type == BUCKET
    for number, rule in enumerate(blocks(node.conf, "lifecycle_rule" if legacy else "rule")):
        if (bool_attr(rule, "enabled") is False) if legacy else (str_attr(rule, "status") == "Disabled"):
            continue
        kind, rule_id = "lifecycle_rule" if legacy else "rule", scalar(rule, "id")
        label = f'{node.address} {kind} "{rule_id}"' if rule_id else f"{node.address} {kind}[{number}]"
        expiration = block(rule, "expiration")
        days = int_attr(expiration, "days") or None  # 0 is how plan JSON shows "not set"
        if days is not None and days < need:
            yield f"{label} expiration.days = {days}"
        date = scalar(expiration, "date")
        if date not in (None, ""):
            yield f"{label} expiration.date = {date} (deletes every log on that day, however recent)"
        noncurrent_key = "days" if legacy else "noncurrent_days"
        noncurrent = int_attr(block(rule, "noncurrent_version_expiration"), noncurrent_key) or None
        if noncurrent is not None and noncurrent < need:
            yield f"{label} noncurrent_version_expiration.{noncurrent_key} = {noncurrent}"


class S3ArchiveLifecycleExpiration(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_002",
        title="S3 log archive buckets do not expire logs before six years",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=(BUCKET, LIFECYCLE),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A lifecycle rule that expires "
        "objects (or their noncurrent versions) sooner in a bucket that receives logs deletes the audit "
        "evidence an investigation or audit needs.",
        fix="In every enabled lifecycle rule of a log archive bucket, remove expiration or set expiration.days "
        "to 2192 or more, never use expiration.date, and set noncurrent_version_expiration.noncurrent_days "
        "(legacy inline lifecycle_rule: .days) to 2192 or more. Transitions to cheaper storage classes are fine.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, LIFECYCLE)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        need = required_days(ctx.settings)
        return from_findings(
            [line for node in judged for line in _findings(node, need)],
            f"no enabled lifecycle rule expires objects or noncurrent versions before {need} days (six years)",
            f"{reason}; retention applies to every log store",
            f"no enabled lifecycle rule expires logs before {need} days",
        )


check = S3ArchiveLifecycleExpiration()
