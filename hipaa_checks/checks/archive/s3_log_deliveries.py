"""Log deliveries AWS writes only to SSE-S3 buckets: for their buckets SSE-S3 is the only encryption possible.

Sources (docs/decisions.md, Archive): ALB access logs ("The only server-side encryption option that's
supported is Amazon S3-managed keys (SSE-S3)"), Classic Load Balancer access logs (encrypted with SSE-S3),
S3 server access logs (default encryption on the target bucket only with SSE-S3; SSE-KMS is not supported).
Network Load Balancer access logs accept SSE-KMS with a customer-managed key, so they are not listed.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import deliveries
from hipaa_checks.values import Unresolved, str_attr


def _only_sse_s3(delivery: Node, path: str) -> Optional[str]:
    """What ``delivery`` writes through ``path`` (e.g. "ALB access logs (aws_lb.web)") when AWS writes it only
    to SSE-S3 buckets, else None; an unresolved load_balancer_type raises Unresolved."""
    if delivery.type in ("aws_lb", "aws_alb"):
        kind = str_attr(delivery.conf, "load_balancer_type", f"{delivery.address}.load_balancer_type")
        logs = path.split("_", 1)[0]  # access_logs.bucket / connection_logs.bucket
        return f"ALB {logs} logs ({delivery.address})" if (kind or "application").lower() == "application" else None
    if delivery.type == "aws_elb":
        return f"Classic Load Balancer access logs ({delivery.address})"
    if path == "acl":
        return f"S3 server access logs ({delivery.address} grants log-delivery-write)"
    if delivery.type in ("aws_s3_bucket_logging", "aws_s3_bucket"):
        return f"S3 server access logs ({delivery.address})"
    return None


def sse_s3_only(index: GraphIndex, bucket: Node) -> Tuple[List[str], List[str]]:
    """The deliveries into ``bucket`` that AWS writes only to SSE-S3 buckets, and the other deliveries into it.

    A load balancer whose type cannot be resolved matters only when no other delivery settles the question:
    then its Unresolved propagates."""
    limited: List[str] = []
    others: List[str] = []
    unknown: List[Unresolved] = []
    for delivery, path in deliveries(index).get(bucket.address, ()):
        try:
            kind = _only_sse_s3(delivery, path)
        except Unresolved as exc:
            unknown.append(exc)
            continue
        (limited if kind else others).append(kind or delivery.address)
    if unknown and not limited:
        raise unknown[0]
    return list(dict.fromkeys(limited)), list(dict.fromkeys(others))
