"""S3 log archives encrypt with a KMS key the organisation controls, so reading logs needs a key grant it can audit and
revoke; buckets that receive deliveries AWS writes only to SSE-S3 buckets must use SSE-S3 instead."""

from __future__ import annotations

from typing import Iterator, List, Tuple

from hipaa_checks.checks.archive.s3_hardening import NEEDED, SSE, SSE_S3, governing, kms_key
from hipaa_checks.checks.archive.s3_log_deliveries import sse_s3_only
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET, bucket_of
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, blocks, str_attr
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable, passed

REQUIRED = {
    "customer": 'sse_algorithm "aws:kms" or "aws:kms:dsse" with kms_master_key_id naming a customer-managed KMS key',
    "any": 'sse_algorithm "aws:kms" or "aws:kms:dsse" (archive_kms: any accepts the AWS-managed aws/s3 key)',
    "none": "any server-side encryption (archive_kms: none)",
}


def _encryption(index: GraphIndex, node: Node) -> Iterator[Tuple[int, str, bool]]:
    """(level, description, is SSE-S3) for each default-encryption rule of ``node``; SSE-S3 when it sets none."""
    legacy = node.type == BUCKET
    config = block(node.conf, "server_side_encryption_configuration") if legacy else node.conf
    prefix = "server_side_encryption_configuration.rule" if legacy else "rule"
    defaults = [block(rule, "apply_server_side_encryption_by_default") for rule in blocks(config, "rule")]
    if not any(defaults):
        yield SSE_S3, f"{node.address} sets no default encryption (S3 then applies SSE-S3, AES256 with keys held by S3)", True
    for default in filter(None, defaults):
        algorithm = (str_attr(default, "sse_algorithm") or "").strip().lower()
        if algorithm in ("aws:kms", "aws:kms:dsse"):
            level, found = kms_key(index, node, default, f"{prefix}.apply_server_side_encryption_by_default.kms_master_key_id")
            yield level, f"{node.address} {found}", False
        elif algorithm == "aes256":
            yield SSE_S3, f"{node.address} sse_algorithm = AES256 (SSE-S3, keys held by S3)", True
        else:
            yield SSE_S3 - 1, f"{node.address} sse_algorithm = {algorithm!r} (not AES256, aws:kms or aws:kms:dsse)", False


def _only_sse_s3(found: List[Tuple[int, str, bool]], limited: List[str], others: List[str], reason: str) -> Verdict:
    """A bucket some delivery can write only SSE-S3 objects to: SSE-S3 is both the floor and the ceiling."""
    what = ", ".join(limited)
    wrong = [line for _, line, sse_s3 in found if not sse_s3]
    if wrong:
        return failed("; ".join(wrong), f'SSE-S3 (sse_algorithm = "AES256", or no default encryption): the only '
                      f"encryption AWS delivers {what} to", f"{reason}; with any other default encryption, "
                      f"{what} will not arrive")
    also = (f"; it also receives {', '.join(others)}, which could use a KMS key, but a bucket has one default "
            "encryption" if others else "")
    return passed(f"{'; '.join(line for _, line, _ in found)}: SSE-S3 is the only encryption {what} "
                  f"can be delivered to, so no KMS key is required{also}")


class S3ArchiveKmsEncryption(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_004",
        title="S3 log archive buckets are encrypted with a customer-managed KMS key",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(BUCKET, SSE),
        since="0.1.0",
        why="Logs can hold PHI. With SSE-S3 or the AWS-managed aws/s3 key, anyone allowed to read the bucket "
        "reads the logs; a customer-managed key adds a second, separately audited grant that can be revoked. "
        "AWS delivers ALB and Classic Load Balancer access logs and S3 server access logs only to SSE-S3 "
        "buckets, so a bucket receiving them must use SSE-S3 (AES256) instead: with a KMS key they never arrive.",
        fix="Add an aws_s3_bucket_server_side_encryption_configuration whose rule sets "
        'apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = aws_kms_key.logs.arn } '
        "(legacy: the bucket's inline server_side_encryption_configuration block). For a bucket that receives "
        'ALB, Classic Load Balancer or S3 server access logs, set sse_algorithm = "AES256" (or leave the default) '
        "and keep KMS-capable deliveries such as CloudTrail in a bucket of their own.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = governing(ctx, SSE)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        found = [item for node in judged for item in _encryption(ctx.index, node)]
        bucket = ctx.node if ctx.node.type == BUCKET else bucket_of(ctx.index, ctx.node)
        limited, others = sse_s3_only(ctx.index, bucket) if bucket is not None else ([], [])
        if limited:
            return _only_sse_s3(found, limited, others, reason)
        need = NEEDED[ctx.settings.archive_kms]
        return from_findings(
            [line for level, line, _ in found if level < need],
            REQUIRED[ctx.settings.archive_kms],
            reason,
            "; ".join(line for _, line, _ in found),
        )


check = S3ArchiveKmsEncryption()
