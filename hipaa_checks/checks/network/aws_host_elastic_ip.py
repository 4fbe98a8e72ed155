"""Log hosts carry no Elastic IP, on the instance itself or on one of its network interfaces."""

from __future__ import annotations

from typing import Dict, List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_hosts import INSTANCE, INTERFACE, host_reason, interfaces
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable

EIP, ASSOCIATION = "aws_eip", "aws_eip_association"
_TARGETS = {EIP: ("instance", "network_interface"), ASSOCIATION: ("instance_id", "network_interface_id")}
REQUIRED = "no Elastic IP on a log host or its network interfaces"


def _targets(index: GraphIndex, source: Node) -> List[Node]:
    return [target for path in _TARGETS[source.type]
            for target in index.linked_all(source, path, INSTANCE, INTERFACE)]


def _elastic_ips(index: GraphIndex) -> Dict[str, List[Node]]:
    """Instance/interface address -> the aws_eip / aws_eip_association resources that point at it, and
    aws_eip / association address -> the instances and interfaces it gives an address (an EIP through its
    associations too)."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for source in idx.of_type(EIP, ASSOCIATION):
            targets = _targets(idx, source)
            found.setdefault(source.address, []).extend(targets)
            for target in targets:
                found.setdefault(target.address, []).append(source)
            for allocation in idx.linked_all(source, "allocation_id", EIP) if source.type == ASSOCIATION else ():
                found.setdefault(allocation.address, []).extend(targets)
        return found
    return index.memo("aws-elastic-ips", build)


class AwsHostElasticIp(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_021",
        title="AWS log hosts have no Elastic IP address",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(INSTANCE, INTERFACE, EIP, ASSOCIATION),
        since="0.2.0",
        why="An Elastic IP is a public address that stays with the log host: whatever its security groups "
        "allow is then open to the internet, and the address is easy to find again. HIPAA's access-control "
        "and transmission-security standards ask that log hosts be reachable only from the networks that "
        "ship logs to them.",
        fix="Remove the aws_eip / aws_eip_association from the log host and its network interfaces. Ship logs "
        "over private addressing (VPC peering, Transit Gateway, PrivateLink) and administer the host through a "
        "VPN, a bastion or SSM Session Manager.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        node, index = ctx.node, ctx.index
        if node.type in _TARGETS:
            hosts = [target for target in _elastic_ips(index).get(node.address, []) if host_reason(ctx, target)]
            if not hosts:
                return not_applicable(f"{node.address} is attached to no log host")
            return failed(f"{node.address} gives {', '.join(host.address for host in hosts)} a public Elastic IP",
                          REQUIRED, ctx.why_judged(self.id))
        reason = host_reason(ctx)
        if reason is None:
            return not_applicable(f"{node.address} is not a log host")
        carriers = [node] + interfaces(index).get(node.address, [])
        eips = _elastic_ips(index)
        return from_findings(
            [f"{eip.address} gives {carrier.address} a public Elastic IP"
             for carrier in carriers for eip in eips.get(carrier.address, [])],
            REQUIRED, reason, f"no Elastic IP points at {node.address} or its network interfaces",
        )


check = AwsHostElasticIp()
