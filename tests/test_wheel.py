"""The installed package carries the same checks as policies/ in a checkout.

The package is installed the way a user installs a release from the repository's URL,
`pip install git+<url>@v0.1.0` (here a `file://` URL of a tagged copy of this checkout: pip builds the same
wheel as `pip wheel`, whose contents are checked too). The wheel is built from a copy of this checkout and installed with `pip --python` into a new virtualenv made
from the base interpreter. That virtualenv reaches Checkov and its dependencies through a .pth line naming
this environment's site-packages; Python does not run the .pth files inside a directory added that way, so
the editable install of this checkout (a .pth import hook) stays out, and `hipaa_checks` can only come from
the wheel. Installing Checkov into the new virtualenv instead would cost about a minute more.
"""

from __future__ import annotations

import json
import site
import subprocess
import sys
import zipfile
from pathlib import Path

from hipaa_checks.cli import main, policies_dir
from tests.checkout import copy_checkout, git, git_env
from tests.scanning import POLICIES, ROOT
from tests.test_end_to_end import NONCOMPLIANT as NONCOMPLIANT_RESULTS, NONCOMPLIANT_PASSED

NONCOMPLIANT = ROOT / "examples" / "noncompliant"
CHECKOV_ARGS = ["-d", str(NONCOMPLIANT), "--check", "HIPAA_*", "--framework", "terraform", "--skip-download", "-o", "json"]


def policy_files(directory: Path) -> dict:
    return {path.name: path.read_bytes() for path in directory.iterdir() if path.suffix in (".py", ".yaml", ".yml")}


def verdicts(stdout: str) -> set:
    report = json.loads(stdout)
    results = report["results"]
    return {(state, r["check_id"], r["resource"], tuple(r["details"]))
            for state in ("passed_checks", "failed_checks") for r in results[state]}


def test_policies_dir_in_a_checkout_is_policies(capsys):
    assert policies_dir() == POLICIES
    assert main(["policies-dir"]) == 0
    assert capsys.readouterr().out == f"{POLICIES}\n"


def test_package_installed_from_the_repository_url_has_the_checkouts_checks_and_verdicts(tmp_path, capsys):
    env = git_env(tmp_path)
    source = copy_checkout(tmp_path / "source", env)
    git(source, env, "tag", "v0.1.0")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)],
                   check=True, capture_output=True, env=env, timeout=300)
    (wheel,) = (tmp_path / "dist").glob("hipaa_checks-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packed = {name.split("/")[-1] for name in archive.namelist() if name.startswith("hipaa_checks/policies/")}
    assert packed == set(policy_files(POLICIES))

    venv = tmp_path / "venv"
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(venv)], check=True, env=env, timeout=120)
    python = str(venv / "bin" / "python")
    subprocess.run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q",
                    f"git+file://{source}@v0.1.0"], check=True, capture_output=True, env=env, timeout=300)
    purelib = subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True, env=env).stdout.strip()
    (Path(purelib) / "dev-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    def installed(*command: str, ok=(0,)) -> str:
        run = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False, timeout=300)
        assert run.returncode in ok, run.stdout + run.stderr
        assert "Traceback" not in run.stderr and "could not be loaded" not in run.stdout
        return run.stdout

    package = installed(python, "-c", "import hipaa_checks; print(hipaa_checks.__file__)").strip()
    assert Path(package).is_relative_to(Path(purelib))  # the wheel's copy, not this checkout
    installed_policies = Path(installed(str(venv / "bin" / "hipaa-checks"), "policies-dir").strip())
    assert installed_policies == Path(purelib) / "hipaa_checks" / "policies"
    assert policy_files(installed_policies) == policy_files(POLICIES)

    assert main(["list", "--json"]) == 0
    assert json.loads(installed(str(venv / "bin" / "hipaa-checks"), "list", "--json")) == json.loads(
        capsys.readouterr().out)

    checkout = subprocess.run([str(Path(sys.executable).with_name("checkov")), *CHECKOV_ARGS,
                               "--external-checks-dir", str(POLICIES)],
                              cwd=NONCOMPLIANT, env=env, capture_output=True, text=True, check=False, timeout=300)
    from_wheel = installed(python, "-m", "checkov.main", *CHECKOV_ARGS, "--external-checks-dir", str(installed_policies),
                           ok=(1,))
    expected = verdicts(checkout.stdout)
    assert checkout.returncode == 1 and len(expected) == len(NONCOMPLIANT_RESULTS) + len(NONCOMPLIANT_PASSED)
    assert verdicts(from_wheel) == expected
