"""Shared by the monitoring checks: which resources are watched sources, which alerts point at them, and how a
source is judged from the alerts that watch it (one good alert is enough; unknown alerts fail closed)."""

from __future__ import annotations

from typing import Callable, Dict, Iterable, List, Optional, Sequence

import hcl2

from hipaa_checks.checks.base import Context
from hipaa_checks.config import Role
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.values import Unresolved, is_unresolved, scalar, unwrap
from hipaa_checks.verdict import Verdict, failed, passed

# An alert's problems for this source (empty: the alert does the job); may raise Unresolved.
Problems = Callable[[Node], List[str]]


def source_reason(ctx: Context, node: Optional[Node] = None) -> Optional[str]:
    """Why ``node`` (default: the checked resource) is a log source, recorded as the reason it is judged."""
    node = node or ctx.node
    match = ctx.role(Role.SOURCE, node)
    if match is None:
        return None
    reason = f"{node.address} is a log source ({match.reason})"
    ctx.reasons.append(reason)
    return reason


def strings(conf: dict, key: str) -> List:
    """A list-or-scalar attribute as a list (``scopes``, ``alarm_actions``, ``notification_channels``...)."""
    value = unwrap(conf.get(key)) if isinstance(conf, dict) else None
    return [item for item in (value if isinstance(value, list) else [value]) if item not in (None, "")]


def targets(index: GraphIndex, node: Node, attribute: str, *types: str) -> List[Node]:
    """Every resource of ``types`` that ``node`` names through ``attribute``: references, else names, ARNs and
    resource IDs (an Azure ID or GCP path is matched by its last segment)."""
    found = [target for target in index.references(node.address, attribute) if target.type in types]
    for value in strings(node.conf, attribute):
        if isinstance(value, str) and not is_unresolved(value):
            target = index.named(value, *types) or index.named(value.rstrip("/").rsplit("/", 1)[-1], *types)
            if target is not None:
                found.append(target)
    return unique(found)


def unique(nodes: Iterable[Node]) -> List[Node]:
    """``nodes`` without repeats, in order (nodes are not hashable: their configuration is a dict)."""
    kept: Dict[str, Node] = {}
    for node in nodes:
        kept.setdefault(node.address, node)
    return list(kept.values())


def no_action(conf: dict, key: str, what: str = "alarm_actions") -> Optional[str]:
    """A finding when an alert routes nowhere: ``key`` unset or empty."""
    return None if strings(conf, key) else f"{what} not set: the alert notifies no one"


def shortfalls(watchers: Sequence[Node], problems: Problems, unknown: Sequence[Node], missing: str,
               good: Optional[List[Node]] = None) -> List[str]:
    """Nothing when one watcher has no problem (appended to ``good``); otherwise each watcher's problems (or
    ``missing``). A watcher that cannot be judged, or an alert whose target is unknown, fails closed: Unresolved
    propagates."""
    findings: List[str] = []
    unresolved: List[Unresolved] = []
    for watcher in watchers:
        try:
            found = problems(watcher)
        except Unresolved as exc:
            unresolved.append(Unresolved(f"{watcher.address}: {exc.key}", exc.value))
            continue
        if not found:
            if good is not None:
                good.append(watcher)
            return []
        findings.append(f"{watcher.address}: {', '.join(found)}")
    if unresolved:
        raise unresolved[0]
    if unknown:
        raise Unresolved(f"what {', '.join(node.address for node in unknown)} watches", "a value not known at plan time")
    return findings or [missing]


def judge_watchers(source: Node, watchers: Sequence[Node], problems: Problems, unknown: Sequence[Node],
                   missing: str, required: str, because: str) -> Verdict:
    """PASSED when one of the alerts (or alerting chains) watching ``source`` does its job, else FAILED."""
    good: List[Node] = []
    found = shortfalls(watchers, problems, unknown, missing, good)
    if found:
        return failed("; ".join(found), required, because)
    return passed(f"{source.address} is watched: {good[0].address}" if good[0] is not source
                  else f"{source.address} has its own absence alert")


def written(index: GraphIndex, node: Node, attribute: str) -> object:
    """An attribute as written in the file. Checkov's renderer mangles some literal strings (a metric filter's
    ``{ (a = b) && (c = d) }`` becomes ``(c : d) }``), so a literal is read from the file itself; a reference,
    a plan JSON value or an unreadable file keeps Checkov's value."""
    tree = index.memo(f"monitoring:hcl:{node.file_path}", lambda _: _parse(node.file_path))
    value = next((body.get(attribute) for resources in tree.get("resource", []) if isinstance(resources, dict)
                  for body in [resources.get(node.type, {}).get(node.name)] if isinstance(body, dict)), None)
    value = value[0] if isinstance(value, list) and len(value) == 1 else value
    return value if isinstance(value, str) and not is_unresolved(value) else scalar(node.conf, attribute)


def _parse(path: str) -> dict:
    if not path.endswith(".tf"):
        return {}
    try:
        with open(path, encoding="utf-8") as source:
            return hcl2.loads(source.read())
    except Exception:  # an unreadable file leaves Checkov's rendering, judged as usual
        return {}
