"""One index per Checkov graph object: nodes by address and type, edges both ways, memoised derived facts."""

from __future__ import annotations

from dataclasses import dataclass, field
import copy
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple

from checkov.terraform.parser_functions import handle_dynamic_values

from hipaa_checks.plan import after_unknown_by_address, with_unknowns
from hipaa_checks.values import scalar

# Attributes that carry a resource's cloud-side name (bucket, account, group...).
NAME_ATTRIBUTES = ("bucket", "bucket_prefix", "name", "name_prefix")


@dataclass(frozen=True)
class Node:
    """A resource (or other block) of the scanned graph, with its Checkov-shaped configuration."""

    address: str
    type: str
    name: str
    conf: dict
    file_path: str


@dataclass(frozen=True)
class Edge:
    origin: str
    dest: str
    label: str


@dataclass
class GraphIndex:
    nodes: Dict[str, Node] = field(default_factory=dict)
    by_type: Dict[str, List[Node]] = field(default_factory=dict)
    unknown: Dict[str, dict] = field(default_factory=dict)  # plan JSON: address -> after_unknown
    outgoing: Dict[str, List[Edge]] = field(default_factory=dict)
    incoming: Dict[str, List[Edge]] = field(default_factory=dict)
    _memo: Dict[str, Any] = field(default_factory=dict)

    def node(self, address: str) -> Optional[Node]:
        return self.nodes.get(address)

    def of_type(self, *types: str) -> List[Node]:
        return [node for resource_type in types for node in self.by_type.get(resource_type, ())]

    def referrers(self, address: str, *types: str) -> List[Tuple[Node, str]]:
        """Resources whose attributes point at ``address`` (optionally of the given types), with the attribute."""
        found = []
        for edge in self.incoming.get(address, ()):
            origin = self.nodes.get(edge.origin)
            if origin and (not types or origin.type in types):
                found.append((origin, edge.label))
        return found

    def references(self, address: str, label: Optional[str] = None) -> List[Node]:
        """Resources that ``address`` points at, optionally through one attribute only."""
        return [
            self.nodes[edge.dest]
            for edge in self.outgoing.get(address, ())
            if edge.dest in self.nodes and (label is None or edge.label == label or edge.label.startswith(f"{label}."))
        ]

    def named(self, name: str, *types: str) -> Optional[Node]:
        """The resource of one of ``types`` whose cloud-side name is ``name`` (also given as ARN, URL or ID)."""
        key = "names:" + ",".join(types)
        return self.memo(key, lambda index: index._names(types)).get(cloud_name(name))

    def _names(self, types: Tuple[str, ...]) -> Dict[str, Node]:
        names: Dict[str, Node] = {}
        for node in self.of_type(*types):
            for attribute in NAME_ATTRIBUTES:
                value = scalar(node.conf, attribute)
                if isinstance(value, str) and value:
                    names.setdefault(value, node)
        return names

    def memo(self, key: str, build: Callable[["GraphIndex"], Any]) -> Any:
        """A derived fact computed once per graph (e.g. which buckets receive logs)."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]


def cloud_name(value: str) -> str:
    """The bucket/account name inside an ARN, a gs:// or storage.googleapis.com URL, or an Azure resource ID."""
    text = value.strip()
    for prefix in ("arn:aws:s3:::", "storage.googleapis.com/", "gs://", "s3://"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for marker in ("/storageAccounts/", "/containers/"):
        if marker in text:
            text = text.split(marker, 1)[1]
    text = text.split("/", 1)[0]
    for suffix in (".s3.amazonaws.com", ".blob.core.windows.net"):  # CloudFront logging, blob endpoints
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _iter_vertices(graph: Any) -> Iterable[Tuple[Any, dict]]:
    if hasattr(graph, "node_indices"):  # rustworkx, Checkov's default
        for index in graph.node_indices():
            payload = graph[index]
            yield index, payload[1] if isinstance(payload, tuple) else payload
    else:  # networkx
        yield from graph.nodes(data=True)


def _iter_edges(graph: Any) -> Iterable[Tuple[Any, Any, dict]]:
    if hasattr(graph, "weighted_edge_list"):
        yield from graph.weighted_edge_list()
    else:
        yield from graph.edges(data=True)


def _node_from(attributes: dict) -> Optional[Node]:
    """Resources and data sources (addressed ``data.<type>.<name>``, as Terraform writes references)."""
    block_type = attributes.get("block_type_")
    if block_type not in ("resource", "data"):
        return None
    address = attributes.get("__address__") or attributes.get("block_name_")
    if block_type == "data" and not str(address).startswith("data."):
        address = f"data.{address}"
    block_name = str(attributes.get("block_name_", "")).removeprefix("data.")
    resource_type = str(attributes.get("resource_type") or block_name.split(".")[0]).removeprefix("data.")
    name = block_name.split(".", 1)[1] if "." in block_name else block_name
    inner = attributes.get("config_", {}).get(resource_type, {})
    conf = next(iter(inner.values()), {}) if isinstance(inner, dict) and inner else {}
    conf = conf if isinstance(conf, dict) else {}
    if conf.get("count") == [0]:
        return None  # never created; Checkov does not scan it either
    if "dynamic" in conf:
        # Checkov expands dynamic blocks only just before a check sees the resource; do the same here
        # so a check reading a neighbour sees the blocks the neighbour's own check would see.
        conf = copy.deepcopy(conf)
        handle_dynamic_values(conf)
    return Node(address, resource_type, name, conf, attributes.get("file_path_", ""))


def build_index(graph: Any) -> GraphIndex:
    index = GraphIndex()
    address_of: Dict[Any, str] = {}
    plans: Dict[str, Dict[str, dict]] = {}
    for key, attributes in _iter_vertices(graph):
        node = _node_from(attributes) if isinstance(attributes, dict) else None
        if node is None:
            continue
        if node.file_path.endswith(".json"):
            if node.file_path not in plans:
                plans[node.file_path] = after_unknown_by_address(node.file_path)
            index.unknown[node.address] = plans[node.file_path].get(node.address, {})
            node = Node(node.address, node.type, node.name, with_unknowns(node.conf, index.unknown[node.address]), node.file_path)
        address_of[key] = node.address
        index.nodes[node.address] = node
        index.by_type.setdefault(node.type, []).append(node)
    for origin, dest, data in _iter_edges(graph):
        if origin in address_of and dest in address_of:
            label = ".".join(part for part in str((data or {}).get("label", "")).split(".") if not part.isdigit())
            edge = Edge(address_of[origin], address_of[dest], label)
            index.outgoing.setdefault(edge.origin, []).append(edge)
            index.incoming.setdefault(edge.dest, []).append(edge)
    return index


_CACHE: List[Tuple[Any, GraphIndex]] = []
_EMPTY = GraphIndex()


def index_for(graph: Any) -> GraphIndex:
    """The index of ``graph``, built on first use; the last few graphs are kept (one per scan is typical)."""
    if graph is None:
        return _EMPTY
    for cached_graph, index in _CACHE:
        if cached_graph is graph:
            return index
    index = build_index(graph)
    _CACHE.insert(0, (graph, index))
    del _CACHE[4:]
    return index
