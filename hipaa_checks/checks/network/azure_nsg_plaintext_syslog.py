"""Network security groups of Azure log shippers and hosts never allow plaintext syslog (port 514)."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network import rules
from hipaa_checks.checks.network.azure_network import NSG, judge
from hipaa_checks.checks.network.azure_nsg import RULE, NsgRule, effective_allows, role_scope
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, not_applicable


def _syslog(rule: NsgRule) -> List[str]:
    return [problem for shared in rule.shared(rule.far_side()) if (problem := rules.syslog_problem(shared))]


class AzureNsgPlaintextSyslog(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_011",
        title="Azure log shipper and host NSGs do not allow plaintext syslog (port 514)",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(NSG, RULE),
        since="0.2.0",
        why="Syslog on port 514 (UDP or TCP) travels unencrypted: anyone on the path can read or alter the "
        "logs, which HIPAA's transmission-security safeguard rules out. Syslog over TLS uses TCP 6514.",
        fix="Remove inbound and outbound Allow rules that open port 514 (including protocol \"*\" or port "
        "\"*\" and ranges that span 514) and send syslog over TLS on TCP 6514 instead.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, all_rules, judged = role_scope(ctx, Role.SHIPPER, Role.HOST)
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not filter a log shipper or log host")
        allows = [rule for rule in effective_allows(all_rules, "inbound", "outbound") if rule in judged]
        return judge(allows, _syslog, "no Allow rule opens port 514 (syslog over TLS on TCP 6514)",
                     reason, f"no effective Allow rule opens port 514; {reason}")


check = AzureNsgPlaintextSyslog()
