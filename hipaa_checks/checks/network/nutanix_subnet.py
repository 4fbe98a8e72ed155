"""Nutanix log host VMs attach only to internal subnets, never to external or DMZ-named ones."""

from __future__ import annotations

from functools import partial
from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES, exposed_network, placement, resolve, role_reason
from hipaa_checks.checks.network.nutanix import SUBNETS, VM
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, blocks, bool_attr, scalar, str_attr
from hipaa_checks.verdict import Verdict, not_applicable


def _problem(ctx: Context, position: int, nic: dict) -> Optional[str]:
    """The subnet behind one NIC: external, or named like an outside network; unknown subnets cannot be verified."""
    where = f"{ctx.node.address} nic_list.{position}"
    raw = [scalar(nic, key) for key in ("subnet_uuid", "subnet_name")]
    subnet = next((found for value in raw if (found := resolve(ctx, value, SUBNETS))), None)
    if subnet is not None and bool_attr(subnet.conf, "is_external"):
        return f"{where} is on {subnet.address}, an external subnet"
    conf, named = (subnet.conf, subnet.address) if subnet else (nic, where)  # data sources take subnet_name
    name = str_attr(conf, "name", f"{named} name") or str_attr(conf, "subnet_name", f"{named} subnet_name")
    if name is None:  # a UUID of a subnet this configuration does not declare, or a reference
        raise Unresolved(f"{where}.subnet_uuid", raw[0])
    exposure = exposed_network(name, ctx.settings)
    return f"{where} is on subnet {name!r}, which {exposure}" if exposure else None


class NutanixHostSubnet(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_NUTANIX_001",
        title="Nutanix log host VMs attach only to internal subnets (no external, DMZ or public subnets)",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(VM,),
        since="0.2.0",
        why="A Nutanix VM faces the networks of the subnets its NICs are on. A log host on an external subnet or "
        "one named for a DMZ, public, internet or WAN network is reachable from outside and exposes every "
        "system's logs and the PHI in them.",
        fix="Put every nic_list entry of the log host on an internal subnet, or set onprem_networks.deny / allow "
        "to match your subnet names.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, HOST_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        return placement(ctx, reason, (partial(_problem, ctx, position, nic)
                                       for position, nic in enumerate(blocks(conf, "nic_list"))), "subnet")


check = NutanixHostSubnet()
