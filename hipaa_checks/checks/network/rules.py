"""Firewall rules from every provider, normalised, and the egress / syslog / public-source judgements on them.

Each provider module turns its shapes (security-group blocks, firewall rules, NSG rules...) into ``Rule``
values; the checks then ask the same questions everywhere, so a finding reads the same on AWS and Azure.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Tuple

from hipaa_checks.config import Settings
from hipaa_checks.values import BadValue, Unresolved, is_unresolved

SYSLOG_PORT = 514
ALL_PROTOCOLS = {"-1", "all", "*", "any"}
_PROTOCOL_NUMBERS = {"6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
# Peers that mean "anywhere": CIDRs for everything, and the service tags / keywords providers use for it.
ANYWHERE = {"0.0.0.0/0", "::/0", "*", "any", "internet", "0.0.0.0"}
# Protocols without ports (ICMP, IPsec ESP and AH): they cannot carry syslog.
PORTLESS = {"icmp", "icmpv6", "esp", "ah"}


@dataclass(frozen=True)
class Rule:
    """One allowing rule: who it belongs to, which way, what protocol and ports, and the peers it reaches."""

    origin: str  # the resource address (plus the inline block, e.g. "aws_security_group.x egress #2")
    direction: str  # "egress" or "ingress"
    protocol: str  # "tcp", "udp", "icmp", "all", or the provider's protocol number as text
    ports: Optional[Tuple[int, int]]  # inclusive range; None means every port
    peers: Tuple[str, ...] = ()  # CIDRs, prefix list IDs, service tags; empty means "not limited by address"

    def describe(self) -> str:
        ports = "all ports" if self.ports is None else (
            f"port {self.ports[0]}" if self.ports[0] == self.ports[1] else f"ports {self.ports[0]}-{self.ports[1]}")
        protocol = "all protocols" if self.protocol == "all" else self.protocol
        peers = f" {'to' if self.direction == 'egress' else 'from'} {', '.join(self.peers)}" if self.peers else ""
        return f"{self.origin}: {self.direction} {protocol} {ports}{peers}"


def protocol(value: Any, key: str) -> str:
    """"tcp", "TCP", "6" -> "tcp"; "-1", "all", "*" -> "all"; references raise Unresolved."""
    if value is None:
        return "all"
    text = str(value).strip().lower()
    if is_unresolved(value) or isinstance(value, dict):
        raise Unresolved(key, value)
    return "all" if text in ALL_PROTOCOLS else _PROTOCOL_NUMBERS.get(text, text)


def port_range(value: Any, key: str) -> Optional[Tuple[int, int]]:
    """443, "443", "1000-2000", "*" or None (every port) -> an inclusive range; nonsense raises BadValue."""
    if value is None or (not isinstance(value, bool) and str(value).strip() in ("*", "", "any", "all", "-1")):
        return None
    if is_unresolved(value) or isinstance(value, dict):
        raise Unresolved(key, value)
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", str(value)) if not isinstance(value, bool) else None
    if match is None:
        raise BadValue(key, value, "a port or a port range")
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    return (low, high) if low <= high else (high, low)


def from_to(low: Optional[Tuple[int, int]], high: Optional[Tuple[int, int]]) -> Optional[Tuple[int, int]]:
    """AWS-style from_port/to_port pairs (each read by ``port_range``); 0-0 and 0-65535 mean every port."""
    if low is None or high is None:
        return None
    start, end = low[0], high[1]
    return None if (start, end) in ((0, 0), (0, 65535)) else (min(start, end), max(start, end))


def is_anywhere(peer: str) -> bool:
    return peer.strip().lower() in ANYWHERE


def is_public(peer: str, settings: Settings) -> bool:
    """A peer outside the configured internal ranges (CIDRs), or a keyword/tag meaning the internet."""
    if is_anywhere(peer):
        return True
    try:
        network = ipaddress.ip_network(peer.strip(), strict=False)
    except ValueError:
        return False  # a security group, service tag or name: not an internet address
    internal = [ipaddress.ip_network(cidr, strict=False) for cidr in settings.internal_cidrs]
    return not any(network.version == inner.version and network.subnet_of(inner) for inner in internal)


def egress_problem(rule: Rule, settings: Settings) -> Optional[str]:
    """Why an allowing egress rule opens more than TCP on the allowed ports (to the allowed destinations)."""
    allowed = sorted(settings.allowed_egress_ports)
    if rule.protocol != "tcp":
        return f"{rule.describe()} (only TCP to ports {_ports(allowed)} may leave a log shipper or host)"
    if rule.ports is None or rule.ports[0] != rule.ports[1] or rule.ports[0] not in allowed:
        return f"{rule.describe()} (only TCP ports {_ports(allowed)} may be open)"
    if settings.allowed_egress_cidrs:
        outside = [peer for peer in rule.peers or ("anywhere",) if peer not in settings.allowed_egress_cidrs
                   and not within(peer, settings.allowed_egress_cidrs)]
        if outside:
            return f"{rule.describe()} (destinations must be within allowed_egress_cidrs: {', '.join(outside)} is not)"
    return None


def syslog_problem(rule: Rule) -> Optional[str]:
    """Plaintext syslog: a rule that opens port 514 on any protocol (every port includes it)."""
    if rule.protocol in PORTLESS:
        return None
    if rule.ports is None or rule.ports[0] <= SYSLOG_PORT <= rule.ports[1]:
        return f"{rule.describe()} opens plaintext syslog (514); send syslog over TLS on TCP 6514 instead"
    return None


def problems(rules: Iterable[Rule], settings: Settings) -> List[str]:
    """Every egress and syslog problem of ``rules``, each named once."""
    found: List[str] = []
    for rule in rules:
        for problem in (egress_problem(rule, settings) if rule.direction == "egress" else None, syslog_problem(rule)):
            if problem and problem not in found:
                found.append(problem)
    return found


def _ports(ports: List[int]) -> str:
    return " and ".join(str(port) for port in ports)


def within(peer: str, allowed: List[str]) -> bool:
    """Whether a CIDR peer lies inside one of the ``allowed`` ranges (prefix list IDs there are skipped)."""
    try:
        network = ipaddress.ip_network(peer, strict=False)
    except ValueError:
        return False
    for cidr in allowed:
        try:
            outer = ipaddress.ip_network(cidr, strict=False)
        except ValueError:
            continue  # a prefix list ID: matched by equality only
        if network.version == outer.version and network.subnet_of(outer):
            return True
    return False
