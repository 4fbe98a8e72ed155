"""CloudWatch Logs data protection policies in every shape: JSON text, jsonencode(...), or the
aws_cloudwatch_log_data_protection_policy_document data source; read as (operation, identifiers) statements."""

from __future__ import annotations

import re
from typing import Any, FrozenSet, List, Optional, Tuple

from checkov.common.util.type_forcers import force_list

from hipaa_checks.checks.archive.s3_policy import parse_json_text
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, blocks, is_unresolved, scalar, str_attr, unwrap

GROUP = "aws_cloudwatch_log_group"
POLICY = "aws_cloudwatch_log_data_protection_policy"
ACCOUNT_POLICY = "aws_cloudwatch_log_account_policy"
DOCUMENT = "aws_cloudwatch_log_data_protection_policy_document"
OPERATIONS = ("audit", "deidentify")
_QUOTED_LIST = re.compile(r"'(\[[^\[\]]*\])'")
Statement = Tuple[FrozenSet[str], FrozenSet[str]]  # (operations, data identifier names)


def identifier_name(value: Any, key: str) -> str:
    """``Ssn-US`` from ``arn:<partition>:dataprotection::aws:data-identifier/Ssn-US`` (custom names stay as they
    are); an interpolated partition (``arn:${data.aws_partition.current.partition}:...``) does not hide the name."""
    if not isinstance(value, str):
        raise BadValue(key, value, "a data identifier ARN or name")
    name = value.strip().rsplit("data-identifier/", 1)[-1]
    if not name or "${" in name or is_unresolved(name):
        raise Unresolved(key, value)
    return name


def group_of(index: GraphIndex, policy: Node) -> Optional[Node]:
    return index.linked(policy, "log_group_name", GROUP)


def unlinked_policies(index: GraphIndex) -> List[Node]:
    """Policies whose log group cannot be found (a module variable or output): they may govern any group."""
    return index.memo(f"unlinked:{POLICY}", lambda index: [
        node for node in index.of_type(POLICY)
        if group_of(index, node) is None and is_unresolved(scalar(node.conf, "log_group_name"))
    ])


def account_policies(index: GraphIndex) -> List[Node]:
    """Account-wide data protection policies, which apply to every log group of the account."""
    return [node for node in index.of_type(ACCOUNT_POLICY) if str_attr(node.conf, "policy_type") == "DATA_PROTECTION_POLICY"]


def statements(index: GraphIndex, node: Node) -> List[Statement]:
    """The statements of a data protection policy (or account policy) resource."""
    key = f"{node.address}.policy_document"
    document = next((ref for ref in index.references(node.address, "policy_document") if ref.type == DOCUMENT), None)
    if document is not None:
        return [_from_block(statement, f"{document.address}.statement") for statement in blocks(document.conf, "statement")]
    value = scalar(node.conf, "policy_document")
    parsed = _parse(key, value) if isinstance(value, str) else value
    if not isinstance(parsed, dict) or not all(isinstance(item, dict) for item in force_list(parsed.get("Statement"))):
        raise BadValue(key, value, "a data protection policy with a Statement list")
    return [_from_json(statement, f"{key}.Statement") for statement in force_list(parsed.get("Statement"))]


def _parse(key: str, text: str) -> Any:
    try:
        return parse_json_text(key, text, "a data protection policy (JSON)")
    except Unresolved:
        # Checkov renders a local list used twice inside jsonencode as a quoted list the second time: '['a', 'b']'
        repaired = _QUOTED_LIST.sub(r"\1", text)
        if repaired == text:
            raise
        return parse_json_text(key, repaired, "a data protection policy (JSON)")


def _from_json(statement: dict, key: str) -> Statement:
    operation = statement.get("Operation")
    operations = {name.lower() for name in operation} if isinstance(operation, dict) else set()
    names = {identifier_name(item, f"{key}.DataIdentifier") for item in force_list(statement.get("DataIdentifier"))}
    return frozenset(operations & set(OPERATIONS)), frozenset(names)


def _from_block(statement: dict, key: str) -> Statement:
    operations = {name for operation in blocks(statement, "operation") for name in OPERATIONS if next(blocks(operation, name), None) is not None}
    identifiers = unwrap(statement.get("data_identifiers"))
    if isinstance(identifiers, str) and is_unresolved(identifiers):
        raise Unresolved(f"{key}.data_identifiers", identifiers)
    names = {identifier_name(item, f"{key}.data_identifiers") for item in force_list(identifiers) if item is not None}
    return frozenset(operations), frozenset(names)
