"""Network security groups of Azure log hosts allow nothing in from the internet."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network import rules
from hipaa_checks.checks.network.azure_network import NSG, judge
from hipaa_checks.checks.network.azure_nsg import RULE, NsgRule, effective_allows, role_scope, within
from hipaa_checks.config import Role, Settings
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, not_applicable

AZURE_PUBLIC_TAGS = ("azurecloud",)  # every Azure datacenter's public addresses, any tenant's VMs included


def _public(peer: str, settings: Settings) -> bool:
    """Internet sources: "*", "Internet", 0.0.0.0/0, AzureCloud[.region] or a public CIDR outside admin_cidrs."""
    if peer.split(".")[0].lower() in AZURE_PUBLIC_TAGS:
        return True
    if not rules.is_public(peer, settings):
        return False
    return rules.is_anywhere(peer) or not within(peer, settings.admin_cidrs)


class AzureLogHostInternetInbound(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_013",
        title="Azure log host NSGs allow no inbound traffic from the internet",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(NSG, RULE),
        since="0.2.0",
        why="A log host reachable from the internet can be flooded with forged log lines, probed for its "
        "ingestion and admin ports, and is one exploit away from exposing every log it holds. HIPAA's "
        "access-control and transmission-security safeguards ask that only authorised systems reach it.",
        fix='Allow inbound traffic only from internal sources: VirtualNetwork, private CIDRs (internal_cidrs) '
        'or application security groups, never from "*", "Internet", "0.0.0.0/0", AzureCloud or public '
        "addresses. Admin access may come from the ranges in admin_cidrs.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, all_rules, judged = role_scope(ctx, Role.HOST)
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not filter a log host")

        def problems(rule: NsgRule) -> List[str]:
            public = [peer for peer in rule.get("sources") if _public(peer, ctx.settings)]
            return [f"{shared.describe()} (a public source)" for shared in rule.shared(public)] if public else []

        inbound = [rule for rule in effective_allows(all_rules, "inbound") if rule in judged]
        return judge(inbound, problems, "inbound Allow rules only from internal sources (internal_cidrs, "
                     "VirtualNetwork, application security groups) or admin_cidrs", reason,
                     f"{len(inbound)} effective inbound Allow rule(s), none from the internet; {reason}")


check = AzureLogHostInternetInbound()
