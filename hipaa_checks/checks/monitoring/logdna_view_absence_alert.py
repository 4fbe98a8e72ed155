"""LogDNA / Mezmo views that are log sources alert when their logs stop (an absence channel), to someone."""

from __future__ import annotations

from typing import List

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.monitoring.common import judge_watchers, source_reason
from hipaa_checks.graph import Node
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import Unresolved, blocks, scalar, str_attr
from hipaa_checks.verdict import Verdict, not_applicable

VIEW = "logdna_view"
PRESET = "logdna_alert"
CHANNELS = ("email_channel", "pagerduty_channel", "slack_channel", "webhook_channel")
REQUIRED = (f'an {", ".join(CHANNELS)} block with operator = "absence" on the view, or on the {PRESET} its presetid names')


def _problems(alert: Node) -> List[str]:
    """Why the view's (or preset's) channels never report silence: none, or all on presence (the default)."""
    operators = [str_attr(channel, "operator", f"{kind}.operator") or "presence"
                 for kind in CHANNELS for channel in blocks(alert.conf, kind)]
    if "absence" in operators:
        return []
    return [f"its alert channels use operator {', '.join(sorted(set(operators)))}, none absence" if operators
            else "no alert channel (email, PagerDuty, Slack or webhook)"]


class LogdnaViewAbsenceAlert(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_MEZMO_010",
        title="LogDNA / Mezmo views that are log sources have an absence alert channel",
        family=Family.MONITORING,
        severity=Severity.HIGH,
        resources=(VIEW,),
        since="0.2.0",
        sections=("164.308(a)(1)(ii)(D)", "164.308(a)(6)(ii)"),
        why="A view selects the lines of one log source (an app, a host, a query). When that source stops sending, "
        "the view just goes empty: nothing fails and nobody notices. HIPAA's activity review and incident "
        "response need someone to. A channel with operator = \"absence\" alerts when fewer lines than triggerlimit "
        "arrive in triggerinterval; the provider's default operator, \"presence\", alerts only on lines that do arrive.",
        fix=f'Add an absence channel to the view (or to the {PRESET} preset it names): email_channel {{ emails = '
        '["oncall@example.com"], operator = "absence", triggerlimit = 1, triggerinterval = "15m", immediate = "false", '
        'terminal = "true" } (or pagerduty_channel / slack_channel / webhook_channel with operator = "absence").',
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = source_reason(ctx)
        if because is None:
            return not_applicable(f"{ctx.node.address} is not a log source (role_words for source)")
        watchers = [ctx.node]
        if scalar(conf, "presetid") not in (None, ""):  # a preset replaces the view's own channels
            watchers = [node for node in ctx.index.references(ctx.node.address, "presetid") if node.type == PRESET]
            if not watchers:  # a preset ID from outside this module: its channels cannot be read
                raise Unresolved("presetid (a preset alert not defined here)", scalar(conf, "presetid"))
        return judge_watchers(ctx.node, watchers, _problems, [], "", REQUIRED, because)


check = LogdnaViewAbsenceAlert()
