"""Proxmox VE (bpg/proxmox): the firewall of a VM or container as ``Rule`` values, and what leaves it unfiltered.

A guest's egress is filtered only when its firewall options set ``enabled = true`` (the default is off), its
NICs set ``firewall = true`` (default off), and either ``output_policy`` is DROP/REJECT (default ACCEPT) or the
rules end in a catch-all DROP/REJECT. ACCEPT ``out`` rules must stay within TCP 443 / 6514.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional

from hipaa_checks.checks.network.onprem import choice
from hipaa_checks.checks.network.rules import Rule, port_range, protocol
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import Unresolved, blocks, bool_attr, scalar, str_attr

VM = "proxmox_virtual_environment_vm"
CONTAINER = "proxmox_virtual_environment_container"
RULES = "proxmox_virtual_environment_firewall_rules"
OPTIONS = "proxmox_virtual_environment_firewall_options"
SECURITY_GROUP = "proxmox_virtual_environment_cluster_firewall_security_group"
_GUEST_ID = {VM: "vm_id", CONTAINER: "container_id"}  # guest type -> the firewall attribute naming it
_MACROS = {"https": ("tcp", "443")}  # the one macro that stays within the allowed ports
_DIRECTIONS = {"out": "egress", "in": "ingress"}
_TYPES = ("in", "out", "forward")
_ACTIONS = ("accept", "drop", "reject")


def _links(index: GraphIndex) -> Dict[str, List[Node]]:
    """Guest address -> its firewall resources, and firewall address -> [its guest]: by reference or literal ID."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        guests = {(node.type, str(scalar(node.conf, "vm_id"))): node
                  for node in idx.of_type(*_GUEST_ID) if scalar(node.conf, "vm_id") is not None}
        found: Dict[str, List[Node]] = {}
        for firewall in idx.of_type(RULES, OPTIONS):
            for kind, key in _GUEST_ID.items():
                targets = [node for node in idx.references(firewall.address, key) if node.type == kind]
                value = scalar(firewall.conf, key)
                literal = guests.get((kind, str(value))) if value is not None else None
                for target in targets or ([literal] if literal is not None else []):
                    found.setdefault(target.address, []).append(firewall)
                    found.setdefault(firewall.address, []).append(target)
        return found
    return index.memo("proxmox-firewalls", build)


def firewall_of(index: GraphIndex, guest: Node) -> List[Node]:
    """The firewall rules and options resources of a VM or container."""
    return _links(index).get(guest.address, [])


def guest_of(index: GraphIndex, firewall: Node) -> Optional[Node]:
    """The VM or container a firewall resource belongs to (None for cluster, node or unmatched guests)."""
    return next(iter(_links(index).get(firewall.address, [])), None)


def _rule_blocks(index: GraphIndex, rules: Node) -> Iterator[tuple]:
    """(where, rule block) pairs, with cluster security groups expanded by name."""
    for position, item in enumerate(blocks(rules.conf, "rule")):
        where = f"{rules.address} rule.{position}"
        group = str_attr(item, "security_group", f"{where}.security_group")
        if group is None:
            yield where, item
            continue
        if bool_attr(item, "enabled") is False:
            continue
        named = index.named(group, SECURITY_GROUP)
        if named is None:
            raise Unresolved(f"{where}.security_group", group)
        yield from ((f"{named.address} rule.{inner}", rule) for inner, rule in enumerate(blocks(named.conf, "rule")))


def accepting_rules(index: GraphIndex, rules: Node) -> List[Rule]:
    """The enabled ACCEPT rules of ``rules`` (in / out), one Rule per destination port or range."""
    found: List[Rule] = []
    for where, item in _rule_blocks(index, rules):
        direction = _DIRECTIONS.get(choice(item, "type", f"{where}.type", _TYPES) or "")
        action = choice(item, "action", f"{where}.action", _ACTIONS)
        if direction is None or action != "accept" or bool_attr(item, "enabled") is False:
            continue
        macro = (str_attr(item, "macro", f"{where}.macro") or "").lower()
        kind, ports = _MACROS.get(macro, ("all", None) if macro else (None, None))
        kind = protocol(kind or scalar(item, "proto") or None, f"{where}.proto")
        peer = str_attr(item, "dest" if direction == "egress" else "source", f"{where}.dest/source")
        origin = f"{where}" + (f" (macro {macro})" if macro else "")
        for part in str(ports or scalar(item, "dport") or "*").split(","):
            found.append(Rule(origin, direction, kind, port_range(part.replace(":", "-"), f"{where}.dport"),
                              tuple(peer.split(",")) if peer else ()))
    return found


def drops_all_egress(index: GraphIndex, rules: Node) -> bool:
    """Whether an enabled out DROP/REJECT rule without protocol, port, destination or macro catches everything."""
    for where, item in _rule_blocks(index, rules):
        if (choice(item, "type", f"{where}.type", _TYPES) == "out"
                and choice(item, "action", f"{where}.action", _ACTIONS) in ("drop", "reject")
                and bool_attr(item, "enabled") is not False
                and not any(scalar(item, key) for key in ("proto", "dport", "dest", "macro", "iface"))):
            return True
    return False


def unfiltered(index: GraphIndex, guest: Node) -> List[str]:
    """Why the guest's egress is not filtered at all: firewall off, a NIC outside the firewall, ACCEPT policy."""
    firewalls = firewall_of(index, guest)
    options = [node for node in firewalls if node.type == OPTIONS]
    rules = [node for node in firewalls if node.type == RULES]
    found = [f"{guest.address} {key}.{position} has firewall " + (
             "not set (default false)" if scalar(nic, "firewall") is None else f"= {scalar(nic, 'firewall')!r}")
             + ": the guest firewall does not filter this NIC"
             for key in ("network_device", "network_interface")
             for position, nic in enumerate(blocks(guest.conf, key)) if not bool_attr(nic, "firewall")]
    if not options:
        return found + [f"no {OPTIONS} for {guest.address}: the guest firewall is off by default"]
    for option in options:
        if not bool_attr(option.conf, "enabled"):
            found.append(f"{option.address} enabled = {scalar(option.conf, 'enabled')!r}: the guest firewall is off")
        policy = choice(option.conf, "output_policy", f"{option.address} output_policy", _ACTIONS) or "accept"
        if policy == "accept" and not any(drops_all_egress(index, node) for node in rules):
            found.append(f"{option.address} output_policy = ACCEPT (the default) and no catch-all out DROP rule: "
                         "everything not dropped leaves the guest")
    return found

