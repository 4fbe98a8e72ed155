"""LogDNA/Mezmo archives are not expired before six years (only the Swift integration can expire them)."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import EVERY_LOG_STORE, judge_days
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, int_attr, str_attr
from hipaa_checks.verdict import Verdict, passed

NO_EXPIRY = (
    "no expiry is configured: the provider has no expiry setting for the s3, gcs, azblob, ibm and dos "
    "integrations; the target bucket's lifecycle is judged by the bucket retention checks"
)


class LogdnaArchiveExpiry(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_001",
        title="LogDNA/Mezmo archives do not expire before six years",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=("logdna_archive",),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A Swift archive with "
        "swift_config.expires set deletes archived logs after that many days.",
        fix="Remove swift_config.expires (archives then never expire) or set it to 2192 or more. "
        "For the other integrations, keep six years on the target bucket's lifecycle and retention.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        swift = block(conf, "swift_config")
        expires = int_attr(swift, "expires") if swift is not None else None
        if not expires:  # the provider omits expires = 0 from the request (omitempty): no expiry
            return passed(NO_EXPIRY)
        integration = str_attr(conf, "integration")
        if integration != "swift":
            return passed(f'swift_config.expires is ignored for integration = "{integration}"; {NO_EXPIRY}')
        because = f"{EVERY_LOG_STORE}; {ctx.node.address} is a LogDNA/Mezmo log archive"
        return judge_days("swift_config.expires", expires, ctx.settings, because)


check = LogdnaArchiveExpiry()
