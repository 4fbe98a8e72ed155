"""Security groups of log hosts accept nothing from the internet, on any port."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_security_groups import GROUP, INGRESS_RULE, RULE, judged, resolved
from hipaa_checks.checks.network.rules import is_public
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class AwsSecurityGroupPublicIngress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_013",
        title="Security groups of log hosts allow no ingress from public address ranges",
        family=Family.HOST_ISOLATION,
        severity=Severity.CRITICAL,
        resources=(GROUP, RULE, INGRESS_RULE),
        since="0.2.0",
        why="A self-hosted log host holds every system's logs, PHI included. Ingress from 0.0.0.0/0, ::/0 or "
        "any range outside internal_cidrs lets the internet reach its collectors, its admin ports and its "
        "software's vulnerabilities. Inline ingress blocks, aws_security_group_rule (type = ingress) and "
        "aws_vpc_security_group_ingress_rule all count; sources given as security groups or prefix lists are "
        "not address ranges and are left to those groups' own rules.",
        fix="Limit every ingress source of the log host's groups to internal ranges (the shippers' subnets or "
        "their security groups), and reach the host from outside only through a VPN or a private endpoint.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        ingress, reason = judged(ctx, (Role.HOST,), "ingress")
        if reason is None:
            return not_applicable(f"{ctx.node.address}: no ingress of a log host")
        return from_findings(
            [f"{rule.describe()} ({', '.join(public)} is public)" for rule in map(resolved, ingress)
             if (public := [peer for peer in rule.peers if is_public(peer, ctx.settings)])],
            "ingress sources within internal_cidrs (" + ", ".join(ctx.settings.internal_cidrs) + ") or security groups",
            reason,
            "no ingress from public address ranges",
        )


check = AwsSecurityGroupPublicIngress()
