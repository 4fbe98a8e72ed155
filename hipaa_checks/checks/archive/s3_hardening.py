"""Shapes shared by the S3 archive hardening checks: which configuration governs a bucket, and whose KMS key it names."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.s3_side import archive_scope
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import is_unresolved, scalar, str_attr

SSE = "aws_s3_bucket_server_side_encryption_configuration"
VERSIONING = "aws_s3_bucket_versioning"
OBJECT_LOCK = "aws_s3_bucket_object_lock_configuration"

# How much control the archive owner has over the encryption key, and what each archive_kms setting needs.
SSE_S3, AWS_MANAGED, CUSTOMER = 0, 1, 2
NEEDED = {"none": SSE_S3, "any": AWS_MANAGED, "customer": CUSTOMER}

KEY_TYPES = ("aws_kms_key", "aws_kms_replica_key", "aws_kms_external_key", "aws_kms_replica_external_key")
_KMS_REFERENCE = re.compile(r"^(data\.)?(aws_kms_\w+)\.([\w-]+)(\[[^\]]*\])?(\.\w+)?$")
_AWS_MANAGED_ALIAS = re.compile(r"(^|:)alias/aws/")
_KEY_IDENTIFIER = re.compile(r"^(arn:aws[\w-]*:kms:[\w-]*:\d*:(key|alias)/.+|alias/.+|(mrk-)?[0-9a-fA-F-]{32,36})$")


def governing(ctx: Context, side_type: str) -> Tuple[Optional[str], List[Node]]:
    """Like archive_scope, but a bucket's separate ``side_type`` resources replace its legacy inline block.

    The separate resource wins on apply, and a plan materialises the bucket's computed inline block
    (e.g. ``versioning { enabled = false }``) even when a separate resource configures it.
    """
    reason, judged = archive_scope(ctx, side_type)
    return reason, judged[1:] or judged


def kms_key(index: GraphIndex, node: Node, default: dict, path: str, attribute: str = "kms_master_key_id") -> Tuple[int, str]:
    """The level (SSE_S3, AWS_MANAGED, CUSTOMER) of the key ``attribute`` of ``default`` names, and how it was found."""
    value = scalar(default, attribute)
    if value in (None, ""):
        return AWS_MANAGED, f"aws:kms without {attribute} (the AWS-managed aws/s3 key)"
    if isinstance(value, str) and is_unresolved(value):
        match = _KMS_REFERENCE.match(value.strip().removeprefix("${").removesuffix("}"))
        if match and match.group(2) in KEY_TYPES + ("aws_kms_alias",) and not match.group(1):
            return CUSTOMER, f"{attribute} = {value} (a key this configuration manages)"
        target = index.node(f"{match.group(1) or ''}{match.group(2)}.{match.group(3)}") if match else None
        target = target or next((n for n in index.references(node.address, path) if n.type.startswith("aws_kms_")), None)
        if target is not None:
            return _data_source_key(target, f"{attribute} = {value}")
    return _literal_key(str_attr(default, attribute) or "", attribute)


def _data_source_key(target: Node, found_value: str) -> Tuple[int, str]:
    """A key found through the graph: managed here (customer), or looked up by a data source (read its id/name)."""
    if not target.is_data_source and target.type in KEY_TYPES + ("aws_kms_alias",):
        return CUSTOMER, f"{found_value} ({target.address}, a key this configuration manages)"
    attribute = "name" if target.type == "aws_kms_alias" else "key_id"
    level, found = _literal_key(str_attr(target.conf, attribute) or "", f"{target.address}.{attribute}")
    return level, f"{found_value}, {found}"


def _literal_key(text: str, key: str) -> Tuple[int, str]:
    if _AWS_MANAGED_ALIAS.search(text):
        return AWS_MANAGED, f'{key} = "{text}" (an AWS-managed key)'
    if _KEY_IDENTIFIER.match(text.strip()):
        return CUSTOMER, f'{key} = "{text}" (a customer-managed key)'
    return SSE_S3, f'{key} = "{text}" (not a KMS key ARN, key ID or alias)'
