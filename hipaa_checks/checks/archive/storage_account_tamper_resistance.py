"""Storage accounts that hold logs keep blob versions, and a locked immutability policy where one is required."""

from __future__ import annotations

from typing import Iterator, List, Optional

from hipaa_checks.checks.azure_storage import ACCOUNT, CONTAINER_POLICY, archive_scope, label
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import as_bool, block, scalar, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

VERSIONING = "versioning_enabled"
LOCKED = 'a locked immutability policy (state "Locked" / locked = true)'


def _said(key: str, value: Optional[bool]) -> str:
    return f"{key} not set (default false)" if value is None else f"{key} = {str(value).lower()}"


def _unlocked(ctx: Context, judged: List[Node]) -> Iterator[str]:
    """Each immutability policy that does not stop deletion, then a line when none does."""
    locked = False
    for node in judged:
        if node.type == ACCOUNT:
            state = str_attr(block(node.conf, "immutability_policy"), "state", "immutability_policy.state")
            if state is not None and state != "Locked":
                yield f'immutability_policy.state = "{state}"'
            locked = locked or state == "Locked"
        else:
            name = label(ctx, node, "locked")
            is_locked = as_bool(scalar(node.conf, "locked"), name)
            if not is_locked:
                yield _said(name, is_locked)
            locked = locked or bool(is_locked)
    if not locked:
        yield "no locked immutability policy on the account or its containers"


class StorageAccountTamperResistance(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_008",
        title="Azure log storage accounts keep blob versions (and a locked immutability policy where required)",
        family=Family.ARCHIVE,
        severity=Severity.MEDIUM,
        resources=(ACCOUNT,),
        since="0.1.0",
        why="Audit logs are evidence only while nobody can quietly change or delete them. Blob versioning keeps "
        "every overwritten or deleted log recoverable; a locked immutability policy (WORM) stops even an "
        "administrator from removing logs before the period ends, as HIPAA's integrity safeguard asks.",
        fix="Set blob_properties { versioning_enabled = true } on the log storage account. Where "
        'require_object_lock is true, also add immutability_policy { state = "Locked" } to the account, or an '
        "azurerm_storage_container_immutability_policy with locked = true on its log containers.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, CONTAINER_POLICY)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive storage account")
        versioning = as_bool(scalar(block(conf, "blob_properties"), VERSIONING), f"blob_properties.{VERSIONING}")
        findings = [] if versioning else [_said(f"blob_properties.{VERSIONING}", versioning)]
        required, ok = f"blob_properties.{VERSIONING} = true", "blob versions are kept"
        if ctx.settings.require_object_lock:
            findings += _unlocked(ctx, judged)
            required += f" and (require_object_lock) {LOCKED}, none unlocked"
            ok += " and a locked immutability policy stops deletion"
        return from_findings(findings, required, reason, f"{ok}; {reason}")


check = StorageAccountTamperResistance()
