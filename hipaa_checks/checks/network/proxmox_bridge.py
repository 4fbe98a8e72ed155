"""Proxmox VE log hosts attach only to internal bridges (no DMZ, public or WAN bridge or VNet)."""

from __future__ import annotations

from functools import partial
from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES, exposed_network, placement, role_reason
from hipaa_checks.checks.network.proxmox import CONTAINER, VM
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import blocks, str_attr
from hipaa_checks.verdict import Verdict, not_applicable

# guest type -> its NIC block (bpg: VM and container; Telmate: proxmox_vm_qemu and proxmox_lxc)
NICS = {VM: "network_device", CONTAINER: "network_interface", "proxmox_vm_qemu": "network", "proxmox_lxc": "network"}
BRIDGE = "proxmox_virtual_environment_network_linux_bridge"


def _problem(ctx: Context, where: str, nic: dict) -> Optional[str]:
    """The bridge of one NIC, read with the comment of its linux_bridge resource when there is one."""
    bridge = str_attr(nic, "bridge", where) or ("nat" if ctx.node.type == "proxmox_vm_qemu" else "vmbr0")
    described = ctx.index.named(bridge, BRIDGE)
    comment = described and str_attr(described.conf, "comment", f"{described.address} comment")
    exposure = exposed_network(f"{bridge} {comment or ''}", ctx.settings)
    if not exposure:
        return None
    return f"{where} = {bridge!r}" + (f" ({described.address} comment {comment!r})" if comment else "") + f", which {exposure}"


class ProxmoxHostBridge(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_PROXMOX_002",
        title="Proxmox VE log hosts attach only to internal bridges (no DMZ, public or WAN bridges)",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=tuple(NICS),
        since="0.2.0",
        why="A Proxmox guest faces the networks of the bridge (or SDN VNet) its NIC is on. A log host on a DMZ, "
        "public, internet, external or WAN bridge is reachable from outside and exposes every system's logs and "
        "the PHI in them.",
        fix="Attach every NIC of the log host to an internal bridge or VNet, or set onprem_networks.deny / allow "
        "to match your bridge names and comments.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, HOST_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        key = NICS[ctx.node.type]
        return placement(ctx, reason, (partial(_problem, ctx, f"{ctx.node.address} {key}.{position}.bridge", nic)
                                       for position, nic in enumerate(blocks(conf, key))), "bridge")


check = ProxmoxHostBridge()
