"""OpenStack security groups of log hosts and shippers never open plaintext syslog (514), in or out."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import EGRESS_ROLES
from hipaa_checks.checks.network.openstack import SECGROUP, SECGROUP_RULE, judged_rules
from hipaa_checks.checks.network.rules import syslog_problem
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class OpenstackPlaintextSyslog(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_OPENSTACK_002",
        title="OpenStack security groups of log hosts and shippers do not open plaintext syslog (port 514)",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(SECGROUP, SECGROUP_RULE),
        since="0.2.0",
        why="Syslog on port 514 (UDP or TCP) carries log lines, and the PHI in them, in clear text. A log host "
        "that accepts it, or a shipper that may send it, keeps a plaintext path open. A rule without protocol or "
        "port range, like Neutron's default allow-all egress rules, includes 514.",
        fix="Remove rules that open port 514 (or every port) and send syslog over TLS on TCP 6514; set "
        "delete_default_rules = true on the group.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, rules = judged_rules(ctx, EGRESS_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} belongs to no log host or shipper")
        return from_findings(
            [problem for rule in rules if (problem := syslog_problem(rule))],
            "no rule opening port 514 (TLS syslog uses TCP 6514)",
            reason,
            f"{len(rules)} rule(s), none opens port 514",
        )


check = OpenstackPlaintextSyslog()
