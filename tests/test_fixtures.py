"""Every check over its pass/fail fixtures, through Checkov's own runners: exact verdicts, no errors."""

from __future__ import annotations

import logging

import pytest
import yaml

from tests.scanning import CHECKS, FIXTURES, outcome, scan_directory


def _expected(check_id: str) -> dict:
    path = FIXTURES / check_id / "expected.yaml"
    return yaml.safe_load(path.read_text()) if path.is_file() else {}


def _cases():
    for check_id in sorted(CHECKS):
        for case, verdicts in _expected(check_id).items():
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
        assert {"pass", "fail"} <= set(_expected(check_id)), f"{check_id}: tests/fixtures/{check_id}/expected.yaml"
