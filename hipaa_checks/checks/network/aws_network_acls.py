"""AWS network ACLs: their allowing egress entries as ``Rule`` values, their subnets and rule resources, the
subnets that hold log hosts, and which entries are return traffic (ACLs are stateless)."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from hipaa_checks.checks.network.aws_security_groups import protocol_ports
from hipaa_checks.checks.network.rules import Rule, is_public
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import classify
from hipaa_checks.values import blocks, bool_attr, str_attr

ACL, DEFAULT_ACL, ACL_RULE = "aws_network_acl", "aws_default_network_acl", "aws_network_acl_rule"
EPHEMERAL = (1024, 65535)  # clients' source ports, where a stateless ACL must let replies go (AWS's NACL guidance)


def _rule(origin: str, conf: dict, action_key: str) -> Optional[Rule]:
    """An allowing egress entry as a Rule; deny entries allow nothing and give None."""
    if (str_attr(conf, action_key) or "").lower() != "allow":
        return None
    peers = tuple(filter(None, (str_attr(conf, key, f"{origin} {key}") for key in ("cidr_block", "ipv6_cidr_block"))))
    return Rule(origin, "egress", *protocol_ports(conf, origin), peers)


def egress_rules(node: Node) -> List[Rule]:
    """The allowing egress entries of an ACL (inline) or of one aws_network_acl_rule (egress = true)."""
    if node.type == ACL_RULE:
        allowing = bool_attr(node.conf, "egress") and _rule(node.address, node.conf, "rule_action")
        return [allowing] if allowing else []
    return [rule for n, entry in enumerate(blocks(node.conf, "egress"), 1)
            if (rule := _rule(f"{node.address} egress #{n}", entry, "action"))]


def by_acl(index: GraphIndex) -> Tuple[Dict[str, List[Node]], Dict[str, List[Node]]]:
    """ACL address -> its subnets (subnet_ids, associations), and -> its separate rule resources."""
    subnets = {acl.address: [node for node in index.references(acl.address, "subnet_ids") if node.type == "aws_subnet"]
               for acl in index.of_type(ACL, DEFAULT_ACL)}
    rules: Dict[str, List[Node]] = {}
    for node in index.of_type("aws_network_acl_association", ACL_RULE):
        acl = index.linked(node, "network_acl_id", ACL, DEFAULT_ACL)
        if acl is not None and node.type == ACL_RULE:
            rules.setdefault(acl.address, []).append(node)
        elif acl is not None and (subnet := index.linked(node, "subnet_id", "aws_subnet")) is not None:
            subnets.setdefault(acl.address, []).append(subnet)
    return subnets, rules


def host_subnets(index: GraphIndex, settings: Settings) -> Dict[str, str]:
    """Subnet address -> why it holds a log host (an instance or network interface playing ``host``)."""
    found: Dict[str, str] = {}
    for node in index.of_type("aws_instance", "aws_network_interface"):
        match = classify(node, Role.HOST, settings, index)
        subnet = index.linked(node, "subnet_id", "aws_subnet") if match else None
        if subnet is not None:
            found.setdefault(subnet.address, f"{subnet.address} holds log host {node.address} ({match.reason})")
    return found


def return_traffic(rule: Rule, settings: Settings) -> bool:
    """TCP to clients' ephemeral ports at internal addresses: replies to shippers, not new connections out."""
    return (rule.protocol == "tcp" and rule.ports is not None and EPHEMERAL[0] <= rule.ports[0]
            and rule.ports[1] <= EPHEMERAL[1] and bool(rule.peers)
            and not any(is_public(peer, settings) for peer in rule.peers))
