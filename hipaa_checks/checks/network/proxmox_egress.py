"""Proxmox VE log hosts and shippers: the guest firewall is on and lets out only TCP 443 and 6514, never 514."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import EGRESS_ROLES, role_reason
from hipaa_checks.checks.network.proxmox import (
    CONTAINER, OPTIONS, RULES, VM, accepting_rules, firewall_of, guest_of, unfiltered,
)
from hipaa_checks.checks.network.rules import problems
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class ProxmoxEgress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_PROXMOX_001",
        title="Proxmox VE firewalls of log hosts and shippers allow egress only to TCP 443 and 6514",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(VM, CONTAINER, RULES, OPTIONS),
        since="0.2.0",
        why="Logs leave a shipper or log host only over TLS: HTTPS (443) or syslog over TLS (6514); plaintext "
        "syslog (514) never. Proxmox filters a guest only when its firewall is enabled (off by default), the NIC "
        "has firewall = true (off by default) and the output policy drops what no rule accepts (ACCEPT by default), "
        "so a guest with no firewall resources lets everything out.",
        fix="Add proxmox_virtual_environment_firewall_options with enabled = true and output_policy = \"DROP\", "
        "set firewall = true on every network_device, and accept out traffic only with proto = \"tcp\" and "
        "dport = \"443\" or \"6514\".",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        guest = ctx.node if ctx.node.type in (VM, CONTAINER) else guest_of(ctx.index, ctx.node)
        if guest is None:
            return not_applicable(f"{ctx.node.address} belongs to no VM or container in this configuration")
        reason = role_reason(ctx, EGRESS_ROLES, guest)
        if reason is None:
            return not_applicable(f"{guest.address} is not a log host or shipper")
        rules = [rule for node in firewall_of(ctx.index, guest) if node.type == RULES
                 for rule in accepting_rules(ctx.index, node)]
        return from_findings(
            unfiltered(ctx.index, guest) + problems(rules, ctx.settings),
            "guest firewall enabled on every NIC, output_policy DROP/REJECT, out rules only TCP "
            + " and ".join(map(str, sorted(ctx.settings.allowed_egress_ports))) + ", no rule opening 514",
            reason,
            f"the firewall of {guest.address} lets out only TCP on the allowed ports",
        )


check = ProxmoxEgress()
