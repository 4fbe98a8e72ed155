"""GCP IAM grants (members, bindings and policies on projects, folders, organizations, buckets and log views):
which members are log readers, and the roles a reader holds beyond what it may."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from hipaa_checks import roles
from hipaa_checks.checks.archive.gcs_side import policy_bindings, strings
from hipaa_checks.checks.base import Context
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, from_findings, not_applicable


def grant_types(prefix: str) -> Tuple[str, ...]:
    return tuple(f"{prefix}_{kind}" for kind in ("member", "binding", "policy"))


RESOURCE_TYPES = grant_types("google_project_iam") + grant_types("google_folder_iam") + grant_types("google_organization_iam")
BUCKET_TYPES = grant_types("google_storage_bucket_iam")
LOG_VIEW_TYPES = grant_types("google_logging_log_view_iam")
# Holding one of these makes a member a log reader.
VIEWER_ROLES = ("roles/logging.viewer", "roles/logging.privateLogViewer", "roles/logging.viewAccessor")
LOG_READ_ROLES = VIEWER_ROLES + ("roles/logging.fieldAccessor",)
OBJECT_READ_ROLES = ("roles/storage.objectViewer", "roles/storage.legacyObjectReader", "roles/storage.legacyBucketReader")
BASIC_ROLES = {"roles/owner": "write access to every resource", "roles/editor": "write access to every resource",
               "roles/viewer": "read access to every resource, not only logs"}
CUSTOM_ROLE_TYPES = ("google_project_iam_custom_role", "google_organization_iam_custom_role")
_CUSTOM_REFERENCE = re.compile(r"google_(project|organization)_iam_custom_role\.[\w-]+")
_CUSTOM_NAME = re.compile(r"^(projects|organizations)/[^/]+/roles/([\w.]+)$")
_SERVICE_ACCOUNT = re.compile(r"(data\.)?google_service_account\.[\w-]+")
# Permission verbs (the last part of service.resource.verb) that only read.
_READ_VERBS = ("get", "list", "access", "read", "search")


@dataclass(frozen=True)
class Grant:
    node: Node
    role: object
    member: str


def grants(node: Node, index: GraphIndex) -> List[Grant]:
    """(role, member) pairs of a member, binding or policy resource; may raise Unresolved / BadValue."""
    if node.type.endswith("_member"):
        pairs = [(scalar(node.conf, "role"), scalar(node.conf, "member"))]
    elif node.type.endswith("_binding"):
        pairs = [(scalar(node.conf, "role"), node.conf.get("members"))]
    else:
        pairs = list(policy_bindings(node, index))
    return [Grant(node, role, member) for role, value in pairs for member in strings(value)]


def member_key(member: str) -> str:
    """The same principal however it is written: a service account by its resource, the rest as text."""
    account = _SERVICE_ACCOUNT.search(member)
    return account.group(0).removeprefix("data.") if account else member.strip().lower()


def _member_texts(grant: Grant, index: GraphIndex) -> Iterable[str]:
    yield grant.member
    key = member_key(grant.member)
    for account in index.references(grant.node.address):
        if account.type == "google_service_account" and account.address.endswith(key):
            yield from (text for attr in ("account_id", "display_name", "description")
                        if isinstance(text := scalar(account.conf, attr), str))


def readers(index: GraphIndex, settings: Settings) -> Dict[str, str]:
    """Member key -> why that member is a log reader; built once per graph from every GCP grant."""
    return index.memo(f"gcp-readers:{id(settings)}", lambda idx: _find_readers(idx, settings))


def _find_readers(index: GraphIndex, settings: Settings) -> Dict[str, str]:
    found: Dict[str, str] = {}
    for node in index.of_type(*RESOURCE_TYPES, *BUCKET_TYPES, *LOG_VIEW_TYPES):
        try:
            node_grants = grants(node, index)
        except (Unresolved, BadValue):
            continue  # the check on that resource reports it
        own = roles.direct(node, Role.READER, settings)
        for grant in node_grants:
            match = own or (roles.by_words(_member_texts(grant, index), Role.READER, settings, "member")
                            if settings.name_heuristics else None)
            if match is not None:
                reason = f"{node.address} {match.reason}" if match is own else match.reason
            elif grant.role in VIEWER_ROLES:
                match = roles.RoleMatch(Role.READER, "graph", "")
                reason = f"it holds {grant.role} ({node.address})"
            else:
                continue
            roles.note(node.address, match)
            found.setdefault(member_key(grant.member), reason)
    return found


def _custom_role(index: GraphIndex, role: str) -> Optional[Node]:
    reference = _CUSTOM_REFERENCE.search(role)
    named = _CUSTOM_NAME.match(role.strip())
    for node in index.of_type(*CUSTOM_ROLE_TYPES):
        if (reference and node.address.endswith(reference.group(0))) or (named and scalar(node.conf, "role_id") == named.group(2)):
            return node
    return None


def write_permissions(role: Node) -> List[str]:
    """The permissions of a custom role that do more than read (verb not get*/list*/access/read/search)."""
    return [permission for permission in strings(role.conf.get("permissions"))
            if not permission.rsplit(".", 1)[-1].startswith(_READ_VERBS)]


def _problem(grant: Grant, allowed: Tuple[str, ...], index: GraphIndex) -> Optional[str]:
    where, role = f"{grant.node.address} grants", grant.role
    if role is not None and not isinstance(role, str):
        raise BadValue(f"{grant.node.address} role", role, "a role name")
    if role in allowed:
        return None
    if role is None:
        raise BadValue(f"{grant.node.address} role", role, "a role name")
    custom = _custom_role(index, role)
    if custom is not None:
        extra = write_permissions(custom)
        return f"{where} custom role {custom.address} to {grant.member}, with {', '.join(extra)}" if extra else None
    if is_unresolved(role) or _CUSTOM_NAME.match(role.strip()):
        raise Unresolved(f"{grant.node.address} role (custom roles must be defined in this configuration)", role)
    kind = BASIC_ROLES.get(role.strip(), "not a read-only log role")
    return f"{where} {role} to {grant.member} ({kind})"


def judge(ctx: Context, allowed: Tuple[str, ...], where: str) -> Verdict:
    """Every role this resource grants to a log reader must be one of ``allowed`` (or a read-only custom role)."""
    known = readers(ctx.index, ctx.settings)
    try:
        node_grants = grants(ctx.node, ctx.index)
    except Unresolved:
        if roles.direct(ctx.node, Role.READER, ctx.settings) is None:
            return not_applicable(f"{ctx.node.address}: its members cannot be read, and nothing names it a log reader's")
        raise
    findings, reasons, pending = [], [], []
    for grant in node_grants:
        reason = known.get(member_key(grant.member))
        if reason is None:
            continue
        reasons.append(f"{grant.member} is a log reader: {reason}")
        try:
            problem = _problem(grant, allowed, ctx.index)
        except Unresolved as exc:
            pending.append(exc)
            continue
        if problem:
            findings.append(problem)
    if not reasons:
        return not_applicable(f"{ctx.node.address} grants nothing to a log reader")
    if pending and not findings:
        ctx.reasons.extend(reasons)
        raise pending[0]
    return from_findings(findings, f"log readers hold only {', '.join(allowed)} {where} (or a custom role that only "
                         "reads: permissions ending in get*, list*, access, read or search)",
                         "; ".join(dict.fromkeys(reasons)), "every role granted to a log reader here is read-only")
