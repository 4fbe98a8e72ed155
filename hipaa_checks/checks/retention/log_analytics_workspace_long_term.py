"""Log Analytics workspaces reach six years only through a longer tier: a table's total retention or a data export."""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import EVERY_LOG_STORE, required_days
from hipaa_checks.checks.retention.log_analytics_table_retention import TABLES, TOTAL
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import as_bool, as_int, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, failed, passed

WORKSPACE, EXPORT, AZAPI = "azurerm_log_analytics_workspace", "azurerm_log_analytics_data_export_rule", "azapi_resource"
LINK = {EXPORT: "workspace_resource_id", AZAPI: "parent_id", **{table: "workspace_id" for table in TABLES}}
# azapi_resource types for tables and exports (the Azure Verified Module creates them this way)
AZAPI_TABLE, AZAPI_EXPORT = "Microsoft.OperationalInsights/workspaces/tables@", "Microsoft.OperationalInsights/workspaces/dataExports@"
WORKSPACE_ID = re.compile(r"/workspaces/([^/]+)", re.IGNORECASE)
STORAGE_ID = re.compile(r"/providers/Microsoft\.Storage/storageAccounts/[^/]+/?$", re.IGNORECASE)


def _longer_tiers(index: GraphIndex) -> Dict[str, List[Node]]:
    """Workspace address -> its tables and data export rules, linked by reference or by the workspace's ID/name."""
    by_name = {str(scalar(ws.conf, "name")).lower(): ws.address for ws in index.of_type(WORKSPACE)}
    tiers: Dict[str, List[Node]] = {}
    for node in index.of_type(*LINK):
        if node.type == AZAPI and not str(scalar(node.conf, "type")).startswith((AZAPI_TABLE, AZAPI_EXPORT)):
            continue
        linked = {ws.address for ws in index.references(node.address, LINK[node.type]) if ws.type == WORKSPACE}
        named = WORKSPACE_ID.search(str(scalar(node.conf, LINK[node.type])))
        if not linked and named and named.group(1).lower() in by_name:
            linked = {by_name[named.group(1).lower()]}
        for address in linked:
            tiers.setdefault(address, []).append(node)
    return tiers


def _judge_tier(node: Node, need: int, index: GraphIndex) -> Tuple[bool, str]:
    """Whether a table or export rule keeps the workspace's logs six years, and what it holds."""
    if node.type == AZAPI:
        return _judge_azapi(node, need, index)
    if node.type != EXPORT:
        days = as_int(scalar(node.conf, TOTAL), f"{node.address}.{TOTAL}")
        return days is not None and days >= need, f"{node.address}.{TOTAL} = {days}"
    if not as_bool(scalar(node.conf, "enabled"), f"{node.address}.enabled"):
        return False, f"{node.address} is not enabled (enabled defaults to false)"
    return _exports_to_storage(node, scalar(node.conf, "destination_resource_id"), "destination_resource_id", index)


def _judge_azapi(node: Node, need: int, index: GraphIndex) -> Tuple[bool, str]:
    """The same judgement for an azapi_resource table (totalRetentionInDays) or data export (enable, destination)."""
    body = scalar(node.conf, "body")
    properties = body.get("properties") if isinstance(body, dict) else None
    if not isinstance(properties, dict):
        return False, f"{node.address}.body.properties not readable"
    if str(scalar(node.conf, "type")).startswith(AZAPI_TABLE):
        days = as_int(properties.get("totalRetentionInDays"), f"{node.address}.body.properties.totalRetentionInDays")
        return days is not None and days >= need, f"{node.address} totalRetentionInDays = {days}"
    if not as_bool(properties.get("enable"), f"{node.address}.body.properties.enable"):
        return False, f"{node.address} is not enabled (enable defaults to false)"
    destination = properties.get("destination")
    resource_id = destination.get("resourceId") if isinstance(destination, dict) else None
    return _exports_to_storage(node, resource_id, "body", index)


def _exports_to_storage(node: Node, destination: object, attribute: str, index: GraphIndex) -> Tuple[bool, str]:
    targets = index.references(node.address, attribute)
    to_storage = any(t.type == "azurerm_storage_account" for t in targets) or bool(STORAGE_ID.search(str(destination)))
    return to_storage, f"{node.address} exports to {destination}" + ("" if to_storage else ", not a storage account")


class LogAnalyticsWorkspaceLongTerm(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_001",
        title="Log Analytics workspaces keep logs six years through a longer tier (tables or data export)",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=(WORKSPACE,),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A workspace's own retention_in_days caps "
        "at 730 days; logs outlive it only in tables with a longer total retention, or exported to storage.",
        fix="Give the workspace's tables (azurerm_log_analytics_workspace_table*, or azapi_resource tables: "
        "totalRetentionInDays) total_retention_in_days = 2191 or "
        "more, or export its logs with an enabled azurerm_log_analytics_data_export_rule to a storage account.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        need = required_days(ctx.settings, tolerance=1)
        tiers = ctx.index.memo("azure-workspace-tiers", _longer_tiers).get(ctx.node.address, [])
        found = [f"retention_in_days = {scalar(conf, 'retention_in_days') or 'not set'}"]
        # Known values first, so that one unresolved table cannot hide a compliant one.
        for node in sorted(tiers, key=lambda tier: is_unresolved(tier.conf.get(TOTAL, tier.conf.get("enabled")))):
            enough, holds = _judge_tier(node, need, ctx.index)
            if enough:
                return passed(f"longer tier: {holds}")
            found.append(holds)
        return failed(
            "; ".join(found if tiers else found + ["no table or data export rule on this workspace"]),
            f"a table on this workspace with {TOTAL} >= {need}, or an enabled data export rule to a storage account",
            f"{EVERY_LOG_STORE}; a workspace's own retention_in_days caps at 730 days",
        )


check = LogAnalyticsWorkspaceLongTerm()
