"""S3 log archives turn on all four S3 Block Public Access flags, for the bucket or for the whole account."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.s3_side import BUCKET, archive_scope
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, as_bool, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable

BLOCK = "aws_s3_bucket_public_access_block"
ACCOUNT_BLOCK = "aws_s3_account_public_access_block"
FLAGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
REQUIRED = f"{', '.join(FLAGS)} all true, on the bucket's {BLOCK} or an {ACCOUNT_BLOCK}"


def _missing(flag: str, blocks: List[Node]) -> str:
    """Why ``flag`` is not on: the values found (false, or absent = default false)."""
    values = [f"{_shown(node.conf, flag)} on {node.address}" for node in blocks]
    return f"{flag} ({', '.join(values)})"


def _shown(conf: dict, flag: str) -> str:
    value = scalar(conf, flag)
    if value is None:
        return "null (default false)" if flag in conf else "absent (default false)"
    return str(value).lower() if isinstance(value, bool) else repr(value)


class S3ArchivePublicAccessBlock(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_007",
        title="S3 log archive buckets block public access with all four Block Public Access flags",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(BUCKET, BLOCK),
        since="0.1.0",
        why="Logs hold ePHI and security evidence. S3 Block Public Access is the guard rail that keeps a "
        "later ACL or bucket policy from exposing them; every flag defaults to false, so a bucket without "
        "it is one mistaken grant away from being public.",
        fix="Add an aws_s3_bucket_public_access_block for the bucket (or an aws_s3_account_public_access_block) "
        "with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, BLOCK)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive bucket")
        blocks = [node for node in judged if node.type == BLOCK] + ctx.index.of_type(ACCOUNT_BLOCK)
        if not blocks:
            return failed(f"no {BLOCK} for {ctx.node.address} and no {ACCOUNT_BLOCK}: all four flags default to false",
                          REQUIRED, reason)
        missing = []
        for flag in FLAGS:  # AWS applies a flag when the bucket's or the account's block sets it
            values = [(f"{node.address}.{flag}", scalar(node.conf, flag)) for node in blocks]
            if any(not is_unresolved(value) and as_bool(value, key) for key, value in values):
                continue
            pending = [(key, value) for key, value in values if is_unresolved(value)]
            if pending:
                raise Unresolved(*pending[0])
            missing.append(_missing(flag, blocks))
        return from_findings(
            [f"not true: {', '.join(missing)}"] if missing else [],
            REQUIRED,
            reason,
            f"all four Block Public Access flags are on; {reason}",
        )


check = S3ArchivePublicAccessBlock()
