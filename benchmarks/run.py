"""Our cost as a ratio of Checkov's own, and how it grows with the number of resources.

(a) Checkov built-ins + hipaa-checks  /  Checkov built-ins only
(b) hipaa-checks only (--check 'HIPAA_*')  /  one trivial built-in (the parse-and-graph floor)
Runs alternate within each repetition; the table shows medians of CPU seconds (user + system of the
Checkov process and its children: steadier than wall time on a shared machine), the wall-time ratio
for reference, and the peak RSS of each command.
Usage: python benchmarks/run.py [--sizes 100 1000 5000] [--repeat 3]
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
from generate import generate  # noqa: E402

POLICIES = HERE.parent / "policies"
CHECKOV = str(Path(sys.executable).with_name("checkov"))
COMMON = ["--framework", "terraform", "--skip-download", "--quiet", "--compact", "-o", "json"]
COMMANDS = {
    "builtins": [],
    "builtins+ours": ["--external-checks-dir", str(POLICIES)],
    "floor": ["--check", "CKV_AWS_338"],
    "ours": ["--external-checks-dir", str(POLICIES), "--check", "HIPAA_*"],
}


def measure(corpus: Path, extra: list) -> tuple:
    """CPU seconds, wall seconds and peak RSS (MiB) of one Checkov run."""
    start = time.perf_counter()
    # cwd=corpus: Checkov also reads .checkov.yaml from its working directory, and the repository root's
    # one adds our policies, which would leak into the built-in-only baselines.
    process = subprocess.Popen([CHECKOV, "-d", str(corpus), *COMMON, *extra], cwd=corpus,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"checkov failed on {corpus} with {extra}")
    return usage.ru_utime + usage.ru_stime, elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| resources | builtins CPU s | +ours CPU s | (a) ratio | floor CPU s | ours CPU s | (b) ratio "
          "| (a) / (b) wall ratio | peak MiB builtins / +ours / floor / ours |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for size in args.sizes:
        corpus = HERE / ".corpus" / str(size)
        shutil.rmtree(corpus, ignore_errors=True)
        count = generate(size, corpus)
        runs = {name: [] for name in COMMANDS}
        for _ in range(args.repeat):
            for name, extra in COMMANDS.items():
                runs[name].append(measure(corpus, extra))
        cpu = {name: statistics.median(run[0] for run in values) for name, values in runs.items()}
        wall = {name: statistics.median(run[1] for run in values) for name, values in runs.items()}
        peak = {name: max(run[2] for run in values) for name, values in runs.items()}
        print(f"| {count} | {cpu['builtins']:.1f} | {cpu['builtins+ours']:.1f} | "
              f"{cpu['builtins+ours'] / cpu['builtins']:.3f} | {cpu['floor']:.1f} | {cpu['ours']:.1f} | "
              f"{cpu['ours'] / cpu['floor']:.3f} | {wall['builtins+ours'] / wall['builtins']:.2f} / "
              f"{wall['ours'] / wall['floor']:.2f} | {peak['builtins']:.0f} / {peak['builtins+ours']:.0f} / "
              f"{peak['floor']:.0f} / {peak['ours']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
