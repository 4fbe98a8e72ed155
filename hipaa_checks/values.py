"""Reading Terraform values as Checkov hands them over: list-wrapped, stringly typed, maybe unresolved."""

from __future__ import annotations

import re
from typing import Any, Iterator, Optional

_REFERENCE_PREFIXES = ("var.", "local.", "module.", "data.", "each.", "count.", "path.", "terraform.")
_RESOURCE_REFERENCE = re.compile(r"^[a-z][a-z0-9]*_[a-z0-9_]+\.[A-Za-z0-9_-]+(\[[^\]]+\])?\.[a-z0-9_.\[\]\"]+$")
_ITERATOR_REFERENCE = re.compile(r"^[a-z_]+\.(value|key)(\.|\[|$)")
# Expressions Checkov leaves unevaluated: function calls (try(...), lookup(...)) and conditionals.
_EXPRESSION = re.compile(r"^[a-z_][a-z0-9_]*\(|\?.*:")
# Indexing Checkov left undone: `['0.0.0.0/0'][count.index]`, `x[each.key]`.
_INDEXING = re.compile(r"\[(count\.index|each\.\w+)\]|^\[.*\]\s*\[[^\]]*\]$")
_BARE_VARIABLE = re.compile(r"var\.[\w-]+")


class Unresolved(Exception):
    """A value the check needs is only known at apply time (a variable without default, a module output)."""

    def __init__(self, key: str, value: Any) -> None:
        shown = repr(value)  # an unevaluated module expression can drag a whole variable map along
        # Checkov leaves a bare var.x only when the variable has no value (graph.py does the same for lists)
        unset = [item.strip() for item in (value if isinstance(value, list) else [value])
                 if isinstance(item, str) and _BARE_VARIABLE.fullmatch(item.strip())]
        super().__init__(f"{key} = {shown if len(shown) <= 200 else shown[:197] + '...'} cannot be verified statically"
                         + "".join(f": {name} has no value" for name in dict.fromkeys(unset)))
        self.key = key
        self.value = value


class NoGraph(Unresolved):
    """The check looked for other resources, but Checkov handed it no graph to find them in."""

    def __init__(self) -> None:
        Exception.__init__(self, "the resources this one refers to cannot be verified statically: Checkov gives "
                                 "checks no graph for Terraform JSON (.tf.json) files; scan the .tf source or a plan")
        self.key, self.value = "graph", None


class BadValue(Exception):
    """A value of a shape or type the provider would not accept."""

    def __init__(self, key: str, value: Any, expected: str) -> None:
        super().__init__(f"{key} = {value!r} is not {expected}")


def unwrap(value: Any) -> Any:
    """Checkov wraps attribute values in one-element lists (two for list attributes); take one level off."""
    if isinstance(value, list):
        if not value:
            return None
        return value[0] if len(value) == 1 else value
    return value


def is_unresolved(value: Any) -> bool:
    """True for references Checkov could not evaluate: bare ``var.x`` / ``aws_x.y.attr`` or ``${...}``."""
    if isinstance(value, list):
        return any(is_unresolved(item) for item in value)
    if not isinstance(value, str):
        return False
    text = value.strip()
    if "${" in text or text.startswith(_REFERENCE_PREFIXES):
        return True
    return bool(_ITERATOR_REFERENCE.match(text) or _RESOURCE_REFERENCE.match(text) or _EXPRESSION.search(text)
                or _INDEXING.search(text))


def blocks(conf: Any, key: str) -> Iterator[dict]:
    """The nested blocks named ``key`` (zero, one or many), skipping anything that is not a block."""
    if not isinstance(conf, dict):
        return
    value = conf.get(key)
    stack = value if isinstance(value, list) else [value]
    for item in stack:
        if isinstance(item, dict):
            yield item
        elif isinstance(item, list):
            yield from (inner for inner in item if isinstance(inner, dict))


def block(conf: Any, key: str) -> Optional[dict]:
    """The first nested block named ``key``, or None."""
    return next(blocks(conf, key), None)


def scalar(conf: Any, key: str) -> Any:
    """An attribute's single value (None when absent or null)."""
    if not isinstance(conf, dict):
        return None
    value = unwrap(conf.get(key))
    return unwrap(value) if isinstance(value, list) and len(value) == 1 else value


def as_int(value: Any, key: str) -> Optional[int]:
    """2192, "2192" and 2192.0 are 2192; None stays None; references raise Unresolved; the rest BadValue."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise BadValue(key, value, "a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if is_unresolved(text):
            raise Unresolved(key, value)
    if isinstance(value, dict):  # what Checkov leaves of an expression it could not evaluate
        raise Unresolved(key, value)
    raise BadValue(key, value, "a whole number")


def int_attr(conf: Any, key: str) -> Optional[int]:
    """An integer attribute read through every shape Checkov produces."""
    return as_int(scalar(conf, key), key)


def as_bool(value: Any, key: str) -> Optional[bool]:
    """true/"true"/"True" and false likewise; references raise Unresolved; the rest BadValue."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("true", "false"):
            return lowered == "true"
        if is_unresolved(value):
            raise Unresolved(key, value)
    raise BadValue(key, value, "true or false")


def bool_attr(conf: Any, key: str) -> Optional[bool]:
    return as_bool(scalar(conf, key), key)


def str_attr(conf: Any, key: str, name: Optional[str] = None) -> Optional[str]:
    """A string attribute; references raise Unresolved, non-strings BadValue (errors say ``name`` or ``key``)."""
    value = scalar(conf, key)
    name = name or key
    if value is None:
        return None
    if isinstance(value, dict):  # what Checkov leaves of an expression it could not evaluate
        raise Unresolved(name, value)
    if not isinstance(value, str):
        raise BadValue(name, value, "a string")
    if is_unresolved(value):
        raise Unresolved(name, value)
    return value


def tags(conf: Any, key: str = "tags") -> dict:
    """A tags/labels map; plan JSON wraps label values in lists, HCL does not. Anything else is no tags."""
    value = unwrap(conf.get(key)) if isinstance(conf, dict) else None
    if not isinstance(value, dict):
        return {}
    return {str(k): unwrap(v) for k, v in value.items() if not str(k).startswith("__")}


def values_at(conf: Any, path: str) -> Iterator[Any]:
    """The values at a dotted path through nested blocks or attribute-syntax objects (``auth.secret_access_key``)."""
    *outer, last = path.split(".")
    level = [conf]
    for key in outer:
        level = [inner for item in level for inner in blocks(item, key)]
    for item in level:
        value = scalar(item, last)
        if value not in (None, "", [], {}):
            yield value
