"""The pre-commit hook's latency on a one-file change in a repository of many Terraform modules.

Generates a git repository of N module directories (default 200), each holding one small stack of
benchmarks/generate.py (about 20 resources, cross-referenced), commits it, then changes one file of one
module and stages it. Measures the wall time of `hipaa-checks pre-commit <that file>` (what the hook runs:
it scans that file's module only) against `checkov --version` (Checkov's start-up, the floor), alternating
the two within each repetition, and prints a markdown table of medians with the ratio.
Usage: python benchmarks/precommit_latency.py [--modules 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import RESOURCES_PER_STACK, stack  # noqa: E402

BIN = Path(sys.executable).parent
HOOK = str(BIN / "hipaa-checks")
CHECKOV = str(BIN / "checkov")
ENV = {key: value for key, value in os.environ.items() if not key.startswith(("GIT_", "HIPAA_CHECKS_"))}
ENV.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="bench",
           GIT_AUTHOR_EMAIL="bench@example.com", GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, env=ENV, check=True, capture_output=True)


def make_repository(repo: Path, modules: int) -> str:
    """The repository, committed, with one file changed and staged; returns that file's path in the repository."""
    shutil.rmtree(repo, ignore_errors=True)
    repo.mkdir(parents=True)
    for i in range(modules):
        module = repo / "modules" / f"m{i:03d}"
        module.mkdir(parents=True)
        (module / "main.tf").write_text(stack(i))
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "modules")
    changed = f"modules/m{modules // 2:03d}/main.tf"
    path = repo / changed
    path.write_text(path.read_text().replace("retention_in_days = 2192", "retention_in_days = 400", 1)
                    .replace("retention_in_days = 365", "retention_in_days = 400", 1))
    git(repo, "add", changed)
    staged = subprocess.run(["git", "diff", "--cached", "--name-only"], cwd=repo, env=ENV, check=True,
                            capture_output=True, text=True).stdout.split()
    assert staged == [changed], staged
    return changed


def wall(argv: list, cwd: Path, expect: int) -> float:
    start = time.perf_counter()
    run = subprocess.run(argv, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if run.returncode != expect:
        raise SystemExit(f"{argv} exited {run.returncode}, expected {expect}:\n{run.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--modules", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    repo = HERE / ".corpus" / f"precommit-{args.modules}"
    changed = make_repository(repo, args.modules)
    resources = args.modules * RESOURCES_PER_STACK
    commands = {
        f"`hipaa-checks pre-commit {changed}` (exit 1: findings)": ([HOOK, "pre-commit", changed], 1),
        "`checkov --version` (floor)": ([CHECKOV, "--version"], 0),
    }
    wall([HOOK, "pre-commit", changed], repo, 1)  # warm the file cache; not counted
    times = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, (argv, expect) in commands.items():
            times[name].append(wall(argv, repo, expect))
    medians = {name: statistics.median(values) for name, values in times.items()}
    floor = medians["`checkov --version` (floor)"]
    print(f"{args.modules} modules, {resources} resources; one staged file; median of {args.repeat} runs, alternated\n")
    print("| command | median wall s | min-max s | / floor |")
    print("|---|---:|---:|---:|")
    for name, values in times.items():
        print(f"| {name} | {medians[name]:.2f} | {min(values):.2f}-{max(values):.2f} | {medians[name] / floor:.2f} |")


if __name__ == "__main__":
    main()
