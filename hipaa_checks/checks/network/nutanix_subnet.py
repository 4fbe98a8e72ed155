"""Nutanix log host VMs attach only to internal subnets, never to external or DMZ-named ones."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES, exposed_network, resolve, role_reason
from hipaa_checks.checks.network.nutanix import SUBNETS, VM
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, blocks, bool_attr, scalar, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


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
        findings: List[str] = []
        unknown: List[Unresolved] = []
        for position, nic in enumerate(blocks(conf, "nic_list")):
            where = f"{ctx.node.address} nic_list.{position}"
            raw = [scalar(nic, key) for key in ("subnet_uuid", "subnet_name")]
            subnet = next((found for value in raw if (found := resolve(ctx, value, SUBNETS))), None)
            if subnet is not None and bool_attr(subnet.conf, "is_external"):
                findings.append(f"{where} is on {subnet.address}, an external subnet")
                continue
            named = (subnet.conf, subnet.address) if subnet else (nic, where)  # data sources take subnet_name
            name = str_attr(named[0], "name", f"{named[1]} name") or str_attr(named[0], "subnet_name", f"{named[1]} subnet_name")
            if name is None:  # a UUID of a subnet this configuration does not declare, or a reference
                unknown.append(Unresolved(f"{where}.subnet_uuid", raw[0]))
                continue
            exposure = exposed_network(name, ctx.settings) if name else None
            if exposure:
                findings.append(f"{where} is on subnet {name!r}, which {exposure}")
        if unknown and not findings:
            raise unknown[0]
        return from_findings(findings, "every NIC on an internal subnet", reason, "every NIC is on an internal subnet")


check = NutanixHostSubnet()
