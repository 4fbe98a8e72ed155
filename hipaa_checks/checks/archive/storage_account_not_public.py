"""Storage accounts and containers that hold logs allow no anonymous public read access."""

from __future__ import annotations

from typing import Iterator

from hipaa_checks.checks.azure_storage import ACCOUNT, CONTAINER, archive_scope, label
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import as_bool, scalar, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

NESTED = "allow_nested_items_to_be_public"
LEGACY_NESTED = "allow_blob_public_access"
PUBLIC_ACCESS = ("blob", "container")


def _public(ctx: Context, node: Node) -> Iterator[str]:
    """What lets anonymous users read blobs through ``node`` (an account or one of its containers)."""
    if node.type == CONTAINER:
        access = str_attr(node.conf, "container_access_type", label(ctx, node, "container_access_type"))
        if access is not None and access.lower() in PUBLIC_ACCESS:
            yield f'{label(ctx, node, "container_access_type")} = "{access}"'
        return
    allowed = as_bool(scalar(node.conf, NESTED), NESTED)
    legacy = as_bool(scalar(node.conf, LEGACY_NESTED), LEGACY_NESTED)  # azurerm 2.x; defaulted to false
    if allowed is None and legacy is None:
        yield f"{NESTED} not set (azurerm providers 3.x and 4.x default it to true)"
    elif allowed or (allowed is None and legacy):
        yield f"{NESTED if allowed else LEGACY_NESTED} = true"


class StorageAccountNotPublic(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_006",
        title="Azure log storage accounts and containers are not public",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(ACCOUNT, CONTAINER),
        since="0.1.0",
        why="Logs carry user names, addresses and often fragments of ePHI. A container with public access "
        "lets anyone on the internet who guesses its URL list and read them; HIPAA's access-control and "
        "integrity safeguards require that only authorised identities can reach them.",
        fix="Set allow_nested_items_to_be_public = false on the log storage account (explicitly: azurerm "
        "providers before 5.0 default it to true), and leave container_access_type of its containers "
        'at "private".',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, CONTAINER)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not log archive storage")
        return from_findings(
            [finding for node in judged for finding in _public(ctx, node)],
            f'{NESTED} = false on the account and container_access_type = "private" on its containers',
            reason,
            f"no anonymous public access; {reason}",
        )


check = StorageAccountNotPublic()
