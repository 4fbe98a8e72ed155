"""GCP log hosts and shippers sit behind an EGRESS deny-all: otherwise GCP's implied rule lets them send anywhere."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.gcp_network import EVERYWHERE, WORKLOADS, Firewall, Net, covers, firewalls, networks, reach
from hipaa_checks.checks.network.gcp_roles import role_reason
from hipaa_checks.checks.network.rules import Rule
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

_EVERYTHING = Rule("all egress", "egress", "all", None, (EVERYWHERE,))


def _deny_all(ctx: Context, net: Net) -> Optional[str]:
    """The enabled EGRESS firewall in ``net`` that denies all protocols to 0.0.0.0/0 for this instance."""
    for firewall in firewalls(ctx.index):
        if (firewall.network == net and firewall.direction == "EGRESS" and firewall.disabled is False
                and reach(ctx.index, firewall, ctx.node) and _denies_everything(firewall)):
            return firewall.node.address
    return None


def _denies_everything(firewall: Firewall) -> bool:
    try:
        return covers(firewall, _EVERYTHING)
    except (Unresolved, BadValue):
        return False  # a deny that cannot be read is not known to deny everything


class GcpImpliedEgress(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_007",
        title="GCP log hosts and shippers are covered by an EGRESS deny-all firewall",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=WORKLOADS,
        since="0.2.0",
        why="Every VPC network has an implied rule that allows all egress at the lowest precedence. Unless a "
        "deny-all EGRESS rule overrides it, a log host or shipper may send logs with PHI on any port, in "
        "plaintext, to anywhere; allow rules for 443 and 6514 restrict nothing on their own.",
        fix='Add a google_compute_firewall with direction = "EGRESS", deny { protocol = "all" } and '
        'destination_ranges = ["0.0.0.0/0"] in the instance\'s network (no target, or its tag or service '
        "account), and allow TCP 443 / 6514 at a lower priority number.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = role_reason(ctx, Role.HOST, Role.SHIPPER)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log host or shipper")
        nets = networks(ctx.index, ctx.node)
        found = [f"{ctx.node.address} has no network_interface whose network could be checked"] if not nets else []
        denies = []
        for net in nets:
            deny = _deny_all(ctx, net)
            if deny is None:
                found.append(f"network {net} has no EGRESS deny-all firewall that applies to {ctx.node.address}, "
                             "so GCP's implied allow-all egress rule (priority 65535) applies")
            else:
                denies.append(deny)
        return from_findings(
            found,
            'an EGRESS firewall deny { protocol = "all" } to 0.0.0.0/0 in each of its networks',
            reason,
            f"egress is denied by default by {', '.join(dict.fromkeys(denies))}",
        )


check = GcpImpliedEgress()
