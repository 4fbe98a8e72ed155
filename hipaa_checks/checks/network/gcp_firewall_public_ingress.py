"""GCP log hosts accept nothing from the internet: no INGRESS allow from public source ranges reaches them."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.gcp_network import FIREWALL, effective, firewall_of
from hipaa_checks.checks.network.gcp_roles import role_reason
from hipaa_checks.checks.network.rules import is_public
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class GcpFirewallPublicIngress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_010",
        title="GCP ingress firewalls of log hosts admit no public source ranges",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(FIREWALL,),
        since="0.2.0",
        why="A log host that accepts connections from the internet exposes every system's logs, PHI included, "
        "to anyone who finds a weak service or credential on it.",
        fix="Limit source_ranges of INGRESS allows that reach log hosts to internal_cidrs (or admin_cidrs for "
        "administration), or use source_tags / source_service_accounts; reach admins through IAP (35.235.240.0/20 "
        "counts as public unless listed in admin_cidrs).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, Role.HOST)
        if reason is None:
            return not_applicable(f"{ctx.node.address} reaches no log host")
        firewall = firewall_of(ctx.index, ctx.node)
        if firewall.direction != "INGRESS":
            return not_applicable(f"{ctx.node.address} is an {firewall.direction} rule (see HIPAA_GCP_006)")
        rules, notes = effective(ctx.index, firewall)
        trusted = ctx.settings.model_copy(update={"internal_cidrs": ctx.settings.internal_cidrs + ctx.settings.admin_cidrs})
        findings = [f"{rule.describe()} admits {', '.join(public)} (outside internal_cidrs and admin_cidrs)"
                    for rule in rules if (public := [peer for peer in rule.peers if is_public(peer, trusted)])]
        return from_findings(
            list(dict.fromkeys(findings)),
            "INGRESS allows only from internal_cidrs or admin_cidrs (or source tags / service accounts)",
            reason,
            "; ".join(notes) or "every allowed source is internal or in admin_cidrs",
        )


check = GcpFirewallPublicIngress()
