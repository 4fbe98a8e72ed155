"""OpenStack log hosts get no floating IP and sit on no external network."""

from __future__ import annotations

from typing import Dict, List, Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES, all_linked, exposed_network, resolve, role_reason
from hipaa_checks.checks.network.openstack import INSTANCE, NETWORK, PORT, ports_of
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.values import Unresolved, blocks, bool_attr, is_unresolved, scalar, str_attr
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable

# floating-IP resource type -> (attribute, the type it gives a public address to)
FLOATING = {
    "openstack_networking_floatingip_v2": ("port_id", PORT),
    "openstack_networking_floatingip_associate_v2": ("port_id", PORT),
    "openstack_compute_floatingip_associate_v2": ("instance_id", INSTANCE),
}


def _floating_ips(index: GraphIndex) -> Dict[str, List[Node]]:
    """Instance or port address -> the floating-IP resources that point at it."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for kind, (attribute, target_type) in FLOATING.items():
            for fip in idx.of_type(kind):
                for target in all_linked(idx, fip, attribute, (target_type,)):
                    found.setdefault(target.address, []).append(fip)
        return found
    return index.memo("openstack-floating-ips", build)


def _network_problem(ctx: Context, owner: str, conf: dict, keys: tuple, where: str) -> Optional[str]:
    """Why the network a NIC or port names (by reference, ID or name) makes ``owner`` reachable from outside."""
    raw = [scalar(conf, key) for key in keys]
    network = next((node for value in raw if (node := resolve(ctx, value, (NETWORK,)))), None)
    if network is not None:
        if bool_attr(network.conf, "external"):
            return f"{owner} is on {network.address}, an external network"
        name = str_attr(network.conf, "name", f"{network.address} name")
    else:
        name = str_attr(conf, "name", f"{where}.name") if "name" in keys else None
        if name is None and is_unresolved(raw[0]):  # a network ID known only after apply, or a module output
            raise Unresolved(f"{where}.{keys[0]}", raw[0])
    exposure = exposed_network(name, ctx.settings) if name else None
    return f"{owner} is on network {name!r}, which {exposure}" if exposure else None


def _problems(ctx: Context, node: Node) -> List[str]:
    found = [f"{fip.address} gives {node.address} a floating IP" for fip in _floating_ips(ctx.index).get(node.address, ())]
    if node.type == PORT:
        found.append(_network_problem(ctx, node.address, node.conf, ("network_id",), node.address))
    else:
        for position, nic in enumerate(blocks(node.conf, "network")):
            if scalar(nic, "port") not in (None, "", UNKNOWN):  # the port's network is judged with the port below
                continue
            found.append(_network_problem(ctx, node.address, nic, ("uuid", "name"), f"{node.address} network.{position}"))
        found += [problem for port in ports_of(ctx.index, node) for problem in _problems(ctx, port)]
    return [problem for problem in found if problem]


class OpenstackPublicAddress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_OPENSTACK_003",
        title="OpenStack log hosts have no floating IP and are not on an external network",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(INSTANCE, PORT, *FLOATING),
        since="0.2.0",
        why="A log host holds every system's logs and the PHI in them. A floating IP or a NIC on an external "
        "(provider) network makes it reachable from outside the cloud, one security-group mistake away from the "
        "internet.",
        fix="Remove the floating IP association from the log host and its ports, attach it only to internal "
        "networks, and reach it through a bastion, VPN or internal load balancer.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        if ctx.node.type in FLOATING:
            attribute, target_type = FLOATING[ctx.node.type]
            for target in all_linked(ctx.index, ctx.node, attribute, (target_type,)):
                reason = role_reason(ctx, HOST_ROLES, target)
                if reason:
                    return failed(f"{ctx.node.address} gives {target.address} a floating IP",
                                  "no public address on a log host", reason)
            return not_applicable(f"{ctx.node.address} is associated with no log host")
        reason = role_reason(ctx, HOST_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        return from_findings(_problems(ctx, ctx.node), "no floating IP and only internal networks", reason,
                             "no floating IP; no external or deny-listed network")


check = OpenstackPublicAddress()
