"""What an Azure diagnostic setting exports and from where: its enabled logs, and whether its target is a
subscription (the activity log), a metrics-only resource, or a resource with logs."""

from __future__ import annotations

import re
from typing import Iterator, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.values import blocks, bool_attr, is_unresolved, scalar, str_attr

# Targets that emit metrics only: a metrics-only setting on them is all they can have.
METRICS_ONLY = {
    "azurerm_storage_account": "Microsoft.Storage/storageAccounts",
    "azurerm_virtual_machine": "Microsoft.Compute/virtualMachines",
    "azurerm_linux_virtual_machine": "Microsoft.Compute/virtualMachines",
    "azurerm_windows_virtual_machine": "Microsoft.Compute/virtualMachines",
    "azurerm_linux_virtual_machine_scale_set": "Microsoft.Compute/virtualMachineScaleSets",
    "azurerm_windows_virtual_machine_scale_set": "Microsoft.Compute/virtualMachineScaleSets",
    "azurerm_network_interface": "Microsoft.Network/networkInterfaces",
    "azurerm_managed_disk": "Microsoft.Compute/disks",
    "azurerm_service_plan": "Microsoft.Web/serverfarms",
    "azurerm_app_service_plan": "Microsoft.Web/serverfarms",
}
_SUBSCRIPTION_ID = re.compile(r"^/subscriptions/[^/]+/?$", re.IGNORECASE)
_LITERAL_TYPE = re.compile(r"/providers/([^/]+/[^/]+)/[^/]+/?$", re.IGNORECASE)


def enabled_logs(conf: dict) -> Iterator[Tuple[str, str]]:
    """("group" | "category", name) of every enabled log: enabled_log blocks and legacy log blocks."""
    for kind in ("enabled_log", "log"):
        for log in blocks(conf, kind):
            if kind == "log" and bool_attr(log, "enabled") is False:
                continue
            for key in ("category_group", "category"):
                value = str_attr(log, key, f"{kind}.{key}")
                if value:
                    yield ("group" if key == "category_group" else "category"), value


def target_kind(ctx: Context) -> Tuple[str, Optional[str]]:
    """("subscription" | "metrics-only" | "resource", how it was recognised) for target_resource_id."""
    raw = scalar(ctx.node.conf, "target_resource_id")
    for node in ctx.index.references(ctx.node.address, "target_resource_id"):
        if node.type == "azurerm_subscription":
            return "subscription", node.address
        if node.type in METRICS_ONLY and isinstance(raw, str) and "Services/" not in raw:
            return "metrics-only", node.address
    if isinstance(raw, str) and not is_unresolved(raw):
        literal = _LITERAL_TYPE.search(raw)
        if _SUBSCRIPTION_ID.match(raw.strip()):
            return "subscription", raw
        if literal and literal.group(1).lower() in {value.lower() for value in METRICS_ONLY.values()}:
            return "metrics-only", raw
    return "resource", None
