"""OpenStack security groups of log hosts and shippers let out only TCP 443 and 6514, default rules included."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import EGRESS_ROLES
from hipaa_checks.checks.network.openstack import SECGROUP, SECGROUP_RULE, judged_rules
from hipaa_checks.checks.network.rules import egress_problem
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


class OpenstackEgress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_OPENSTACK_001",
        title="OpenStack security groups of log hosts and shippers allow egress only to TCP 443 and 6514",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(SECGROUP, SECGROUP_RULE),
        since="0.2.0",
        why="Logs leave a shipper or log host only over TLS: HTTPS (443) or syslog over TLS (6514). Any other "
        "open egress lets logs, or whatever reaches the host, travel unencrypted or to unintended places. Neutron "
        "adds allow-all egress rules (IPv4 and IPv6) to every new security group, so a group that never deletes "
        "them is open whatever its own rules say.",
        fix="Set delete_default_rules = true on the openstack_networking_secgroup_v2 and add egress rules "
        'with protocol = "tcp" and port_range_min = port_range_max = 443 or 6514 only.',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, rules = judged_rules(ctx, EGRESS_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} belongs to no log host or shipper")
        egress = [rule for rule in rules if rule.direction == "egress"]
        if ctx.node.type == SECGROUP_RULE and not egress:
            return not_applicable(f"{ctx.node.address} is not an egress rule")
        return from_findings(
            [problem for rule in egress if (problem := egress_problem(rule, ctx.settings))],
            "egress only over TCP to ports " + " and ".join(map(str, sorted(ctx.settings.allowed_egress_ports)))
            + " (and delete_default_rules = true on the group)",
            reason,
            f"{len(egress)} egress rule(s), all TCP on allowed ports",
        )


check = OpenstackEgress()
