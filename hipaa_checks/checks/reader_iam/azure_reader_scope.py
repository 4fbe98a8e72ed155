"""Azure log readers' role assignments are scoped to a resource group or a single resource."""

from __future__ import annotations

import re
from typing import Optional

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.azure_grants import ASSIGNMENT_TYPES, AZURE
from hipaa_checks.checks.reader_iam.principal_grants import Grant, judge
from hipaa_checks.graph import GraphIndex
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import BadValue, Unresolved, is_unresolved, scalar
from hipaa_checks.verdict import Verdict

BROAD_TYPES = ("azurerm_subscription", "azurerm_management_group")
_BROAD_REFERENCE = re.compile(r"\bazurerm_(subscription|management_group)\.[\w-]+\.(id|subscription_id)\b")
_BROAD = re.compile(r"^(/|/subscriptions/[^/]+/?|/providers/microsoft\.management/managementgroups/[^/]+/?)$", re.IGNORECASE)


def _problem(grant: Grant, index: GraphIndex) -> Optional[str]:
    where, scope = f"{grant.node.address} scope", scalar(grant.node.conf, "scope")
    targets = index.references(grant.node.address, "scope")
    broad = next((target for target in targets if target.type in BROAD_TYPES), None)
    if broad is not None:
        return f"{where} = {broad.address} (a whole {broad.type.removeprefix('azurerm_').replace('_', ' ')})"
    if targets:
        return None
    if isinstance(scope, str) and _BROAD_REFERENCE.search(scope):  # a data source declared in another module
        return f"{where} = {scope} (a whole subscription or management group)"
    if isinstance(scope, dict) or (isinstance(scope, str) and is_unresolved(scope)):
        raise Unresolved(where, scope)
    if not isinstance(scope, str) or not scope.strip():
        raise BadValue(where, scope, "a scope ID")
    return f'{where} = "{scope}"' if _BROAD.match(scope.strip()) else None


class AzureReaderScope(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_018",
        title="Azure log readers' role assignments are scoped below the subscription",
        family=Family.READER_IAM,
        severity=Severity.MEDIUM,
        resources=ASSIGNMENT_TYPES,
        since="0.2.0",
        why="Reader, Log Analytics Reader and Monitoring Reader all carry */read on their scope. Assigned at a "
        "subscription, a management group or the tenant root they read every workspace, every log archive and "
        "the configuration of everything else there, not just the logs the principal needs.",
        fix="Assign log readers' roles at the Log Analytics workspace, the log archive storage account (or "
        "container), or the resource group that holds the logging resources.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        return judge(ctx, AZURE, lambda grant: _problem(grant, ctx.index),
                     "log readers' assignments scoped to a resource group or a single resource, not a subscription, "
                     "management group or the tenant root", "scoped below the subscription")


check = AzureReaderScope()
