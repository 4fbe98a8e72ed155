"""GCP VPC firewalls and the instances they reach: networks, targets, the rules a firewall allows, and the
higher-priority denies that cancel them. Shared by the HIPAA_GCP_006-010 checks and the GCP role finder."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, List, Optional, Tuple

from hipaa_checks.checks.network.rules import Rule, port_range, protocol, within
from hipaa_checks.graph import GraphIndex, Node
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.values import BadValue, Unresolved, as_bool, blocks, int_attr, is_unresolved, scalar, unwrap, values_at

FIREWALL = "google_compute_firewall"
WORKLOADS = ("google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template")
GROUPS = ("google_compute_instance_group_manager", "google_compute_region_instance_group_manager")
NETWORK, SUBNETWORK, SERVICE_ACCOUNT = "google_compute_network", "google_compute_subnetwork", "google_service_account"
EVERYWHERE = "0.0.0.0/0"
DEFAULT_PRIORITY = 1000


@dataclass(frozen=True)
class Net:
    """A VPC network: its resource address or name when known, else the expression that names it."""

    key: str
    known: bool

    def __str__(self) -> str:
        return self.key if self.known else f"{self.key} (not known statically)"


@dataclass(frozen=True)
class Firewall:
    """What a firewall applies to; its rules are read on demand (reading them may raise Unresolved)."""

    node: Node
    network: Optional[Net]
    direction: str  # "INGRESS" or "EGRESS" (GCP's default is INGRESS)
    tags: Tuple[str, ...]
    accounts: Tuple[str, ...]  # service-account resource addresses or literal e-mail addresses
    targets_known: bool  # False when target_tags / target_service_accounts hold expressions
    disabled: Optional[bool]  # None when it cannot be read

    @property
    def targeted(self) -> bool:
        return bool(self.tags or self.accounts) or not self.targets_known

    def ranges(self, strict: bool = True) -> Tuple[str, ...]:
        """The peers of its rules: destination_ranges (EGRESS) or source_ranges (INGRESS); no ranges and no
        source tags or service accounts on INGRESS means 0.0.0.0/0, as GCP assumes. Unreadable ranges raise
        when ``strict``, else are kept as text (which matches no CIDR)."""
        conf, address = self.node.conf, self.node.address
        key = "destination_ranges" if self.direction == "EGRESS" else "source_ranges"
        found = tuple(_text(value, f"{address} {key}") if strict else str(value) for value in items(conf, key))
        if found or self.direction == "EGRESS" or items(conf, "source_tags") or items(conf, "source_service_accounts"):
            return found
        return (EVERYWHERE,)


def items(conf: Any, key: str) -> List[Any]:
    """A list attribute's items in every shape Checkov gives: [["a", "b"]], [443], ["var.x"]."""
    value = unwrap(conf.get(key)) if isinstance(conf, dict) else None
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _text(value: Any, key: str) -> str:
    if isinstance(value, dict) or (isinstance(value, str) and is_unresolved(value)):
        raise Unresolved(key, value)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise BadValue(key, value, "a string")
    return str(value).strip()


def _network(index: GraphIndex, node: Node, conf: dict, attribute: str, label: str) -> Optional[Net]:
    """The network ``conf[attribute]`` names: by reference, by name or self-link, or (subnetworks) through
    the subnetwork's own network."""
    for target in index.references(node.address, label):
        if target.type == NETWORK:
            return Net(target.address, True)
        if target.type == SUBNETWORK:
            return _network(index, target, target.conf, "network", "network") or Net(f"of {target.address}", False)
    value = scalar(conf, attribute)
    if value in (None, "", []):
        return None
    if not isinstance(value, str) or is_unresolved(value):
        return Net(str(value), False)
    name = value.rstrip("/").rsplit("/", 1)[-1]
    if attribute == "subnetwork":
        subnet = index.named(name, SUBNETWORK)
        return _network(index, subnet, subnet.conf, "network", "network") if subnet else Net(f"of subnetwork {value}", False)
    found = index.named(name, NETWORK)
    return Net(found.address if found else name, True)


def networks(index: GraphIndex, workload: Node) -> List[Net]:
    """The networks of an instance's or template's interfaces (network, else the subnetwork's network)."""
    found: List[Net] = []
    for interface in blocks(workload.conf, "network_interface"):
        net = (_network(index, workload, interface, "network", "network_interface.network")
               or _network(index, workload, interface, "subnetwork", "network_interface.subnetwork"))
        found.append(net or Net("an interface without network or subnetwork", False))
    return found


def _accounts(index: GraphIndex, node: Node, values: List[Any], label: str) -> Tuple[Tuple[str, ...], bool]:
    """Service accounts as resource addresses (references) or literal e-mails, and whether all were readable."""
    references = [target.address for target in index.references(node.address, label) if target.type == SERVICE_ACCOUNT]
    literals = [value for value in values if isinstance(value, str) and not is_unresolved(value)]
    return tuple(dict.fromkeys(references + literals)), len(values) - len(literals) <= len(references)


def workload_targets(index: GraphIndex, workload: Node) -> Tuple[Tuple[str, ...], Tuple[str, ...], bool]:
    """An instance's network tags and service accounts, and whether both could be read."""
    tags = items(workload.conf, "tags")
    emails = list(values_at(workload.conf, "service_account.email"))
    accounts, known = _accounts(index, workload, emails, "service_account.email")
    literal_tags = tuple(tag for tag in tags if isinstance(tag, str) and not is_unresolved(tag))
    return literal_tags, accounts, known and len(literal_tags) == len(tags)


def firewall_of(index: GraphIndex, node: Node) -> Firewall:
    """The firewall facts of ``node``; never raises (unreadable parts are marked unknown)."""
    conf = node.conf
    tags = items(conf, "target_tags")
    literal_tags = tuple(tag for tag in tags if isinstance(tag, str) and not is_unresolved(tag))
    accounts, accounts_known = _accounts(index, node, items(conf, "target_service_accounts"), "target_service_accounts")
    # The provider computes direction when it is left unset, so a plan shows it unknown: GCP's INGRESS.
    direction = scalar(conf, "direction")
    direction = None if direction == UNKNOWN else direction
    try:
        disabled = as_bool(scalar(conf, "disabled"), "disabled") or False
    except (Unresolved, BadValue):
        disabled = None
    return Firewall(
        node, _network(index, node, conf, "network", "network"),
        direction.strip().upper() if isinstance(direction, str) and direction.strip() else "INGRESS",
        literal_tags, accounts, accounts_known and len(literal_tags) == len(tags), disabled,
    )


def firewalls(index: GraphIndex) -> List[Firewall]:
    return index.memo("gcp-firewalls", lambda idx: [firewall_of(idx, node) for node in idx.of_type(FIREWALL)])


def deny_firewalls(index: GraphIndex) -> List[Firewall]:
    """The firewalls with a ``deny`` block: the only ones that can cancel an allow."""
    return index.memo("gcp-deny-firewalls", lambda idx: [f for f in firewalls(idx) if any(blocks(f.node.conf, "deny"))])


def reach(index: GraphIndex, firewall: Firewall, workload: Node) -> Optional[str]:
    """How ``firewall`` applies to ``workload`` ("by target tag 'x'", "to every instance of network n"), or None.

    Networks count as different only when both are known; a tag or service-account match with an unknown
    network counts (the match itself is the evidence), a network-wide rule needs the same network.
    """
    nets = networks(index, workload)
    same = firewall.network is not None and firewall.network in nets
    if not same and (firewall.network is None or firewall.network.known) and nets and all(net.known for net in nets):
        return None
    if not firewall.targeted:
        return f"applies to every instance of network {firewall.network}, including" if same else None
    tags, accounts, known = workload_targets(index, workload)
    common = [tag for tag in firewall.tags if tag in tags]
    if common:
        return f"targets network tag {common[0]!r} of"
    shared = [account for account in firewall.accounts if account in accounts]
    if shared:
        return f"targets service account {shared[0]} of"
    if same and not (firewall.targets_known and known):
        return f"may target (target tags or service accounts cannot be read; same network {firewall.network})"
    return None


def allow_rules(firewall: Firewall, kind: str = "allow", strict: bool = True) -> Iterator[Rule]:
    """One Rule per allow (or deny) block and port entry; a block without ports covers every port.
    ``strict``: unreadable ranges raise Unresolved (only checks that judge peers need them)."""
    address, conf = firewall.node.address, firewall.node.conf
    direction = "egress" if firewall.direction == "EGRESS" else "ingress"
    peers = firewall.ranges(strict)
    for number, rule in enumerate(blocks(conf, kind), 1):
        origin = f"{address} {kind} #{number}"
        proto = protocol(scalar(rule, "protocol"), f"{origin} protocol")
        if rule.get("ports") == []:  # how Checkov renders a typed list variable without a value; [[]] is "ports = []"
            raise Unresolved(f"{origin} ports", "a list variable without a value")
        for port in items(rule, "ports") or [None]:
            yield Rule(origin, direction, proto, port_range(port, f"{origin} ports"), peers)


def priority(firewall: Firewall) -> int:
    value = int_attr(firewall.node.conf, "priority")
    return DEFAULT_PRIORITY if value is None else value


def effective(index: GraphIndex, firewall: Firewall, strict: bool = True) -> Tuple[List[Rule], List[str]]:
    """The allow rules GCP applies, and notes on those a deny of equal or higher precedence cancels.

    A deny cancels an allow when it is enabled, in the same network and direction, at the same or a lower
    priority number (GCP: lower wins, deny wins ties), applies to every instance the allow targets, covers
    all its ranges and its protocol and ports. Partial overlaps are not modelled: the allow counts.
    """
    if firewall.disabled:
        return [], [f"{firewall.node.address} is disabled"]
    denies = [other for other in deny_firewalls(index) if _may_cancel(other, firewall)]
    try:
        own_priority = priority(firewall) if denies else DEFAULT_PRIORITY
    except (Unresolved, BadValue):
        denies = []  # its precedence cannot be read: nothing is known to cancel it
    rules, notes = [], []
    for rule in allow_rules(firewall, strict=strict):
        deny = next((other for other in denies if _cancels(other, own_priority, rule)), None)
        if deny is None:
            rules.append(rule)
        else:
            notes.append(f"{rule.describe()} is cancelled by {deny.node.address}")
    return rules, notes


def _may_cancel(deny: Firewall, firewall: Firewall) -> bool:
    """An enabled firewall of the same network and direction that applies to every instance ``firewall`` does."""
    if deny.node.address == firewall.node.address or deny.disabled is not False or deny.direction != firewall.direction:
        return False
    if firewall.network is None or deny.network != firewall.network:
        return False
    return not deny.targeted or (deny.targets_known and firewall.targets_known and firewall.targeted and (
        set(firewall.tags) <= set(deny.tags) and set(firewall.accounts) <= set(deny.accounts)))


def _cancels(deny: Firewall, own_priority: int, rule: Rule) -> bool:
    try:
        return priority(deny) <= own_priority and covers(deny, rule)
    except (Unresolved, BadValue):
        return False  # an unreadable deny cancels nothing


def covers(deny: Firewall, rule: Rule) -> bool:
    """Whether ``deny``'s ranges, protocol and ports include all of ``rule`` (a rule without peers: 0.0.0.0/0)."""
    ranges = deny.ranges() or ((EVERYWHERE,) if deny.direction == "EGRESS" else ())
    if not all(within(peer, list(ranges)) for peer in rule.peers or (EVERYWHERE,)):
        return False
    return any(
        denied.protocol in ("all", rule.protocol) and (denied.ports is None or (
            rule.ports is not None and denied.ports[0] <= rule.ports[0] and rule.ports[1] <= denied.ports[1]))
        for denied in allow_rules(deny, "deny")
    )


def templates_of(index: GraphIndex, group: Node) -> List[Node]:
    """The instance templates a managed instance group runs (version.instance_template, or the legacy attribute)."""
    found = [target for label in ("version.instance_template", "instance_template")
             for target in index.references(group.address, label) if target.type in WORKLOADS]
    for value in [*values_at(group.conf, "version.instance_template"), scalar(group.conf, "instance_template")]:
        if isinstance(value, str) and not is_unresolved(value):
            template = index.named(value.rstrip("/").rsplit("/", 1)[-1], *WORKLOADS)
            found += [template] if template else []
    return list({node.address: node for node in found}.values())
