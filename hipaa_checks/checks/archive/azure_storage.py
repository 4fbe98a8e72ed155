"""Azure storage accounts, the resources that configure them (containers, keys, policies), and their archive scope."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar

ACCOUNT = "azurerm_storage_account"
CONTAINER = "azurerm_storage_container"
ACCOUNT_KEY = "azurerm_storage_account_customer_managed_key"
CONTAINER_POLICY = "azurerm_storage_container_immutability_policy"
CONTAINER_ID = "storage_container_resource_manager_id"
# storage_account_id (4.9+ / 5.x) or storage_account_name (<= 4.x): a reference, a name or a resource ID
ACCOUNT_LINKS = ("storage_account_id", "storage_account_name")


def account_of(index: GraphIndex, node: Node) -> Optional[Node]:
    """The storage account ``node`` configures; an immutability policy reaches it through its container."""
    if node.type == CONTAINER_POLICY:
        for container in index.references(node.address, CONTAINER_ID):
            if container.type == CONTAINER:
                return account_of(index, container)
        value = scalar(node.conf, CONTAINER_ID)  # .../storageAccounts/<account>/blobServices/default/containers/<name>
        return index.named(value.split("/containers/")[0], ACCOUNT) if isinstance(value, str) else None
    for attribute in ACCOUNT_LINKS:
        for target in index.references(node.address, attribute):
            if target.type == ACCOUNT:
                return target
        value = scalar(node.conf, attribute)
        found = index.named(value, ACCOUNT) if isinstance(value, str) and value else None
        if found is not None:
            return found
    return None


def configuring(index: GraphIndex, side_type: str) -> Dict[str, List[Node]]:
    """Account address -> the ``side_type`` resources that configure it; built once per graph."""

    def build(index: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for side in index.of_type(side_type):
            account = account_of(index, side)
            if account is not None:
                found.setdefault(account.address, []).append(side)
        return found

    return index.memo(f"azure-storage-sides:{side_type}", build)


def archive_scope(ctx: Context, side_type: Optional[str] = None) -> Tuple[Optional[str], List[Node]]:
    """Why the account behind this resource is a log archive (None when it is not), and the resources to judge.

    For an account: the account plus every ``side_type`` resource that configures it. For a side resource:
    itself, judged when its account is an archive, or when its own tag or name says it holds logs.
    """
    if ctx.node.type == ACCOUNT:
        sides = configuring(ctx.index, side_type).get(ctx.node.address, []) if side_type else []
        return ctx.archive_reason(), [ctx.node, *sides]
    account = account_of(ctx.index, ctx.node)
    return (ctx.archive_reason(account) if account is not None else None) or ctx.archive_reason(), [ctx.node]


def label(ctx: Context, node: Node, key: str) -> str:
    """How a finding names an attribute: bare on the judged resource, with the address on a neighbour."""
    return key if node.address == ctx.node.address else f"{node.address}.{key}"


def text(conf: dict, key: str, name: str) -> Optional[str]:
    """A string attribute (None when absent) whose errors say ``name``; references raise Unresolved."""
    value = scalar(conf, key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadValue(name, value, "a string")
    if is_unresolved(value):
        raise Unresolved(name, value)
    return value


def is_set(conf: dict, key: str) -> bool:
    """The attribute holds something (a reference or a value known only after apply counts)."""
    return scalar(conf, key) not in (None, "", [], {})
