"""Plan JSON parity: per family, one configuration as HCL and as its `terraform show -json` plan gets the same verdicts.

The expected verdicts are pinned in tests/parity/<family>/expected.yaml, so both sides going quiet
together fails too. One scan per side per family, with all of the family's checks at once.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Set, Tuple

import pytest
import yaml

from hipaa_checks.meta import Family
from tests.scanning import CHECKS, ROOT, scan_directory

PARITY = ROOT / "tests" / "parity"

Verdict = Tuple[str, str, str]


def _verdicts(directory: Path, check_ids: list) -> Set[Verdict]:
    report = scan_directory(directory, check_ids)
    return (
        {(record.check_id, record.resource, "PASSED") for record in report.passed_checks}
        | {(record.check_id, record.resource, "FAILED") for record in report.failed_checks}
    )


def _expected(family: Family) -> Set[Verdict]:
    pinned = yaml.safe_load((PARITY / family.value / "expected.yaml").read_text())
    return {
        (check_id, address, outcome.upper())
        for check_id, outcomes in pinned.items()
        for outcome, addresses in outcomes.items()
        for address in addresses
    }


@pytest.mark.parametrize("family", list(Family), ids=[family.value for family in Family])
def test_hcl_and_plan_agree(family, caplog):
    caplog.set_level(logging.ERROR)
    check_ids = sorted(check_id for check_id, check in CHECKS.items() if check.meta.family == family)
    hcl = _verdicts(PARITY / family.value / "hcl", check_ids)
    plan = _verdicts(PARITY / family.value / "plan", check_ids)

    assert sorted(hcl - plan) == [] and sorted(plan - hcl) == [], "HCL only / plan only"
    assert hcl == _expected(family)
    assert {outcome for _, _, outcome in hcl} == {"PASSED", "FAILED"}
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
