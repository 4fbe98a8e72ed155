"""AWS security groups: their rules (inline blocks and the three rule resources, as ``Rule`` values), the
resources they are attached to, and the log roles that travel along those attachments (a graph finder)."""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.network.rules import Rule, from_to, port_range, protocol
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.roles import direct
from hipaa_checks.values import Unresolved, blocks, is_unresolved, scalar, str_attr, values_at

GROUP = "aws_security_group"
RULE = "aws_security_group_rule"
EGRESS_RULE = "aws_vpc_security_group_egress_rule"
INGRESS_RULE = "aws_vpc_security_group_ingress_rule"
RULE_TYPES = (RULE, EGRESS_RULE, INGRESS_RULE)
LOG_ROLES = (Role.SHIPPER, Role.HOST)

# Resource type -> attributes (dotted paths) that list its security groups, by reference, ID or name.
ATTACHMENTS: Dict[str, Tuple[str, ...]] = {
    "aws_instance": ("vpc_security_group_ids", "security_groups"),
    "aws_launch_template": ("vpc_security_group_ids", "security_group_names", "network_interfaces.security_groups"),
    "aws_launch_configuration": ("security_groups",),
    "aws_network_interface": ("security_groups",),
    "aws_ecs_service": ("network_configuration.security_groups",),
    "aws_lambda_function": ("vpc_config.security_group_ids",),
}
# Peer attributes naming CIDRs (must resolve) and those naming groups or prefix lists (kept as written).
_CIDR_KEYS = ("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6")
_GROUP_KEYS = ("security_groups", "source_security_group_id", "referenced_security_group_id")
_PREFIX_KEYS = ("prefix_list_ids", "prefix_list_id")


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        yield str(value)
    elif isinstance(value, dict):  # what Checkov leaves of an expression it could not evaluate
        yield "${unevaluated}"


def _peers(conf: dict) -> Tuple[str, ...]:
    peers = [peer for key in _CIDR_KEYS + _PREFIX_KEYS for peer in _strings(conf.get(key))]
    peers += [f"security group {peer.removesuffix('.id')}" for key in _GROUP_KEYS for peer in _strings(conf.get(key))]
    return tuple(peers + (["self"] if scalar(conf, "self") in (True, "true") else []))


def resolved(rule: Rule) -> Rule:
    """``rule`` when all its CIDRs and prefix lists are known; raises Unresolved otherwise."""
    for peer in rule.peers:
        if is_unresolved(peer):
            raise Unresolved(f"{rule.origin} peer", peer)
    return rule


def protocol_ports(conf: dict, origin: str, protocol_key: str = "protocol") -> Tuple[str, Optional[Tuple[int, int]]]:
    """AWS's protocol and from_port/to_port pair (security groups and network ACLs); protocol -1 means every port."""
    proto = protocol(scalar(conf, protocol_key), f"{origin} {protocol_key}")
    low, high = (port_range(scalar(conf, key), f"{origin} {key}") for key in ("from_port", "to_port"))
    return proto, None if proto == "all" else from_to(low, high)


def _rule(origin: str, way: str, conf: dict, protocol_key: str) -> Rule:
    return Rule(origin, way, *protocol_ports(conf, origin, protocol_key), _peers(conf))


def direction(node: Node) -> str:
    """"ingress" or "egress" for a rule resource (read before any other value); "" for a group."""
    if node.type == RULE:
        return str_attr(node.conf, "type") or ""
    return node.type.split("_")[-2] if node.type in (EGRESS_RULE, INGRESS_RULE) else ""


def rules_of(node: Node, directions: Sequence[str]) -> List[Rule]:
    """The allowing rules in ``directions`` one resource declares: a group's inline blocks, or a rule resource's
    one rule. Rules in other directions are not read, so their unresolved values do not count."""
    conf = node.conf
    if node.type in RULE_TYPES:
        way, key = direction(node), "protocol" if node.type == RULE else "ip_protocol"
        return [_rule(node.address, way, conf, key)] if way in directions else []
    found = []
    for way in directions:
        declared = list(blocks(conf, way))
        if not declared and any(way in dynamic for dynamic in blocks(conf, "dynamic")):
            raise Unresolved(f"{node.address} dynamic {way}", "for_each")
        # attribute syntax from a value that cannot be known (`ingress = var.rules`) is unresolved; a plan's
        # whole-attribute unknown is the provider computing a block left out of the configuration (no rules)
        if not declared and is_unresolved(conf.get(way)) and conf.get(way) not in (UNKNOWN, [UNKNOWN]):
            raise Unresolved(f"{node.address} {way}", conf.get(way))
        found += [_rule(f"{node.address} {way} #{n}", way, item, "protocol") for n, item in enumerate(declared, 1)]
    return found


def group_of(index: GraphIndex, node: Node) -> Optional[Node]:
    """The security group a rule resource belongs to (the group itself for a group)."""
    return node if node.type == GROUP else index.linked(node, "security_group_id", GROUP)


def _separate_rules(index: GraphIndex) -> Dict[str, List[Node]]:
    by_group: Dict[str, List[Node]] = {}
    for rule in index.of_type(*RULE_TYPES):
        group = group_of(index, rule)
        if group is not None:
            by_group.setdefault(group.address, []).append(rule)
    return by_group


def group_rules(index: GraphIndex, group: Node, directions: Sequence[str]) -> List[Rule]:
    """The union of a group's inline rules and every rule resource that points at it, in ``directions``."""
    separate = index.memo("aws-sg-rules", _separate_rules).get(group.address, [])
    return rules_of(group, directions) + [rule for node in separate for rule in rules_of(node, directions)]


def judged(ctx: Context, roles: Sequence[Role], *directions: str) -> Tuple[List[Rule], Optional[str]]:
    """The rules in ``directions`` to judge for this resource and why (its group's role), or no reason when
    the resource plays none of ``roles`` or is a rule resource for another direction.

    A group is judged with all its rules (inline and separate); a rule resource with its own, by its group's
    role (its own tag/name when the group is not in the configuration)."""
    holder = group_of(ctx.index, ctx.node) or ctx.node
    for role in roles:
        match = ctx.role(role, holder)
        if match is not None:  # values are read only now: a resource without a role is never judged on them
            if ctx.node.type != GROUP and direction(ctx.node) not in directions:
                return [], None
            reason = f"{holder.address} is a log {role.value} ({match.reason})"
            ctx.reasons.append(reason)
            if ctx.node.type == GROUP:
                return group_rules(ctx.index, ctx.node, directions), reason
            return rules_of(ctx.node, directions), reason
    return [], None


def _attachments(index: GraphIndex) -> List[Tuple[Node, List[Node]]]:
    """Every resource that carries security groups, with its groups; an EKS node group carries its launch template's."""
    attached = [(node, [group for path in paths for group in index.linked_all(node, path, GROUP)])
                for resource_type, paths in ATTACHMENTS.items() for node in index.of_type(resource_type)]
    templates = {node.address: groups for node, groups in attached}
    for node_group in index.of_type("aws_eks_node_group"):
        launch = [target for target in index.references(node_group.address, "launch_template")
                  if target.type == "aws_launch_template"]
        names = [name for name in values_at(node_group.conf, "launch_template.name") if isinstance(name, str)]
        launch += filter(None, (index.named(name, "aws_launch_template") for name in names))
        attached.append((node_group, [group for template in launch for group in templates.get(template.address, [])]))
    return attached


def _forwarders(index: GraphIndex) -> Dict[str, str]:
    """Lambda functions that CloudWatch subscription filters deliver to: log forwarders, so shippers."""
    found: Dict[str, str] = {}
    for subscription in index.of_type("aws_cloudwatch_log_subscription_filter"):
        target = index.linked(subscription, "destination_arn", "aws_lambda_function")
        if target is not None:
            found.setdefault(target.address, f"log forwarder: destination of {subscription.address}")
    return found


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    """Groups attached to a shipper or host take its role; a resource behind such a group (by tag or name) plays it."""
    if role not in LOG_ROLES:
        return {}
    seeds = index.memo("aws-log-forwarders", _forwarders) if role is Role.SHIPPER else {}
    found: Dict[str, str] = {}
    for resource, groups in index.memo("aws-sg-attachments", _attachments):
        match = direct(resource, role, settings)
        reason = match.reason if match else seeds.get(resource.address)
        for group in groups:
            if reason:
                found.setdefault(group.address, f"attached to {resource.address}, a log {role.value} ({reason})")
            group_match = direct(group, role, settings)
            if group_match:
                found.setdefault(resource.address,
                                 f"behind {group.address}, a log {role.value} security group ({group_match.reason})")
    return found
