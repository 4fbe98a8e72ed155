"""Log hosts are not targets of an internet-facing load balancer (ALB, NLB or classic ELB)."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.aws_hosts import ASG, INSTANCE, host_reason
from hipaa_checks.checks.network.aws_load_balancers import ATTACHMENTS, Exposure, exposures
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, failed, from_findings, not_applicable

REQUIRED = "no internet-facing load balancer in front of a log host (internal = true)"


def _findings(found: List[Exposure]) -> List[str]:
    """Definite exposures; when every one hangs on a value that cannot be read, that value fails closed."""
    definite = [exposure.describe() for exposure in found if exposure.doubt is None]
    if not definite and found:
        raise found[0].doubt
    return definite


class AwsHostLoadBalancer(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_022",
        title="AWS log hosts are not behind an internet-facing load balancer",
        family=Family.HOST_ISOLATION,
        severity=Severity.HIGH,
        resources=(INSTANCE, ASG, *ATTACHMENTS),
        since="0.2.0",
        why="An internet-facing load balancer forwards traffic from anywhere to its targets: a log host behind "
        "one accepts log injection and probes of its collector from the internet, whatever its own address. "
        "aws_lb and aws_elb are internet-facing unless internal = true. HIPAA's access-control and "
        "transmission-security standards ask that log hosts be reachable only from the networks that ship "
        "logs to them.",
        fix="Put log hosts behind an internal load balancer (internal = true) reached over VPC peering, Transit "
        "Gateway or PrivateLink, or remove the target group attachment / target_group_arns / instances entry.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        node = ctx.node
        found = exposures(ctx.index).get(node.address, [])
        if node.type in ATTACHMENTS:
            found = [exposure for exposure in found if host_reason(ctx, ctx.index.node(exposure.target))]
            if not found:
                return not_applicable(f"{node.address} puts no log host behind an internet-facing load balancer")
            return failed("; ".join(_findings(found)), REQUIRED, ctx.why_judged(self.id))
        reason = host_reason(ctx)
        if reason is None:
            return not_applicable(f"{node.address} is not a log host")
        return from_findings(_findings(found), REQUIRED, reason,
                             f"no internet-facing load balancer forwards to {node.address}")


check = AwsHostLoadBalancer()
