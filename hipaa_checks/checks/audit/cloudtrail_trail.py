"""CloudTrail trails record every region, keep logging, sign their log files and encrypt them with a customer key."""

from __future__ import annotations

from typing import Optional

from hipaa_checks.checks.archive.s3_hardening import CUSTOMER, kms_key
from hipaa_checks.checks.audit.common import judge_all
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import bool_attr, scalar
from hipaa_checks.verdict import Verdict

TRAIL = "aws_cloudtrail"


def _flag(conf: dict, key: str, default: bool, meaning: str) -> Optional[str]:
    """A finding when the flag is (or defaults to) false."""
    value = bool_attr(conf, key)
    if value is None and not default:
        return f"{key} not set (default false: {meaning})"
    return f"{key} = false ({meaning})" if value is False else None


class CloudTrailTrail(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AWS_040",
        title="CloudTrail trails are multi-region, logging, validated and encrypted with a customer-managed KMS key",
        family=Family.AUDIT,
        severity=Severity.HIGH,
        resources=(TRAIL,),
        since="0.2.0",
        why="HIPAA asks for audit controls that record activity in systems holding ePHI and for a way to show "
        "records were not altered. A single-region trail misses API calls made elsewhere, a stopped trail "
        "records nothing, without log file validation a rewritten log cannot be detected, and without a "
        "customer-managed key anyone with read access to the bucket reads the trail. Checkov's CKV_AWS_67, "
        "CKV_AWS_36, CKV_AWS_251 and CKV_AWS_35 test the same attributes but return no result (or pass) when "
        "the value is a variable without a value; this check fails closed.",
        fix="Set is_multi_region_trail = true, enable_log_file_validation = true, kms_key_id = "
        "aws_kms_key.trail.arn (a key whose policy lets CloudTrail encrypt), and leave enable_logging unset or true.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        def kms() -> Optional[str]:
            if scalar(conf, "kms_key_id") in (None, ""):
                return "kms_key_id not set (log files get only SSE-S3)"
            level, found = kms_key(ctx.index, ctx.node, conf, "kms_key_id", attribute="kms_key_id")
            return None if level >= CUSTOMER else found

        ctx.reasons.append(f"every {TRAIL} is an audit trail")
        return judge_all(
            (
                lambda: _flag(conf, "is_multi_region_trail", False, "only this region's API calls are recorded"),
                lambda: _flag(conf, "enable_logging", True, "the trail records nothing"),
                lambda: _flag(conf, "enable_log_file_validation", False, "altered log files cannot be detected"),
                kms,
            ),
            "is_multi_region_trail = true, enable_logging unset or true, enable_log_file_validation = true, "
            "kms_key_id = a customer-managed KMS key",
            ctx.why_judged(self.id),
            "multi-region, logging, log file validation on, customer-managed KMS key",
        )


check = CloudTrailTrail()
