"""Log hosts and shippers on GCP through the graph: the instance templates a role's instance group runs, and
the firewalls that reach a role's instances (target tags, target service accounts, or the whole network)."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.network.gcp_network import GROUPS, WORKLOADS, firewalls, reach, templates_of
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import direct, has_phrase, words
from hipaa_checks.values import scalar, tags

ROLES = (Role.HOST, Role.SHIPPER)
ROLE_NAMES = {Role.HOST: "log host", Role.SHIPPER: "log shipper"}


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    """Templates of role instance groups, and firewalls that apply to a role instance or say so in their description."""
    if role not in ROLES:
        return {}
    found: Dict[str, str] = {}
    seeds: Dict[str, Tuple[Node, str]] = {}
    for node in index.of_type(*WORKLOADS):
        match = direct(node, role, settings)
        if match:
            seeds[node.address] = (node, f"a {ROLE_NAMES[role]}: {match.reason}")
    for group in index.of_type(*GROUPS):
        match = direct(group, role, settings)
        for template in templates_of(index, group) if match else ():
            if template.address not in seeds and settings.role_tag_key not in tags(template.conf, "labels"):
                reason = f"instance template of {group.address}, a {ROLE_NAMES[role]}: {match.reason}"
                seeds[template.address] = (template, reason)
                found[template.address] = reason
    for firewall in firewalls(index):
        reason = next((f"{how} {node.address} ({why})" for node, why in seeds.values()
                       if (how := reach(index, firewall, node))), None)
        reason = reason or _described(firewall.node, role, settings)
        if reason:
            found[firewall.node.address] = reason
    return found


def _described(node: Node, role: Role, settings: Settings) -> Optional[str]:
    """Firewalls carry no labels: their description words count like name words."""
    description = scalar(node.conf, "description")
    if not settings.name_heuristics or not isinstance(description, str):
        return None
    phrase = next((p for p in settings.role_words.get(role, []) if has_phrase(words(description), p)), None)
    return f"description contains the word {phrase!r}" if phrase else None


def role_reason(ctx: Context, *roles: Role) -> Optional[str]:
    """Why this resource is judged as a log host or shipper (the first of ``roles`` it plays), or None."""
    for role in roles:
        match = ctx.role(role)
        if match is not None:
            reason = f"{ctx.node.address} is a {ROLE_NAMES[role]} ({match.reason})"
            ctx.reasons.append(reason)
            return reason
    return None

