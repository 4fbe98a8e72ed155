"""Grants of roles to principals (GCP IAM members, Azure role assignments): which principals are log readers,
and the judgement of every grant a reader holds. The platform modules say how to read their grants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Dict, Iterable, List, Optional

from hipaa_checks import roles
from hipaa_checks.checks.archive.gcs_side import strings
from hipaa_checks.checks.base import Context
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


_PLAIN_REFERENCE = re.compile(r'^([A-Za-z]+:)?(\$\{)?[A-Za-z_][\w-]*(\.[\w-]+|\[[^\]\[]*\])*\}?$')


@dataclass(frozen=True)
class Grant:
    node: Node
    role: object  # as written: a role name, a role ID or a reference
    principal: str


@dataclass(frozen=True)
class Platform:
    name: str
    types: tuple
    grants: Callable[[Node, GraphIndex], List[Grant]]  # may raise Unresolved / BadValue
    key: Callable[[str], str]  # one principal however it is written
    texts: Callable[[Grant, GraphIndex], Iterable[str]]  # names and descriptions of the principal
    viewer: Callable[[Grant, GraphIndex], Optional[str]]  # the log-viewing role the grant gives, if any
    touches_logs: Callable[[Grant, GraphIndex, Settings], bool]  # the grant reaches logs, their stores or access
    custom: Callable[[Grant, GraphIndex], Optional[Node]]  # the custom role definition the grant gives, if any


def principal_key(platform: Platform, grant: Grant) -> str:
    """The principal's key; a principal known only after apply is matched with nothing else."""
    return f"{grant.node.address}: {UNKNOWN}" if grant.principal == UNKNOWN else platform.key(grant.principal)


@dataclass(frozen=True)
class Reader:
    reason: str
    by_role: bool  # a reader only because it holds a log-viewing role, not by a name or description


def readers(index: GraphIndex, settings: Settings, platform: Platform) -> Dict[str, Reader]:
    """Principal key -> why that principal is a log reader; built once per graph from every grant."""
    return index.memo(f"readers:{platform.name}:{id(settings)}", lambda idx: _find_readers(idx, settings, platform))


def _find_readers(index: GraphIndex, settings: Settings, platform: Platform) -> Dict[str, Reader]:
    found: Dict[str, Reader] = {}
    for node in index.of_type(*platform.types):
        try:
            node_grants = platform.grants(node, index)
        except (Unresolved, BadValue):
            continue  # the check on that resource reports it
        own = roles.direct(node, Role.READER, settings)
        for grant in node_grants:
            words = roles.by_words(filter(_plain, platform.texts(grant, index)), Role.READER, settings, "principal") \
                if settings.name_heuristics else None
            viewer = _quietly(platform.viewer, grant, index)
            if own is not None:
                match, reason = own, f"{node.address} {own.reason}"
            elif words is not None:
                match, reason = words, words.reason
            elif viewer:
                match, reason = roles.RoleMatch(Role.READER, "graph", ""), f"it holds {viewer} ({node.address})"
            else:
                continue
            roles.note(node.address, match)
            key = principal_key(platform, grant)
            if key not in found or (found[key].by_role and match.source != "graph"):  # a name or description wins
                found[key] = Reader(reason, match.source == "graph")
    return found


def custom_roles(index: GraphIndex, settings: Settings, platform: Platform) -> Dict[str, str]:
    """Custom role address -> the grant that gives it to a log reader; built once per graph."""

    def build(index: GraphIndex) -> Dict[str, str]:
        known, found = readers(index, settings, platform), {}
        for node in index.of_type(*platform.types):
            try:
                node_grants = platform.grants(node, index)
            except (Unresolved, BadValue):
                continue
            for grant in node_grants:
                reader = known.get(principal_key(platform, grant))
                role = _quietly(platform.custom, grant, index) if reader else None
                if role is not None and (not reader.by_role or _quietly(platform.touches_logs, grant, index, settings)):
                    found.setdefault(role.address,
                                     f"{node.address} grants it to {grant.principal}, a log reader: {reader.reason}")
        return found

    return index.memo(f"reader-custom-roles:{platform.name}:{id(settings)}", build)


def custom_role_reason(ctx: Context, platform: Platform, *name_attributes: str) -> Optional[str]:
    """Why this custom role definition is a log reader's: granted to one, or named or described as one."""
    granted = custom_roles(ctx.index, ctx.settings, platform).get(ctx.node.address)
    if granted:
        return granted
    match = roles.direct(ctx.node, Role.READER, ctx.settings) or next(
        (found for attribute in name_attributes if ctx.settings.name_heuristics
         and isinstance(text := scalar(ctx.node.conf, attribute), str)
         and (found := roles.by_words([text], Role.READER, ctx.settings, attribute))), None)
    if match is None:
        return None
    roles.note(ctx.node.address, match)
    return f"{ctx.node.address} {match.reason}"


def permission_list(value: object, where: str) -> List[str]:
    """The strings of a custom role's permission list; an expression Checkov left unevaluated is Unresolved."""
    listed = list(strings(value))
    if any(isinstance(item, dict) for item in (value if isinstance(value, list) else [value])) or any(map(is_unresolved, listed)):
        raise Unresolved(where, value)
    return listed


def _plain(text: str) -> bool:
    """A literal, or one plain reference (``serviceAccount:${google_service_account.x.email}``): not the text of an
    expression Checkov could not evaluate, whose words may come from every principal of a module's input map."""
    return not is_unresolved(text) or bool(_PLAIN_REFERENCE.match(text.strip()))


def _quietly(read: Callable[..., Any], *args: Any) -> Any:
    try:
        return read(*args)
    except (Unresolved, BadValue):
        return None


def judge(ctx: Context, platform: Platform, problem: Callable[[Grant], Optional[str]], required: str, ok: str) -> Verdict:
    """Judge every grant of this resource to a log reader with ``problem`` (a finding, or None)."""
    known = readers(ctx.index, ctx.settings, platform)
    try:
        node_grants = platform.grants(ctx.node, ctx.index)
    except Unresolved:
        if roles.direct(ctx.node, Role.READER, ctx.settings) is None:
            return not_applicable(f"{ctx.node.address}: its grants cannot be read, and nothing names it a log reader's")
        raise
    findings: List[str] = []
    reasons: List[str] = []
    pending: List[Unresolved] = []
    for grant in node_grants:
        reader = known.get(principal_key(platform, grant))
        if reader is None or (reader.by_role and not _quietly(platform.touches_logs, grant, ctx.index, ctx.settings)):
            continue  # a workload that also reads logs is judged only on grants that reach logs or access
        reasons.append(f"{grant.principal} is a log reader: {reader.reason}")
        try:
            finding = problem(grant)
        except Unresolved as exc:  # a definite finding elsewhere in the resource is reported first
            pending.append(exc)
            continue
        if finding:
            findings.append(finding)
    if not reasons:
        return not_applicable(f"{ctx.node.address} grants nothing to a log reader")
    ctx.reasons.extend(reasons)
    if pending and not findings:
        raise pending[0]
    return from_findings(findings, required, "; ".join(dict.fromkeys(reasons)), ok)
