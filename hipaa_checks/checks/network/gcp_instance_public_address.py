"""GCP log hosts have no external address: no access_config or ipv6_access_config on any interface."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.gcp_network import WORKLOADS
from hipaa_checks.checks.network.gcp_roles import role_reason
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, blocks, scalar
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

_KINDS = {"access_config": "an external IPv4 address", "ipv6_access_config": "an external IPv6 address"}


def _problems(conf: dict, address: str):
    for number, interface in enumerate(blocks(conf, "network_interface"), 1):
        for kind, meaning in _KINDS.items():
            for access in blocks(interface, kind):
                ip = scalar(access, "nat_ip") or scalar(access, "external_ipv6")
                shown = f" ({ip})" if isinstance(ip, str) and ip else (" (ephemeral)" if kind == "access_config" else "")
                yield f"{address} network_interface #{number} has {kind}: {meaning}{shown}"
            for dynamic in blocks(interface, "dynamic"):
                # A dynamic block Checkov left unexpanded: its for_each is unknown (or an empty default,
                # which Checkov renders the same way), so it may add an address.
                if kind in dynamic:
                    raise Unresolved(f"{address} network_interface #{number} dynamic {kind} for_each",
                                     "an expression Checkov could not expand")


class GcpInstancePublicAddress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_009",
        title="GCP log host instances and templates have no external IP address",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=WORKLOADS,
        since="0.2.0",
        why="A log host holds every system's logs, PHI included. An external address makes it reachable from "
        "the internet whenever a firewall rule slips; HIPAA's access-control standard asks that it not be.",
        fix="Remove access_config and ipv6_access_config from every network_interface (an empty access_config {} "
        "still assigns an ephemeral public IP); reach the internet through Cloud NAT and admins through IAP.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, Role.HOST)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host")
        return from_findings(
            list(_problems(conf, ctx.node.address)),
            "no access_config or ipv6_access_config blocks (internal addresses only)",
            reason,
            "no interface has an external address",
        )


check = GcpInstancePublicAddress()
