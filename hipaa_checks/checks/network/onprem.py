"""Shared by the on-prem and private-cloud checks: why a resource is judged, and which networks face outside."""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Sequence

from hipaa_checks.checks.base import Context
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import has_phrase, words
from hipaa_checks.values import scalar

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


def by_id_or_name(index: GraphIndex, value: object, types: Iterable[str]) -> Optional[Node]:
    """The resource of ``types`` whose ``id`` (plan JSON: a data source's ID) or name is ``value``."""
    types = tuple(types)

    def build(idx: GraphIndex) -> dict:
        found: dict = {}
        for node in idx.of_type(*types):
            for key in ("id", "name"):
                found.setdefault(scalar(node.conf, key), node)
        found.pop(None, None)
        return found

    return index.memo("onprem-ids:" + ",".join(types), build).get(value) if isinstance(value, str) else None


_MODULE_PATH = re.compile(r"(module\.[^.\[]+(\[[^\]]*\])?\.)*")
_REFERENCE = re.compile(r"^\$?\{?(data\.)?([a-z][a-z0-9_]+)\.([\w-]+)(\[[^\]]*\])?\.")


def resolve(ctx: Context, value: object, types: Iterable[str]) -> Optional[Node]:
    """The resource of ``types`` that ``value`` names: a reference such as ``data.vsphere_network.dmz.id``
    (read inside the checked resource's module; an index Checkov could not evaluate matches the block's
    only node), else an ID or name."""
    types = tuple(types)
    match = _REFERENCE.match(value.strip()) if isinstance(value, str) else None
    if match and match.group(2) in types:
        data, kind, name, key = match.groups()
        module = _MODULE_PATH.match(ctx.node.address).group(0)
        # Terraform writes module.x.data.t.n; the graph index names data sources in modules data.module.x.t.n
        bases = [f"data.{module}{kind}.{name}", f"{module}data.{kind}.{name}"] if data else [f"{module}{kind}.{name}"]
        for address in [base + (key or "") for base in bases] + bases:
            if ctx.index.node(address) is not None:
                return ctx.index.node(address)
    return by_id_or_name(ctx.index, value, types)


def all_linked(index: GraphIndex, node: Node, attribute: str, types: Iterable[str]) -> List[Node]:
    """Every resource of ``types`` a list attribute points at: by reference, else by name or ID."""
    types = tuple(types)
    found = [target for target in index.references(node.address, attribute) if target.type in types]
    value = scalar(node.conf, attribute)
    for item in value if isinstance(value, list) else [value]:
        target = by_id_or_name(index, item, types)
        if target is not None and target not in found:
            found.append(target)
    return found
