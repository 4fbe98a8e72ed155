"""Copies of this checkout and isolated git/pre-commit environments for the packaging and hook tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.scanning import ROOT


def git_env(tmp_path: Path) -> dict:
    """The environment for git and pre-commit: no user or system git config, pre-commit's cache in tmp_path."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PRE_COMMIT", "HIPAA_CHECKS_")) and key not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               PRE_COMMIT_COLOR="never", GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.com")
    return env


def git(cwd: Path, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True, timeout=60)


def copy_checkout(dest: Path, env: dict) -> Path:
    """This checkout as it would be committed (tracked and untracked files, ignored ones left out), committed
    into a new git repository at ``dest``. A copy, because pre-commit try-repo takes only tracked changes."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            env=env, check=True, capture_output=True, text=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)
    git(dest, env, "init", "-q")
    git(dest, env, "add", "-A")
    git(dest, env, "commit", "-q", "-m", "checkout copy")
    return dest
