"""The CI recipes in docs/usage.md work as written.

Each recipe is a fenced block whose info string is `<language> ci-recipe <name>`: a GitHub Actions workflow
(`run:` steps), a GitLab CI job (`script:` lines) or a shell step (one command a line). The test takes the
commands out of each block; the set-up ones (`pip install checkov`, `git clone` of hipaa-checks, the second
`actions/checkout`) are checked for their form and replaced by a temporary copy of this checkout; the scan
commands are run with the placeholders replaced: `.hipaa-checks` by that copy, `infra` by its
`examples/noncompliant`. They run in an empty working directory (Checkov also reads `.checkov.yaml` from the
directory it runs in, and this checkout's one would add our policies by itself). Identical scan commands are
run once (the shell step's is the plain GitHub one), so three Checkov runs cover four recipes; the
`--external-checks-git` one runs against a `file://` clone of the copy (see its test).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import pytest
import yaml

from tests.checkout import copy_checkout, git, git_env
from tests.scanning import ROOT
from tests.test_end_to_end import NONCOMPLIANT

USAGE = ROOT / "docs" / "usage.md"
RECIPES = {"github-checkout", "github-external-git", "github-sarif", "gitlab-junit", "shell"}
CHECKOUT, TERRAFORM = ".hipaa-checks", "infra"  # the placeholders in the recipes
REPOSITORY = "https://github.com/hipaa-checks/hipaa-checks"
OUR_IDS = {check_id for check_id, _ in NONCOMPLIANT}
BIN = Path(sys.executable).parent


@dataclass
class Recipe:
    name: str
    commands: List[str]                      # shell command lines, in order
    uses: List[dict] = field(default_factory=list)  # GitHub Actions `uses:` steps
    sarif: Optional[str] = None              # the file upload-sarif uploads
    junit: Optional[str] = None              # the file GitLab reads as the JUnit report
    upload_always: bool = False
    artifacts_always: bool = False


def _blocks() -> Dict[str, Tuple[str, str]]:
    """name -> (language, body) of each ```<language> ci-recipe <name> block."""
    found = {}
    for match in re.finditer(r"^```(\w+) ci-recipe ([\w-]+)\n(.*?)^```$", USAGE.read_text(), re.M | re.S):
        language, name, body = match.groups()
        assert name not in found, f"two recipes named {name}"
        found[name] = (language, body)
    return found


def _recipe(name: str, language: str, body: str) -> Recipe:
    if language == "sh":
        lines = [line.strip() for line in body.splitlines()]
        return Recipe(name, [line for line in lines if line and not line.startswith("#")])
    document = yaml.safe_load(body)
    if name.startswith("github"):
        (job,) = document["jobs"].values()
        steps = job["steps"]
        uploads = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
        return Recipe(name, [step["run"] for step in steps if "run" in step],
                      uses=[step for step in steps if "uses" in step],
                      sarif=uploads[0]["with"]["sarif_file"] if uploads else None,
                      upload_always=bool(uploads) and uploads[0].get("if") == "always()")
    (job,) = document.values()
    artifacts = job.get("artifacts", {})
    return Recipe(name, list(job["script"]), junit=artifacts.get("reports", {}).get("junit"),
                  artifacts_always=artifacts.get("when") == "always")


ALL = {name: _recipe(name, language, body) for name, (language, body) in _blocks().items()}


def _is_scan(command: str) -> bool:
    return shlex.split(command)[0] == "checkov"


def _scans() -> Dict[Tuple[str, ...], List[Recipe]]:
    """The distinct scan command sequences to run (not the --external-checks-git one), with their recipes."""
    groups: Dict[Tuple[str, ...], List[Recipe]] = {}
    for recipe in ALL.values():
        scans = tuple(command for command in recipe.commands if _is_scan(command))
        if not any("--external-checks-git" in shlex.split(command) for command in scans):
            groups.setdefault(scans, []).append(recipe)
    return groups


def test_every_recipe_is_in_the_docs_and_set_up_as_the_test_assumes():
    assert set(ALL) == RECIPES
    for recipe in ALL.values():
        scans = [command for command in recipe.commands if _is_scan(command)]
        assert len(scans) == 1, recipe.name
        setup = [shlex.split(command) for command in recipe.commands if not _is_scan(command)]
        assert ["pip", "install", "checkov"] in setup, recipe.name
        clones = [argv for argv in setup if argv[:2] == ["git", "clone"]]
        checkouts = [step["with"] for step in recipe.uses
                     if step["uses"].startswith("actions/checkout@") and "with" in step]
        if "--external-checks-git" in shlex.split(scans[0]):
            assert not clones and not checkouts, recipe.name
            continue
        # what the test replaces by its copy of this checkout: a clone of a release into .hipaa-checks
        if recipe.name.startswith("github"):
            assert checkouts == [{"repository": "hipaa-checks/hipaa-checks", "ref": "v0.1.0", "path": CHECKOUT}]
        else:
            assert clones == [["git", "clone", "--depth", "1", "--branch", "v0.1.0", REPOSITORY, CHECKOUT]]
        assert len(setup) == len(clones) + 1, f"{recipe.name}: a set-up command the test does not know"
    assert ALL["github-sarif"].sarif and ALL["github-sarif"].upload_always  # uploaded when the scan step fails
    assert ALL["gitlab-junit"].junit and ALL["gitlab-junit"].artifacts_always


def test_external_checks_git_recipe_runs_against_a_clone_of_the_repository(checkout, tmp_path):
    """Run as written, with the GitHub URL replaced by a `file://` URL of a tagged copy of this checkout: Checkov
    clones it into the working directory (the user's repository, holding `infra`), loads our policies from it,
    reports exactly our findings on `infra` (none from the clone) and removes the clone."""
    from checkov.common.goget.github.get_git import GitGetter

    from tests.test_end_to_end import NONCOMPLIANT

    (command,) = [c for c in ALL["github-external-git"].commands if _is_scan(c)]
    argv = shlex.split(command)
    assert argv == ["checkov", "-d", TERRAFORM, "--external-checks-git", argv[-1]]
    assert GitGetter(argv[-1])._source_subdir() == (REPOSITORY, "/policies")
    env = git_env(tmp_path)
    git(checkout, env, "tag", "-f", "v0.1.0")
    argv[-1] = argv[-1].replace(REPOSITORY, f"file://{checkout}")
    shutil.copytree(ROOT / "examples" / "noncompliant", tmp_path / TERRAFORM)
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", BC_SKIP_MAPPING="TRUE")
    run = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 1, run.stderr[-3000:]
    assert "Traceback" not in run.stderr and "Cannot load external check" not in run.stderr, run.stderr[-3000:]
    ours = re.findall(r"Check: (HIPAA_\w+): .*\n\s*FAILED for resource: (\S+)", run.stdout)
    assert sorted(ours) == sorted(NONCOMPLIANT)  # each once, though Checkov also runs hipaa_checks/ as check files
    assert sorted(path.name for path in tmp_path.iterdir()) == [TERRAFORM]  # the clone is gone


@pytest.fixture(scope="module")
def checkout(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("checkout")
    return copy_checkout(tmp, git_env(tmp))


def _substitute(command: str, checkout: Path) -> List[str]:
    places = {CHECKOUT: checkout, TERRAFORM: checkout / "examples" / "noncompliant"}
    argv = []
    for token in shlex.split(command):
        for placeholder, path in places.items():
            if token == placeholder or token.startswith(placeholder + "/"):
                token = str(path) + token[len(placeholder):]
        argv.append(token)
    assert str(checkout / "examples" / "noncompliant") in argv, f"no `-d {TERRAFORM}` in {command}"
    return argv


@pytest.mark.parametrize("scans", list(_scans()), ids=lambda scans: "+".join(r.name for r in _scans()[scans]))
def test_recipe_runs_against_the_noncompliant_example(scans, checkout, tmp_path):
    recipes = _scans()[scans]
    # BC_SKIP_MAPPING: what --skip-download does, without changing the command line (no network in tests)
    env = {key: value for key, value in os.environ.items() if not key.startswith("HIPAA_CHECKS_")}
    env.update(PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}", BC_SKIP_MAPPING="TRUE")
    for command in scans:
        argv = _substitute(command, checkout)
        run = subprocess.run(argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
        assert run.returncode == (0 if "--soft-fail" in argv else 1), run.stderr[-3000:]
        assert "Traceback" not in run.stderr and "Cannot load external check" not in run.stderr, run.stderr[-3000:]
        assert re.search(r"Check: HIPAA_AWS_001: .*\n\s*FAILED for resource: aws_cloudwatch_log_group\.app",
                         run.stdout), run.stdout[-3000:]
    for recipe in recipes:
        if recipe.sarif:
            sarif = json.loads((tmp_path / recipe.sarif).read_text())
            rules = {rule["id"] for run in sarif["runs"] for rule in run["tool"]["driver"]["rules"]}
            results = {(result["ruleId"], result["level"]) for run in sarif["runs"] for result in run["results"]}
            assert OUR_IDS <= rules
            assert {rule for rule, _ in results if rule.startswith("HIPAA_")} == OUR_IDS
            assert {level for rule, level in results if rule.startswith("HIPAA_")} <= {"error", "warning"}
        if recipe.junit:
            tree = ElementTree.parse(tmp_path / recipe.junit)
            failed = {match.group(1) for case in tree.iter("testcase") if case.find("failure") is not None
                      for match in [re.search(r"\[(HIPAA_\w+)\]", case.get("name", ""))] if match}
            assert failed == OUR_IDS
