"""The pre-commit hook for real: temporary git repositories, staged Terraform, pre-commit running the hook.

`repo: local` with `language: system` runs the installed `hipaa-checks pre-commit` through `git commit`
(fast); one `pre-commit try-repo` test installs the hook as users get it, from a copy of this checkout,
into pre-commit's own virtualenv (about 45 s: pip installs Checkov there). See docs/usage.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from hipaa_checks.cli import main, precommit_targets
from tests.checkout import copy_checkout, git, git_env
from tests.scanning import ROOT

BIN = Path(sys.executable).parent
HOOK = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
SELECTED = ["--check", "HIPAA_AWS_001", "--check", "HIPAA_AWS_004"]  # the expected output stays exact as checks are added

TRAIL = 'resource "aws_cloudtrail" "main" {\n  name           = "main"\n  s3_bucket_name = aws_s3_bucket.store.id\n}\n'
BUCKET = 'resource "aws_s3_bucket" "store" {\n  bucket = "store-1234"\n}\n'
BUCKET_ENCRYPTED = BUCKET + '''
resource "aws_kms_key" "trail" {
  enable_key_rotation = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail" {
  bucket = aws_s3_bucket.store.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.trail.arn
    }
  }
}
'''


def log_group(name: str, days: str) -> str:
    return f'resource "aws_cloudwatch_log_group" "{name}" {{\n  name              = "{name}"\n  retention_in_days = {days}\n}}\n'


def write(root: Path, files: dict) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


@pytest.fixture(autouse=True)
def _no_inherited_config(monkeypatch):
    monkeypatch.delenv("HIPAA_CHECKS_CONFIG", raising=False)


def test_hook_manifest():
    assert HOOK["id"] == "hipaa-checks"
    assert HOOK["language"] == "python"
    assert HOOK["entry"] == "hipaa-checks pre-commit"
    assert HOOK["require_serial"] is True
    matches = [name for name in ("main.tf", "infra/logs.tf", "infra/main.tf.json", "plan.json", "tfplan.json",
                                 "plans/prod.tfplan.json", "prod-plan.json", "prod_plan.json", "package.json",
                                 "terraform.tfvars", "main.tf.bak", "airplan.json", "docs/plan.md")
               if re.search(HOOK["files"], name)]
    assert matches == ["main.tf", "infra/logs.tf", "infra/main.tf.json", "plan.json", "tfplan.json",
                       "plans/prod.tfplan.json", "prod-plan.json", "prod_plan.json"]


def test_files_map_to_module_directories_and_plans():
    files = ["infra/a.tf", "infra/b.tf.json", "infra/modules/x/main.tf", "infra/plan.json", "other/c.tf",
             "other/c.tf", "plans/prod.tfplan.json", "./other/d.tf"]
    assert precommit_targets(files) == [Path("infra"), Path("other"), Path("plans/prod.tfplan.json")]
    assert precommit_targets(["main.tf", "infra/a.tf"]) == [Path(".")]


def test_module_directory_is_scanned_whole_with_compact_output(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"infra/trail.tf": TRAIL, "infra/bucket.tf": BUCKET, "other/main.tf": log_group("other", "7"),
                     "alone/bucket.tf": BUCKET})
    monkeypatch.chdir(tmp_path)
    assert main(["pre-commit", "alone/bucket.tf", *SELECTED]) == 0  # no CloudTrail: not a log archive
    capsys.readouterr()
    assert main(["pre-commit", "infra/bucket.tf", *SELECTED]) == 1
    lines = capsys.readouterr().out.splitlines()
    # the bucket is a log archive only through the CloudTrail in infra/trail.tf, which was not named;
    # other/ was not named either, so its log group is not reported
    assert lines[0] == "FAILED HIPAA_AWS_004 aws_s3_bucket.store at infra/bucket.tf:1-3"
    assert lines[1].startswith("  found: aws_s3_bucket.store sets no default encryption")
    assert lines[2].startswith("  required: ")
    assert lines[3:] == [
        "hipaa-checks roles:",
        "  archive: 1 (1 by graph)",
        "hipaa-checks archive: 1 verdicts (0 passed, 1 failed)",
        "hipaa-checks: warning: no log stores found: retention was not evaluated",
        "hipaa-checks: 1 failed, 0 passed in infra",
    ]


def test_config_is_passed_through(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"mod/main.tf": 'variable "days" {}\n' + log_group("app", "var.days"),
                     "lenient.yaml": "unresolved: unknown\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["pre-commit", "mod/main.tf", "--check", "HIPAA_AWS_001"]) == 1
    assert "cannot be verified statically" in capsys.readouterr().out
    assert main(["pre-commit", "mod/main.tf", "--check", "HIPAA_AWS_001", "--config", "lenient.yaml"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "hipaa-checks: 0 failed, 0 passed in mod"


def test_errors_exit_2(tmp_path, monkeypatch, capsys):
    write(tmp_path, {"bad/main.tf": 'resource "aws_cloudwatch_log_group" "x" {\n  name = \n',
                     "good/main.tf": log_group("ok", "2192"), "wrong.yaml": "min_retention_days: soon\n"})
    monkeypatch.chdir(tmp_path)
    assert main(["pre-commit", "bad/main.tf"]) == 2
    assert "could not parse" in capsys.readouterr().err
    assert main(["pre-commit", "good/main.tf", "--config", "wrong.yaml"]) == 2
    assert "min_retention_days" in capsys.readouterr().err
    assert main(["pre-commit", "gone/main.tf"]) == 2
    assert main(["pre-commit", "good/main.tf", "--check", "HIPAA_NOPE_001"]) == 2
    assert "unknown or deselected check HIPAA_NOPE_001" in capsys.readouterr().err
    assert main(["pre-commit"]) == 0
    assert capsys.readouterr().out == "hipaa-checks: no Terraform files to check\n"


def test_git_commit_is_blocked_then_allowed_by_a_local_hook(tmp_path):
    env = git_env(tmp_path)
    env["PATH"] = f"{BIN}:{env.get('PATH', '')}"  # language: system finds the installed hipaa-checks here
    repo = tmp_path / "repo"
    config = {"repos": [{"repo": "local", "hooks": [{
        "id": HOOK["id"], "name": HOOK["name"], "entry": HOOK["entry"], "language": "system",
        "files": HOOK["files"], "require_serial": True, "args": SELECTED}]}]}
    write(repo, {".pre-commit-config.yaml": yaml.safe_dump(config, sort_keys=False),
                 "infra/trail.tf": TRAIL, "other/main.tf": log_group("other", "7")})
    git(repo, env, "init", "-q")
    git(repo, env, "add", "-A")
    git(repo, env, "commit", "-q", "-m", "start")  # no hook installed yet: other/ keeps its short retention
    subprocess.run([str(BIN / "pre-commit"), "install"], cwd=repo, env=env, check=True, capture_output=True)

    write(repo, {"infra/bucket.tf": BUCKET, "infra/logs.tf": log_group("app", "30")})
    git(repo, env, "add", "infra")
    blocked = subprocess.run(["git", "commit", "-m", "logs"], cwd=repo, env=env, capture_output=True, text=True,
                             check=False, timeout=300)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    lines = blocked.stderr.rstrip().splitlines()  # git gives a hook's output to stderr
    assert lines[0].startswith(f"{HOOK['name']}...") and lines[0].endswith("Failed")
    failed = [line for line in lines if line.startswith("FAILED ")]
    assert sorted(failed) == ["FAILED HIPAA_AWS_001 aws_cloudwatch_log_group.app at infra/logs.tf:1-4",
                              "FAILED HIPAA_AWS_004 aws_s3_bucket.store at infra/bucket.tf:1-3"]
    at = lines.index("FAILED HIPAA_AWS_001 aws_cloudwatch_log_group.app at infra/logs.tf:1-4")
    assert lines[at + 1:at + 3] == ["  found: retention_in_days = 30 days",
                                    "  required: retention_in_days >= 2192 days (six years)"]
    assert lines[-1] == "hipaa-checks: 2 failed, 0 passed in infra"
    assert "other" not in blocked.stderr

    write(repo, {"infra/bucket.tf": BUCKET_ENCRYPTED, "infra/logs.tf": log_group("app", "2192")})
    git(repo, env, "add", "infra")
    allowed = subprocess.run(["git", "commit", "-m", "logs"], cwd=repo, env=env, capture_output=True, text=True,
                             check=False, timeout=300)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert allowed.stderr.splitlines()[0].startswith(f"{HOOK['name']}...")
    assert allowed.stderr.splitlines()[0].endswith("Passed")
    assert git(repo, env, "log", "--format=%s").stdout.split() == ["logs", "start"]


def test_try_repo_installs_the_hook_from_this_checkout(tmp_path):
    env = git_env(tmp_path)
    env["PATH"] = f"{BIN}:{env.get('PATH', '')}"  # pre-commit builds the hook's virtualenv with this Python
    hook_repo = copy_checkout(tmp_path / "hipaa-checks", env)
    repo = tmp_path / "repo"
    write(repo, {"infra/trail.tf": TRAIL, "infra/bucket.tf": BUCKET, "infra/logs.tf": log_group("app", "30"),
                 "other/main.tf": log_group("other", "7")})
    git(repo, env, "init", "-q")
    git(repo, env, "add", "infra/logs.tf")
    run = subprocess.run([str(BIN / "pre-commit"), "try-repo", str(hook_repo), "hipaa-checks", "--verbose",
                          "--files", "infra/logs.tf"], cwd=repo, env=env, capture_output=True, text=True, check=False,
                         timeout=600)
    assert run.returncode == 1, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert any(line.startswith(f"{HOOK['name']}...") and line.endswith("Failed") for line in lines)
    failed = sorted(line for line in lines if line.startswith("FAILED "))
    # the whole of infra/ was scanned for the one file: the CloudTrail makes the bucket an archive
    assert "FAILED HIPAA_AWS_001 aws_cloudwatch_log_group.app at infra/logs.tf:1-4" in failed
    assert "FAILED HIPAA_AWS_004 aws_s3_bucket.store at infra/bucket.tf:1-3" in failed
    assert not [line for line in failed if "other" in line]
    assert re.search(r"^hipaa-checks: \d+ failed, \d+ passed in infra$", run.stdout, re.MULTILINE)
