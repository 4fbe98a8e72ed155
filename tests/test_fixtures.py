"""Every check over its pass/fail fixtures, through Checkov's own runners: exact verdicts, no errors."""

from __future__ import annotations

import logging

import pytest
import yaml

from tests.scanning import CHECKS, FIXTURES, outcome, scan_directory


def _cases():
    for check_id in sorted(CHECKS):
        expected = yaml.safe_load((FIXTURES / check_id / "expected.yaml").read_text())
        for case, verdicts in expected.items():
            yield pytest.param(check_id, case, verdicts, id=f"{check_id}-{case}")


@pytest.mark.parametrize(("check_id", "case", "expected"), list(_cases()))
def test_fixture_verdicts(check_id, case, expected, caplog):
    caplog.set_level(logging.ERROR)
    report = scan_directory(FIXTURES / check_id / case, [check_id])
    result = outcome(report, check_id)

    assert result.failed == set(expected.get("failed", [])), result.details
    assert result.passed == set(expected.get("passed", [])), result.details
    supported = {
        address for address in result.resources
        if address.split(".")[-2] in CHECKS[check_id].meta.resources
    }
    assert supported - result.passed - result.failed == set(expected.get("unjudged", []))
    for address in result.failed:
        assert any(line.startswith(("found:", "configuration error")) for line in result.details[address])
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


def test_every_check_has_pass_and_fail_fixtures():
    for check_id in CHECKS:
        cases = set(yaml.safe_load((FIXTURES / check_id / "expected.yaml").read_text()))
        assert {"pass", "fail"} <= cases, check_id
