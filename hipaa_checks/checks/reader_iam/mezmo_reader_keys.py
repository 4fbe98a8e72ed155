"""Mezmo (LogDNA) log readers hold no service or ingestion keys."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import str_attr
from hipaa_checks.verdict import Verdict, failed, not_applicable

# What each key type of the logdna provider lets its holder do.
KEY_POWERS = {
    "service": "a service key calls the whole configuration API: members, keys, archives, exclusion rules",
    "ingestion": "an ingestion key sends log lines, so its holder can forge log entries",
}


class MezmoReaderKeys(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_004",
        title="Mezmo log readers hold no service or ingestion keys",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=("logdna_key",),
        since="0.2.0",
        why="The logdna provider manages two key types and neither is read-only: a service key is a full "
        "configuration API credential (the provider itself runs on one) and an ingestion key writes log lines. "
        "A key made for someone who reads logs gives them write or administrative access.",
        fix="Drop keys made for log readers; give readers a logdna_member with role = \"readonly\". Keys for "
        "shippers (ingestion) and for automation (service) should not be named or tagged as a reader's.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        match = ctx.role(Role.READER)
        if match is None:
            return not_applicable(f"{ctx.node.address} is not a log reader's key")
        key_type = str_attr(conf, "type", f"{ctx.node.address} type")
        power = KEY_POWERS.get((key_type or "").strip().lower(), "the provider knows only service and ingestion keys")
        return failed(f'{ctx.node.address} type = "{key_type}" ({power})',
                      "no Mezmo key for a log reader: a readonly member instead",
                      f"{ctx.node.address} is a log reader's key: {match.reason}")


check = MezmoReaderKeys()
