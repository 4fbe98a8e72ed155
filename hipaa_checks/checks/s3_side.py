"""S3 buckets and their side resources (lifecycle, object lock, encryption, policy...), for every family."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks import stores
from hipaa_checks.checks.base import Context
from hipaa_checks.graph import GraphIndex, Node

BUCKET = "aws_s3_bucket"


def bucket_of(index: GraphIndex, node: Node) -> Optional[Node]:
    """The bucket a side resource configures (its ``bucket`` attribute)."""
    return index.linked(node, "bucket", BUCKET)


def governing(index: GraphIndex, side_type: str) -> Dict[str, List[Node]]:
    """Bucket address -> the ``side_type`` resources that configure it; built once per graph."""
    return stores.sides(index, BUCKET, bucket_of, side_type)


def archive_scope(ctx: Context, *side_types: str) -> Tuple[Optional[str], List[Node]]:
    """Why the bucket behind this resource is a log archive (None when not), and the resources to judge."""
    return stores.archive_scope(ctx, BUCKET, bucket_of, *side_types)
