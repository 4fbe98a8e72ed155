"""Storage that can hold logs (S3 buckets, GCS buckets, Azure storage accounts) and the side resources that
configure it (lifecycle, encryption, IAM, containers...): which store a side resource belongs to, and what a
check judges together. Shared by every family; the per-platform modules only say how a side resource names
its store."""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

from hipaa_checks.checks.base import Context
from hipaa_checks.graph import GraphIndex, Node

# How a side resource names its store: a reference, name, ARN or ID (see GraphIndex.linked).
Owner = Callable[[GraphIndex, Node], Optional[Node]]


def sides(index: GraphIndex, store_type: str, owner: Owner, side_type: str) -> Dict[str, List[Node]]:
    """Store address -> the ``side_type`` resources that configure it; built once per graph."""

    def build(index: GraphIndex) -> Dict[str, List[Node]]:
        found: Dict[str, List[Node]] = {}
        for side in index.of_type(side_type):
            store = owner(index, side)
            if store is not None:
                found.setdefault(store.address, []).append(side)
        return found

    return index.memo(f"sides:{store_type}:{side_type}", build)


def archive_scope(ctx: Context, store_type: str, owner: Owner, *side_types: str,
                  holders: Tuple[str, ...] = ()) -> Tuple[Optional[str], List[Node]]:
    """Why the store behind this resource is a log archive (None when it is not), and the resources to judge.

    For a store: the store itself plus every side resource of ``side_types`` that configures it. For a side
    resource: itself, judged as an archive when its store is one. Its own tag or name counts only when its
    store is not in the configuration, or when it holds logs itself (``holders``: an Azure container); a policy
    named "logging" on a bucket that holds no logs is not an archive's.
    """
    if ctx.node.type == store_type:
        configured = [side for kind in side_types for side in sides(ctx.index, store_type, owner, kind).get(ctx.node.address, ())]
        return ctx.archive_reason(), [ctx.node, *configured]
    store = owner(ctx.index, ctx.node)
    if store is None or ctx.node.type in holders:
        return (ctx.archive_reason(store) if store is not None else None) or ctx.archive_reason(), [ctx.node]
    return ctx.archive_reason(store), [ctx.node]
