"""OpenStack security groups of log hosts accept traffic only from internal (or configured admin) ranges."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES
from hipaa_checks.checks.network.openstack import SECGROUP, SECGROUP_RULE, judged_rules
from hipaa_checks.checks.network.rules import Rule, is_public
from hipaa_checks.config import Settings
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _public_sources(rule: Rule, settings: Settings) -> bool:
    """An ingress rule from a range outside internal_cidrs that is not an admin range either."""
    admin = settings.model_copy(update={"internal_cidrs": settings.admin_cidrs}) if settings.admin_cidrs else None
    return rule.direction == "ingress" and any(
        is_public(peer, settings) and (admin is None or is_public(peer, admin)) for peer in rule.peers)


class OpenstackPublicIngress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_OPENSTACK_004",
        title="OpenStack security groups of log hosts allow no ingress from public ranges",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(SECGROUP, SECGROUP_RULE),
        since="0.2.0",
        why="A log host should be reachable only from the networks that ship logs to it and from admin ranges. "
        "An ingress rule from 0.0.0.0/0, ::/0 or any range outside internal_cidrs exposes it to the internet "
        "as soon as it has a floating IP or sits on a routed network. A rule with neither remote_ip_prefix nor "
        "remote_group_id accepts every source.",
        fix="Set remote_ip_prefix to an internal range (internal_cidrs), an admin range (admin_cidrs), or use "
        "remote_group_id to admit only the shippers' security group.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, rules = judged_rules(ctx, HOST_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} belongs to no log host")
        ingress = [rule for rule in rules if rule.direction == "ingress"]
        if ctx.node.type == SECGROUP_RULE and not ingress:
            return not_applicable(f"{ctx.node.address} is not an ingress rule")
        return from_findings(
            [f"{rule.describe()} (a public source)" for rule in ingress if _public_sources(rule, ctx.settings)],
            "ingress only from internal_cidrs, admin_cidrs or security groups",
            reason,
            f"{len(ingress)} ingress rule(s), none from a public range",
        )


check = OpenstackPublicIngress()
