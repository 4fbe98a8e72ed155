"""Network security groups of Azure log shippers and hosts let out only TCP 443 and 6514."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network import rules
from hipaa_checks.checks.network.azure_network import NSG, judge
from hipaa_checks.checks.network.azure_nsg import RULE, NsgRule, effective_allows, role_scope
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, not_applicable


class AzureNsgEgressPorts(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_009",
        title="Azure log shipper and host NSGs allow outbound only TCP 443 and 6514",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(NSG, RULE),
        since="0.2.0",
        why="Logs leave a shipper or log host over the network. HIPAA's transmission-security safeguard asks "
        "for encrypted transport; limiting outbound traffic to HTTPS (443) and syslog over TLS (6514) keeps "
        "logs from leaving in plaintext or to unexpected services.",
        fix='Allow outbound only protocol "Tcp" with destination_port_range "443" or "6514" (or '
        'destination_port_ranges ["443", "6514"]), to the destinations in allowed_egress_cidrs when that is '
        "configured, and deny the rest (see HIPAA_AZURE_010). A higher-priority Deny that covers an Allow "
        "makes it harmless.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, all_rules, judged = role_scope(ctx, Role.SHIPPER, Role.HOST)
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not filter a log shipper or log host")
        outbound = [rule for rule in effective_allows(all_rules, "outbound") if rule in judged]

        def problems(rule: NsgRule) -> List[str]:
            # destinations matter only when allowed_egress_cidrs limits them
            peers = rule.get("destinations") if ctx.settings.allowed_egress_cidrs else rule.far_side()
            return [problem for shared in rule.shared(peers)
                    if (problem := rules.egress_problem(shared, ctx.settings))]

        return judge(outbound, problems, "outbound Allow rules only for Tcp to ports "
                     f"{' and '.join(map(str, sorted(ctx.settings.allowed_egress_ports)))}", reason,
                     f"{len(outbound)} effective outbound Allow rule(s), all TCP to allowed ports; {reason}")


check = AzureNsgEgressPorts()
