"""Where a log archive bucket sets an Object Lock default retention, it must protect logs at least six years."""

from __future__ import annotations

import math
from typing import Iterator, Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import required_days
from hipaa_checks.checks.s3_side import BUCKET, archive_scope
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, int_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

OBJECT_LOCK = "aws_s3_bucket_object_lock_configuration"
LONGEST_YEAR = 366  # years = N protects at least N * 365 days, and at most N * 366


def _default_retention(node: Node) -> Optional[dict]:
    lock = block(node.conf, "object_lock_configuration") if node.type == BUCKET else node.conf
    return block(block(lock, "rule"), "default_retention")


def _findings(node: Node, retention: dict, need: int) -> Iterator[str]:
    label = f"{node.address} default_retention"
    days, years = int_attr(retention, "days") or None, int_attr(retention, "years") or None  # plan JSON: 0 = unset
    if days is None and years is None:
        yield f"{label} sets neither days nor years"
    if days is not None and days < need:
        yield f"{label}.days = {days}"
    if years is not None and years * LONGEST_YEAR < need:
        yield f"{label}.years = {years} (at most {years * LONGEST_YEAR} days)"


class S3ArchiveObjectLockRetention(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_003",
        title="S3 log archive buckets with Object Lock default retention lock logs at least six years",
        family=Family.RETENTION,
        severity=Severity.MEDIUM,
        resources=(OBJECT_LOCK, BUCKET),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. An Object Lock default retention "
        "shorter than that lets logs be deleted or overwritten while they must still be kept, so the lock "
        "gives a false sense of tamper protection.",
        fix="Set rule.default_retention.years = 6 (or more), or days = 2192 (or more), on the bucket's "
        "aws_s3_bucket_object_lock_configuration (legacy: the inline object_lock_configuration block).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, OBJECT_LOCK)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        locks = [(node, retention) for node in judged if (retention := _default_retention(node)) is not None]
        if not locks:
            return not_applicable(f"{ctx.node.address} configures no Object Lock default retention")
        need = required_days(ctx.settings)
        return from_findings(
            [line for node, retention in locks for line in _findings(node, retention, need)],
            f"default_retention days >= {need} or years >= {math.ceil(need / LONGEST_YEAR)} (six years)",
            f"{reason}; retention applies to every log store",
            f"Object Lock default retention keeps logs at least {need} days",
        )


check = S3ArchiveObjectLockRetention()
