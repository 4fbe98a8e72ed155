"""Cloud Logging buckets keep log entries six years; unset retention means Google's 30-day default."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import EVERY_LOG_STORE, judge_days, required_days
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import int_attr
from hipaa_checks.verdict import Verdict, failed

PROJECT = "google_logging_project_bucket_config"
OUTSIDE_PROJECTS = (
    "google_logging_folder_bucket_config",
    "google_logging_organization_bucket_config",
    "google_logging_billing_account_bucket_config",
)
ROUTE_TO_PROJECT = (
    "; Google does not allow increasing retention on log buckets outside projects, "
    "so route these logs with a sink to a google_logging_project_bucket_config that keeps them six years"
)


class GcpLoggingBucketRetention(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_001",
        title="Cloud Logging buckets keep log entries at least six years",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=(PROJECT,) + OUTSIDE_PROJECTS,
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A Cloud Logging bucket "
        "without retention_days keeps entries only 30 days (the provider default) and then deletes them.",
        fix="On google_logging_project_bucket_config set retention_days = 2192 or more (and consider "
        "locked = true). Bucket retention cannot be increased on folder, organization or billing-account "
        "buckets (outside projects): route those logs with a log sink to a project bucket that keeps "
        "them six years, or to a log archive in Cloud Storage.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = f"{EVERY_LOG_STORE}; {ctx.node.address} is a Cloud Logging bucket"
        days = int_attr(conf, "retention_days")
        if ctx.node.type in OUTSIDE_PROJECTS:
            because += ROUTE_TO_PROJECT
        if not days:
            found = "retention_days not set" if days is None else "retention_days = 0"
            need = required_days(ctx.settings)
            return failed(f"{found} (the provider default of 30 days applies)", f"retention_days >= {need} days", because)
        return judge_days("retention_days", days, ctx.settings, because)


check = GcpLoggingBucketRetention()
