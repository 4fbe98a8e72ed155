"""GCS buckets and the IAM / ACL resources that grant access to them: which bucket each targets, and public grants."""

from __future__ import annotations

import json
import re
from typing import Any, Iterator, List, Optional, Tuple

from hipaa_checks.checks import stores
from hipaa_checks.checks.base import Context
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar, unwrap

BUCKET = "google_storage_bucket"
IAM_TYPES = ("google_storage_bucket_iam_member", "google_storage_bucket_iam_binding", "google_storage_bucket_iam_policy")
ACL_TYPES = ("google_storage_bucket_acl", "google_storage_default_object_acl",
             "google_storage_bucket_access_control", "google_storage_default_object_access_control")
SIDE_TYPES = IAM_TYPES + ACL_TYPES
PUBLIC = ("allusers", "allauthenticatedusers")
PUBLIC_CANNED = ("publicread", "publicreadwrite", "authenticatedread")  # predefined (default) ACLs
# Principals whose kind is written literally even when the rest is interpolated: never public.
_NAMED_MEMBER = re.compile(r"^(user|serviceAccount|group|domain|principal|principalSet|projectOwner|projectEditor|"
                           r"projectViewer|deleted):", re.IGNORECASE)
_NAMED_ENTITY = re.compile(r"^(user|group|domain|project)-", re.IGNORECASE)
# An identity a Google resource computes (a sink's writer_identity, a service account's member or email).
_COMPUTED = re.compile(r"^(\$\{)?(data\.)?google_[a-z0-9_]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.[a-z_]+\}?$")


def bucket_of(index: GraphIndex, node: Node) -> Optional[Node]:
    """The bucket an IAM/ACL resource targets: by reference, or by name (also ``b/NAME`` or ``projects/_/buckets/NAME``)."""
    return index.linked(node, "bucket", BUCKET)


def archive_scope(ctx: Context) -> Tuple[Optional[str], List[Node]]:
    """Why the bucket behind this resource is a log archive (None when not), and the resources to judge."""
    return stores.archive_scope(ctx, BUCKET, bucket_of, *SIDE_TYPES)


def strings(value: Any) -> Iterator[str]:
    """Every string in a value however deeply Checkov list-wraps it (None and non-strings are skipped)."""
    if isinstance(value, list):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def _public(principal: str, key: str, named: "re.Pattern[str]") -> bool:
    """allUsers / allAuthenticatedUsers; a reference whose kind is not written out cannot be verified."""
    text = principal.strip()
    if text.lower() in PUBLIC:
        return True
    if is_unresolved(text) and not (named.match(text) or _COMPUTED.match(text)):
        raise Unresolved(key, principal)
    return False


def policy_bindings(node: Node, index: GraphIndex) -> Iterator[Tuple[Any, Any]]:
    """(role, members) of an IAM policy resource (bucket, project, folder...): parsed JSON, a string of JSON, or the data.google_iam_policy it names."""
    key, policy = f"{node.address} policy_data", scalar(node.conf, "policy_data")
    if isinstance(policy, str) and not is_unresolved(policy):
        try:
            policy = json.loads(policy)
        except ValueError:
            raise BadValue(key, policy, "an IAM policy in JSON") from None
    if not isinstance(policy, dict):
        source = next((data for data in index.references(node.address, "policy_data") if data.type == "google_iam_policy"), None)
        if source is None:
            if policy is None:
                return
            if is_unresolved(policy):
                raise Unresolved(key, policy)
            raise BadValue(key, policy, "an IAM policy")
        policy = source.conf
    for key in ("bindings", "binding"):
        entries = policy.get(key)
        for entry in (entries if isinstance(entries, list) else [entries]):
            if isinstance(entry, dict):
                yield unwrap(entry.get("role")), entry.get("members")


def public_grants(node: Node, index: GraphIndex) -> Iterator[str]:
    """One line per grant of an IAM/ACL resource to allUsers or allAuthenticatedUsers."""
    where = node.address
    if node.type == "google_storage_bucket_iam_member":
        members = [(scalar(node.conf, "role"), scalar(node.conf, "member"))]
    elif node.type == "google_storage_bucket_iam_binding":
        members = [(scalar(node.conf, "role"), node.conf.get("members"))]
    elif node.type == "google_storage_bucket_iam_policy":
        members = list(policy_bindings(node, index))
    else:
        members = []
    for role, value in members:
        for member in strings(value):
            if _public(member, f"{where} member", _NAMED_MEMBER):
                yield f"{where} grants {role} to {member}"
    if node.type in ("google_storage_bucket_access_control", "google_storage_default_object_access_control"):
        entity = scalar(node.conf, "entity")
        if isinstance(entity, str) and _public(entity, f"{where} entity", _NAMED_ENTITY):
            yield f"{where} grants {scalar(node.conf, 'role')} to {entity}"
    canned = {key: value for key in ("predefined_acl", "default_acl") if isinstance(value := scalar(node.conf, key), str) and value}
    yield from (f'{where} {key} = "{value}"' for key, value in canned.items() if value.strip().lower() in PUBLIC_CANNED)
    if "predefined_acl" in canned:
        return  # role_entity is then computed from it (a plan shows it unknown until apply)
    for role_entity in strings(node.conf.get("role_entity")):
        role, _, entity = role_entity.partition(":")
        if _public(entity or role, f"{where} role_entity", _NAMED_ENTITY):
            yield f'{where} role_entity "{role_entity}"'
