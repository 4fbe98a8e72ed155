"""Which instances and auto-scaling groups receive traffic from an internet-facing load balancer, and how.

ALB/NLB: aws_lb (internal = false is the default) -> aws_lb_listener / aws_lb_listener_rule -> aws_lb_target_group
-> aws_lb_target_group_attachment (an instance), an ASG's target_group_arns or traffic_source, or
aws_autoscaling_attachment / aws_autoscaling_traffic_source_attachment. Classic: aws_elb (internal = false) ->
its instances, aws_elb_attachment, an ASG's load_balancers or traffic_source, or those ASG
attachments. Gateway load balancers take no traffic from the internet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.network.aws_hosts import ASG, INSTANCE
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, bool_attr, str_attr

ALB = ("aws_lb", "aws_alb")
CLASSIC = "aws_elb"
TARGET_GROUP = ("aws_lb_target_group", "aws_alb_target_group")
LISTENER = ("aws_lb_listener", "aws_alb_listener")
RULE = ("aws_lb_listener_rule", "aws_alb_listener_rule")
TG_ATTACHMENT = ("aws_lb_target_group_attachment", "aws_alb_target_group_attachment")
ASG_ATTACHMENT = "aws_autoscaling_attachment"
TRAFFIC_SOURCE = "aws_autoscaling_traffic_source_attachment"
ELB_ATTACHMENT = "aws_elb_attachment"
ATTACHMENTS = (*TG_ATTACHMENT, ASG_ATTACHMENT, TRAFFIC_SOURCE, ELB_ATTACHMENT)
_FORWARDS = ("target_group_arn", "forward.target_group.arn")


@dataclass(frozen=True)
class Exposure:
    """``target`` receives traffic from the internet-facing ``balancer`` (``via`` an attachment resource)."""

    target: str
    balancer: str
    path: str
    via: Optional[str] = None
    doubt: Optional[Exception] = None  # Unresolved/BadValue: whether the balancer faces the internet is unknown

    def describe(self) -> str:
        return f"{self.target} {self.path} internet-facing {self.balancer}"


def _doubt(balancer: Node) -> Tuple[bool, Optional[Exception]]:
    """(may face the internet, why that is unknown); an unreadable value counts as facing it, with the doubt."""
    try:
        internal = bool_attr(balancer.conf, "internal")
        kind = str_attr(balancer.conf, "load_balancer_type") if balancer.type in ALB else None
    except Unresolved as exc:
        return True, Unresolved(f"{balancer.address} {exc.key}", exc.value)
    except BadValue as exc:
        return True, exc
    return not internal and kind != "gateway", None


def _target_groups(index: GraphIndex) -> Dict[str, Tuple[Node, Optional[Exception]]]:
    """Target group address -> an internet-facing balancer that forwards to it (through a listener or rule)."""
    facing = {node.address: doubt for node in index.of_type(*ALB) for public, doubt in [_doubt(node)] if public}
    listener_of: Dict[str, Node] = {}
    for listener in index.of_type(*LISTENER):
        for balancer in index.linked_all(listener, "load_balancer_arn", *ALB):
            listener_of[listener.address] = balancer
    groups: Dict[str, Tuple[Node, Optional[Exception]]] = {}
    routes = [(listener, "default_action") for listener in index.of_type(*LISTENER)]
    routes += [(rule, "action") for rule in index.of_type(*RULE)]
    for origin, block_name in routes:
        listeners = [origin] if origin.type in LISTENER else index.linked_all(origin, "listener_arn", *LISTENER)
        for balancer in filter(None, (listener_of.get(listener.address) for listener in listeners)):
            if balancer.address not in facing:
                continue
            for forward in _FORWARDS:
                for group in index.linked_all(origin, f"{block_name}.{forward}", *TARGET_GROUP):
                    groups.setdefault(group.address, (balancer, facing[balancer.address]))
    return groups


def exposures(index: GraphIndex) -> Dict[str, List[Exposure]]:
    """Instance, ASG or attachment address -> how it puts a target behind an internet-facing balancer."""
    return index.memo("aws-lb-exposures", _exposures)


def _exposures(index: GraphIndex) -> Dict[str, List[Exposure]]:
    groups = _target_groups(index)
    classic = {node.address: doubt for node in index.of_type(CLASSIC) for public, doubt in [_doubt(node)] if public}
    found: List[Exposure] = []

    def behind_groups(origin: Node, path: str, targets: List[Node], via: Optional[str]) -> None:
        for group in index.linked_all(origin, path, *TARGET_GROUP):
            if group.address in groups:
                balancer, doubt = groups[group.address]
                found.extend(Exposure(target.address, balancer.address, f"is registered in {group.address} of",
                                      via, doubt) for target in targets)

    def behind_classic(origin: Node, path: str, targets: List[Node], via: Optional[str]) -> None:
        for balancer in index.linked_all(origin, path, CLASSIC):
            if balancer.address in classic:
                found.extend(Exposure(target.address, balancer.address, "is attached to", via,
                                      classic[balancer.address]) for target in targets)

    for attachment in index.of_type(*TG_ATTACHMENT):
        behind_groups(attachment, "target_group_arn", index.linked_all(attachment, "target_id", INSTANCE),
                      attachment.address)
    for attachment in index.of_type(ASG_ATTACHMENT):
        scaled = index.linked_all(attachment, "autoscaling_group_name", ASG)
        for path in ("lb_target_group_arn", "alb_target_group_arn"):
            behind_groups(attachment, path, scaled, attachment.address)
        behind_classic(attachment, "elb", scaled, attachment.address)
    for attachment in index.of_type(TRAFFIC_SOURCE):
        scaled = index.linked_all(attachment, "autoscaling_group_name", ASG)
        behind_groups(attachment, "traffic_source.identifier", scaled, attachment.address)
        behind_classic(attachment, "traffic_source.identifier", scaled, attachment.address)
    for attachment in index.of_type(ELB_ATTACHMENT):
        behind_classic(attachment, "elb", index.linked_all(attachment, "instance", INSTANCE), attachment.address)
    for group in index.of_type(ASG):
        behind_groups(group, "target_group_arns", [group], None)
        behind_classic(group, "load_balancers", [group], None)
        behind_groups(group, "traffic_source.identifier", [group], None)
        behind_classic(group, "traffic_source.identifier", [group], None)
    for balancer in index.of_type(CLASSIC):
        if balancer.address in classic:
            found.extend(Exposure(instance.address, balancer.address, "is in the instances of", None,
                                  classic[balancer.address])
                         for instance in index.linked_all(balancer, "instances", INSTANCE))
    by_address: Dict[str, List[Exposure]] = {}
    for exposure in found:
        for address in {exposure.target, exposure.via} - {None}:
            by_address.setdefault(address, []).append(exposure)
    return by_address
