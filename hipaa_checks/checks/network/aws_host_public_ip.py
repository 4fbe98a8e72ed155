"""Log hosts launch without a public IP address, whether set on the instance, its template or by its subnet."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_hosts import (
    INSTANCE, LAUNCH_CONFIGURATION, TEMPLATE, built_from, host_reason, linked_at, public_ip_flag,
)
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.graph import Node
from hipaa_checks.values import block, blocks, bool_attr, scalar
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

KEY = "associate_public_ip_address"


def _template_flags(template: Node, launched: str = "") -> List[str]:
    return [f"{launched}{template.address} network_interfaces #{number} sets {KEY} = true"
            for number, interface in enumerate(blocks(template.conf, "network_interfaces"), 1)
            if public_ip_flag(interface, KEY)]


def _findings(conf: dict, ctx: Context) -> List[str]:
    node = ctx.node
    if node.type == TEMPLATE:
        return _template_flags(node)
    flag = public_ip_flag(conf, KEY)
    if flag is not None or node.type == LAUNCH_CONFIGURATION or next(blocks(conf, "network_interface"), None):
        return [f"{node.address} {KEY} = true"] if flag else []  # an attached primary ENI gets no automatic public IP
    templates = [template for template in built_from(ctx.index, node) if template.type == TEMPLATE]
    inherited = [line for template in templates for line in _template_flags(template, f"{node.address} is launched from ")]
    subnet = next(iter(linked_at(ctx.index, node, "subnet_id", "aws_subnet")), None)
    if subnet is not None and bool_attr(subnet.conf, "map_public_ip_on_launch"):
        inherited.append(f"{node.address} does not set {KEY} and {subnet.address} has map_public_ip_on_launch = true: "
                         f"the subnet default gives it a public IP; set {KEY} = false")
    if not (subnet or templates or inherited) and scalar(conf, "subnet_id") is None and block(conf, "launch_template") is None:
        inherited.append(f"{node.address} sets neither {KEY} nor subnet_id: it launches in a default subnet of the "
                         "default VPC, which gives it a public IP")
    return inherited  # a subnet outside the module is not assumed to map public IPs


class AwsHostPublicIp(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_020",
        title="AWS log hosts get no public IP address at launch",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(INSTANCE, TEMPLATE, LAUNCH_CONFIGURATION),
        since="0.2.0",
        why="A log host holds every system's audit trail and often PHI. A public IPv4 address makes its "
        "collector ports and SSH reachable from the internet as soon as one security-group rule is too wide; "
        "HIPAA's access-control and transmission-security standards ask that it be reachable only from the "
        "networks that ship logs to it.",
        fix="Set associate_public_ip_address = false on the aws_instance or aws_launch_configuration, and in "
        "every network_interfaces block of the aws_launch_template; put the host in a private subnet "
        "(map_public_ip_on_launch = false). Reach it through a VPN, a bastion or SSM Session Manager.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = host_reason(ctx)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        return from_findings(
            _findings(conf, ctx),
            f"{KEY} = false (or a private subnet: map_public_ip_on_launch = false)",
            reason,
            f"{ctx.node.address} gets no public IP at launch",
        )


check = AwsHostPublicIp()
