"""Mezmo (LogDNA) team members who read logs have the readonly role."""

from __future__ import annotations

from hipaa_checks import roles
from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.config import Role
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, scalar, str_attr
from hipaa_checks.verdict import Verdict, failed, not_applicable, passed


class MezmoMemberReadonly(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_003",
        title="Mezmo log readers are readonly members",
        family=Family.READER_IAM,
        severity=Severity.HIGH,
        resources=("logdna_member",),
        since="0.2.0",
        why="A Mezmo member with the member, admin or owner role can change views, alerts, exclusion rules, "
        "archiving and keys (admin and owner also the team); exclusion rules and archive settings decide which "
        "logs are kept at all. A principal that only reads logs needs the readonly role.",
        fix='Set role = "readonly" on the logdna_member of every log reader (email or resource named as a log '
        "reader); give the other roles to a separate member for administrators.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        email = scalar(conf, "email") if isinstance(scalar(conf, "email"), str) else ""
        match = ctx.role(Role.READER) or (
            roles.by_words([email], Role.READER, ctx.settings, "email") if ctx.settings.name_heuristics else None)
        try:
            role = str_attr(conf, "role", f"{ctx.node.address} role")
        except Unresolved:
            if match is None:
                return not_applicable(f"{ctx.node.address}: role unknown, and nothing names it a log reader")
            raise
        if (role or "").strip().lower() == "readonly":
            return passed(f"{email or ctx.node.address} is a readonly member")
        if match is None:
            return not_applicable(f"{ctx.node.address} is not a log reader")
        roles.note(ctx.node.address, match)
        return failed(f'{ctx.node.address} role = "{role}"', 'role = "readonly" for log readers',
                      f"{email or ctx.node.address} is a log reader: {match.reason}")

check = MezmoMemberReadonly()
