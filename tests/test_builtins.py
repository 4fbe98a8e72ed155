"""The built-in checks we map exist in the installed Checkov, cover the resources we claim, and are not ours."""

from __future__ import annotations

from checkov.common.bridgecrew.check_type import CheckType
from checkov.common.checks_infra.registry import get_graph_checks_registry
from checkov.terraform.checks.resource.registry import resource_registry

from hipaa_checks.mapped_builtins import BUILTINS
from hipaa_checks.registry import CHECKS


def _installed() -> dict:
    """Checkov check ID -> (name, resource types) for every Terraform resource and graph check."""
    found: dict = {}
    for resource_type, checks in resource_registry.checks.items():
        for check in checks:
            name, types = found.get(check.id, (check.name, set()))
            found[check.id] = (name, types | {resource_type})
    graph = get_graph_checks_registry(CheckType.TERRAFORM)
    graph.load_checks()
    for check in graph.checks:
        found[check.id] = (check.name, set(check.resource_types))
    return found


def test_every_mapped_builtin_exists_with_its_title_and_resources():
    installed = _installed()
    assert BUILTINS, "nothing mapped"
    for check_id, meta in BUILTINS.items():
        assert meta.id == check_id
        assert check_id in installed, f"{check_id} is not in the installed Checkov"
        name, types = installed[check_id]
        assert meta.title == name, check_id
        assert set(meta.resources) <= types, f"{check_id} covers {sorted(types)}, not {meta.resources}"


def test_mapped_builtins_never_clash_with_our_ids():
    assert not set(BUILTINS) & set(CHECKS)
    assert not any(check_id.startswith("HIPAA_") for check_id in BUILTINS)
