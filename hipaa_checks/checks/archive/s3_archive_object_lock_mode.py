"""Where S3 log archives use Object Lock, it locks in COMPLIANCE mode, which no one can bypass or shorten."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hipaa_checks.checks.archive.s3_hardening import OBJECT_LOCK, governing
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, bool_attr, str_attr
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable

REQUIRED = 'Object Lock with rule.default_retention.mode = "COMPLIANCE"'


def _default_retention(node: Node) -> Optional[dict]:
    lock = block(node.conf, "object_lock_configuration") if node.type == BUCKET else node.conf
    return block(block(lock, "rule"), "default_retention")


def _lock_enabled(bucket: Node) -> bool:
    inline = str_attr(block(bucket.conf, "object_lock_configuration"), "object_lock_enabled")
    return bool(bool_attr(bucket.conf, "object_lock_enabled")) or inline == "Enabled"


def _mode_problem(node: Node, retention: dict) -> Optional[str]:
    mode = (str_attr(retention, "mode") or "").strip().upper()
    if mode == "COMPLIANCE":
        return None
    if mode == "GOVERNANCE":
        return f"{node.address} default_retention.mode = GOVERNANCE (s3:BypassGovernanceRetention lifts it)"
    return f"{node.address} default_retention.mode = {mode!r}" if mode else f"{node.address} default_retention sets no mode"


class S3ArchiveObjectLockMode(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_006",
        title="S3 log archive buckets that use Object Lock lock logs in COMPLIANCE mode",
        family=Family.ARCHIVE,
        severity=Severity.MEDIUM,
        resources=(BUCKET, OBJECT_LOCK),
        since="0.1.0",
        why="HIPAA asks that audit records be protected from improper alteration or destruction. GOVERNANCE "
        "mode lets anyone with s3:BypassGovernanceRetention delete locked logs or shorten the lock; only "
        "COMPLIANCE mode holds against every user, root included. With require_object_lock, every archive needs it.",
        fix='Set rule.default_retention.mode = "COMPLIANCE" in the bucket\'s aws_s3_bucket_object_lock_configuration '
        "(legacy: the inline object_lock_configuration block); with require_object_lock: true, also set "
        "object_lock_enabled = true on the bucket and add that configuration.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = governing(ctx, OBJECT_LOCK)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        locks: List[Tuple[Node, dict]] = [(node, r) for node in judged if (r := _default_retention(node)) is not None]
        if not locks and not ctx.settings.require_object_lock:
            return not_applicable(f"{ctx.node.address} uses no Object Lock default retention")
        if not locks:
            enabled = any(node.type == OBJECT_LOCK or _lock_enabled(node) for node in judged)
            found = ("Object Lock enabled without a default retention, so delivered logs are written unlocked"
                     if enabled else "Object Lock is not enabled")
            return failed(f"{ctx.node.address}: {found}", f"{REQUIRED} (require_object_lock: true)", reason)
        return from_findings(
            [problem for node, retention in locks if (problem := _mode_problem(node, retention))],
            REQUIRED,
            reason,
            f"Object Lock default retention of {', '.join(node.address for node, _ in locks)} is in COMPLIANCE mode",
        )


check = S3ArchiveObjectLockMode()
