"""Our cost as a ratio of Checkov's own, and how it grows with the number of resources.

(a) Checkov built-ins + hipaa-checks  /  Checkov built-ins only
(b) hipaa-checks only (--check 'HIPAA_*')  /  one trivial built-in (the parse-and-graph floor)
Runs alternate within each repetition; the table shows medians of CPU seconds (user + system of the
Checkov process and its children: steadier than wall time on a shared machine), the wall-time ratio
for reference, and the peak RSS of each command.
After the table it prints (c): our added CPU per resource at each size, and how each ratio moved from the
smallest size of 1,000 resources or more to the largest (flat per-resource cost means linear growth).
Usage: python benchmarks/run.py [--sizes 100 1000 5000] [--repeat 3]
       python benchmarks/run.py --repo path/to/terraform [--repeat 3]   (your own repository instead)
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


def row(label: str, corpus: Path, repeat: int) -> dict:
    """Measure the four commands on ``corpus``, alternating, print one table row; the CPU medians."""
    runs = {name: [] for name in COMMANDS}
    for _ in range(repeat):
        for name, extra in COMMANDS.items():
            runs[name].append(measure(corpus, extra))
    cpu = {name: statistics.median(run[0] for run in values) for name, values in runs.items()}
    wall = {name: statistics.median(run[1] for run in values) for name, values in runs.items()}
    peak = {name: max(run[2] for run in values) for name, values in runs.items()}
    print(f"| {label} | {cpu['builtins']:.1f} | {cpu['builtins+ours']:.1f} | "
          f"{cpu['builtins+ours'] / cpu['builtins']:.3f} | {cpu['floor']:.1f} | {cpu['ours']:.1f} | "
          f"{cpu['ours'] / cpu['floor']:.3f} | {wall['builtins+ours'] / wall['builtins']:.2f} / "
          f"{wall['ours'] / wall['floor']:.2f} | {peak['builtins']:.0f} / {peak['builtins+ours']:.0f} / "
          f"{peak['floor']:.0f} / {peak['ours']:.0f} |", flush=True)
    return cpu


def growth(measured: dict) -> None:
    """(c): our added CPU per resource, and the ratios' change across sizes of about 1,000 resources or more."""
    print("\n(c) growth")
    for count, cpu in measured.items():
        print(f"  {count} resources: +{1000 * (cpu['builtins+ours'] - cpu['builtins']) / count:.2f} ms CPU per resource "
              f"in (a), +{1000 * (cpu['ours'] - cpu['floor']) / count:.2f} in (b)")
    large = [count for count in measured if count >= 900]  # generated sizes round down to whole stacks
    if len(large) > 1:
        first, last = measured[min(large)], measured[max(large)]
        for name, ours, base in (("(a)", "builtins+ours", "builtins"), ("(b)", "ours", "floor")):
            print(f"  {name} ratio {first[ours] / first[base]:.3f} at {min(large)} -> "
                  f"{last[ours] / last[base]:.3f} at {max(large)} resources")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--repo", type=Path, help="measure this Terraform directory instead of generated ones")
    args = parser.parse_args()
    print("| resources | builtins CPU s | +ours CPU s | (a) ratio | floor CPU s | ours CPU s | (b) ratio "
          "| (a) / (b) wall ratio | peak MiB builtins / +ours / floor / ours |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|---|")
    if args.repo:
        row(str(args.repo), args.repo.resolve(), args.repeat)
        return
    measured = {}
    for size in args.sizes:
        corpus = HERE / ".corpus" / str(size)
        shutil.rmtree(corpus, ignore_errors=True)
        count = generate(size, corpus)
        measured[count] = row(str(count), corpus, args.repeat)
    growth(measured)


if __name__ == "__main__":
    main()
