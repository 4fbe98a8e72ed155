"""Network security groups of Azure log shippers and hosts end with a Deny for all outbound traffic."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.network.azure_network import NSG
from hipaa_checks.checks.network.azure_nsg import NsgRule, role_scope
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed

ANY_SOURCE = ("*", "0.0.0.0/0", "VirtualNetwork")  # the NIC's own address is always in its virtual network
ANY_DESTINATION = ("*", "0.0.0.0/0")  # "Internet" leaves AllowVnetOutBound (65000) open


FIELDS = ("direction", "access", "protocol", "ports", "source_ports", "sources", "destinations")


def _denies_everything(rule: NsgRule) -> bool:
    """An outbound Deny of every protocol, port and destination (``rule`` is readable)."""
    return (rule.get("direction") == "outbound" and rule.get("access") == "deny" and rule.get("protocol") == "all"
            and rule.get("ports") == (None,) and rule.get("source_ports") == (None,)
            and all(peer in ANY_SOURCE for peer in rule.get("sources"))
            and all(peer in ANY_DESTINATION for peer in rule.get("destinations")))


class AzureNsgDefaultOutbound(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_010",
        title="Azure log shipper and host NSGs deny all other outbound traffic",
        family=Family.EGRESS,
        severity=Severity.HIGH,
        resources=(NSG,),
        since="0.2.0",
        why="Every NSG ends with Azure's default rules AllowVnetOutBound (65000) and AllowInternetOutBound "
        "(65001): without an explicit outbound Deny of everything, a log shipper or host may send anything "
        "anywhere, plaintext syslog included, whatever the Allow rules above say.",
        fix='Add an outbound rule with a priority below your Allows (e.g. 4096): access "Deny", protocol "*", '
        'source_port_range "*", destination_port_range "*", source_address_prefix "*", '
        'destination_address_prefix "*". Allow TCP 443 and 6514 at a lower priority number.',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, all_rules, _ = role_scope(ctx, Role.SHIPPER, Role.HOST)
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not filter a log shipper or log host")
        candidates = [rule for rule in all_rules
                      if rule.known("direction") != "inbound" and rule.known("access") != "allow"]
        deny_all = next((rule for rule in candidates if rule.readable(*FIELDS) and _denies_everything(rule)), None)
        if deny_all is not None:
            return passed(f"{deny_all.label} denies all other outbound traffic; {reason}")
        for rule in candidates:  # an unreadable rule may be the Deny that is looked for
            rule.require(*FIELDS)
        return failed(
            "no outbound Deny of all protocols, ports and destinations: the default rules AllowVnetOutBound "
            "(65000) and AllowInternetOutBound (65001) let every protocol out",
            'an outbound Deny rule with protocol "*", destination_port_range "*" and destination "*" '
            "(e.g. priority 4096) below the TCP 443/6514 Allows",
            reason,
        )


check = AzureNsgDefaultOutbound()
