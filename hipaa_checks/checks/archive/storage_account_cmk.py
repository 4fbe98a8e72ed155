"""Storage accounts that hold logs are encrypted with a customer-managed key, not only Microsoft's."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.checks.azure_storage import ACCOUNT, ACCOUNT_KEY, archive_scope, is_set
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed

KEY_IDS = ("key_vault_key_id", "managed_hsm_key_id", "key_name")  # key_name (+ key_vault_id): provider < 5.0
NO_KEY = "customer_managed_key names no key_vault_key_id or managed_hsm_key_id"
MICROSOFT_KEYS = f"no customer_managed_key block and no {ACCOUNT_KEY} for this account: Microsoft-managed keys"
ANY_NOTE = "; on Azure 'any' asks for one too: the only other choice is Microsoft-managed keys"


def _key_settings(node: Node) -> Optional[dict]:
    """Where ``node`` names its key: the inline customer_managed_key block, or the key resource itself."""
    return block(node.conf, "customer_managed_key") if node.type == ACCOUNT else node.conf


def _names_a_key(node: Node) -> bool:
    return any(is_set(_key_settings(node), key) for key in KEY_IDS)


class StorageAccountCmk(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_005",
        title="Azure log storage accounts are encrypted with a customer-managed key",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=(ACCOUNT, ACCOUNT_KEY),
        since="0.1.0",
        why="Azure encrypts every storage account, but by default with keys Microsoft holds and uses for you. "
        "A customer-managed key in Key Vault puts access to archived logs under your own access policy and "
        "audit trail, and lets you revoke it; HIPAA's encryption safeguard expects that control over ePHI.",
        fix="Give the log storage account a customer_managed_key block (key_vault_key_id and "
        "user_assigned_identity_id), or an azurerm_storage_account_customer_managed_key whose "
        "storage_account_id is the account. To accept Microsoft-managed keys, set archive_kms: none "
        "(with allow_below_hipaa: true).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason, judged = archive_scope(ctx, ACCOUNT_KEY)
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive storage account")
        keyed = [node.address for node in judged if _names_a_key(node)]
        if keyed:
            return passed(f"customer-managed key set by {', '.join(keyed)}; {reason}")
        if ctx.settings.archive_kms == "none":
            return passed(f"Microsoft-managed keys accepted (archive_kms: none); {reason}")
        found = NO_KEY if _key_settings(ctx.node) is not None else MICROSOFT_KEYS
        kms = ctx.settings.archive_kms
        required = f"a customer-managed Key Vault or Managed HSM key (archive_kms: {kms}{ANY_NOTE * (kms == 'any')})"
        return failed(found, required, reason)


check = StorageAccountCmk()
