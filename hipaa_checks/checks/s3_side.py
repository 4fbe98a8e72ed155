"""S3 side resources (lifecycle, object lock, encryption, policy...) and the bucket each one configures."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import scalar

BUCKET = "aws_s3_bucket"


def governing(index: GraphIndex, side_type: str) -> Dict[str, List[Node]]:
    """Bucket address -> the ``side_type`` resources (lifecycle, object lock...) whose ``bucket`` names it; built once per graph."""

    def build(index: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for side in index.of_type(side_type):
            targets = [node for node in index.references(side.address, "bucket") if node.type == BUCKET]
            name = scalar(side.conf, "bucket")
            if not targets and isinstance(name, str):
                targets = [node for node in (index.named(name, BUCKET),) if node is not None]
            for bucket in targets:
                found.setdefault(bucket.address, []).append(side)
        return found

    return index.memo(f"s3-governing:{side_type}", build)


def archive_scope(ctx: Context, side_type: str) -> Tuple[Optional[str], List[Node]]:
    """Why the bucket behind this resource is a log archive (None when it is not), and the resources to judge.

    For a bucket: the bucket itself plus every ``side_type`` resource that targets it. For a side resource:
    itself, judged as an archive when its bucket is one, or when its own tag or name says so.
    """
    if ctx.node.type == BUCKET:
        return ctx.archive_reason(), [ctx.node, *governing(ctx.index, side_type).get(ctx.node.address, ())]
    bucket = ctx.referenced("bucket", BUCKET)
    reason = (ctx.archive_reason(bucket) if bucket is not None else None) or ctx.archive_reason()
    return reason, [ctx.node]
