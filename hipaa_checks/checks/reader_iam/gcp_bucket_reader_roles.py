"""Log readers hold only object-read roles on Cloud Storage buckets."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.reader_iam.gcp_grants import BUCKET_TYPES, OBJECT_READ_ROLES, judge
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.verdict import Verdict


class GcpBucketReaderRoles(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_016",
        title="GCP log readers hold only object-read roles on Cloud Storage buckets",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=BUCKET_TYPES,
        since="0.2.0",
        why="Log archives in Cloud Storage are read with roles/storage.objectViewer. A log reader that also "
        "holds objectAdmin, objectUser, objectCreator, storage.admin or a legacy writer/owner role on a bucket "
        "can overwrite or delete archived logs, or change the bucket's retention and IAM policy.",
        fix="Grant log readers roles/storage.objectViewer (or roles/storage.legacyObjectReader / "
        "legacyBucketReader) on the archive bucket and remove every other bucket role the same member holds.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        return judge(ctx, OBJECT_READ_ROLES, "on buckets")


check = GcpBucketReaderRoles()
