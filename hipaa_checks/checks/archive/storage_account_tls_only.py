"""Storage accounts that hold logs accept only HTTPS, with TLS 1.2 or newer."""

from __future__ import annotations

from typing import Iterator

from hipaa_checks.checks.azure_storage import ACCOUNT
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import bool_attr, str_attr
from hipaa_checks.verdict import Verdict, from_findings, not_applicable

HTTPS_ONLY = ("https_traffic_only_enabled", "enable_https_traffic_only")  # the second: provider < 4.0
STRONG_TLS = ("TLS1_2", "TLS1_3")  # TLS1_3 was accepted by azurerm 4.x up to 4.68


def _weak_transport(conf: dict) -> Iterator[str]:
    for key in HTTPS_ONLY:
        if bool_attr(conf, key) is False:
            yield f"{key} = false (plain HTTP accepted)"
    version = str_attr(conf, "min_tls_version", "min_tls_version")
    if version is not None and version not in STRONG_TLS:  # absent: TLS1_2, the default since provider 3.0
        yield f'min_tls_version = "{version}"'


class StorageAccountTlsOnly(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_007",
        title="Azure log storage accounts accept only HTTPS with TLS 1.2 or newer",
        family=Family.ARCHIVE,
        severity=Severity.MEDIUM,
        resources=(ACCOUNT,),
        since="0.1.0",
        why="Logs read or written over plain HTTP, or over TLS 1.0/1.1, can be read or altered in transit. "
        "HIPAA's transmission-security safeguard asks for encryption of ePHI in transit, and TLS 1.2 is the "
        "lowest version current guidance (NIST SP 800-52r2) accepts.",
        fix="On the log storage account, leave https_traffic_only_enabled (enable_https_traffic_only on "
        'providers before 4.0) at its default true, and set min_tls_version = "TLS1_2" or leave it unset '
        "(the default since azurerm 3.0).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = ctx.archive_reason()
        if reason is None:
            return not_applicable(f"{ctx.node.address} is not a log archive storage account")
        return from_findings(
            list(_weak_transport(conf)),
            'HTTPS only (https_traffic_only_enabled not false) and min_tls_version "TLS1_2"',
            reason,
            f"HTTPS only, TLS 1.2 or newer; {reason}",
        )


check = StorageAccountTlsOnly()
