"""Nutanix: roles from VM categories (``categories { name = "hipaa-logging", value = "host" }``), which are
name/value blocks rather than tags."""

from __future__ import annotations

from typing import Dict

from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex
from hipaa_checks.values import blocks, scalar

VM = "nutanix_virtual_machine"
SUBNETS = ("nutanix_subnet", "nutanix_subnet_v2")


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    accepted = {value.lower() for value in settings.role_values.get(role, [])}
    found: Dict[str, str] = {}
    for vm in index.of_type(VM):
        for category in blocks(vm.conf, "categories"):
            value = scalar(category, "value")
            if scalar(category, "name") == settings.role_tag_key and str(value).lower() in accepted:
                found.setdefault(vm.address, f"Nutanix category {settings.role_tag_key} = {value}")
    return found
