"""Security groups of log shippers and log hosts never open plaintext syslog (514), inbound or outbound."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_security_groups import (
    EGRESS_RULE, GROUP, INGRESS_RULE, LOG_ROLES, RULE, judged,
)
from hipaa_checks.checks.network.rules import syslog_problem
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class AwsSecurityGroupPlaintextSyslog(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_011",
        title="Security groups of log shippers and log hosts do not open plaintext syslog (port 514)",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(GROUP, RULE, EGRESS_RULE, INGRESS_RULE),
        since="0.2.0",
        why="Syslog on port 514 (UDP or TCP) is unencrypted: anyone on the path can read or alter the log "
        "lines, which may hold PHI. An open 514 in either direction means some shipper can still send, or some "
        "host can still receive, logs in plaintext. Every ingress and egress rule of the group counts, inline "
        "or separate, and a rule over all ports or a range that contains 514 opens it too.",
        fix="Remove the rules that open 514 and send syslog over TLS on TCP 6514 instead (rsyslog gtls/ossl "
        "stream driver, syslog-ng tls(), Fluent Bit syslog output with tls on).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        rules, reason = judged(ctx, LOG_ROLES, "ingress", "egress")
        if reason is None:
            return not_applicable(f"{ctx.node.address}: no rule of a log shipper or log host")
        return from_findings(
            [problem for rule in rules if (problem := syslog_problem(rule))],
            "no rule that opens port 514 (use syslog over TLS on TCP 6514)",
            reason,
            "no rule opens plaintext syslog (514)",
        )


check = AwsSecurityGroupPlaintextSyslog()
