"""Immutability policies on log containers lock blobs for at least six years."""

from __future__ import annotations

from hipaa_checks.checks.azure_storage import CONTAINER, CONTAINER_ID, CONTAINER_POLICY, account_of
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import judge_days
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import int_attr
from hipaa_checks.verdict import Verdict, not_applicable



class StorageContainerImmutabilityPeriod(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_004",
        title="Immutability policies on log containers lock blobs for at least six years",
        family=Family.RETENTION,
        severity=Severity.MEDIUM,
        resources=(CONTAINER_POLICY,),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A time-based immutability policy "
        "on a log container is what keeps those records from being deleted or overwritten; a period shorter "
        "than six years lets them be removed while they must still be kept.",
        fix="Set immutability_period_in_days = 2192 or more on the container's immutability policy "
        "(and lock it with locked = true once the value is final: a locked period can only grow).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        container = ctx.referenced(CONTAINER_ID, CONTAINER)
        account = account_of(ctx.index, ctx.node)
        because = (
            (container and ctx.archive_reason(container)) or (account and ctx.archive_reason(account))
            or ctx.archive_reason()
        )
        if because is None:
            subject = container.address if container else "its storage container"
            return not_applicable(f"{subject} is not a log archive, nor is its storage account")
        days = int_attr(conf, "immutability_period_in_days")
        return judge_days("immutability_period_in_days", days, ctx.settings, because)


check = StorageContainerImmutabilityPeriod()
