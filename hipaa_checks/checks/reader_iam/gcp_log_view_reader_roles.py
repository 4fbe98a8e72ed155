"""Log readers hold only roles/logging.viewAccessor on log views."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.gcp_grants import LOG_VIEW_TYPES, judge
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict


class GcpLogViewReaderRoles(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_017",
        title="GCP log readers hold only roles/logging.viewAccessor on log views",
        family=Family.READER_IAM,
        severity=Severity.MEDIUM,
        resources=LOG_VIEW_TYPES,
        since="0.2.0",
        why="A log view scopes a reader to part of a log bucket; roles/logging.viewAccessor is the role that "
        "reads through it. Any other role granted on the view is not a read-only log role and widens what the "
        "reader may do beyond the view.",
        fix="Grant log readers roles/logging.viewAccessor on the log view and nothing else.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        return judge(ctx, ("roles/logging.viewAccessor",), "on log views")


check = GcpLogViewReaderRoles()
