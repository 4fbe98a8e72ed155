"""Run the real Checkov runners over Terraform fixtures with hipaa-checks registered."""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Set

from checkov.common.output.report import Report
from checkov.runner_filter import RunnerFilter
from checkov.terraform.plan_runner import Runner as PlanRunner
from checkov.terraform.runner import Runner as TerraformRunner

from hipaa_checks.registry import all_checks

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
POLICIES = ROOT / "policies"

CHECKS = {check.id: check for check in all_checks()}


@dataclass
class Outcome:
    passed: Set[str] = field(default_factory=set)
    failed: Set[str] = field(default_factory=set)
    resources: Set[str] = field(default_factory=set)
    details: Dict[str, List[str]] = field(default_factory=dict)


def scan_directory(directory: Path, check_ids: List[str]) -> Report:
    """Checkov's terraform runner for .tf files, or its plan runner when the directory holds plan JSON."""
    runner_filter = RunnerFilter(framework=["terraform", "terraform_plan"], checks=check_ids)
    plans = sorted(str(path) for path in directory.glob("*.json"))
    if plans:
        return PlanRunner().run(root_folder=None, files=plans, runner_filter=runner_filter)
    return TerraformRunner().run(root_folder=str(directory), runner_filter=runner_filter)


def outcome(report: Report, check_id: str) -> Outcome:
    result = Outcome(resources={_address(resource) for resource in report.resources})
    for record in report.passed_checks:
        if record.check_id == check_id:
            result.passed.add(record.resource)
            result.details[record.resource] = list(record.details)
    for record in report.failed_checks:
        if record.check_id == check_id:
            result.failed.add(record.resource)
            result.details[record.resource] = list(record.details)
    return result


def _address(resource: str) -> str:
    """report.resources holds "<file>:<address>"; an address may itself contain ":" (for_each keys)."""
    return re.sub(r"^.*?\.(tf|tf\.json|json):", "", resource, count=1)
