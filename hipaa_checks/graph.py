"""One index per Checkov graph and root module: nodes by address, type and name, outgoing edges, memoised facts."""

from __future__ import annotations

from dataclasses import dataclass, field
import copy
import json
import os
import re
from typing import Any, Callable, Dict, Iterable, List, Optional, Set, Tuple

from checkov.terraform.parser_functions import handle_dynamic_values

from hipaa_checks.plan import after_unknown_by_address, with_unknowns
from hipaa_checks.values import is_unresolved, scalar, values_at

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

    @property
    def is_data_source(self) -> bool:
        return self.address[len(module_prefix(self.address)):].startswith("data.")


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
    null_variables: Set[str] = field(default_factory=set)  # variables declared with default = null
    unset_lists: Dict[str, Dict[str, str]] = field(default_factory=dict)  # address -> {attribute path: "var.x"}
    outgoing: Dict[str, List[Edge]] = field(default_factory=dict)
    modules: Dict[str, dict] = field(default_factory=dict)  # "module.a.module.b" (no [index]) -> that call's inputs
    _memo: Dict[str, Any] = field(default_factory=dict)
    # No graph holds the resource (Checkov's Terraform JSON runner passes none): lookups of other resources
    # find nothing, so the base must not let a check pass on them; ``looked`` says whether one was made.
    blind: bool = False
    looked: bool = False

    def node(self, address: str) -> Optional[Node]:
        return self.nodes.get(address)

    def of_type(self, *types: str) -> List[Node]:
        self.looked = True
        return [node for resource_type in types for node in self.by_type.get(resource_type, ())]

    def references(self, address: str, label: Optional[str] = None) -> List[Node]:
        """Resources that ``address`` points at, optionally through one attribute only."""
        self.looked = True
        return [
            self.nodes[edge.dest]
            for edge in self.outgoing.get(address, ())
            if edge.dest in self.nodes and (label is None or edge.label == label or edge.label.startswith(f"{label}."))
        ]

    def named(self, name: str, *types: str) -> Optional[Node]:
        """The resource of one of ``types`` whose cloud-side name is ``name`` (also given as ARN, URL or ID)."""
        if is_unresolved(name):  # e.g. a plan's "known after apply": it names nothing yet
            return None
        names = self.memo("names:" + ",".join(types), lambda index: index._names(types))
        return names.get(name) or names.get(cloud_name(name))  # exact first: log group names hold slashes

    def linked(self, node: Node, attribute: str, *types: str) -> Optional[Node]:
        """The resource of one of ``types`` that ``node`` points at through ``attribute``: a reference,
        else a name, ARN, URL or ID."""
        for target in self.references(node.address, attribute):
            if target.type in types:
                return target
        value = scalar(node.conf, attribute)
        return self.named(value, *types) if isinstance(value, str) and value else None

    def linked_all(self, node: Node, path: str, *types: str) -> List[Node]:
        """Every resource of ``types`` that ``node`` names at a dotted ``path`` (lists and nested blocks too):
        references, else names, ARNs or IDs; each once."""
        found = {target.address: target for target in self.references(node.address, path) if target.type in types}
        for value in values_at(node.conf, path):
            for item in _flat(value):
                target = self.named(item, *types) if isinstance(item, str) else None
                if target is not None:
                    found.setdefault(target.address, target)
        return list(found.values())

    def _names(self, types: Tuple[str, ...]) -> Dict[str, Node]:
        names: Dict[str, Node] = {}
        for node in self.of_type(*types):
            for attribute in NAME_ATTRIBUTES:
                value = scalar(node.conf, attribute)
                if isinstance(value, str) and value and not is_unresolved(value):
                    names.setdefault(value, node)
        return names

    def as_checked(self, conf: dict, address: str) -> dict:
        """``conf`` as the checks should read it: ``var.x`` with a null default is absent (null), an attribute
        Checkov rendered from a list variable without a value is ``var.x`` again (unresolved, not ``[]``),
        and plan values known only after apply are marked unresolved."""
        if self.null_variables:
            prefix = module_prefix(address)
            conf = _drop_null_variables(conf, prefix, self.null_variables)
        for path, variable in self.unset_lists.get(address, {}).items():
            conf = _unrendered(conf, path.split("."), variable)
        return with_unknowns(conf, self.unknown.get(address))

    def near_dynamic_blocks(self, address: str) -> bool:
        """Whether ``address`` or a resource linked to it by reference has dynamic blocks (Checkov expands them
        and can garble the static blocks beside them: a check reading them may see its handiwork)."""
        def build(index: "GraphIndex") -> Set[str]:
            dynamic = {node.address for node in index.nodes.values() if "dynamic" in node.conf}
            near = set(dynamic)
            for edges in index.outgoing.values():
                for edge in edges:
                    if edge.origin in dynamic or edge.dest in dynamic:
                        near.update((edge.origin, edge.dest))
            return near

        return address in self.memo("near-dynamic-blocks", build)

    def memo(self, key: str, build: Callable[["GraphIndex"], Any]) -> Any:
        """A derived fact computed once per graph (e.g. which buckets receive logs)."""
        if key not in self._memo:
            self._memo[key] = build(self)
        return self._memo[key]


def _flat(value: Any) -> Iterable[Any]:
    if isinstance(value, list):
        for item in value:
            yield from _flat(item)
    else:
        yield value


def cloud_name(value: str) -> str:
    """The bucket/account name inside an ARN, a gs:// or storage.googleapis.com URL, or an Azure resource ID."""
    text = value.strip()
    # ARNs, URLs, and the GCS API's b/NAME and projects/_/buckets/NAME forms
    text = re.sub(r"^(https://|arn:aws:s3:::|storage\.googleapis\.com/|gs://|s3://|b/|projects/[^/]+/buckets/)", "", text)
    for marker in ("/storageAccounts/", "/containers/"):
        if marker in text:
            text = text.split(marker, 1)[1]
    text = text.split("/", 1)[0]
    for suffix in (".s3.amazonaws.com", ".blob.core.windows.net"):  # CloudFront logging, blob endpoints
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


_ZERO = re.compile(r"\s*(0|length\(\s*(\[\s*\]|\{\s*\})\s*\))\s*")
_CONDITIONAL = re.compile(r"[^?]+\?([^:]+):(.+)")


# an empty for_each as Checkov leaves it in text: [], {}, toset([]), set(), [set()]
_EMPTY = re.compile(r"\s*(\[\s*\]|\{\s*\}|toset\(\s*\[\s*\]\s*\)|set\(\)|\[\s*set\(\)\s*\])\s*")


def never_created(conf: dict) -> bool:
    """``count`` is 0, or ``for_each`` an empty list or set, or either is an expression Checkov left
    half-evaluated that is 0 / empty on every branch (``local.create ? length([]) : 0``, as terraform-aws-modules
    leave unused rule resources). A ``for_each`` rendered as ``{}`` is not trusted: Checkov also leaves that
    for a ``{ for ... }`` expression it could not evaluate."""
    count = scalar(conf, "count")
    if count == 0:
        return True
    if isinstance(count, str):
        return _every_branch(count, _ZERO)
    each = scalar(conf, "for_each")
    if isinstance(each, (list, set, tuple)) and not each:
        return True
    return isinstance(each, str) and _every_branch(each, _EMPTY)


def _every_branch(expression: str, pattern: re.Pattern) -> bool:
    branches = _CONDITIONAL.fullmatch(expression)
    return all(pattern.fullmatch(branch) for branch in (branches.groups() if branches else (expression,)))


_MODULE_PREFIX = re.compile(r"(module\.[^.\[]+(\[[^\]]*\])?\.)*")
_INDEXES = re.compile(r"\[[^\]]*\]")
_MODULE_CALL = re.compile(r"module\.[^.\[]+(?:\[[^\]]*\])?\.")


def module_prefix(address: str) -> str:
    """The module calls an address sits in, as written: "module.a[0].module.b." for "module.a[0].module.b.x.y"."""
    return _MODULE_PREFIX.match(address).group(0)


def without_indexes(text: str) -> str:
    """An address or reference without its instance indexes: "module.a.x.y" for "module.a[0].x.y[\"k\"]"."""
    return _INDEXES.sub("", text)


def _call_prefix(attributes: dict) -> str:
    """The address prefix of the resources a module vertex's call creates: "module.outer.module.inner."."""
    address = str(attributes.get("__address__") or attributes.get("block_name_"))
    outer = module_prefix(address)
    return f"{outer}module.{address[len(outer):]}."
_VARIABLE = re.compile(r"\$\{var\.([\w-]+)\}|var\.([\w-]+)")


def _drop_null_variables(value: Any, prefix: str, nulls: Set[str]) -> Any:
    if isinstance(value, str):
        match = _VARIABLE.fullmatch(value.strip())
        return None if match and f"{prefix}{match.group(1) or match.group(2)}" in nulls else value
    if isinstance(value, list):
        return [_drop_null_variables(item, prefix, nulls) for item in value]
    if isinstance(value, dict):
        return {key: _drop_null_variables(item, prefix, nulls) for key, item in value.items()}
    return value


def _unrendered(conf: Any, path: List[str], variable: str) -> Any:
    """``conf`` with the attribute at a Checkov breadcrumb ``path`` (``egress.1.cidr_blocks``; the block index
    only when there are several) set to ``[variable]``, as Checkov leaves a variable it cannot render."""
    if not isinstance(conf, dict) or path[0] not in conf:
        return conf
    key, rest, inner = path[0], path[1:], conf[path[0]]
    if rest and isinstance(inner, list) and inner and all(isinstance(item, dict) for item in inner):
        position = int(rest.pop(0)) if rest[0].isdigit() else 0 if len(inner) == 1 else None
        if position is None or position >= len(inner) or not rest:
            return conf
        inner = [_unrendered(item, rest, variable) if n == position else item for n, item in enumerate(inner)]
        return {**conf, key: inner}
    if rest and isinstance(inner, dict):  # attribute-syntax object
        return {**conf, key: _unrendered(inner, rest, variable)}
    return {**conf, key: [variable]}


# Checkov renders a variable without a value as [] when its type starts with "list" (its TYPE_REGEX).
_LIST_TYPE = re.compile(r"(\$\{)?list\b")


def _unset_origin(crumbs: Any, prefix: str, scope: str, unset: Dict[Tuple[str, str], str]) -> Optional[str]:
    """The ``var.x`` without a value among the variables a breadcrumb list names (variables of module ``prefix``)."""
    for crumb in crumbs if isinstance(crumbs, list) else ():
        if isinstance(crumb, dict) and crumb.get("type") == "variable":
            origin = unset.get((scope, f"{prefix}{crumb.get('name')}"))
            if origin:
                return origin
    return None


def _unset_list_variables(vertices: List[Tuple[Any, dict]]) -> Dict[Tuple[str, str], str]:
    """(scope, address) -> ``var.x`` of every variable Checkov rendered as ``[]`` for want of a value: list-typed
    without default or tfvars value, or a module input given such a variable (named by the caller's variable)."""
    variables: Dict[Tuple[str, str], dict] = {}
    calls: Dict[Tuple[str, str], dict] = {}  # (scope, prefix of the called module's addresses) -> breadcrumbs
    for _, attributes in vertices:
        kind, address = attributes.get("block_type_"), str(attributes.get("__address__") or attributes.get("block_name_"))
        if kind == "variable":
            variables[(_scope(attributes), address)] = attributes
        elif kind == "module":
            calls[(_scope(attributes), _call_prefix(attributes))] = attributes.get("rendering_breadcrumbs_") or {}
    unset: Dict[Tuple[str, str], str] = {}
    for (scope, address), attributes in sorted(variables.items(), key=lambda item: item[0][1].count("module.")):
        prefix = module_prefix(address)
        name = address[len(prefix):]
        if "default" not in attributes:
            if _LIST_TYPE.match(str(attributes.get("type", ""))):
                unset[(scope, address)] = f"var.{name}"
        elif prefix:
            caller = "".join(_MODULE_CALL.findall(prefix)[:-1])
            origin = _unset_origin(calls.get((scope, prefix), {}).get(name), caller, scope, unset)
            if origin:
                unset[(scope, address)] = origin
    return unset


def _unset_paths(attributes: dict, address: str, scope: str, unset: Dict[Tuple[str, str], str]) -> Dict[str, str]:
    """Attribute path -> ``var.x`` for the attributes of one vertex rendered from a variable without a value."""
    crumbs = attributes.get("rendering_breadcrumbs_")
    if not crumbs:
        return {}
    prefix = module_prefix(address)
    found = {path: origin for path, entries in crumbs.items() if (origin := _unset_origin(entries, prefix, scope, unset))}
    # a block's own breadcrumb repeats its attributes'; only the attributes are replaced
    return {path: origin for path, origin in found.items() if not any(other.startswith(f"{path}.") for other in crumbs)}


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


def _scope(attributes: dict) -> str:
    """The root module a vertex belongs to: the directory of its outermost module call, else of its file.

    Checkov scans sibling root modules (envs/dev, envs/prod) into one graph, where the same address
    can stand for different resources; each root module gets an index of its own.
    """
    caller = attributes.get("source_module_object_")  # Checkov's TFModule (or its JSON in older versions)
    path = str(attributes.get("file_path_", ""))
    while caller:
        if isinstance(caller, str):
            try:
                caller = json.loads(caller)
            except ValueError:
                break
        if isinstance(caller, dict):
            path, caller = str(caller.get("path") or path), caller.get("nested_tf_module")
        else:
            path, caller = str(getattr(caller, "path", None) or path), getattr(caller, "nested_tf_module", None)
    return os.path.dirname(path)


def _inner_conf(attributes: dict, key: str) -> dict:
    inner = attributes.get("config_", {}).get(key, {}) if isinstance(attributes.get("config_"), dict) else {}
    if isinstance(inner, dict) and inner and "__start_line__" not in inner:
        inner = next(iter(inner.values()), {})
    return inner if isinstance(inner, dict) else {}


def _node_from(attributes: dict) -> Optional[Node]:
    """Resources and data sources (addressed ``data.<type>.<name>``, as Terraform writes references)."""
    block_type = attributes.get("block_type_")
    if block_type not in ("resource", "data"):
        return None
    address = attributes.get("__address__") or attributes.get("block_name_")
    if block_type == "data":  # Terraform's form: [module.m.]data.<type>.<name>
        prefix = module_prefix(str(address))
        if not str(address)[len(prefix):].startswith("data."):
            address = f"{prefix}data.{str(address)[len(prefix):]}"
    block_name = str(attributes.get("block_name_", "")).removeprefix("data.")
    resource_type = str(attributes.get("resource_type") or block_name.split(".")[0]).removeprefix("data.")
    name = block_name.split(".", 1)[1] if "." in block_name else block_name
    conf = _inner_conf(attributes, resource_type)
    if "dynamic" in conf:
        # Checkov expands dynamic blocks only just before a check sees the resource; do the same here
        # so a check reading a neighbour sees the blocks the neighbour's own check would see.
        conf = copy.deepcopy(conf)
        handle_dynamic_values(conf)
    return Node(address, resource_type, name, conf, str(attributes.get("file_path_", "")))


def _null_variable(attributes: dict) -> Optional[str]:
    """The address of a variable declared with ``default = null`` (Checkov leaves ``var.x`` unrendered)."""
    if attributes.get("block_type_") != "variable":
        return None
    conf = _inner_conf(attributes, str(attributes.get("block_name_", "")))
    if "default" in conf and conf["default"] in (None, [None]):
        return str(attributes.get("__address__") or attributes.get("block_name_"))
    return None


@dataclass
class ScanIndex:
    """The indexes of one Checkov graph, one per root module, and where each address lives."""

    scopes: Dict[str, GraphIndex] = field(default_factory=dict)
    places: Dict[str, List[Tuple[str, str]]] = field(default_factory=dict)  # address -> [(scope, file)]

    def locate(self, address: str, scanned_file: str = "") -> GraphIndex:
        """The index of the root module that holds ``address`` as found in ``scanned_file``."""
        places = self.places.get(address, [])
        if len(places) > 1 and scanned_file:
            places = [place for place in places if place[1].endswith(scanned_file)] or places
        return self.scopes[places[0][0]] if places else GraphIndex(blind=True)


def build_index(graph: Any) -> ScanIndex:
    scan = ScanIndex()
    vertices = [(key, attributes) for key, attributes in _iter_vertices(graph) if isinstance(attributes, dict)]
    for _, attributes in vertices:
        variable = _null_variable(attributes)
        if variable:
            scan.scopes.setdefault(_scope(attributes), GraphIndex()).null_variables.add(variable)
    unset = _unset_list_variables(vertices)
    for _, attributes in vertices:
        if attributes.get("block_type_") == "module":  # a call's inputs: what a remote module not downloaded is given
            call = without_indexes(_call_prefix(attributes)).removesuffix(".")
            scan.scopes.setdefault(_scope(attributes), GraphIndex()).modules[call] = attributes
    located: Dict[Any, Tuple[str, str]] = {}
    plans: Dict[str, Dict[str, dict]] = {}
    for key, attributes in vertices:
        node = _node_from(attributes)
        if node is None:
            continue
        scope = _scope(attributes)
        index = scan.scopes.setdefault(scope, GraphIndex())
        if node.file_path.endswith(".json"):
            if node.file_path not in plans:
                plans[node.file_path] = after_unknown_by_address(node.file_path)
            index.unknown[node.address] = plans[node.file_path].get(node.address, {})
        paths = _unset_paths(attributes, node.address, scope, unset) if unset else {}
        if paths:
            index.unset_lists[node.address] = paths
        node = Node(node.address, node.type, node.name, index.as_checked(node.conf, node.address), node.file_path)
        if never_created(node.conf):
            continue  # count 0 or for_each empty on every branch: the resource does not exist
        located[key] = (scope, node.address)
        scan.places.setdefault(node.address, []).append((scope, node.file_path))
        index.nodes[node.address] = node
        index.by_type.setdefault(node.type, []).append(node)
    kinds = {key: attributes.get("block_type_") for key, attributes in vertices}
    outgoing: Dict[Any, List[Tuple[Any, str]]] = {}
    for origin, dest, data in _iter_edges(graph):
        # Checkov labels a reference made through a local or variable "[cross-variable] <attribute>"
        label = str((data or {}).get("label", "")).removeprefix("[cross-variable] ")
        label = ".".join(p for p in label.split(".") if not p.isdigit())
        # and one made inside a dynamic block "dynamic.<block>.content.<attribute>": read it as <block>.<attribute>
        outgoing.setdefault(origin, []).append((dest, _DYNAMIC_LABEL.sub(r"\1.", label)))
    for origin, edges in outgoing.items():
        if origin not in located:
            continue
        for dest, label in edges:
            for target in _resources_behind(dest, outgoing, kinds, located):
                edge = Edge(located[origin][1], located[target][1], label)
                index = scan.scopes[located[origin][0]]
                if located[origin][0] == located[target][0] and edge not in index.outgoing.get(edge.origin, ()):
                    index.outgoing.setdefault(edge.origin, []).append(edge)
    return scan


_PASS_THROUGH = ("locals", "output")  # a reference to these reaches the resources they name
_DYNAMIC_LABEL = re.compile(r"dynamic\.([^.]+)\.content\.")


def _resources_behind(start: Any, outgoing: Dict[Any, List[Tuple[Any, str]]], kinds: Dict[Any, Any],
                      located: Dict[Any, Tuple[str, str]]) -> List[Any]:
    """``start`` if it is a resource, else the resources a chain of locals and module outputs leads to."""
    if start in located:
        return [start]
    found, stack, seen = [], [start], {start}
    while stack:
        vertex = stack.pop()
        if kinds.get(vertex) not in _PASS_THROUGH:
            continue
        for dest, _ in outgoing.get(vertex, ()):
            if dest in located:
                found.append(dest)
            elif dest not in seen:
                seen.add(dest)
                stack.append(dest)
    return found


_CACHE: List[Tuple[Any, ScanIndex]] = []


def index_for(graph: Any) -> ScanIndex:
    """The indexes of ``graph``, built on first use; the last few graphs are kept (one per scan is typical)."""
    if graph is None:
        return ScanIndex()
    for cached_graph, index in _CACHE:
        if cached_graph is graph:
            return index
    index = build_index(graph)
    _CACHE.insert(0, (graph, index))
    del _CACHE[4:]
    return index
