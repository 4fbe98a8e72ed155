"""Log readers hold only log-viewing roles on GCP projects, folders and organizations."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.gcp_grants import LOG_READ_ROLES, RESOURCE_TYPES, judge
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict


class GcpProjectReaderRoles(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_015",
        title="GCP log readers hold only log-viewing roles on projects, folders and organizations",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=RESOURCE_TYPES,
        since="0.2.0",
        why="A principal that reads logs needs roles/logging.viewer (or privateLogViewer, viewAccessor, "
        "fieldAccessor) and nothing else. Basic roles (owner, editor, viewer), logging admin or config-writer "
        "roles and every other predefined role let a log reader change retention, sinks or exclusions, delete "
        "log buckets, or read everything else in the project: more than HIPAA's minimum necessary access.",
        fix="Grant log readers roles/logging.viewer (roles/logging.privateLogViewer for Data Access logs, "
        "roles/logging.viewAccessor with a condition for one log view) and remove any other role the same "
        "member holds at project, folder or organization level; a custom role may hold only get/list/read "
        "permissions.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        return judge(ctx, LOG_READ_ROLES, "on projects, folders and organizations")


check = GcpProjectReaderRoles()
