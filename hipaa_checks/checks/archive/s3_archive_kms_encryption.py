"""S3 log archives encrypt with a KMS key the organisation controls, so reading logs needs a key grant it can audit and revoke."""

from __future__ import annotations

from typing import Iterator, Tuple

from hipaa_checks.checks.archive.s3_hardening import NEEDED, SSE, SSE_S3, governing, kms_key
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, blocks, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

REQUIRED = {
    "customer": 'sse_algorithm "aws:kms" or "aws:kms:dsse" with kms_master_key_id naming a customer-managed KMS key',
    "any": 'sse_algorithm "aws:kms" or "aws:kms:dsse" (archive_kms: any accepts the AWS-managed aws/s3 key)',
    "none": "any server-side encryption (archive_kms: none)",
}


def _encryption(index: GraphIndex, node: Node) -> Iterator[Tuple[int, str]]:
    """(level, description) for each default-encryption rule of ``node``; SSE-S3 when it sets none."""
    legacy = node.type == BUCKET
    config = block(node.conf, "server_side_encryption_configuration") if legacy else node.conf
    prefix = "server_side_encryption_configuration.rule" if legacy else "rule"
    defaults = [block(rule, "apply_server_side_encryption_by_default") for rule in blocks(config, "rule")]
    if not any(defaults):
        yield SSE_S3, f"{node.address} sets no default encryption (S3 then applies SSE-S3, AES256 with keys held by S3)"
    for default in filter(None, defaults):
        algorithm = (str_attr(default, "sse_algorithm") or "").strip().lower()
        if algorithm in ("aws:kms", "aws:kms:dsse"):
            level, found = kms_key(index, node, default, f"{prefix}.apply_server_side_encryption_by_default.kms_master_key_id")
            yield level, f"{node.address} {found}"
        elif algorithm == "aes256":
            yield SSE_S3, f"{node.address} sse_algorithm = AES256 (SSE-S3, keys held by S3)"
        else:
            yield SSE_S3 - 1, f"{node.address} sse_algorithm = {algorithm!r} (not AES256, aws:kms or aws:kms:dsse)"


class S3ArchiveKmsEncryption(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_004",
        title="S3 log archive buckets are encrypted with a customer-managed KMS key",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(BUCKET, SSE),
        since="0.1.0",
        why="Logs can hold PHI. With SSE-S3 or the AWS-managed aws/s3 key, anyone allowed to read the bucket "
        "reads the logs; a customer-managed key adds a second, separately audited grant that can be revoked.",
        fix="Add an aws_s3_bucket_server_side_encryption_configuration whose rule sets "
        'apply_server_side_encryption_by_default { sse_algorithm = "aws:kms", kms_master_key_id = aws_kms_key.logs.arn } '
        "(legacy: the bucket's inline server_side_encryption_configuration block).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = governing(ctx, SSE)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        need = NEEDED[ctx.settings.archive_kms]
        found = [item for node in judged for item in _encryption(ctx.index, node)]
        return from_findings(
            [line for level, line in found if level < need],
            REQUIRED[ctx.settings.archive_kms],
            reason,
            "; ".join(line for _, line in found),
        )


check = S3ArchiveKmsEncryption()
