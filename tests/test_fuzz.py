"""Every check, fed odd configurations derived from its own fixtures, returns a verdict and never crashes."""

from __future__ import annotations

import logging
from functools import lru_cache

import hcl2
import pytest
from checkov.common.models.enums import CheckResult
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.scanning import CHECKS, FIXTURES

ODD_VALUES = st.sampled_from([
    None, [], {}, "", [None], [[]], [{}], "var.no_default", "${aws_s3_bucket.b.arn}", "module.m.out",
    "2192", " 2192 ", "-1", "0", -1, 0, 10**30, 1.5, True, "true", "日本語", ["a", "b"], [1, 2],
    {"dynamic": [{"x": {"for_each": "var.x"}}]}, [["nested"]], "each.value.days",
])


@lru_cache(maxsize=None)
def _seeds(check_id: str) -> tuple:
    """(resource type, body) pairs from the check's fixtures, parsed with Checkov's own HCL parser."""
    types = set(CHECKS[check_id].meta.resources)
    seeds = []
    for path in sorted((FIXTURES / check_id).glob("*/*.tf")):
        for resource in hcl2.loads(path.read_text()).get("resource", []):
            for resource_type, named in resource.items():
                if resource_type in types:
                    seeds += [(resource_type, body) for body in named.values()]
    return tuple(seeds)


def _mutate(value, data):
    """Replace a random part of ``value`` with an odd value, keeping the rest of its shape."""
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _mutate(value[key], data)}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        position = data.draw(st.integers(0, len(value) - 1))
        return value[:position] + [_mutate(value[position], data)] + value[position + 1:]
    return data.draw(ODD_VALUES)


@pytest.mark.parametrize("check_id", sorted(CHECKS))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_odd_configurations_always_get_a_verdict(check_id, data, caplog):
    caplog.set_level(logging.ERROR)
    check = CHECKS[check_id]
    resource_type, body = data.draw(st.sampled_from(_seeds(check_id)))
    conf = _mutate(body, data)
    if not isinstance(conf, dict):
        conf = {}
    conf["__address__"] = f"{resource_type}.fuzzed"
    check.graph = None

    result = check.scan_entity_conf(conf, resource_type)

    assert result in (CheckResult.PASSED, CheckResult.FAILED, CheckResult.UNKNOWN)
    assert not any(line.startswith("internal error") for line in check.details), check.details
    if result is CheckResult.FAILED:
        assert check.details
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
