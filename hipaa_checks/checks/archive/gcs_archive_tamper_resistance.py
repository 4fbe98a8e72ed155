"""Cloud Storage buckets that hold logs keep overwritten or deleted logs recoverable, and locked where required."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import as_bool, block, scalar
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed


class GcsArchiveTamperResistance(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_005",
        title="Cloud Storage log archives keep object versions or a retention policy",
        family=Family.ARCHIVE,
        severity=Severity.MEDIUM,
        resources=("google_storage_bucket",),
        since="0.1.0",
        why="Integrity controls must stop archived logs from being altered or destroyed unnoticed. Object "
        "versioning keeps every overwritten or deleted log object recoverable; a retention policy forbids "
        "deleting or replacing objects at all until they age out, and a locked one cannot be removed or shortened.",
        fix="On every bucket that holds logs, set versioning { enabled = true }, or a retention_policy (GCS "
        "rejects versioning on a bucket with a retention policy, and the policy protects objects more strongly). "
        "With require_object_lock: true, a retention_policy with is_locked = true is required (locking is "
        "irreversible). There is no TLS check for GCS: Cloud Storage accepts only HTTPS, by design.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = ctx.archive_reason()
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not hold logs (not a log archive)")
        policy = block(conf, "retention_policy")
        if scalar(policy, "retention_period") in (None, "", 0, "0"):
            policy = None  # an empty block, or plan JSON's "retention_policy": []
        if ctx.settings.require_object_lock:
            locked = as_bool(scalar(policy, "is_locked"), "retention_policy.is_locked")
            if locked:
                return passed(f"retention_policy.is_locked = true; {reason}")
            found = "no retention_policy" if policy is None else f"retention_policy.is_locked = {str(bool(locked)).lower()}"
            return failed(found, "a retention_policy with is_locked = true (require_object_lock: true)", reason)
        if policy is not None:
            return passed(f"a retention_policy stops objects being deleted or replaced early; {reason}")
        enabled = as_bool(scalar(block(conf, "versioning"), "enabled"), "versioning.enabled")
        if enabled:
            return passed(f"versioning.enabled = true; {reason}")
        found = "no versioning block" if block(conf, "versioning") is None else "versioning.enabled = false"
        return failed(f"{found} and no retention_policy",
                      "versioning { enabled = true } (or a retention_policy, which GCS allows instead of versioning)",
                      reason)


check = GcsArchiveTamperResistance()
