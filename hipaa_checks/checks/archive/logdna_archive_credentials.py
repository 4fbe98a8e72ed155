"""LogDNA/Mezmo archive credentials come from variables or a secret store, never as literals in the code."""

from __future__ import annotations

from hipaa_checks.checks.archive.secret_values import from_reference, masked
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import values_at
from hipaa_checks.verdict import Verdict, from_findings

# Resource type -> the attributes (dotted through blocks / attribute-syntax objects) that hold a credential.
SECRETS = {
    "logdna_archive": ("azblob_config.accountkey", "ibm_config.apikey", "dos_config.accesskey",
                       "dos_config.secretkey", "swift_config.password"),  # s3 and gcs carry no credential
    "mezmo_s3_destination": ("auth.secret_access_key",),
    "mezmo_gcp_cloud_storage_destination": ("credentials_json", "auth.value"),  # older / newer provider versions
    "mezmo_azure_blob_storage_destination": ("connection_string",),
}


class LogdnaArchiveCredentials(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_002",
        title="LogDNA/Mezmo archive credentials are not literal secrets in the code",
        family=Family.ARCHIVE,
        severity=Severity.HIGH,
        resources=tuple(SECRETS),
        since="0.1.0",
        why="An archive's storage key opens every archived log. Written into the Terraform code it is in every "
        "clone, review and CI log of the repository, and in state and plan files in clear text (the LogDNA "
        "provider does not even mark it sensitive), out of reach of rotation and access control.",
        fix="Pass archive credentials in from a variable (set by the pipeline, e.g. TF_VAR_...) or read them from "
        "a secret store (data.google_secret_manager_secret_version, data.aws_secretsmanager_secret_version, "
        "data.azurerm_key_vault_secret, data.vault_generic_secret...), rotate any key that was committed, and "
        "keep state and plans in an encrypted, access-controlled backend.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        findings = [
            f"{path} = {masked(value)}"
            for path in SECRETS.get(ctx.node.type, ())
            for value in values_at(conf, path)
            if not from_reference(ctx.node, ctx.index, path, value)
        ]
        return from_findings(
            findings,
            "credentials from a variable, a data source (secret store) or another reference, not literals "
            "(a variable's default or a .tfvars value found with the code counts as a literal)",
            f"{ctx.node.address} is a LogDNA/Mezmo archive delivery, whose credentials reach the log archive",
            "no literal credential: every credential attribute is absent or a reference",
        )


check = LogdnaArchiveCredentials()
