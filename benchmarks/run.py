"""Our cost as a ratio of Checkov's own, and how it grows with the number of resources.

(a) Checkov built-ins + hipaa-checks  /  Checkov built-ins only
(b) hipaa-checks only (--check 'HIPAA_*')  /  one trivial built-in (the parse-and-graph floor)
Runs alternate within each repetition; the table shows medians and peak RSS of each command.
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
    """Wall seconds and peak RSS (MiB) of one Checkov run."""
    start = time.perf_counter()
    process = subprocess.Popen([CHECKOV, "-d", str(corpus), *COMMON, *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"checkov failed on {corpus} with {extra}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print("| resources | builtins s | +ours s | (a) ratio | floor s | ours s | (b) ratio | peak MiB builtins / +ours / floor / ours |")
    print("|---:|---:|---:|---:|---:|---:|---:|---|")
    for size in args.sizes:
        corpus = HERE / ".corpus" / str(size)
        shutil.rmtree(corpus, ignore_errors=True)
        count = generate(size, corpus)
        times = {name: [] for name in COMMANDS}
        peaks = {name: 0.0 for name in COMMANDS}
        for _ in range(args.repeat):
            for name, extra in COMMANDS.items():
                seconds, peak = measure(corpus, extra)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
        med = {name: statistics.median(values) for name, values in times.items()}
        print(f"| {count} | {med['builtins']:.1f} | {med['builtins+ours']:.1f} | "
              f"{med['builtins+ours'] / med['builtins']:.3f} | {med['floor']:.1f} | {med['ours']:.1f} | "
              f"{med['ours'] / med['floor']:.3f} | {peaks['builtins']:.0f} / {peaks['builtins+ours']:.0f} / "
              f"{peaks['floor']:.0f} / {peaks['ours']:.0f} |", flush=True)


if __name__ == "__main__":
    main()
