"""libvirt log host domains sit only on isolated or NAT networks and internal bridges."""

from __future__ import annotations

from functools import partial
from typing import Iterator, Optional, Tuple

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.onprem import HOST_ROLES, choice, exposed_network, placement, resolve, role_reason
from hipaa_checks.checks.network.rules import is_public
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.plan import UNKNOWN
from hipaa_checks.values import Unresolved, blocks, is_unresolved, scalar, str_attr, unwrap, values_at
from hipaa_checks.verdict import Verdict, not_applicable

NETWORK = "libvirt_network"
# v0.8 network_interface keys and v0.9 devices.interfaces[].source keys -> what the NIC attaches to
_V08 = (("network_id", "network"), ("network_name", "network"), ("bridge", "bridge"),
        ("macvtap", "host NIC"), ("vepa", "host NIC"), ("passthrough", "host NIC"))
_MODES = ("none", "nat", "route", "open", "bridge")
_V09 = (("network", "network", "network"), ("bridge", "bridge", "bridge"), ("direct", "dev", "host NIC"))


def _nics(conf: dict) -> Iterator[Tuple[str, str, object]]:
    """(where, kind, value) per NIC, for the v0.8 block syntax and the v0.9 ``devices`` attribute."""
    for position, nic in enumerate(blocks(conf, "network_interface")):
        # in a plan, network_id and network_name are computed (unknown) on a NIC that names its bridge or host NIC
        found = [(f"network_interface.{position}.{key}", kind, scalar(nic, key)) for key, kind in _V08
                 if scalar(nic, key) is not None]
        yield next((item for item in found if item[2] != UNKNOWN),
                   found[0] if found else (f"network_interface.{position}", "none", None))
    devices = unwrap(conf.get("devices"))
    interfaces = unwrap(devices.get("interfaces")) if isinstance(devices, dict) else None
    for position, nic in enumerate(item for item in (interfaces if isinstance(interfaces, list) else [interfaces])
                                   if isinstance(item, dict)):
        source = unwrap(nic.get("source"))
        for outer, key, kind in _V09:
            inner = unwrap(source.get(outer)) if isinstance(source, dict) else None
            if isinstance(inner, dict) and inner.get(key) is not None:
                yield f"devices.interfaces.{position}.source.{outer}.{key}", kind, unwrap(inner.get(key))


def _network_problem(network: Node, ctx: Context) -> Optional[str]:
    """A network that faces outside by name, or routes (route/open) a range outside internal_cidrs."""
    name = str_attr(network.conf, "name", f"{network.address} name") or ""
    # a bridge known only after apply is the virbrN name libvirt generates: it says nothing about exposure
    computed = scalar(network.conf, "bridge") == UNKNOWN
    bridge = "" if computed else str_attr(network.conf, "bridge", f"{network.address} bridge") or ""
    exposure = exposed_network(f"{name} {bridge}", ctx.settings)
    if exposure:
        return f"{network.address} ({name}{', bridge ' + bridge if bridge else ''}) {exposure}"
    forward = next(blocks(network.conf, "forward"), {})  # v0.9 (some releases): forward = { mode = ... }
    mode = (choice(network.conf, "mode", f"{network.address} mode", _MODES)
            or choice(forward, "mode", f"{network.address} forward.mode", _MODES) or "nat")
    if mode not in ("route", "open"):
        return None
    addresses = [str(item) for path in ("ips.address", "addresses") for value in values_at(network.conf, path)
                 for item in (value if isinstance(value, list) else [value])]
    public = [address for address in addresses if is_public(address, ctx.settings)]
    if public or not addresses:
        return (f'{network.address} mode = "{mode}" routes ' + (", ".join(public) if public else "undeclared addresses")
                + " to the host's upstream network without NAT")
    return None


def _problem(ctx: Context, where: str, kind: str, value: object) -> Optional[str]:
    if kind == "network":
        network = resolve(ctx, value, (NETWORK,))
        if network is not None:
            return _network_problem(network, ctx)
    if not isinstance(value, str) or is_unresolved(value):
        raise Unresolved(f"{ctx.node.address} {where}", value)
    exposure = exposed_network(value, ctx.settings)
    return f"{where} = {value!r} ({kind}), which {exposure}" if exposure else None


class LibvirtHostNetwork(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_LIBVIRT_001",
        title="libvirt log host domains use only isolated or NAT networks and internal bridges",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=("libvirt_domain",),
        since="0.2.0",
        why="A libvirt guest is reachable from outside the hypervisor when its NIC sits on a bridge or host NIC "
        "of an outside-facing network, or on a routed (route/open) network whose addresses are public. A log "
        "host there exposes every system's logs and the PHI in them. Isolated (none) and NAT networks accept no "
        "inbound traffic from outside the host.",
        fix="Attach the log host to an isolated or NAT libvirt network, or to an internal bridge; route only "
        "internal ranges; or set onprem_networks.deny / allow to match your bridge and network names.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, HOST_ROLES)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        return placement(ctx, reason, (partial(_problem, ctx, where, kind, value) for where, kind, value in _nics(conf)
                                       if kind != "none"), "network or bridge (isolated or NAT; routed ranges inside internal_cidrs)")


check = LibvirtHostNetwork()
