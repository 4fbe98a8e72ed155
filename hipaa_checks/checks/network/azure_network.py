"""Azure machines, network interfaces, subnets and the network security groups that govern them.

A log host or shipper is a VM, scale set or NIC by tag or name (``roles.direct``). Through the graph,
the NICs of such a VM play its role, and so does every NSG that filters their traffic: one associated
with the NIC, one associated with the NIC's subnet, or one named by a scale set's network interface.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, Iterable, List, TypeVar

from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node, module_prefix
from hipaa_checks.roles import direct
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, values_at
from hipaa_checks.verdict import Verdict, from_findings

VMS = ("azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine", "azurerm_virtual_machine")
SCALE_SETS = (
    "azurerm_linux_virtual_machine_scale_set",
    "azurerm_windows_virtual_machine_scale_set",
    "azurerm_orchestrated_virtual_machine_scale_set",
)
NIC = "azurerm_network_interface"
NSG = "azurerm_network_security_group"
SUBNET = "azurerm_subnet"
NIC_NSG = "azurerm_network_interface_security_group_association"
SUBNET_NSG = "azurerm_subnet_network_security_group_association"
NIC_IDS = "network_interface_ids"
T = TypeVar("T")
_SHARED_VALUE = re.compile(r"(\$\{)?(var|local)\.[\w-]+\}?$")


def strings_at(conf: dict, path: str) -> List[str]:
    """Every string at a dotted path; list attributes give each item."""
    found: List[str] = []
    for value in values_at(conf, path):
        items = value if isinstance(value, list) else [value]
        found += [str(item) for item in items if item not in (None, "", [], {})]
    return found


def linked(index: GraphIndex, node: Node, path: str, *types: str) -> List[Node]:
    """The resources of ``types`` that ``node`` names at ``path``: by reference, else by name or resource ID."""
    found = [target for target in index.references(node.address, path) if target.type in types]
    for value in strings_at(node.conf, path):
        if not is_unresolved(value):
            target = index.named(value.rstrip("/").rsplit("/", 1)[-1], *types)  # .../networkInterfaces/<name>
            if target is not None and target not in found:
                found.append(target)
    return found


def link_keys(index: GraphIndex, node: Node, path: str, *types: str) -> List[str]:
    """What ``node`` points at through ``path``, comparable between resources: the target's address, or
    (when nothing in the code matches) the expression itself within the same module (``var.subnet_id``)."""
    keys = [target.address for target in linked(index, node, path, *types)]
    prefix = module_prefix(node.address)
    # only module-wide names: each.value / count.index differ between the resources that use them
    return keys + [f"{prefix}{value}" for value in strings_at(node.conf, path) if _SHARED_VALUE.match(value)]


def nics_of(index: GraphIndex, machine: Node) -> List[Node]:
    return linked(index, machine, NIC_IDS, NIC)


def _associations(index: GraphIndex, association_type: str, path: str, *types: str) -> Dict[str, List[Node]]:
    """NIC or subnet key -> the NSGs associated with it."""
    found: Dict[str, List[Node]] = {}
    for association in index.of_type(association_type):
        nsgs = linked(index, association, "network_security_group_id", NSG)
        for key in link_keys(index, association, path, *types):
            found.setdefault(key, []).extend(nsg for nsg in nsgs if nsg not in found.get(key, []))
    return found


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    """NICs of log-host/shipper VMs, and NSGs on those NICs, their subnets or a role scale set's interfaces."""
    if role not in (Role.HOST, Role.SHIPPER):
        return {}
    by_nic = index.memo("azure:nic-nsgs", lambda idx: _associations(idx, NIC_NSG, "network_interface_id", NIC))
    by_subnet = index.memo("azure:subnet-nsgs", lambda idx: _associations(idx, SUBNET_NSG, "subnet_id", SUBNET))
    found: Dict[str, str] = {}
    nics = {nic.address: match.reason for nic in index.of_type(NIC) if (match := direct(nic, role, settings))}
    for machine in index.of_type(*VMS):
        match = direct(machine, role, settings)
        for nic in nics_of(index, machine) if match else ():
            nics.setdefault(nic.address, f"network interface of {machine.address}, {match.reason}")
            found.setdefault(nic.address, nics[nic.address])
    holders = [(index.nodes[address], "ip_configuration", why) for address, why in nics.items()]
    holders += [
        (scale_set, "network_interface.ip_configuration", match.reason)
        for scale_set in index.of_type(*SCALE_SETS) if (match := direct(scale_set, role, settings))
    ]
    for holder, ip_path, why in holders:
        scale_set_nsgs = linked(index, holder, "network_interface.network_security_group_id", NSG)
        nsgs = [(nsg, holder.address) for nsg in scale_set_nsgs + by_nic.get(holder.address, [])]
        for key in link_keys(index, holder, f"{ip_path}.subnet_id", SUBNET):
            nsgs += [(nsg, f"subnet {key} of {holder.address}") for nsg in by_subnet.get(key, ())]
        for nsg, via in nsgs:
            found.setdefault(nsg.address, f"associated with {via} ({why})")
    return found


def judge(judged: Iterable[T], problems: Callable[[T], List[str]], required: str, reason: str,
          ok: str) -> Verdict:
    """Every item's problems (rules, IP configurations); an item that cannot be read fails the verdict, named
    after any definite findings so that those are never hidden by it."""
    findings: List[str] = []
    faults: List[Exception] = []
    for item in judged:
        try:
            findings += [problem for problem in problems(item) if problem not in findings]
        except (Unresolved, BadValue) as exc:
            faults.append(exc)
    if faults and not findings:
        raise faults[0]
    return from_findings(findings + [str(fault) for fault in faults], required, reason, ok)
