"""vSphere: roles from vSphere tags, and the port group behind each VM NIC.

vSphere tags are ``vsphere_tag`` resources, not key/value pairs: a VM tagged with a tag named for a role
(``host``) in a category named like ``role_tag_key`` (``hipaa-logging``) plays that role.
"""

from __future__ import annotations

from typing import Dict

from hipaa_checks.checks.network.onprem import all_linked
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex
from hipaa_checks.values import scalar

VM = "vsphere_virtual_machine"
NETWORKS = ("vsphere_network", "vsphere_distributed_port_group", "vsphere_host_port_group")


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    accepted = {value.lower() for value in settings.role_values.get(role, [])}
    found: Dict[str, str] = {}
    for vm in index.of_type(VM):
        for tag in all_linked(index, vm, "tags", ("vsphere_tag",)):
            name = scalar(tag.conf, "name")
            categories = all_linked(index, tag, "category_id", ("vsphere_tag_category",))
            if isinstance(name, str) and name.lower() in accepted and any(
                    scalar(category.conf, "name") == settings.role_tag_key for category in categories):
                found.setdefault(vm.address, f"vSphere tag {tag.address} = {name} in category {settings.role_tag_key}")
    return found
