"""GCP egress firewalls that reach a log host or shipper open only TCP 443 / 6514 (to the allowed ranges)."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.gcp_network import FIREWALL, effective, firewall_of
from hipaa_checks.checks.network.gcp_roles import role_reason
from hipaa_checks.checks.network.rules import egress_problem
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class GcpFirewallEgress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_006",
        title="GCP egress firewalls of log hosts and shippers allow only TCP 443 and 6514",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(FIREWALL,),
        since="0.2.0",
        why="Logs carry PHI. A log shipper or host that may open any other port can send them in plaintext or "
        "to places nobody reviewed; TCP 443 (HTTPS) and 6514 (syslog over TLS) are the encrypted transports.",
        fix='Limit the EGRESS firewall\'s allow blocks to { protocol = "tcp", ports = ["443", "6514"] } (and '
        "destination_ranges to allowed_egress_cidrs when configured), or cancel a broader allow with a deny of "
        "equal or higher precedence (a lower priority number).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, Role.HOST, Role.SHIPPER)
        if reason is None:
            return not_applicable(f"{ctx.node.address} reaches no log host or shipper")
        firewall = firewall_of(ctx.index, ctx.node)
        if firewall.direction != "EGRESS":
            return not_applicable(f"{ctx.node.address} is an {firewall.direction} rule (see HIPAA_GCP_008, HIPAA_GCP_010)")
        rules, notes = effective(ctx.index, firewall, strict=bool(ctx.settings.allowed_egress_cidrs))
        return from_findings(
            [problem for rule in rules if (problem := egress_problem(rule, ctx.settings))],
            f"egress allowed only to TCP {' and '.join(map(str, sorted(ctx.settings.allowed_egress_ports)))}",
            reason,
            "; ".join(notes) or "every allowed egress is TCP on an allowed port",
        )


check = GcpFirewallEgress()
