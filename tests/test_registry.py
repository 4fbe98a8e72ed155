"""The registry is the one source of truth: IDs, policy modules, fixtures, docs and Checkov's own IDs agree."""

from __future__ import annotations

import ast
import sys

from checkov.common.bridgecrew.check_type import CheckType
from checkov.common.checks_infra.registry import get_graph_checks_registry
from checkov.terraform.checks.data.registry import data_registry
from checkov.terraform.checks.provider.registry import provider_registry
from checkov.terraform.checks.resource.registry import resource_registry

from hipaa_checks import docs
from hipaa_checks.meta import ID_PATTERN
from hipaa_checks.registry import CHECKS, RETIRED, all_meta
from tests.scanning import FIXTURES, POLICIES, ROOT

LOADER_FILES = {"__init__.py", "hipaa_checks_loader.py", "hipaa_checks_manifest.py"}


def _builtin_ids() -> set:
    ids = set()
    for registry in (resource_registry, data_registry, provider_registry):
        for checks in registry.checks.values():
            ids |= {check.id for check in checks if not check.id.startswith("HIPAA_")}
    graph = get_graph_checks_registry(CheckType.TERRAFORM)
    graph.load_checks()
    ids |= {check.id for check in graph.checks}
    return ids


def test_ids_are_well_formed_unique_and_match_their_metadata():
    metas = all_meta()
    assert [m.id for m in metas] == list(CHECKS)
    assert all(ID_PATTERN.match(check_id) for check_id in CHECKS)
    assert len({m.id for m in metas}) == len(metas)


def test_no_id_clashes_with_a_checkov_builtin():
    builtins = _builtin_ids()
    assert len(builtins) > 1000  # sanity: Checkov's registries were really loaded
    assert set(CHECKS) & builtins == set()


def test_retired_ids_never_reappear():
    assert set(CHECKS) & RETIRED == set()


def test_every_check_has_a_policy_module_fixtures_and_docs_page():
    for check_id in CHECKS:
        module = POLICIES / f"{check_id}.py"
        tree = ast.parse(module.read_text())
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
        assert [ast.literal_eval(call.args[0]) for call in calls] == [check_id], module
        assert (FIXTURES / check_id / "pass").is_dir() and (FIXTURES / check_id / "fail").is_dir()
        assert (ROOT / "docs" / "checks" / f"{check_id}.md").is_file()


def test_policies_directory_holds_only_policy_modules_and_the_loader():
    files = {path.name for path in POLICIES.iterdir() if path.name != "__pycache__"}
    assert files - LOADER_FILES == {f"{check_id}.py" for check_id in CHECKS}


def test_no_module_is_named_like_a_standard_library_module():
    """Checkov runs every .py of an external-checks directory as a module named by its file (sys.modules[name]);
    with --external-checks-git that is the whole repository, and a `builtins.py` or `json.py` would shadow Python's."""
    shadowing = sorted(str(path.relative_to(ROOT)) for top in ("hipaa_checks", "policies", "tests", "benchmarks")
                       for path in (ROOT / top).rglob("*.py") if path.stem in sys.stdlib_module_names)
    assert shadowing == []


def test_generated_docs_and_manifest_are_current():
    stale = [str(path.relative_to(ROOT)) for path, text in docs.generated_files().items()
             if not path.is_file() or path.read_text() != text]
    assert stale == [], "run `python -m hipaa_checks.docs` and commit the result"


def test_every_docs_page_has_the_required_sections():
    for path, text in docs.generated_files().items():
        if path.parent.name == "checks":
            headings = [line[3:] for line in text.splitlines() if line.startswith("## ")]
            assert headings == list(docs.SECTIONS), path


def test_checkov_sees_severity_guideline_and_sections():
    for m in all_meta():
        check = next(c for c in resource_registry.checks[m.resources[0]] if c.id == m.id)
        assert check.severity.name == m.severity.value
        assert check.guideline.endswith(f"/docs/checks/{m.id}.md")
        assert all(section in check.name for section in m.sections)
