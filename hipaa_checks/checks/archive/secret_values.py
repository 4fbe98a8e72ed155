"""Credentials written into Terraform: literal values (never shown), versus references to variables or secret stores."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Optional, Tuple

from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import is_unresolved


def masked(value: Any) -> str:
    """How a literal secret is shown: its length only, never a character of it."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return f'"****" (literal, {len(text)} characters, masked)'


def _mentions_reference(value: Any) -> bool:
    """A string that is or interpolates a reference, or a parsed object/list (jsonencode) holding one."""
    if isinstance(value, dict):
        return any(_mentions_reference(item) for item in value.values())
    if isinstance(value, list):
        return any(_mentions_reference(item) for item in value)
    return is_unresolved(value)


def _plan_configuration(path: str) -> Dict[str, dict]:
    """Resource address (without instance keys) -> its ``expressions`` in a plan's ``configuration`` section."""
    try:
        with open(path, encoding="utf-8") as handle:
            root = (json.load(handle).get("configuration") or {}).get("root_module") or {}
    except (OSError, ValueError, AttributeError):
        return {}
    found: Dict[str, dict] = {}
    stack: list = [("", root)]
    while stack:
        prefix, module = stack.pop()
        if not isinstance(module, dict):
            continue
        for resource in module.get("resources") or []:
            if isinstance(resource, dict) and isinstance(resource.get("expressions"), dict):
                found[prefix + str(resource.get("address"))] = resource["expressions"]
        for name, call in (module.get("module_calls") or {}).items():
            if isinstance(call, dict):
                stack.append((f"{prefix}module.{name}.", call.get("module")))
    return found


def _written_as_constant(expressions: Any, path: Tuple[str, ...]) -> Optional[bool]:
    """True when the configuration writes the value as a constant, False for an expression; None when not listed."""
    if isinstance(expressions, list):
        answers = [_written_as_constant(item, path) for item in expressions]
        return True if True in answers else (False if False in answers else None)
    if not isinstance(expressions, dict):
        return None
    if not path or "constant_value" in expressions or "references" in expressions:
        return "constant_value" in expressions and not expressions.get("references")
    return _written_as_constant(expressions.get(path[0]), path[1:])


def from_reference(node: Node, index: GraphIndex, path: str, value: Any) -> bool:
    """Whether a value comes from a variable, data source or other expression rather than a literal in the code.

    HCL keeps unresolved references as text. A plan holds every value resolved, so its ``configuration``
    section says how the value was written; a value the configuration does not show is taken as literal.
    """
    if _mentions_reference(value):
        return True
    if not node.file_path.endswith(".json"):
        return False
    expressions = index.memo(f"plan-configuration:{node.file_path}", lambda _: _plan_configuration(node.file_path))
    address = re.sub(r"\[[^\]]*\]", "", node.address)
    return _written_as_constant(expressions.get(address), tuple(path.split("."))) is False
