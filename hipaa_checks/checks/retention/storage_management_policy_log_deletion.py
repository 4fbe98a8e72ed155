"""Lifecycle rules on log storage accounts do not delete blobs, snapshots or versions before six years."""

from __future__ import annotations

from typing import Iterator, Tuple

from hipaa_checks.checks.azure_storage import account_of
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import required_days
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import as_int, block, blocks, bool_attr, scalar
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

POLICY = "azurerm_storage_management_policy"
TARGETS = ("base_blob", "snapshot", "version")


def _deletions(conf: dict) -> Iterator[Tuple[str, int]]:
    """(rule.actions.target.attribute, days) for every delete_after_days_* set in an enabled rule."""
    for rule in blocks(conf, "rule"):
        name = scalar(rule, "name")
        if not bool_attr(rule, "enabled"):
            continue
        for target in TARGETS:
            action = block(block(rule, "actions"), target) or {}
            for key in sorted(key for key in action if key.startswith("delete_after_days")):
                path = f"rule {name!r} actions.{target}.{key}"
                days = as_int(scalar(action, key), path)
                if days is not None and days != -1:  # -1 is the provider's "not configured"
                    yield path, days


class StorageManagementPolicyLogDeletion(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_003",
        title="Lifecycle rules on log storage accounts do not delete blobs before six years",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=(POLICY,),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A lifecycle rule on the storage "
        "account that archives logs (diagnostic settings, data exports) deletes that evidence when its "
        "delete_after_days_* threshold is shorter.",
        fix="On storage accounts that hold logs, remove the delete_after_days_* actions, or set every one of "
        "them (base_blob, snapshot and version) to 2192 days or more. Tiering to cool, cold or archive is fine.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        account = account_of(ctx.index, ctx.node)
        because = (account and ctx.archive_reason(account)) or ctx.archive_reason()
        if because is None:
            return not_applicable(f"{account.address if account else 'its storage account'} is not a log archive")
        need = required_days(ctx.settings)
        early = [f"{path} = {days}" for path, days in _deletions(conf) if days < need]
        return from_findings(
            early, f"every delete_after_days_* unset, -1 or >= {need} days", because,
            f"no enabled rule deletes blobs, snapshots or versions before {need} days",
        )


check = StorageManagementPolicyLogDeletion()
