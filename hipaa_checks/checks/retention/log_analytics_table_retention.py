"""Log Analytics tables keep logs six years through their total (interactive + long-term) retention."""

from __future__ import annotations

from hipaa_checks.checks.base import Context, HipaaCheck
from hipaa_checks.checks.retention.common import EVERY_LOG_STORE, judge_days, required_days
from hipaa_checks.meta import CheckMeta, Family, Severity
from hipaa_checks.values import int_attr
from hipaa_checks.verdict import Verdict, failed

TABLES = (
    "azurerm_log_analytics_workspace_table",
    "azurerm_log_analytics_workspace_table_custom_log",
    "azurerm_log_analytics_workspace_table_microsoft",
)
TOTAL = "total_retention_in_days"


class LogAnalyticsTableRetention(HipaaCheck):
    meta = CheckMeta(
        id="HIPAA_AZURE_002",
        title="Log Analytics tables keep logs at least six years through their total retention",
        family=Family.RETENTION,
        severity=Severity.HIGH,
        resources=TABLES,
        since="0.1.0",
        why="HIPAA asks that records of system activity be kept six years. A Log Analytics table keeps its "
        "rows only for its total retention; without total_retention_in_days it falls back to the interactive "
        "retention, which is at most 730 days, and older audit evidence is deleted.",
        fix="Set total_retention_in_days = 2191 (Azure's six-year value; 2192 is rejected) or one of the longer "
        "accepted values (2556, 2922, 3288, 3653, 4018, 4383). The interactive retention_in_days can stay short.",
    )

    def evaluate(self, conf: dict, ctx: Context) -> Verdict:
        because = f"{EVERY_LOG_STORE}; {ctx.node.address} is a Log Analytics table"
        days = int_attr(conf, TOTAL)
        if days is None:
            return failed(
                f"{TOTAL} not set (the table falls back to its interactive retention, at most 730 days)",
                f"{TOTAL} >= {required_days(ctx.settings, tolerance=1)} days (six years)",
                because,
            )
        return judge_days(TOTAL, days, ctx.settings, because, tolerance=1)


check = LogAnalyticsTableRetention()
