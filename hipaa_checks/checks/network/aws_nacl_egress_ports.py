"""Network ACLs of subnets that hold log hosts let out only TCP 443 and 6514, plus TCP return traffic."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_network_acls import (
    ACL, ACL_RULE, DEFAULT_ACL, by_acl, egress_rules, host_subnets, return_traffic,
)
from hipaa_checks.checks.network.rules import problems
from hipaa_checks.config import Role
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def _reason(ctx: Context, acl: Node) -> Optional[str]:
    match = ctx.role(Role.HOST, acl)
    if match is not None:
        return f"{acl.address} is a log host network ACL ({match.reason})"
    hosts = ctx.index.memo(f"aws-host-subnets:{id(ctx.settings)}", lambda index: host_subnets(index, ctx.settings))
    subnets = ctx.index.memo("aws-nacl-links", by_acl)[0].get(acl.address, [])
    held = [hosts[subnet.address] for subnet in subnets if subnet.address in hosts]
    return f"{acl.address} applies to {held[0]}" if held else None


class AwsNetworkAclEgressPorts(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_012",
        title="Network ACLs of log host subnets allow egress only to TCP 443 and 6514 (and TCP replies)",
        family=Family.EGRESS,
        severity=Severity.MEDIUM,
        resources=(ACL, DEFAULT_ACL, ACL_RULE),
        since="0.2.0",
        why="A network ACL is the subnet-wide second fence around a log host: an allow-all or UDP 514 egress entry "
        "lets plaintext logs leave however the instance is configured. ACLs are stateless, so replies to the "
        "shippers that connect to the host need an egress entry for their ephemeral ports: TCP within 1024-65535 "
        "to internal addresses is accepted as that return traffic. Allow entries are judged (inline egress blocks "
        "and aws_network_acl_rule with egress = true); deny entries allow nothing and are not needed to pass.",
        fix="Allow egress from log host subnets only over TCP to 443 and 6514, plus TCP 1024-65535 to the "
        "shippers' internal ranges for replies; remove protocol -1, UDP and 514 entries.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        acl = ctx.index.linked(ctx.node, "network_acl_id", ACL, DEFAULT_ACL) if ctx.node.type == ACL_RULE else ctx.node
        reason = _reason(ctx, acl or ctx.node)
        if reason is None:
            return not_applicable(f"{ctx.node.address} guards no log host subnet")
        own = egress_rules(ctx.node)  # values are read only once the ACL is known to guard a log host
        if ctx.node.type == ACL_RULE and not own:
            return not_applicable(f"{ctx.node.address} allows no egress")
        ctx.reasons.append(reason)
        if ctx.node.type != ACL_RULE:
            own += [rule for node in ctx.index.memo("aws-nacl-links", by_acl)[1].get(ctx.node.address, [])
                    for rule in egress_rules(node)]
        ports = " and ".join(str(port) for port in sorted(ctx.settings.allowed_egress_ports))
        return from_findings(
            problems([rule for rule in own if not return_traffic(rule, ctx.settings)], ctx.settings),
            f"egress only over TCP to ports {ports}, plus TCP 1024-65535 to internal addresses for replies",
            reason,
            f"egress is limited to TCP {ports} and replies to internal clients",
        )


check = AwsNetworkAclEgressPorts()
