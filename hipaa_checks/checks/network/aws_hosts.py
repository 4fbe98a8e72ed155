"""AWS log hosts and how they are wired: which EC2 resources play ``host`` through launch templates,
auto-scaling groups and network interfaces (a ``roles.GRAPH_FINDERS`` module), and what hangs off a host.

Seeds come only from ``roles.direct`` (tag or name). The tags a launch template copies onto its instances
(``tag_specifications``) count as the template's own here.
"""

from __future__ import annotations

from typing import Dict, List, Optional

from hipaa_checks.checks.base import Context
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.roles import RoleMatch, direct
from hipaa_checks.values import as_bool, blocks, scalar, tags

INSTANCE = "aws_instance"
INTERFACE = "aws_network_interface"
TEMPLATE = "aws_launch_template"
LAUNCH_CONFIGURATION = "aws_launch_configuration"
ASG = "aws_autoscaling_group"
_SPECIFICATION = "mixed_instances_policy.launch_template.launch_template_specification"
# Where an ASG or instance names what it is built from (by reference, name or ID).
_BUILT_FROM = {
    ASG: ("launch_template.id", "launch_template.name", f"{_SPECIFICATION}.launch_template_id",
          f"{_SPECIFICATION}.launch_template_name", "launch_configuration"),
    INSTANCE: ("launch_template.id", "launch_template.name"),
}


def public_ip_flag(conf: dict, key: str) -> Optional[bool]:
    """``associate_public_ip_address``: launch templates store "" for unset, and a plan leaves it unknown
    when the configuration does not set it; both mean "not set: the subnet decides"."""
    value = scalar(conf, key)
    return None if value in ("", UNKNOWN) else as_bool(value, key)


def built_from(index: GraphIndex, node: Node) -> List[Node]:
    """The launch templates / launch configurations an ASG or instance is built from."""
    found = {target.address: target for path in _BUILT_FROM.get(node.type, ())
             for target in index.linked_all(node, path, TEMPLATE, LAUNCH_CONFIGURATION)}
    return list(found.values())


def interfaces(index: GraphIndex) -> Dict[str, List[Node]]:
    """Instance address -> the network interfaces attached to it (either side may name the other)."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        attached: Dict[str, List[Node]] = {}
        pairs = [(instance, eni) for eni in idx.of_type(INTERFACE)
                 for instance in idx.linked_all(eni, "attachment.instance", INSTANCE)]
        pairs += [(instance, eni) for instance in idx.of_type(INSTANCE)
                  for eni in idx.linked_all(instance, "network_interface.network_interface_id", INTERFACE)]
        for attachment in idx.of_type("aws_network_interface_attachment"):
            pairs += [(instance, eni) for instance in idx.linked_all(attachment, "instance_id", INSTANCE)
                      for eni in idx.linked_all(attachment, "network_interface_id", INTERFACE)]
        for instance, eni in pairs:
            if eni.address not in {known.address for known in attached.get(instance.address, [])}:
                attached.setdefault(instance.address, []).append(eni)
        return attached
    return index.memo("aws-host-interfaces", build)


def host_reason(ctx: Context, node: Optional[Node] = None) -> Optional[str]:
    """Why ``node`` (default: the checked resource) is a log host, noted on the context; None if it is not."""
    match = ctx.role(Role.HOST, node)
    if match is None:
        return None
    reason = f"{(node or ctx.node).address} is a log host ({match.reason})"
    ctx.reasons.append(reason)
    return reason


def _seed(node: Node, settings: Settings) -> Optional[RoleMatch]:
    """``direct``, with the tags a launch template copies onto its instances counted as its own."""
    copied = {key: value for specification in blocks(node.conf, "tag_specifications")
              for key, value in tags(specification).items()}
    if copied:
        node = Node(node.address, node.type, node.name, {**node.conf, "tags": [{**copied, **tags(node.conf)}]},
                    node.file_path)
    return direct(node, Role.HOST, settings)


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    """Log hosts by EC2 wiring: an ASG or instance built from a log-host template, the template of a
    log-host ASG, a network interface of a log-host instance (and templates tagged for their instances)."""
    if role is not Role.HOST:
        return {}
    seeds = {node.address: match.reason for node in index.of_type(ASG, TEMPLATE, LAUNCH_CONFIGURATION, INSTANCE)
             if (match := _seed(node, settings))}
    found = {address: reason for address, reason in seeds.items()
             if direct(index.nodes[address], role, settings) is None}  # tagged only through copied tags
    for group in index.of_type(ASG):
        for template in built_from(index, group):
            if template.address in seeds:
                found.setdefault(group.address, f"built from {template.address}, {seeds[template.address]}")
            if group.address in seeds:
                found.setdefault(template.address, f"launches {group.address}, {seeds[group.address]}")
    for instance in index.of_type(INSTANCE):
        for template in built_from(index, instance):
            reason = seeds.get(template.address) or found.get(template.address)
            if reason:
                found.setdefault(instance.address, f"launched from {template.address}, {reason}")
    for instance, attached in interfaces(index).items():
        reason = seeds.get(instance) or found.get(instance)
        for eni in attached if reason else ():
            found.setdefault(eni.address, f"attached to {instance}, {reason}")
    return found
