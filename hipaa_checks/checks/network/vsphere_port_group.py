"""vSphere log host VMs attach only to internal port groups, never to DMZ or internet-facing ones."""

from __future__ import annotations

from functools import partial
from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES, exposed_network, placement, resolve, role_reason
from hipaa_checks.checks.network.vsphere import NETWORKS, VM
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved, blocks, scalar, str_attr
from hipaa_checks.verdict import Verdict, not_applicable


def _problem(ctx: Context, position: int, nic: dict) -> Optional[str]:
    """The port group behind one NIC, by name; a network_id naming no network here cannot be verified."""
    where = f"{ctx.node.address} network_interface.{position}.network_id"
    value = scalar(nic, "network_id")
    network = resolve(ctx, value, NETWORKS)
    if network is None:
        raise BadValue(where, value, "a network ID") if value is None else Unresolved(where, value)
    name = str_attr(network.conf, "name", f"{network.address} name")
    exposure = exposed_network(name, ctx.settings) if name else None
    return f"{where} is {network.address}, named {name!r}, which {exposure}" if exposure else None


class VsphereHostPortGroup(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_VSPHERE_001",
        title="vSphere log host VMs attach only to internal networks (no DMZ, public or WAN port groups)",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(VM,),
        since="0.2.0",
        why="vSphere has no public-IP switch: a VM faces the internet by the port group its NIC sits on. A log "
        "host on a DMZ, public, internet, external or WAN network is reachable from outside and exposes every "
        "system's logs and the PHI in them.",
        fix="Attach every network_interface of the log host to an internal port group (network_id from a "
        "data.vsphere_network or vsphere_distributed_port_group whose name is internal), or set "
        "onprem_networks.deny / allow to match your naming.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, HOST_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        return placement(ctx, reason, (partial(_problem, ctx, position, nic)
                                       for position, nic in enumerate(blocks(conf, "network_interface"))), "network")


check = VsphereHostPortGroup()
