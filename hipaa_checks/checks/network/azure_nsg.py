"""Azure network security group rules: inline ``security_rule`` blocks and ``azurerm_network_security_rule``
resources read as one list, priorities applied, and turned into the shared ``rules.Rule`` model.

Each rule field is read on its own; a field that cannot be read is kept as the error and raised only
when a check needs that field, so an unreadable inbound port does not hide an outbound finding.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.network import rules
from hipaa_checks.checks.network.azure_network import NSG, strings_at
from hipaa_checks.config import Role
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, as_int, blocks, is_unresolved, scalar, str_attr

RULE = "azurerm_network_security_rule"
NSG_LINK = "network_security_group_name"
ASG = "azurerm_application_security_group."
CHECKOV_NULL = ("None", "null")
Ports = Tuple[Optional[Tuple[int, int]], ...]  # one entry per range; None is every port


@dataclass(frozen=True)
class NsgRule:
    holder: Node  # the NSG (inline block) or the azurerm_network_security_rule
    label: str  # how findings name the rule
    fields: Mapping[str, Any]  # a parsed value, or the Unresolved/BadValue raised reading it

    def get(self, key: str) -> Any:
        value = self.fields[key]
        if isinstance(value, Exception):
            raise value
        return value

    def known(self, key: str) -> Any:
        value = self.fields[key]
        return None if isinstance(value, Exception) else value

    def readable(self, *keys: str) -> bool:
        return not any(isinstance(self.fields[key], Exception) for key in keys)

    def require(self, *keys: str) -> None:
        """Raise the error of the first of ``keys`` that could not be read."""
        for key in keys:
            self.get(key)

    def far_side(self) -> Tuple[str, ...]:
        """The peers across the network (destinations of an outbound rule, sources of an inbound one), if readable."""
        return self.known("destinations" if self.known("direction") == "outbound" else "sources") or ()

    def shared(self, peers: Sequence[str]) -> List[rules.Rule]:
        """This Allow rule as shared ``Rule`` values, one per port range; raises when a field it needs is unreadable."""
        if self.get("access") != "allow":
            return []
        direction = "egress" if self.get("direction") == "outbound" else "ingress"
        protocol = self.get("protocol")
        return [rules.Rule(self.label, direction, protocol, ports, tuple(peers)) for ports in self.get("ports")]


def _read(reader: Callable[..., Any], *args: Any) -> Any:
    try:
        return reader(*args)
    except (Unresolved, BadValue) as exc:
        return exc


def _texts(conf: dict, *keys: str) -> List[str]:
    """The strings of ``keys``, without the "None" Checkov leaves of a conditional it evaluated to null."""
    return [text for key in keys for text in strings_at(conf, key) if text not in CHECKOV_NULL]


def _text(conf: dict, key: str, label: str) -> Optional[str]:
    value = str_attr(conf, key, f"{label}.{key}")
    if value in CHECKOV_NULL:  # a required attribute: the expression behind it was not evaluated correctly
        raise Unresolved(f"{label}.{key}", value)
    return value


def _choice(conf: dict, key: str, label: str, allowed: Tuple[str, str]) -> str:
    value = _text(conf, key, label)
    if value is None or value.lower() not in allowed:
        raise BadValue(f"{label}.{key}", value, " or ".join(word.capitalize() for word in allowed))
    return value.lower()  # azurerm 2.x accepted any case


def _ports(conf: dict, side: str, label: str) -> Ports:
    keys = (f"{side}_port_range", f"{side}_port_ranges")
    texts = _texts(conf, *keys)
    if not texts:
        _missing(conf, keys, label)
    return tuple(rules.port_range(text, f"{label}.{side}_port_range(s)") for text in texts)


def _peers(conf: dict, side: str, label: str) -> Tuple[str, ...]:
    """Address prefixes (CIDRs, IPs, service tags, "*"), then application security groups."""
    keys = (f"{side}_address_prefix", f"{side}_address_prefixes", f"{side}_application_security_group_ids")
    prefixes = _texts(conf, *keys[:2])
    for prefix in prefixes:
        if is_unresolved(prefix) or prefix.startswith("{"):
            raise Unresolved(f"{label}.{side}_address_prefix", prefix)
    groups = _texts(conf, keys[2])
    # a group given by an expression (lookup(...), var.x) may be null, and then no peer is known
    if not prefixes and (not groups or any(is_unresolved(group) and ASG not in group for group in groups)):
        _missing(conf, keys, label)
    return tuple(prefixes) + tuple(f"application security group {group}" for group in groups)


def _missing(conf: dict, keys: Tuple[str, ...], label: str) -> None:
    """Azure requires one of ``keys``: unreadable ones cannot be verified, absent ones are invalid."""
    present = {key: conf[key] for key in keys if scalar(conf, key) not in (None, "", [])}
    if present:
        raise Unresolved(f"{label}.{' / '.join(present)}", next(iter(present.values())))
    raise BadValue(f"{label}.{keys[0]}", None, f"set (one of {', '.join(keys)} is required)")


def parse(holder: Node, conf: dict, label: str) -> NsgRule:
    return NsgRule(holder, label, {
        "direction": _read(_choice, conf, "direction", label, ("inbound", "outbound")),
        "access": _read(_choice, conf, "access", label, ("allow", "deny")),
        "priority": _read(lambda: as_int(scalar(conf, "priority"), f"{label}.priority")),
        "protocol": _read(lambda: rules.protocol(_text(conf, "protocol", label), f"{label}.protocol")),
        "ports": _read(_ports, conf, "destination", label),
        "source_ports": _read(_ports, conf, "source", label),
        "sources": _read(_peers, conf, "source", label),
        "destinations": _read(_peers, conf, "destination", label),
    })


def nsg_of(index: GraphIndex, rule: Node) -> Optional[Node]:
    """The NSG a separate rule belongs to: by reference, else by name within the same resource group."""
    referenced = [nsg for nsg in index.references(rule.address, NSG_LINK) if nsg.type == NSG]
    if referenced:
        return referenced[0]
    name = scalar(rule.conf, NSG_LINK)
    nsg = index.named(name, NSG) if isinstance(name, str) and not is_unresolved(name) else None
    groups = [scalar(node.conf, "resource_group_name") for node in (rule, nsg) if node is not None]
    if nsg is None or (all(isinstance(group, str) and not is_unresolved(group) for group in groups)
                       and groups[0] != groups[1]):
        return None
    return nsg


def _separate_rules(index: GraphIndex) -> Dict[str, List[Node]]:
    found: Dict[str, List[Node]] = {}
    for rule in index.of_type(RULE):
        nsg = nsg_of(index, rule)
        if nsg is not None:
            found.setdefault(nsg.address, []).append(rule)
    return found


def rules_of(index: GraphIndex, nsg: Node) -> List[NsgRule]:
    """Inline and separate rules as one union, as Azure applies them (a separate rule replaces the inline one
    of its name)."""
    separate = index.memo("azure:nsg-rules", _separate_rules).get(nsg.address, [])
    names = {_name(rule.conf) for rule in separate}
    inline = [
        parse(nsg, conf, f'{nsg.address} security_rule "{_name(conf) or position}"')
        for position, conf in enumerate(blocks(nsg.conf, "security_rule"))
        if _name(conf) is None or _name(conf) not in names
    ]
    return inline + [parse(rule, rule.conf, rule.address) for rule in separate]


def _name(conf: dict) -> Optional[str]:
    return next(iter(strings_at(conf, "name")), None)


def _covers(outer: Optional[Sequence[Any]], inner: Optional[Sequence[Any]],
            contains: Callable[[Any, Any], bool]) -> bool:
    return outer is not None and inner is not None and all(any(contains(o, i) for o in outer) for i in inner)


def _port_in(outer: Optional[Tuple[int, int]], inner: Optional[Tuple[int, int]]) -> bool:
    return outer is None or (inner is not None and outer[0] <= inner[0] and inner[1] <= outer[1])


def _peer_in(outer: str, inner: str) -> bool:
    if outer == "*" or outer.lower() == inner.lower():
        return True
    try:
        return ipaddress.ip_network(inner, strict=False).subnet_of(ipaddress.ip_network(outer, strict=False))
    except (ValueError, TypeError):  # service tags, application security groups, mixed IP versions
        return False


def within(peer: str, prefixes: Sequence[str]) -> bool:
    """``peer`` lies inside one of ``prefixes`` ("*" holds everything; tags only themselves)."""
    return any(_peer_in(prefix, peer) for prefix in prefixes)


def shadowed_by(allow: NsgRule, all_rules: Iterable[NsgRule]) -> Optional[NsgRule]:
    """A single Deny of higher priority (lower number) that matches everything ``allow`` matches."""
    priority = allow.known("priority")
    for deny in all_rules:
        deny_priority = deny.known("priority")
        if deny.known("access") != "deny" or deny.known("direction") in (None, "") or None in (priority, deny_priority):
            continue
        if deny.known("direction") != allow.known("direction") or deny_priority >= priority:
            continue
        if (deny.readable("protocol") and deny.known("protocol") in ("all", allow.known("protocol"))
                and _covers(deny.known("ports"), allow.known("ports"), _port_in)
                and deny.known("source_ports") == (None,)
                and _covers(deny.known("sources"), allow.known("sources"), _peer_in)
                and _covers(deny.known("destinations"), allow.known("destinations"), _peer_in)):
            return deny
    return None


def effective_allows(all_rules: Sequence[NsgRule], *directions: str) -> List[NsgRule]:
    """Allows of ``directions`` that no Deny shadows; a rule whose direction or access cannot be read is kept."""
    return [
        rule for rule in all_rules
        if rule.known("direction") in (*directions, None) and rule.known("access") in ("allow", None)
        and shadowed_by(rule, all_rules) is None
    ]


def role_scope(ctx: Context, *roles: Role) -> Tuple[Optional[str], List[NsgRule], List[NsgRule]]:
    """Why this NSG (or the NSG of this rule resource) is judged, every rule of the NSG, and the rules to report."""
    nsg = ctx.node if ctx.node.type == NSG else nsg_of(ctx.index, ctx.node)
    match = next(filter(None, (ctx.role(role, nsg) for role in roles)), None) if nsg is not None else None
    if match is None:
        return None, [], []
    reason = f"{nsg.address} is the network security group of a log {match.role.value} ({match.reason})"
    ctx.reasons.append(reason)
    all_rules = rules_of(ctx.index, nsg)
    judged = all_rules if nsg is ctx.node else [rule for rule in all_rules if rule.holder.address == ctx.node.address]
    return reason, all_rules, judged
