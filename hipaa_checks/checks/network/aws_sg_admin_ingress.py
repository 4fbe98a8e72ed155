"""Security groups of log hosts admit SSH, RDP and WinRM only from the configured admin ranges."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_security_groups import GROUP, INGRESS_RULE, RULE, judged, resolved
from hipaa_checks.checks.network.rules import Rule, within
from hipaa_checks.config import Role, Settings
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

ADMIN_PORTS = {22: "SSH", 3389: "RDP", 5985: "WinRM", 5986: "WinRM over HTTPS"}


def _admin_outside(rule: Rule, settings: Settings) -> List[str]:
    """The address sources of ``rule`` outside admin_cidrs, if it opens an admin port (groups and self are members)."""
    if rule.protocol not in ("tcp", "all"):
        return []
    if not any(rule.ports is None or rule.ports[0] <= port <= rule.ports[1] for port in ADMIN_PORTS):
        return []
    return [peer for peer in rule.peers
            if not peer.startswith("security group ") and peer != "self" and not within(peer, settings.admin_cidrs)]


class AwsSecurityGroupAdminIngress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_014",
        title="Security groups of log hosts allow SSH, RDP and WinRM only from admin_cidrs",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(GROUP, RULE, INGRESS_RULE),
        since="0.2.0",
        why="Whoever can log in to a log host can read, alter or delete the logs. Administrative access "
        "(SSH 22, RDP 3389, WinRM 5985/5986, also through all-port or ranged rules) must come only from the "
        "ranges listed in admin_cidrs; with none configured, no address range may reach those ports. Sources "
        "given as security groups (a bastion's group) pass: access is then limited to that group's members, "
        "whose own ingress is the bastion's concern. Prefix lists are not verifiable and fail.",
        fix="Remove the admin-port rules or limit their sources to admin_cidrs, or admit a bastion's security "
        "group (source_security_group_id / referenced_security_group_id) instead; Session Manager needs none.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        ingress, reason = judged(ctx, (Role.HOST,), "ingress")
        if reason is None:
            return not_applicable(f"{ctx.node.address}: no ingress of a log host")
        admin = ", ".join(ctx.settings.admin_cidrs) or "none configured"
        return from_findings(
            [f"{rule.describe()} ({', '.join(outside)} not within admin_cidrs)" for rule in map(resolved, ingress)
             if (outside := _admin_outside(rule, ctx.settings))],
            f"SSH/RDP/WinRM sources within admin_cidrs ({admin}) or security groups",
            reason,
            "admin ports are reachable only from admin_cidrs or security groups",
        )


check = AwsSecurityGroupAdminIngress()
