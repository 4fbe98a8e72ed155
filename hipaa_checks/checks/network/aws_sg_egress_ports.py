"""Security groups of log shippers and log hosts let out only TLS traffic: TCP on the allowed ports."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_security_groups import EGRESS_RULE, GROUP, LOG_ROLES, RULE, judged, resolved
from hipaa_checks.checks.network.rules import egress_problem
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable, passed


class AwsSecurityGroupEgressPorts(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_010",
        title="Security groups of log shippers and log hosts allow egress only to TCP 443 and 6514",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(GROUP, RULE, EGRESS_RULE),
        since="0.2.0",
        why="Logs carry PHI and credentials. A log shipper or log host that may send on any other port or "
        "protocol can ship logs in plaintext (syslog on 514, HTTP on 80) or to anywhere; limiting its egress to "
        "HTTPS (443) and syslog over TLS (6514) keeps transmission encrypted, as 164.312(e) asks. The group's "
        "egress is the union of its inline egress blocks, aws_security_group_rule (type = egress) and "
        "aws_vpc_security_group_egress_rule resources; a group with none sends nothing (Terraform removes AWS's "
        "default allow-all egress rule from the groups it manages).",
        fix="Replace wide egress (protocol -1, port ranges, UDP) with one TCP rule per allowed port, e.g. "
        'egress { protocol = "tcp", from_port = 6514, to_port = 6514, cidr_blocks = ["10.20.0.0/16"] }, '
        "and keep destinations within allowed_egress_cidrs when it is configured.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        egress, reason = judged(ctx, LOG_ROLES, "egress")
        if reason is None:
            return not_applicable(f"{ctx.node.address}: no egress of a log shipper or log host")
        if not egress:
            return passed(f"{ctx.node.address} allows no egress")
        if ctx.settings.allowed_egress_cidrs:
            egress = [resolved(rule) for rule in egress]
        ports = " and ".join(str(port) for port in sorted(ctx.settings.allowed_egress_ports))
        return from_findings(
            [problem for rule in egress if (problem := egress_problem(rule, ctx.settings))],
            f"egress only over TCP to single ports {ports}"
            + (" within allowed_egress_cidrs" if ctx.settings.allowed_egress_cidrs else ""),
            reason,
            f"egress is limited to TCP {ports}",
        )


check = AwsSecurityGroupEgressPorts()
