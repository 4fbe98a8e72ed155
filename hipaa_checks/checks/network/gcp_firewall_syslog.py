"""GCP firewalls that reach a log host or shipper never open plaintext syslog (514, any protocol)."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.gcp_network import FIREWALL, effective, firewall_of
from hipaa_checks.checks.network.gcp_roles import role_reason
from hipaa_checks.checks.network.rules import syslog_problem
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class GcpFirewallPlaintextSyslog(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_008",
        title="GCP firewalls of log hosts and shippers do not open plaintext syslog (514)",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(FIREWALL,),
        since="0.2.0",
        why="Syslog on port 514 (UDP or TCP) travels unencrypted, so any log line with PHI in it crosses the "
        "network in clear text. HIPAA's transmission-security standard asks for encryption in transit.",
        fix="Remove port 514 (and allow blocks without ports, which include it) from INGRESS and EGRESS firewalls "
        'of log hosts and shippers; send syslog over TLS: { protocol = "tcp", ports = ["6514"] }.',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, Role.HOST, Role.SHIPPER)
        if reason is None:
            return not_applicable(f"{ctx.node.address} reaches no log host or shipper")
        rules, notes = effective(ctx.index, firewall_of(ctx.index, ctx.node), strict=False)  # ports decide
        return from_findings(
            [problem for rule in rules if (problem := syslog_problem(rule))],
            "no allow rule that includes port 514; syslog over TLS on TCP 6514",
            reason,
            "; ".join(notes) or "no allowed rule includes port 514",
        )


check = GcpFirewallPlaintextSyslog()
