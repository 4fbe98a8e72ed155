"""Who holds which AWS policy: inline policies, attachments and managed_policy_arns, and the graph role
finder that makes a policy a reader policy when it is attached to a log reader."""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, NamedTuple, Optional, Tuple

from checkov.common.util.type_forcers import force_list

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.archive.s3_policy import Statement
from hipaa_checks.checks.reader_iam.aws_managed import ARN_PREFIX, MANAGED
from hipaa_checks.checks.reader_iam.aws_policies import INLINE, POLICY, ROLE, statements
from hipaa_checks.config import Role, Settings
from hipaa_checks.graph import GraphIndex, Node, module_prefix, without_indexes
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.roles import direct
from hipaa_checks.values import Unresolved, is_unresolved, scalar

PRINCIPALS = {"role": ROLE, "roles": ROLE, "user": "aws_iam_user", "users": "aws_iam_user",
              "group": "aws_iam_group", "groups": "aws_iam_group"}
ATTACHMENTS = {"aws_iam_role_policy_attachment": ("role",), "aws_iam_user_policy_attachment": ("user",),
               "aws_iam_group_policy_attachment": ("group",), "aws_iam_policy_attachment": ("roles", "users", "groups")}
_INSTANCE = re.compile(r"\[[^\]]*\]$")
_POLICY_REFERENCE = re.compile(r"^(\$\{)?aws_iam_policy\.[\w-]+(\[[^\]]*\])?\.")  # a customer policy defined here
_POLICY_MAP = re.compile(r"(\$\{)?(aws_iam_policy\.[\w-]+)\}?")  # for_each = aws_iam_policy.x (a resource map)


def principals(index: GraphIndex, node: Node) -> List[Node]:
    """The roles, users and groups an inline policy or attachment gives its policy to (reference or name)."""
    found: List[Node] = []
    attributes = (INLINE[node.type][0],) if node.type in INLINE else ATTACHMENTS.get(node.type, ())
    for attribute in attributes:
        kind = PRINCIPALS[attribute]
        found += [target for target in index.references(node.address, attribute) if target.type == kind]
        for name in force_list(scalar(node.conf, attribute)):
            target = index.named(name.rsplit("/", 1)[-1], kind) if isinstance(name, str) else None
            if target is not None:
                found.append(target)
    return list({target.address: target for target in found}.values())


def attachments_of(index: GraphIndex, principal: Node) -> List[Node]:
    """The attachment resources that give a managed policy to ``principal`` (indexed once per graph)."""
    def build(idx: GraphIndex) -> Dict[str, List[Node]]:
        by_principal: Dict[str, List[Node]] = {}
        for attachment in idx.of_type(*ATTACHMENTS):
            for target in principals(idx, attachment):
                by_principal.setdefault(target.address, []).append(attachment)
        return by_principal
    return index.memo("aws-iam-attachments", build).get(principal.address, [])


class Attached(NamedTuple):
    arn: str  # the ARN (or, for a look-up by name, the AWS managed ARN of that name)
    policy: Optional[Node]  # the aws_iam_policy resource, when this configuration defines it
    defined_here: bool  # a reference to an aws_iam_policy resource of this configuration


def policy_arns(index: GraphIndex, node: Node) -> Iterator[Attached]:
    """The policies an attachment or a role's managed_policy_arns attaches; unresolved ARNs raise Unresolved."""
    attribute = "managed_policy_arns" if node.type == ROLE else "policy_arn"
    referenced = [target for target in index.references(node.address, attribute) if target.type == POLICY]
    iterated = _iterated_policies(index, node)
    for value in force_list(scalar(node.conf, attribute)):
        if not isinstance(value, str) or not value.strip():
            continue
        if node.type == ROLE and value == UNKNOWN:
            # plan JSON: computed on every new role that does not set it (a reference set here stays a reference);
            # it then holds what the attachments attach, and they are judged themselves
            continue
        if iterated and value in ("each.value.arn", "each.value.id"):  # an aws_iam_policy's id is its ARN
            yield from (Attached(f"{policy.address}.arn", policy, True) for policy in iterated)
            continue
        policy = next((target for target in referenced if _refers(value, target)), None)
        if policy is None and value.startswith("arn:") and not is_unresolved(value):
            policy = index.named(value.rsplit("/", 1)[-1], POLICY)
        if policy is not None and policy.is_data_source:  # data.aws_iam_policy: a look-up by ARN or name
            looked_up = scalar(policy.conf, "arn") or scalar(policy.conf, "name")
            if not isinstance(looked_up, str) or is_unresolved(looked_up):
                raise Unresolved(f"{policy.address}.arn", looked_up)
            arn = looked_up if looked_up.startswith("arn:") else f"{ARN_PREFIX}{looked_up}" if looked_up in MANAGED else None
            yield Attached(arn or f"the policy named {looked_up}", None, False)
        elif policy is not None or _POLICY_REFERENCE.match(value):
            yield Attached(value, policy, True)
        elif is_unresolved(value):
            raise Unresolved(f"{node.address}.{attribute}", value)
        else:
            yield Attached(value, None, False)


def _iterated_policies(index: GraphIndex, node: Node) -> List[Node]:
    """The aws_iam_policy resources of this configuration an attachment iterates, when its ``for_each`` is
    exactly one such resource map (``for_each = aws_iam_policy.x``, which Checkov links to x): ``each.value``
    is then one of x's instances (``aws_iam_policy.x["a"]``...), each judged on its own."""
    text = scalar(node.conf, "for_each")
    written = _POLICY_MAP.fullmatch(text.strip()) if node.type in ATTACHMENTS and isinstance(text, str) else None
    linked = written is not None and any(
        target.type == POLICY and not target.is_data_source and _refers(f"{written.group(2)}.", target)
        for target in index.references(node.address, "for_each"))
    instances = index.memo("aws-iam-policy-instances", lambda idx: _by_resource(idx.of_type(POLICY)))
    return instances.get(module_prefix(node.address) + written.group(2), []) if linked else []


def _by_resource(nodes: List[Node]) -> Dict[str, List[Node]]:
    """Resource address -> its instances (``x["a"]``, ``x[0]``, or ``x`` itself)."""
    found: Dict[str, List[Node]] = {}
    for node in nodes:
        found.setdefault(_INSTANCE.sub("", node.address), []).append(node)
    return found


def _refers(value: str, target: Node) -> bool:
    """Whether ``value`` ("aws_iam_policy.x[0].arn", "${data.aws_iam_policy.x.arn}") names ``target``."""
    local = without_indexes(target.address[len(module_prefix(target.address)):])
    return without_indexes(value.removeprefix("${")).startswith(f"{local}.")


def graph_roles(index: GraphIndex, settings: Settings, role: Role) -> Dict[str, str]:
    """Reader policies and attachments: inline policies of readers, policies attached to readers, and the
    attachments themselves. Seeds are readers by tag or name only."""
    if role is not Role.READER:
        return {}
    readers = {
        node.address: match.reason
        for node in index.of_type(ROLE, "aws_iam_user", "aws_iam_group")
        if (match := direct(node, role, settings)) is not None
    }
    found: Dict[str, str] = {}
    for node in index.of_type(*INLINE, *ATTACHMENTS):
        for principal in principals(index, node):
            if principal.address in readers:
                reason = f"gives a policy to {principal.address}, a log reader ({readers[principal.address]})"
                found.setdefault(node.address, reason)
                for policy in _attached(index, node):
                    found.setdefault(policy.address, f"attached by {node.address} to {principal.address}, "
                                                     f"a log reader ({readers[principal.address]})")
    for address, reason in readers.items():
        role_node = index.node(address)
        if role_node is not None and role_node.type == ROLE:
            for policy in _attached(index, role_node):
                found.setdefault(policy.address, f"in managed_policy_arns of {address}, a log reader ({reason})")
    return found


def _attached(index: GraphIndex, node: Node) -> List[Node]:
    """The aws_iam_policy resources an attachment or role attaches (unresolved ARNs are judged elsewhere)."""
    try:
        return [attached.policy for attached in policy_arns(index, node) if attached.policy is not None]
    except Unresolved:
        return [target for target in index.references(node.address) if target.type == POLICY]


def reader_statements(ctx: Context) -> Optional[Tuple[str, List[Statement]]]:
    """Why the judged resource is a reader's policy, and its statements; None when it is not one, or is a
    reader role without inline policies (its attached policies are judged on their own resources)."""
    reason = reader_reason(ctx)
    found = statements(ctx.index, ctx.node) if reason else []
    return (reason, found) if reason and (found or ctx.node.type != ROLE) else None


def reader_reason(ctx: Context) -> Optional[str]:
    """Why the judged resource is a log reader, or a reader's policy or attachment; None when it is neither."""
    match = ctx.role(Role.READER)
    if match is None:
        return None
    reason = f"{ctx.node.address} is a log reader ({match.reason})" if match.source != "graph" else \
        f"{ctx.node.address} {match.reason}"
    ctx.reasons.append(reason)
    return reason
