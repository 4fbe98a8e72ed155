"""AWS identity policies: their statements in every shape, and what each allowed action is, per policy_sentry.

Statements are read by the S3 policy reader (JSON strings, heredocs, jsonencode, plan JSON, and
``data.aws_iam_policy_document`` references); what cannot be read raises Unresolved or BadValue.
Actions are classified by policy_sentry's IAM database (access level, resource-level scoping), with
wildcards expanded against it; an action it does not know cannot be classified.
"""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from checkov.common.util.type_forcers import force_list
from policy_sentry.querying.all import get_all_actions
from policy_sentry.shared.iam_data import get_service_prefix_data

from hipaa_checks.checks.archive.s3_policy import Statement, document_statements
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import BadValue, Unresolved, blocks, is_unresolved, scalar

ROLE = "aws_iam_role"
INLINE = {"aws_iam_role_policy": ("role", ROLE), "aws_iam_user_policy": ("user", "aws_iam_user"),
          "aws_iam_group_policy": ("group", "aws_iam_group")}
POLICY = "aws_iam_policy"
POLICY_HOLDERS = (POLICY, *INLINE, ROLE)  # resources whose own configuration holds policy text
READ_ONLY = ("Read", "List")
# AWS files kms:Decrypt under Write, yet it changes nothing: a reader of archives encrypted with a customer
# key (which the archive checks require) needs it. The scoping check still asks for the key's ARN.
READ_EXCEPTIONS = ("kms:Decrypt",)
# Actions that erase the audit trail or lift what protects it (the tamper-risk check and messages name them).
LOG_DESTROYING = (
    "logs:DeleteLogGroup", "logs:DeleteLogStream", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy",
    "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy", "s3:PutObjectLegalHold",
    "s3:PutObjectRetention", "s3:BypassGovernanceRetention", "s3:PutBucketObjectLockConfiguration",
    "s3:PutLifecycleConfiguration",
)
# A resource part made only of resource-type words and wildcards: "*", "log-group:*", "*/*", "key/*".
_ANY_RESOURCE = re.compile(r"([A-Za-z-]+[:/])?\*([:/]([A-Za-z-]+[:/])?\*)*")
_SCOPED_REFERENCE = re.compile(r"^(\$\{)?(data\.)?aws_[a-z0-9_]+\.[\w-]+(\[[^\]]*\])?\.")


def statements(index: GraphIndex, node: Node) -> List[Statement]:
    """Every statement ``node`` holds: its ``policy``, or each ``inline_policy`` block of a role."""
    if node.type != ROLE:
        return document_statements(index, node, scalar(node.conf, "policy"), "policy", "policy") or []
    found: List[Statement] = []
    for number, inline in enumerate(blocks(node.conf, "inline_policy")):
        value = scalar(inline, "policy")
        found += document_statements(index, node, value, "inline_policy.policy", f"inline_policy[{number}]") or []
    return found


def allows(label: str, statement: dict) -> bool:
    """Whether a statement allows (Effect Allow, the default of policy documents); unresolved raises."""
    effect = scalar(statement, "Effect")
    if effect is None or str(effect).lower() == "allow":
        return True
    if str(effect).lower() == "deny":
        return False
    if is_unresolved(effect):
        raise Unresolved(f"{label} Effect", effect)
    raise BadValue(f"{label} Effect", effect, "Allow or Deny")


def entries(label: str, statement: dict, key: str) -> List[str]:
    """The strings of Action / NotAction / Resource / NotResource; an unresolved action raises Unresolved."""
    found = []
    for item in force_list(statement.get(key)):
        if isinstance(item, list):  # data documents keep lists wrapped
            found += entries(label, {key: item}, key)
        elif not isinstance(item, str):
            raise BadValue(f"{label} {key}", item, "a string")
        elif key.endswith("Action") and is_unresolved(item):
            raise Unresolved(f"{label} {key}", item)
        else:
            found.append(item.strip())
    return found


@lru_cache(maxsize=4096)
def expand(pattern: str) -> Optional[Tuple[str, ...]]:
    """The actions an Action entry stands for ("logs:Get*" -> logs:GetLogEvents, ...); None when unknown."""
    if pattern == "*":
        return tuple(sorted(get_all_actions()))
    service, _, name = pattern.partition(":")
    privileges = get_service_prefix_data(service.lower()).get("privileges", {}) if name else {}
    matched = tuple(f"{service.lower()}:{action}" for action in privileges if fnmatchcase(action.lower(), name.lower()))
    return matched or None


def _privilege(action: str) -> dict:
    service, _, name = action.partition(":")
    return get_service_prefix_data(service).get("privileges", {}).get(name, {})


def access_level(action: str) -> str:
    return _privilege(action).get("access_level", "Unknown")


def scopable(action: str) -> bool:
    """Whether the action accepts resource ARNs (policy_sentry lists resource types other than "")."""
    return any(resource_type for resource_type in _privilege(action).get("resource_types", {}))


def beyond_read(actions: Tuple[str, ...]) -> List[str]:
    """The actions that are neither Read nor List (nor a read exception)."""
    return [action for action in actions if access_level(action) not in READ_ONLY and action not in READ_EXCEPTIONS]


def describe(actions: List[str]) -> str:
    """A short account of ``actions``: the log-destroying ones by name, the rest counted per access level."""
    destroying = [action for action in LOG_DESTROYING if action in actions]
    levels: Dict[str, List[str]] = {}
    for action in actions:
        if action not in destroying:
            levels.setdefault(access_level(action), []).append(action)
    parts = [f"log-destroying {', '.join(destroying)}"] if destroying else []
    for level, found in sorted(levels.items()):
        examples = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
        parts.append(f"{len(found)} {level} ({examples})")
    return "; ".join(parts)


def unscoped(label: str, entry: str) -> bool:
    """Whether a Resource entry covers every resource of its kind ("*", "arn:aws:s3:::*/*", "...:log-group:*")."""
    if entry == "*":
        return True
    if _SCOPED_REFERENCE.match(entry):  # another resource's ARN or name
        return False
    if entry.startswith("arn:") and entry.count(":") >= 5:
        service, resource = entry.split(":")[2], entry.split(":", 5)[5]
        return resource.split("/", 1)[0] == "*" if service == "s3" else bool(_ANY_RESOURCE.fullmatch(resource))
    if is_unresolved(entry):
        raise Unresolved(f"{label} Resource", entry)
    return False


def destroying_actions(label: str, statement: dict) -> List[str]:
    """The log-destroying actions an Allow statement grants (through Action patterns, or NotAction gaps)."""
    if "NotAction" in statement:
        excluded = entries(label, statement, "NotAction")
        return [action for action in LOG_DESTROYING if not any(_matches(pattern, action) for pattern in excluded)]
    patterns = entries(label, statement, "Action")
    return [action for action in LOG_DESTROYING if any(_matches(pattern, action) for pattern in patterns)]


def _matches(pattern: str, action: str) -> bool:
    return fnmatchcase(action.lower(), pattern.lower())
