"""Cloud Storage buckets that hold logs do not delete them, by lifecycle rule, before six years."""

from __future__ import annotations

from typing import Iterator

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import SECONDS_PER_DAY, required_days
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import block, blocks, bool_attr, int_attr, scalar, str_attr
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed

AGES = {"age": "send_age_if_zero", "days_since_noncurrent_time": "send_days_since_noncurrent_time_if_zero",
        "days_since_custom_time": "send_days_since_custom_time_if_zero"}
DATES = ("created_before", "custom_time_before", "noncurrent_time_before")
SELECTORS = ("matches_prefix", "matches_suffix", "matches_storage_class", "size_above_bytes", "size_below_bytes")


def _early_deletes(rule: dict, floor: int) -> Iterator[str]:
    """What makes one lifecycle rule delete objects younger than ``floor`` days."""
    if str(str_attr(block(rule, "action"), "type")).lower() != "delete":
        return
    condition = block(rule, "condition") or {}
    ages = {key: int_attr(condition, key) for key in AGES}
    ages = {key: days for key, days in ages.items() if days or (days == 0 and bool_attr(condition, AGES[key]))}
    yield from (f"a Delete rule with {key} = {days}" for key, days in ages.items() if days < floor)
    dates = {key: value for key in DATES if (value := str_attr(condition, key))}
    yield from (f'a Delete rule with {key} = "{value}" (a fixed date, not an age)' for key, value in dates.items())
    state = str(scalar(condition, "with_state")).upper()
    only_old_versions = state == "ARCHIVED" or int_attr(condition, "num_newer_versions")
    selected = [key for key in SELECTORS if scalar(condition, key)] + (["with_state"] if state == "LIVE" else [])
    if selected and not (ages or dates or only_old_versions):
        yield f"a Delete rule selecting by {', '.join(selected)} only, which deletes objects at any age"


class GcsArchiveRetention(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_GCP_002",
        title="Cloud Storage log archives do not delete logs before six years",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=("google_storage_bucket",),
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A lifecycle Delete rule "
        "younger than that, or a retention policy shorter than that, lets archived logs disappear early.",
        fix="In buckets that hold logs, give every lifecycle_rule with action type \"Delete\" a condition "
        "age (or days_since_noncurrent_time / days_since_custom_time) of 2192 or more and no fixed-date "
        "condition, and set retention_policy.retention_period to 189388800 seconds or more (or omit it).",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        reason = ctx.archive_reason()
        if reason is None:
            return not_applicable(f"{ctx.node.address} does not hold logs (not a log archive)")
        days = required_days(ctx.settings)
        problems = [problem for rule in blocks(conf, "lifecycle_rule") for problem in _early_deletes(rule, days)]
        policy = block(conf, "retention_policy")
        period = int_attr(policy, "retention_period") if policy is not None else None
        if period is not None and period < days * SECONDS_PER_DAY:
            problems.append(f"retention_policy.retention_period = {period} seconds")
        if problems:
            required = f"Delete rules only at >= {days} days and retention_period >= {days * SECONDS_PER_DAY} seconds"
            return failed("; ".join(problems), required, reason)
        if period is None and block(conf, "lifecycle_rule") is None:
            return passed(f"no lifecycle rule and no retention policy: objects never expire; {reason}")
        return passed(f"no lifecycle rule deletes objects before {days} days; {reason}")


check = GcsArchiveRetention()
