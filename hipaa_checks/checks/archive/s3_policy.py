"""S3 bucket policies in every shape Checkov hands over, read for the public and TLS checks.

A policy arrives as a parsed dict (heredoc JSON, ``jsonencode`` of literals, plan JSON), as text (a JSON
string, or ``jsonencode(...)`` with interpolations, which Checkov leaves as Python-repr text), or as a
reference to ``data.aws_iam_policy_document.X.json``. Whatever cannot be read raises Unresolved (a reference)
or BadValue (anything else), so an unreadable policy fails instead of passing quietly.
"""

from __future__ import annotations

import ast
import json
import re
from fnmatch import fnmatchcase
from typing import Any, List, Optional, Set, Tuple

from checkov.common.util.type_forcers import force_list
from checkov.terraform.checks.utils.iam_terraform_document_to_policy_converter import convert_terraform_conf_to_iam_policy

from hipaa_checks.checks.base import Context
from hipaa_checks.checks.s3_side import BUCKET, bucket_of
from hipaa_checks.graph import GraphIndex, Node, module_prefix
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar

POLICY = "aws_s3_bucket_policy"
DOCUMENT = "aws_iam_policy_document"
_DATA_JSON = re.compile(r"^\$?\{?((?:module\.[\w-]+(?:\[[^\]]*\])?\.)*)data\.aws_iam_policy_document\.([\w-]+)(\[[^\]]*\])?\.(json|minified_json)\}?$")
_JSONENCODE = re.compile(r"^(?:\$\{)?jsonencode\((.*)\)\}?$", re.DOTALL)
_MANGLED = re.compile(r"''([A-Za-z_][\w.-]*(?:\[[^\]']*\])?[\w.-]*)'")  # Checkov's text for "${ref}/*" in lists
_CALLERS = re.compile(r"module\.[\w-]+(?:\[[^\]]*\])?\.")
ARN = "arn:aws:s3:::"
_ARN = re.compile(r"^arn:aws[\w-]*:s3:::")
Statement = Tuple[str, dict]  # (label such as 'aws_s3_bucket_policy.logs Statement "DenyHTTP"', statement)


def legacy(node: Node, attribute: str) -> Any:
    """A bucket's deprecated inline attribute; a plan's "known after apply" there mirrors the separate resource."""
    value = scalar(node.conf, attribute)
    return None if node.type == BUCKET and value == UNKNOWN else value


def statements(ctx: Context, node: Node) -> Optional[List[Statement]]:
    """The statements of ``node``'s ``policy``, or None when it sets no policy."""
    return document_statements(ctx.index, node, legacy(node, "policy"), "policy", "policy")


def document_statements(index: GraphIndex, node: Node, value: Any, attribute: str, label: str) -> Optional[List[Statement]]:
    """The statements of one policy ``value`` of ``node`` (read from ``attribute``, named ``label`` in
    messages), or None when it is empty. Also read for IAM identity policies (reader_iam)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    via = index.references(node.address, attribute)
    document = _document(index, f"{node.address}.{label}", value, module_prefix(node.address), via, set())
    found = []
    for number, statement in enumerate(document):
        sid = scalar(statement, "Sid") or scalar(statement, "sid")  # data documents keep sid list-wrapped
        name = f'"{sid}"' if sid else f"[{number}]"
        found.append((f"{node.address} {label} Statement {name}", statement))
    return found


def _document(index: GraphIndex, key: str, value: Any, module: str, via: List[Node], seen: Set[str]) -> List[dict]:
    """The statement dicts of one policy value, following data.aws_iam_policy_document references."""
    if isinstance(value, str):
        text = value.strip()
        reference = _DATA_JSON.match(text)
        if reference:
            data = next((node for node in via if node.type == DOCUMENT), None)
            # inside a module, a document passed in through a variable lives in a calling module
            scopes = [reference.group(1)] if reference.group(1) else [module[: match.end()] for match in _CALLERS.finditer(module)][::-1] + [""]
            data = data or next(filter(None, (index.node(f"{scope}data.{DOCUMENT}.{reference.group(2)}") for scope in scopes)), None)
            if data is None or data.address in seen:
                raise Unresolved(key, value)
            return _data_document(index, data, seen | {data.address})
        value = parse_json_text(key, text)
    if not isinstance(value, dict):
        raise BadValue(key, value, "an IAM policy document")
    items = force_list(value.get("Statement"))
    for item in items:  # e.g. `cond ? {...} : {...}` as a statement, left unevaluated
        if isinstance(item, str) and is_unresolved(item):
            raise Unresolved(f"{key} Statement", item)
    if not items or not all(isinstance(item, dict) for item in items):
        raise BadValue(key, value, "an IAM policy document with a Statement list of objects")
    return items


def parse_json_text(key: str, text: str, expected: str = "an IAM policy document (JSON)") -> Any:
    """A JSON document as Checkov hands it over: JSON text, or its rendering of ``jsonencode(...)``."""
    encoded = _JSONENCODE.match(text)
    if not encoded:
        try:
            return json.loads(text)
        except ValueError:
            raise (Unresolved(key, text) if is_unresolved(text) else BadValue(key, text, expected)) from None
    for body in (encoded.group(1), _MANGLED.sub(r"'${\1}", encoded.group(1))):
        try:
            return ast.literal_eval(body)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            continue
    raise Unresolved(key, text)  # a function call or reference Checkov left unevaluated


def _data_document(index: GraphIndex, data: Node, seen: Set[str]) -> List[dict]:
    """Statements of an aws_iam_policy_document: its source/override documents, then its own statements."""
    found: List[dict] = []
    module = module_prefix(data.address)
    for attribute in ("source_policy_documents", "override_policy_documents"):
        for entry in force_list(scalar(data.conf, attribute)):
            if entry is not None:
                found += _document(index, f"{data.address}.{attribute}", entry, module, [], seen)
    try:
        converted = convert_terraform_conf_to_iam_policy({"statement": [s for s in force_list(data.conf.get("statement")) if isinstance(s, dict)]})
    except (KeyError, IndexError, TypeError, AttributeError):
        if any(value == [] for item in force_list(data.conf.get("statement")) if isinstance(item, dict) for value in item.values()):
            raise Unresolved(f"{data.address}.statement", "an empty list where Checkov could not evaluate an expression") from None
        raise BadValue(f"{data.address}.statement", data.conf.get("statement"), "a readable policy statement") from None
    for statement in converted.get("Statement", []):
        for block, key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
            if block in statement:
                statement[key] = _principals(statement.pop(block))
        found.append(statement)
    return found


def _principals(blocks: Any) -> Any:
    """principals { type, identifiers } blocks as a policy Principal: "*" for type "*", else {type: [ids]}."""
    principal: dict = {}
    for item in force_list(blocks):
        kind, identifiers = scalar(item, "type"), force_list(scalar(item, "identifiers"))
        if kind == "*":
            return "*"
        principal.setdefault(str(kind), []).extend(identifiers)
    return principal


def everyone(principal: Any) -> Optional[bool]:
    """Whether a Principal is everybody ("*", {"AWS": "*"}, {"AWS": ["*", ...]}); None when unresolved."""
    values = [item for part in principal.values() for item in force_list(part)] if isinstance(principal, dict) else force_list(principal)
    if any(item == "*" for item in values):
        return True
    return None if any(is_unresolved(item) for item in values) else False


def any_action(action: Any, *wanted: str) -> Optional[bool]:
    """Whether Action is "*" or one of ``wanted`` (case-insensitive); None when unresolved."""
    if any(str(item).lower() in ("*", *wanted) for item in force_list(action)):
        return True
    return None if is_unresolved(action) else False


def bucket_identity(ctx: Context) -> Tuple[List[str], List[str]]:
    """Literal names and addresses of the bucket whose policy is judged (the bucket, or the policy's target)."""
    bucket = ctx.node if ctx.node.type == BUCKET else bucket_of(ctx.index, ctx.node)
    names = [scalar(node.conf, "bucket") for node in (bucket, ctx.node) if node is not None]
    # inside a module, references name the bucket without the module prefix
    addresses = [bucket.address, bucket.address[len(module_prefix(bucket.address)):]] if bucket else []
    return [name for name in names if isinstance(name, str) and name and not is_unresolved(name)], addresses


def covers(entries: List[Any], names: List[str], addresses: List[str]) -> Optional[bool]:
    """Whether Resource entries cover the bucket and its objects; None when an entry is an unresolved reference."""
    candidates = names + [f"<{address}>" for address in addresses]
    texts = [_ARN.sub(ARN, _substitute(str(entry), addresses)).replace("[", "[[]") for entry in entries]  # IAM has no [] globs
    if candidates:
        whole = any(fnmatchcase(f"{ARN}{name}", text) for text in texts for name in candidates)
        objects = any(fnmatchcase(f"{ARN}{name}/AWSLogs/log.gz", text) for text in texts for name in candidates)
    else:  # bucket unknown: S3 accepts only the bucket's own ARNs in its policy, so check the shape
        whole = any(text == "*" or (text.startswith(ARN) and "/" not in text[len(ARN):]) for text in texts)
        objects = any(text.endswith("*") for text in texts)
    if whole and objects:
        return True
    return None if any(is_unresolved(text) for text in texts) else False


def _substitute(text: str, addresses: List[str]) -> str:
    """The bucket's own references ("${aws_s3_bucket.x.arn}/*", or bare as Checkov may render them; with an
    instance index, "aws_s3_bucket.x[0].arn", for a bucket made with count or for_each) as placeholders."""
    for address in addresses:
        name = re.escape(address) + r"(?:\[[^\]]*\])?"
        pattern = re.compile(rf"\$\{{{name}\.(arn|id|bucket)\}}|(?<![\w.]){name}\.(arn|id|bucket)(?!\w)")
        text = pattern.sub(lambda match, at=address: f"{ARN if 'arn' in match.groups() else ''}<{at}>", text)
    return text
