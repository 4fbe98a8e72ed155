"""Azure role assignments: the role each grants (by name, built-in GUID or custom definition), to which
principal, at which scope; which principals are log readers."""

from __future__ import annotations

import re
from typing import Iterable, List, Optional

from hipaa_checks.checks.archive.gcs_side import strings
from hipaa_checks.checks.reader_iam.principal_grants import Grant, Platform, permission_list
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import classify
from hipaa_checks.values import BadValue, Unresolved, blocks, is_unresolved, scalar, str_attr

ASSIGNMENT_TYPES = ("azurerm_role_assignment", "azurerm_pim_active_role_assignment",
                    "azurerm_pim_eligible_role_assignment")
CUSTOM_ROLE = "azurerm_role_definition"
# Built-in role definition GUIDs (the same in every tenant).
BUILT_IN = {
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
    "73c42c96-874c-492b-b04d-ab87d138a893": "Log Analytics Reader",
    "43d0d8ad-25c7-4714-9337-8ba259a9fe05": "Monitoring Reader",
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
    "92aaf0da-9dab-42b6-94a3-d43ce8d16293": "Log Analytics Contributor",
    "749f88d5-cbae-40b8-bcfc-e573ddc772fa": "Monitoring Contributor",
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
}
# Holding one of these makes a principal a log reader.
VIEWER_ROLES = ("Log Analytics Reader", "Monitoring Reader")
READ_ROLES = ("Reader",) + VIEWER_ROLES + ("Storage Blob Data Reader",)
ACCESS_ROLES = ("Owner", "Contributor", "User Access Administrator", "Role Based Access Control Administrator")
_LOG_PROVIDERS = ("microsoft.operationalinsights/", "microsoft.insights/", "microsoft.storage/", "microsoft.authorization/",
                  "*/")
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_PRINCIPAL = re.compile(r"(data\.)?(azuread|azurerm)_[a-z0-9_]+\.[\w-]+")
_ROLE_DEFINITION = re.compile(r"(data\.)?azurerm_role_definition\.[\w-]+")
_NAME_ATTRIBUTES = ("display_name", "name", "user_principal_name", "mail_nickname", "description")


def grants(node: Node, index: GraphIndex) -> List[Grant]:
    """The one grant of a role assignment; the principal may be a reference (it is keyed by it)."""
    principal = scalar(node.conf, "principal_id")
    if isinstance(principal, dict):
        raise Unresolved(f"{node.address} principal_id", principal)
    if not isinstance(principal, str) or not principal.strip():
        raise BadValue(f"{node.address} principal_id", principal, "a principal ID")
    return [Grant(node, scalar(node.conf, "role_definition_name") or scalar(node.conf, "role_definition_id"), principal)]


def principal_key(principal: str) -> str:
    """A principal by the resource or data source it refers to, else its ID as written."""
    reference = _PRINCIPAL.search(principal)
    return reference.group(0).removeprefix("data.") if reference else principal.strip().lower()


def _principal_texts(grant: Grant, index: GraphIndex) -> Iterable[str]:
    yield grant.principal
    description = scalar(grant.node.conf, "description")
    if isinstance(description, str):
        yield description
    key = principal_key(grant.principal)
    for principal in index.references(grant.node.address, "principal_id"):
        if principal.address.endswith(key):
            yield from (text for attr in _NAME_ATTRIBUTES if isinstance(text := scalar(principal.conf, attr), str))


def role_of(grant: Grant, index: GraphIndex) -> "tuple[Optional[str], Optional[Node]]":
    """(built-in role name, custom role definition) of a grant; a GUID no table or definition knows gives (None, None)."""
    where, role = f"{grant.node.address} role_definition", grant.role
    if isinstance(role, dict):
        raise Unresolved(where, role)
    if not isinstance(role, str) or not role.strip():
        raise BadValue(where, role, "a role definition name or ID")
    reference = _ROLE_DEFINITION.search(role)
    definition = next((node for node in index.references(grant.node.address)
                       if reference and node.address.endswith(reference.group(0))), None)
    if definition is not None and definition.type == CUSTOM_ROLE:
        return None, definition
    if definition is not None:  # data.azurerm_role_definition: a built-in looked up by name or ID
        role = str_attr(definition.conf, "name", f"{definition.address} name") or str_attr(
            definition.conf, "role_definition_id", f"{definition.address} role_definition_id") or ""
    elif is_unresolved(role):
        raise Unresolved(where, role)
    guids = _GUID.findall(role)  # the role's GUID comes last, after any subscription ID
    if not guids:
        return role.strip(), None
    guid = guids[-1].lower()
    custom = next((node for node in index.of_type(CUSTOM_ROLE)
                   if str(scalar(node.conf, "role_definition_id") or "").lower() == guid), None)
    return BUILT_IN.get(guid), custom


def _viewer(grant: Grant, index: GraphIndex) -> Optional[str]:
    name, _ = role_of(grant, index)
    return name if name in VIEWER_ROLES else None


def _touches_logs(grant: Grant, index: GraphIndex, settings: Settings) -> bool:
    """Reader, access-managing, Log Analytics, Monitoring and Storage roles (the latter unless scoped to a storage
    account that holds no logs), and custom roles with such actions; not other built-ins nor unknown GUIDs."""
    name, custom = role_of(grant, index)
    if custom is not None:
        return any(action.lower().startswith(_LOG_PROVIDERS) or action == "*"
                   for permissions in blocks(custom.conf, "permissions") for action in strings(permissions.get("actions")))
    if name is None:
        return False
    if name.startswith("Storage"):
        account = index.linked(grant.node, "scope", "azurerm_storage_account")
        return account is None or classify(account, Role.ARCHIVE, settings, index) is not None
    return name in READ_ROLES or name in ACCESS_ROLES or name.startswith(("Log Analytics", "Monitoring"))


AZURE = Platform("azure", ASSIGNMENT_TYPES, grants, principal_key, _principal_texts, _viewer, _touches_logs,
                 lambda grant, index: role_of(grant, index)[1])

# Actions of a custom role that only read: */read-style actions and the Log Analytics query actions.
_QUERY_ACTIONS = ("microsoft.operationalinsights/workspaces/search/action",
                  "microsoft.operationalinsights/workspaces/analytics/query/action")


def write_actions(definition: Node) -> List[str]:
    """The actions and data actions of a custom role definition that do more than read."""
    found = []
    for permissions in blocks(definition.conf, "permissions"):
        for key in ("actions", "data_actions"):
            found += [action for action in permission_list(permissions.get(key), f"{definition.address} permissions.{key}")
                      if not action.lower().endswith("/read") and action.lower() not in _QUERY_ACTIONS]
    return found
