"""Azure storage accounts and the resources that configure them (containers, keys, policies), for every family."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hipaa_checks.checks import stores
from hipaa_checks.checks.base import Context
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import scalar

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
        container = index.linked(node, CONTAINER_ID, CONTAINER)
        if container is not None:
            return account_of(index, container)
        value = scalar(node.conf, CONTAINER_ID)  # .../storageAccounts/<account>/blobServices/default/containers/<name>
        return index.named(value.split("/containers/")[0], ACCOUNT) if isinstance(value, str) else None
    return next(filter(None, (index.linked(node, attribute, ACCOUNT) for attribute in ACCOUNT_LINKS)), None)


def archive_scope(ctx: Context, *side_types: str) -> Tuple[Optional[str], List[Node]]:
    """Why the account behind this resource is a log archive (None when it is not), and the resources to judge."""
    return stores.archive_scope(ctx, ACCOUNT, account_of, *side_types, holders=(CONTAINER,))


def label(ctx: Context, node: Node, key: str) -> str:
    """How a finding names an attribute: bare on the judged resource, with the address on a neighbour."""
    return key if node.address == ctx.node.address else f"{node.address}.{key}"


def is_set(conf: dict, key: str) -> bool:
    """The attribute holds something (a reference or a value known only after apply counts)."""
    return scalar(conf, key) not in (None, "", [], {})
