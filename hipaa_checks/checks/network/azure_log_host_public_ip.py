"""Azure log hosts (VMs, scale sets and their network interfaces) have no public IP address."""

from __future__ import annotations

import re
from typing import List, Tuple

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.azure_network import NIC, NIC_IDS, SCALE_SETS, VMS, judge, nics_of, strings_at
from hipaa_checks.checks.network.azure_nsg import CHECKOV_NULL
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.values import Unresolved, blocks, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, not_applicable

PUBLIC_IP_REFERENCE = re.compile(r"(\$\{)?(data\.)?azurerm_public_ip\.[\w-]+(\[[^\]]*\])?\.id\}?")
IpConfiguration = Tuple[str, dict]  # how findings name it, its block


def _named(ip: dict) -> str:
    return f'ip_configuration "{scalar(ip, "name")}"'


def _ip_configurations(ctx: Context) -> List[IpConfiguration]:
    """The IP configurations of this NIC, of this VM's NICs, or of this scale set's network interfaces."""
    if ctx.node.type in SCALE_SETS:
        return [(f'{ctx.node.address} network_interface "{scalar(nic, "name")}" {_named(ip)}', ip)
                for nic in blocks(ctx.node.conf, "network_interface") for ip in blocks(nic, "ip_configuration")]
    nics = [ctx.node] if ctx.node.type == NIC else nics_of(ctx.index, ctx.node)
    if not nics:  # a VM has at least one NIC; Checkov reads a list variable without a value as []
        raise Unresolved(NIC_IDS, strings_at(ctx.node.conf, NIC_IDS) or "no network interface in this configuration")
    return [(f"{nic.address} {_named(ip)}", ip) for nic in nics
            for ip in blocks(nic.conf, "ip_configuration")]


def _public_ip(configuration: IpConfiguration) -> List[str]:
    label, ip = configuration
    if "public_ip_address" in ip:  # scale sets: a public_ip_address block gives every instance an address
        return [f"{label} has a public_ip_address block"]
    value = scalar(ip, "public_ip_address_id")
    if value in (None, "", []):
        return []
    # a literal ID, a plain reference to a public IP, or a value Terraform computes (unknown until apply) is a public
    # address; a variable, a conditional or function (count-dependent lists) or Checkov's "None" may be null
    if isinstance(value, str) and (not is_unresolved(value) and value not in CHECKOV_NULL
                                   or PUBLIC_IP_REFERENCE.fullmatch(value) or value == UNKNOWN):
        return [f"{label} public_ip_address_id = {value}"]
    raise Unresolved(f"{label} public_ip_address_id", value)


class AzureLogHostPublicIp(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_012",
        title="Azure log hosts have no public IP address",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(NIC, *VMS, *SCALE_SETS),
        since="0.2.0",
        why="A log host holds the audit trail of every system that ships to it. A public IP address puts it, "
        "and every port its NSG forgets to close, on the internet; HIPAA's access-control safeguard asks that "
        "only authorised systems reach it.",
        fix="Remove public_ip_address_id from the log host's network interface ip_configuration (scale sets: the "
        "public_ip_address block); reach the host through a private endpoint, VPN, Bastion or an internal load "
        "balancer.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        match = ctx.role(Role.HOST)
        if match is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        reason = f"{ctx.node.address} is a log host ({match.reason})"
        ctx.reasons.append(reason)
        return judge(_ip_configurations(ctx), _public_ip, "no public IP address on any ip_configuration", reason,
                     f"no public IP address; {reason}")


check = AzureLogHostPublicIp()
