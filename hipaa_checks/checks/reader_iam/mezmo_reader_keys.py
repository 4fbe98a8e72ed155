"""Mezmo (LogDNA) log readers hold no service keys."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import str_attr
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed


class MezmoReaderKeys(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_004",
        title="Mezmo log readers hold no service keys",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=("logdna_key",),
        since="0.2.0",
        why="The logdna provider manages two key types. A service key is a full configuration API credential "
        "(the provider itself runs on one): its holder can change members, keys, archives and exclusion rules, "
        "which decide what is kept at all. A key made for someone who reads logs must not be one.",
        fix='Give log readers a logdna_member with role = "readonly" instead of a service key; keep service keys '
        "for automation and do not name or tag them as a reader's.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        match = ctx.role(Role.READER)
        if match is None:
            return not_applicable(f"{ctx.node.address} is not a log reader's key")
        key_type = str_attr(conf, "type", f"{ctx.node.address} type")
        if (key_type or "").strip().lower() == "ingestion":
            return passed("an ingestion key only sends log lines: it can neither read nor manage the account")
        return failed(f'{ctx.node.address} type = "{key_type}" (a service key calls the whole configuration API)',
                      'no service key for a log reader (a readonly member instead)',
                      f"{ctx.node.address} is a log reader's key: {match.reason}")


check = MezmoReaderKeys()
