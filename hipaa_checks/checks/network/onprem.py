"""Shared by the on-prem and private-cloud checks: why a resource is judged, and which networks face outside."""

from __future__ import annotations

import re
from typing import Callable, Iterable, List, Optional, Sequence, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import has_phrase, words
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar, str_attr, values_at
from hipaa_checks.verdict import Verdict, from_findings

EGRESS_ROLES = (Role.HOST, Role.SHIPPER)  # the egress family: log hosts and log shippers
HOST_ROLES = (Role.HOST,)  # the host-isolation family: log hosts only


def role_reason(ctx: Context, roles: Sequence[Role], node: Optional[Node] = None) -> Optional[str]:
    """Why ``node`` (default: the checked resource) plays one of ``roles``; recorded as the why-judged line."""
    target = node or ctx.node
    for role in roles:
        match = ctx.role(role, target)
        if match is not None:
            reason = f"{target.address} is a log {role.value} ({match.reason})"
            ctx.reasons.append(reason)
            return reason
    return None


def choice(conf: dict, key: str, name: str, allowed: Sequence[str]) -> Optional[str]:
    """A lower-cased keyword attribute (direction, action...). Anything else fails rather than being skipped:
    a rule whose direction cannot be read must not drop out of the judgement."""
    value = str_attr(conf, key, name)
    if value is not None and value.strip().lower() not in allowed:
        raise BadValue(name, value, " or ".join(allowed))
    return value.strip().lower() if value is not None else None


def _tokens(text: str) -> str:
    """Words with letters and digits apart, so "DMZ01" and "vlan20-dmz" both contain the word "dmz"."""
    return " ".join(token for word in words(text) for token in re.findall(r"[a-z]+|[0-9]+", word))


def exposed_network(name: str, settings: Settings) -> Optional[str]:
    """Why a network, port group, bridge or subnet called ``name`` may face outside, or None.

    Deny patterns match whole words (plural forms too), never substrings: "wan" must not hit "swan".
    With an allow list, only names containing one of its entries (as whole words) are internal.
    """
    name_words = words(_tokens(name))
    for pattern in settings.onprem_networks.deny:
        if has_phrase(name_words, _tokens(pattern)):
            return f"matches the onprem_networks deny pattern {pattern!r}"
    allow = settings.onprem_networks.allow
    if allow and not any(has_phrase(name_words, _tokens(entry)) for entry in allow):
        return f"is not in onprem_networks.allow ({', '.join(allow)})"
    return None


def placement(ctx: Context, reason: str, nics: Iterable[Callable[[], Optional[str]]], what: str) -> Verdict:
    """The verdict on where a log host's NICs sit, one problem-finder per NIC. A NIC that cannot be read
    (Unresolved / BadValue) fails the resource closed unless another NIC already gives a definite finding."""
    findings: List[str] = []
    unknown: List[Exception] = []
    for nic in nics:
        try:
            problem = nic()
        except (BadValue, Unresolved) as exc:
            unknown.append(exc)
            continue
        if problem:
            findings.append(problem)
    if unknown and not findings:
        raise unknown[0]
    allow = ", within onprem_networks.allow" if ctx.settings.onprem_networks.allow else ""
    return from_findings(findings, f"every NIC on an internal {what} (not matching onprem_networks.deny{allow})",
                         reason, f"every NIC is on an internal {what}")


def by_id_or_name(index: GraphIndex, value: object, types: Iterable[str]) -> Optional[Node]:
    """The resource of ``types`` whose ``id`` (plan JSON: a data source's ID) or name is ``value``. Values
    known only after apply are no ID: in a plan every new resource's ID is the same unknown marker."""
    types = tuple(types)

    def build(idx: GraphIndex) -> dict:
        found: dict = {}
        for node in idx.of_type(*types):
            for key in ("id", "name"):
                found.setdefault(scalar(node.conf, key), node)
        return {key: node for key, node in found.items() if isinstance(key, str) and not is_unresolved(key)}

    known = isinstance(value, str) and not is_unresolved(value)
    return index.memo("onprem-ids:" + ",".join(types), build).get(value) if known else None


_MODULE_PATH = re.compile(r"(module\.[^.\[]+(\[[^\]]*\])?\.)*")
_REFERENCE = re.compile(r"^(data\.)?([a-z][a-z0-9_]+)\.([\w-]+)(\[[^\]]*\])?\.")
_ELEMENT = re.compile(r"^element\(\s*(data\.)?([a-z][a-z0-9_]+)\.([\w-]+)\.\*\.[\w.]+\s*,\s*(\d+)\s*\)$")


def _block(address: str) -> str:
    return re.sub(r"\[[^\]]*\]$", "", address)


def _referenced(index: GraphIndex, origin: str, value: object, types: Tuple[str, ...]) -> Optional[Node]:
    """The node a reference string names exactly (``data.vsphere_network.dmz.id``, ``x.y[1].id``,
    ``element(x.y.*.id, 1)``), read inside ``origin``'s module. Checkov's graph links every ``[count.index]``
    instance to instance 0; an index it could not evaluate matches the block's only node."""
    text = value.strip().removeprefix("${").removesuffix("}") if isinstance(value, str) else ""
    element, match = _ELEMENT.match(text), _REFERENCE.match(text)
    if element:
        data, kind, name, key = element.group(1), element.group(2), element.group(3), f"[{element.group(4)}]"
    elif match:
        data, kind, name, key = match.groups()
    else:
        return None
    if kind not in types:
        return None
    module = _MODULE_PATH.match(origin).group(0)
    bases = [f"{module}data.{kind}.{name}"] if data else [f"{module}{kind}.{name}"]
    return next((index.node(address) for address in [base + (key or "") for base in bases] + bases
                 if index.node(address) is not None), None)


def resolve(ctx: Context, value: object, types: Iterable[str]) -> Optional[Node]:
    """The resource of ``types`` that ``value`` names: a reference, else an ID or name."""
    types = tuple(types)
    return _referenced(ctx.index, ctx.node.address, value, types) or by_id_or_name(ctx.index, value, types)


def all_linked(index: GraphIndex, node: Node, attribute: str, types: Iterable[str]) -> List[Node]:
    """Every resource of ``types`` an attribute (a dotted path through blocks; a list or one value) names:
    exact references first, then the graph's edges, then names and IDs."""
    types = tuple(types)
    items = [item for value in values_at(node.conf, attribute) for item in (value if isinstance(value, list) else [value])]
    found = [target for item in items if (target := _referenced(index, node.address, item, types))]
    exact = {_block(target.address) for target in found}
    found += [target for target in index.references(node.address, attribute)
              if target.type in types and _block(target.address) not in exact and target not in found]
    for item in items:
        target = by_id_or_name(index, item, types)
        if target is not None and target not in found:
            found.append(target)
    return found
