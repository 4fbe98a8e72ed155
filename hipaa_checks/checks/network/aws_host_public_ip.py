"""Log hosts launch without a public IP address, whether set on the instance, its template or by its subnet."""

from __future__ import annotations

from typing import List, Optional, Tuple

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_hosts import (
    ASG, INSTANCE, LAUNCH_CONFIGURATION, TEMPLATE, built_from, host_reason, public_ip_flag,
)
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, blocks, bool_attr, scalar
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

KEY = "associate_public_ip_address"


def _flags(node: Node) -> List[Tuple[str, Optional[bool]]]:
    """(where, value) of every associate_public_ip_address the resource sets or leaves unset."""
    if node.type == TEMPLATE:
        return [(f"{node.address} network_interfaces #{number}", public_ip_flag(interface, KEY))
                for number, interface in enumerate(blocks(node.conf, "network_interfaces"), 1)]
    return [(node.address, public_ip_flag(node.conf, KEY))]


def _findings(ctx: Context) -> List[str]:
    """Public IPs the resource sets, inherits from its template, or gets by its subnets' default."""
    node, index = ctx.node, ctx.index
    own = [] if node.type == ASG else _flags(node)
    if node.type != INSTANCE and node.type != ASG:
        return [f"{where} sets {KEY} = true" for where, flag in own if flag]
    if next(blocks(node.conf, "network_interface"), None):
        own.append((node.address, False))  # an attached primary ENI gets no automatic public IP
    inherited = [(f"{node.address} is launched from {where}, which", flag) for template in built_from(index, node)
                 for where, flag in _flags(template)]
    decided = [(where, flag) for where, flag in own + inherited if flag is not None]
    if decided:
        return [f"{where} sets {KEY} = true" for where, flag in decided if flag]
    path = "subnet_id" if node.type == INSTANCE else "vpc_zone_identifier"
    subnets = index.linked_all(node, path, "aws_subnet")
    findings = [f"{KEY} is not set for {node.address} and {subnet.address} has map_public_ip_on_launch = true: "
                f"the subnet default gives it a public IP; set {KEY} = false"
                for subnet in subnets if bool_attr(subnet.conf, "map_public_ip_on_launch")]
    if node.type == INSTANCE and scalar(node.conf, path) is None and block(node.conf, "launch_template") is None:
        findings.append(f"{node.address} sets neither {KEY} nor subnet_id: it launches in a default subnet of the "
                        "default VPC, which gives it a public IP")
    return findings  # a subnet outside the module is not assumed to map public IPs


class AwsHostPublicIp(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_020",
        title="AWS log hosts get no public IP address at launch",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(INSTANCE, TEMPLATE, LAUNCH_CONFIGURATION, ASG),
        since="0.2.0",
        why="A log host holds every system's audit trail and often PHI. A public IPv4 address makes its "
        "collector ports and SSH reachable from the internet as soon as one security-group rule is too wide; "
        "HIPAA's access-control and transmission-security standards ask that it be reachable only from the "
        "networks that ship logs to it.",
        fix="Set associate_public_ip_address = false on the aws_instance or aws_launch_configuration, and in "
        "every network_interfaces block of the aws_launch_template; launch instances and auto-scaling groups "
        "into private subnets (map_public_ip_on_launch = false). Reach the host through a VPN, a bastion or "
        "SSM Session Manager.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = host_reason(ctx)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        launched = ctx.node.type in (INSTANCE, ASG)
        return from_findings(
            _findings(ctx),
            f"{KEY} = false (or a private subnet: map_public_ip_on_launch = false)",
            reason,
            f"nothing in this module gives {ctx.node.address} a public IP at launch" if launched else
            f"{ctx.node.address} asks for no public IP (subnet defaults are judged on what it launches)",
        )


check = AwsHostPublicIp()
