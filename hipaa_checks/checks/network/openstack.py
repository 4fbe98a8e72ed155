"""OpenStack: security groups and ports that belong to a log host or shipper, and Neutron rules as ``Rule`` values.

Graph finder: a security group used by a role instance (``security_groups`` by name, or through the
``security_group_ids`` of its ports) takes the instance's role, and so does each of its ports.
"""

from __future__ import annotations

import ipaddress
from typing import Dict, List, Optional, Sequence, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.network.onprem import EGRESS_ROLES, all_linked, choice, role_reason
from hipaa_checks.checks.network.rules import Rule, port_range, protocol
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import direct
from hipaa_checks.values import Unresolved, as_int, bool_attr, scalar, str_attr

INSTANCE = "openstack_compute_instance_v2"
PORT = "openstack_networking_port_v2"
INTERFACE_ATTACH = "openstack_compute_interface_attach_v2"
SECGROUP = "openstack_networking_secgroup_v2"
SECGROUP_RULE = "openstack_networking_secgroup_rule_v2"
NETWORK = "openstack_networking_network_v2"  # resource or data source


def ports_of(index: GraphIndex, instance: Node) -> List[Node]:
    """The ports an instance uses: ``network { port = ... }`` blocks and interface attachments."""
    ports = all_linked(index, instance, "network.port", (PORT,))
    for attach in attachments(index).get(instance.address, ()):
        ports += [port for port in all_linked(index, attach, "port_id", (PORT,)) if port not in ports]
    return ports


def attachments(index: GraphIndex) -> Dict[str, List[Node]]:
    """Instance address -> the openstack_compute_interface_attach_v2 resources that give it a port."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for attach in idx.of_type(INTERFACE_ATTACH):
            for instance in all_linked(idx, attach, "instance_id", (INSTANCE,)):
                found.setdefault(instance.address, []).append(attach)
        return found
    return index.memo("openstack-attachments", build)


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    if role not in EGRESS_ROLES:
        return {}
    found: Dict[str, str] = {}
    for instance in index.of_type(INSTANCE):
        match = direct(instance, role, settings)
        if match is None:
            continue
        owner = f"{instance.address} ({match.reason})"
        for group in all_linked(index, instance, "security_groups", (SECGROUP,)):
            found.setdefault(group.address, f"security group of {owner}")
        for port in ports_of(index, instance):
            found.setdefault(port.address, f"port of {owner}")
            for group in all_linked(index, port, "security_group_ids", (SECGROUP,)):
                found.setdefault(group.address, f"security group of {port.address}, port of {owner}")
    return found


def rules_of(index: GraphIndex, group: Node) -> List[Node]:
    """The openstack_networking_secgroup_rule_v2 resources that belong to ``group``."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for rule in idx.of_type(SECGROUP_RULE):
            for owner in all_linked(idx, rule, "security_group_id", (SECGROUP,)):
                found.setdefault(owner.address, []).append(rule)
        return found
    return index.memo("openstack-rules", build).get(group.address, [])


def default_egress(group: Node) -> List[Rule]:
    """Neutron gives every new group allow-all egress rules (IPv4 and IPv6) unless delete_default_rules = true."""
    if bool_attr(group.conf, "delete_default_rules"):
        return []
    origin = f"{group.address} default rule (delete_default_rules not true)"
    return [Rule(origin, "egress", "all", None, (peer,)) for peer in ("0.0.0.0/0", "::/0")]


def rule(node: Node) -> Rule:
    """One Neutron rule. No protocol means any; no port range means every port; no remote means anywhere."""
    conf, address = node.conf, node.address
    direction = choice(conf, "direction", f"{address} direction", ("ingress", "egress")) or ""
    raw = scalar(conf, "protocol")
    kind = protocol(None if raw in ("", None) else ("icmpv6" if raw == "ipv6-icmp" else raw), f"{address} protocol")
    low = as_int(scalar(conf, "port_range_min"), f"{address} port_range_min")
    high = as_int(scalar(conf, "port_range_max"), f"{address} port_range_max")
    ports = None if not (low or high) else port_range(f"{low or high}-{high or low}", f"{address} port_range")
    remote = _cidr(str_attr(conf, "remote_ip_prefix", f"{address} remote_ip_prefix"), f"{address} remote_ip_prefix")
    group = scalar(conf, "remote_group_id")
    if remote:
        peers = (remote,)
    elif group:
        peers = (f"members of security group {group}",)
    else:
        ethertype = str_attr(conf, "ethertype", f"{address} ethertype") or "IPv4"
        peers = ("::/0" if ethertype.lower() == "ipv6" else "0.0.0.0/0",)
    return Rule(address, direction, kind, ports, peers)


def judged_rules(ctx: Context, roles: Sequence[Role]) -> Tuple[Optional[str], List[Rule]]:
    """Why the checked group or rule is judged (its group plays one of ``roles``) and the rules to judge:
    a group's default egress and every rule resource of it, or a rule resource alone. (None, []) otherwise."""
    node = ctx.node
    if node.type == SECGROUP:
        reason = role_reason(ctx, roles)
        return (reason, default_egress(node) + [rule(item) for item in rules_of(ctx.index, node)]) if reason else (None, [])
    for group in all_linked(ctx.index, node, "security_group_id", (SECGROUP,)):
        reason = role_reason(ctx, roles, group)
        if reason:
            return reason, [rule(node)]
    return None, []


def _cidr(value: Optional[str], key: str) -> Optional[str]:
    """remote_ip_prefix must be a CIDR; anything else is an expression Checkov left unevaluated
    (``['0.0.0.0/0'][count.index]``), which must not pass as "not a public range"."""
    if value:
        try:
            ipaddress.ip_network(value.strip(), strict=False)
        except ValueError:
            raise Unresolved(key, value) from None
    return value
