"""Cloud Storage buckets that hold logs are encrypted with a customer-managed Cloud KMS key (CMEK)."""

from __future__ import annotations

import re

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, block, is_unresolved, scalar
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed

KEY_ATTRIBUTE = "encryption.default_kms_key_name"
KEY_TYPES = ("google_kms_crypto_key",)  # a resource, or a data source of that type
# projects/P/locations/L/keyRings/R/cryptoKeys/K; a segment may be an interpolation such as ${var.project}.
KEY_NAME = re.compile(r"^projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+$")


class GcsArchiveCmek(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_003",
        title="Cloud Storage log archives are encrypted with a customer-managed key",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=("google_storage_bucket",),
        since="0.1.0",
        why="With a customer-managed Cloud KMS key, the organisation decides who may decrypt archived logs, "
        "can audit every use of the key, and can revoke access by disabling it. Google-managed encryption gives "
        "none of that control over logs that may hold PHI.",
        fix="Set encryption.default_kms_key_name to a Cloud KMS key (google_kms_crypto_key.<name>.id or "
        "projects/P/locations/L/keyRings/R/cryptoKeys/K) on every bucket that holds logs, and let the project's "
        "Cloud Storage service agent use the key (roles/cloudkms.cryptoKeyEncrypterDecrypter). "
        'GCS has no provider-managed KMS key, so archive_kms = "any" is judged like "customer"; '
        'only archive_kms = "none" accepts Google-managed encryption.',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = ctx.archive_reason()
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not hold logs (not a log archive)")
        key = next((node for node in ctx.index.references(ctx.node.address, KEY_ATTRIBUTE) if node.type in KEY_TYPES), None)
        if key is not None:
            return passed(f"{KEY_ATTRIBUTE} is the Cloud KMS key {key.address}; {reason}")
        name = scalar(block(conf, "encryption"), "default_kms_key_name")
        if isinstance(name, str) and KEY_NAME.match(name.strip()):
            return passed(f'{KEY_ATTRIBUTE} = "{name}"; {reason}')
        if name not in (None, "") and is_unresolved(name):
            raise Unresolved(KEY_ATTRIBUTE, name)
        if ctx.settings.archive_kms == "none":
            return passed(f'Google-managed encryption, accepted by archive_kms = "none"; {reason}')
        found = f'{KEY_ATTRIBUTE} = "{name}" (not a Cloud KMS key name)' if name not in (None, "") else (
            f"no {KEY_ATTRIBUTE}: Google-managed encryption")
        return failed(found, "a customer-managed Cloud KMS key in encryption.default_kms_key_name "
                      f'(archive_kms = "{ctx.settings.archive_kms}"; GCS has no provider-managed KMS key)', reason)


check = GcsArchiveCmek()
