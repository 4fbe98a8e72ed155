"""GCP IAM grants (members, bindings and policies on projects, folders, organizations, buckets and log views):
which members are log readers, and the roles a reader holds beyond what it may."""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Tuple

from hipaa_checks.checks.archive.gcs_side import bucket_of, policy_bindings, strings
from hipaa_checks.checks.base import Context
from hipaa_checks.checks.reader_iam.principal_grants import Grant, Platform, judge as judge_grants, permission_list
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.roles import classify
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar
from hipaa_checks.verdict import Verdict


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
# Roles that can change who has access (or everything): judged even for workloads that merely also read logs.
ACCESS_ROLES = ("roles/owner", "roles/editor", "roles/resourcemanager.projectIamAdmin", "roles/resourcemanager.folderAdmin",
                "roles/resourcemanager.folderIamAdmin", "roles/resourcemanager.organizationAdmin",
                "roles/iam.securityAdmin", "roles/iam.roleAdmin", "roles/iam.organizationRoleAdmin")
CUSTOM_ROLE_TYPES = ("google_project_iam_custom_role", "google_organization_iam_custom_role")
_CUSTOM_REFERENCE = re.compile(r"google_(project|organization)_iam_custom_role\.[\w-]+")
_CUSTOM_NAME = re.compile(r"^(projects|organizations)/[^/]+/roles/([\w.]+)$")
_SERVICE_ACCOUNT = re.compile(r"(data\.)?google_service_account\.[\w-]+")
# Permission verbs (the last part of service.resource.verb) that only read.
_READ_VERBS = ("get", "list", "access", "read", "search")


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
    yield grant.principal
    key = member_key(grant.principal)
    for account in index.references(grant.node.address):
        if account.type == "google_service_account" and account.address.endswith(key):
            yield from (text for attr in ("account_id", "display_name", "description")
                        if isinstance(text := scalar(account.conf, attr), str))


def _viewer(grant: Grant, index: GraphIndex) -> Optional[str]:
    return grant.role if grant.role in VIEWER_ROLES else None


def _granted_custom_role(grant: Grant, index: GraphIndex) -> Optional[Node]:
    return _custom_role(index, grant.role) if isinstance(grant.role, str) else None


def _touches_logs(grant: Grant, index: GraphIndex, settings: Settings) -> bool:
    """Logging and storage roles (but logWriter, which every workload needs), basic write roles and IAM admin roles;
    on a bucket, any role when the bucket holds logs."""
    role = grant.role
    if grant.node.type in BUCKET_TYPES:
        bucket = bucket_of(index, grant.node)
        return bucket is None or classify(bucket, Role.ARCHIVE, settings, index) is not None
    if not isinstance(role, str) or role == "roles/logging.logWriter":
        return False
    if role.startswith(("roles/logging.", "roles/storage.")) or role in ACCESS_ROLES:
        return True
    custom = _custom_role(index, role)
    return custom is not None and any(permission.startswith(("logging.", "storage.")) or permission.endswith("setIamPolicy")
                                      for permission in strings(custom.conf.get("permissions")))


GCP = Platform("gcp", RESOURCE_TYPES + BUCKET_TYPES + LOG_VIEW_TYPES, grants, member_key, _member_texts, _viewer,
               _touches_logs, _granted_custom_role)


def _custom_role(index: GraphIndex, role: str) -> Optional[Node]:
    reference = _CUSTOM_REFERENCE.search(role)
    named = _CUSTOM_NAME.match(role.strip())
    for node in index.of_type(*CUSTOM_ROLE_TYPES):
        if (reference and node.address.endswith(reference.group(0))) or (named and scalar(node.conf, "role_id") == named.group(2)):
            return node
    return None


def write_permissions(role: Node) -> List[str]:
    """The permissions of a custom role that do more than read (verb not get*/list*/access/read/search)."""
    return [permission for permission in permission_list(role.conf.get("permissions"), f"{role.address} permissions")
            if not permission.rsplit(".", 1)[-1].startswith(_READ_VERBS)]


def _problem(grant: Grant, allowed: Tuple[str, ...], index: GraphIndex) -> Optional[str]:
    where, role = f"{grant.node.address} grants", grant.role
    if isinstance(role, dict):
        raise Unresolved(f"{grant.node.address} role", role)
    if not isinstance(role, str):
        raise BadValue(f"{grant.node.address} role", role, "a role name")
    if role in allowed:
        return None
    custom = _custom_role(index, role)
    if custom is not None:
        extra = write_permissions(custom)
        return f"{where} custom role {custom.address} to {grant.principal}, with {', '.join(extra)}" if extra else None
    if is_unresolved(role):
        raise Unresolved(f"{grant.node.address} role", role)
    if _CUSTOM_NAME.match(role.strip()):
        raise Unresolved(f"{grant.node.address} role (a custom role not defined in the scanned code)", role)
    kind = BASIC_ROLES.get(role.strip(), "not a read-only log role")
    return f"{where} {role} to {grant.principal} ({kind})"


def judge(ctx: Context, allowed: Tuple[str, ...], where: str) -> Verdict:
    """Every role this resource grants to a log reader must be one of ``allowed`` (or a read-only custom role)."""
    return judge_grants(
        ctx, GCP, lambda grant: _problem(grant, allowed, ctx.index),
        f"log readers hold only {', '.join(allowed)} {where} (or a custom role that only reads: permissions "
        "ending in get*, list*, access, read or search)",
        "every role granted to a log reader here is read-only",
    )
