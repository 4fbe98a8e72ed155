"""The .checkov.yaml files that Checkov's IDE extensions read give the same findings as CI.

The extensions run Checkov from the workspace root with `--config-file <root>/.checkov.yaml`, and Checkov
also reads `.checkov.yaml` from the directory it runs in by itself; paths inside resolve against that
directory, not against the file.
"""

from __future__ import annotations

import json
import os
import subprocess

from tests.scanning import ROOT
from tests.test_end_to_end import CHECKOV, NONCOMPLIANT


def findings(cwd, *args: str) -> tuple:
    run = subprocess.run([CHECKOV, *args, "--skip-download", "-o", "json"], cwd=cwd, capture_output=True, text=True,
                         check=False, timeout=300, env={k: v for k, v in os.environ.items() if k != "HIPAA_CHECKS_CONFIG"})
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr and "Cannot load external check" not in run.stderr
    reports = json.loads(run.stdout)
    failed = [r for report in (reports if isinstance(reports, list) else [reports])
              for r in report["results"]["failed_checks"]]
    ours = {(r["check_id"], r["resource"]) for r in failed if r["check_id"].startswith("HIPAA_")}
    builtins = {r["check_id"] for r in failed if r["check_id"].startswith("CKV")}
    return ours, builtins


def test_example_checkov_yaml_adds_our_checks_to_checkovs():
    ours, builtins = findings(ROOT / "examples", "--config-file", ".checkov.yaml", "-d", "noncompliant")
    assert ours == NONCOMPLIANT
    assert builtins  # next to Checkov's own checks, as in CI


def test_repository_root_checkov_yaml_is_found_without_flags():
    ours, _ = findings(ROOT, "-d", "examples/noncompliant")
    assert ours == NONCOMPLIANT
