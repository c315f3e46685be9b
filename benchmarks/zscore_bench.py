"""How fast is the WHO engine? (issue 3; not part of the test run)

    .venv/bin/python benchmarks/zscore_bench.py            # full sizes
    .venv/bin/python benchmarks/zscore_bench.py --quick    # a tenth of them

Measures, in one run and on one core:

1. the batch path (``score_batch``, all six indices and flags) on 1,000,000
   generated children held in numpy arrays;
2. the one-child path (``score_child``) over 10,000 children;
3. pygrowup2's own functions (Decimal arithmetic) over 20,000 children, all six
   indices, as the baseline;
4. the whole ``manage.py zscore`` command (a new process: Django start-up,
   reading, parsing, scoring, writing) on a 200,000-row CSV with decimal commas.

Targets: batch ≥ 1,000,000 children/s; one child < 1 ms; the command ≥ 20 × pygrowup2.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate_children import generate, write_csv  # noqa: E402
from posyandu.growth import score_batch, score_child  # noqa: E402
from posyandu.growth.tables import load_tables  # noqa: E402


def best_of(runs: int, work) -> float:
    """Fastest of ``runs`` timings, in seconds (the others include noise)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bench_batch(n: int) -> float:
    children = generate(n, seed=1)
    score_batch(**{k: v[:10_000] for k, v in children.items()})  # warm up
    return n / best_of(3, lambda: score_batch(**children))


def bench_single(n: int) -> float:
    children = generate(n, seed=2)
    rows = [
        {
            "sex": int(children["sex"][i]),
            "age_days": None
            if np.isnan(children["age_days"][i])
            else float(children["age_days"][i]),
            "weight_kg": float(children["weight_kg"][i]),
            "lenhei_cm": float(children["lenhei_cm"][i]),
            "measure": int(children["measure"][i]),
            "headc_cm": float(children["headc_cm"][i]),
            "muac_cm": float(children["muac_cm"][i]),
            "oedema": bool(children["oedema"][i]),
        }
        for i in range(n)
    ]

    def work():
        for row in rows:
            score_child(**row)

    return n / best_of(2, work)


def bench_pygrowup(n: int) -> float:
    """pygrowup2's Observation API: the same six indices, skipping what it refuses."""
    warnings.simplefilter("ignore")
    from pygrowup import Observation

    children = generate(n, seed=3)
    sexes = np.where(children["sex"] == 1, "male", "female")
    rows = list(
        zip(
            sexes.tolist(),
            children["age_days"].tolist(),
            children["weight_kg"].tolist(),
            children["lenhei_cm"].tolist(),
            children["measure"].tolist(),
            children["headc_cm"].tolist(),
            children["muac_cm"].tolist(),
            strict=True,
        )
    )

    def one(sex, days, weight, lenhei, measure, headc, muac):
        try:
            child = Observation(sex=sex, age_in_days=int(days))
        except Exception:  # noqa: BLE001 - it needs an age, and refuses day 0
            return
        young = days < 731
        calls = (
            lambda: child.wfa(weight),
            lambda: child.lhfa(lenhei, recumbent=measure == 1),
            lambda: child.wfl(weight, lenhei) if young else child.wfh(weight, lenhei),
            lambda: child.bmifa(weight / (lenhei / 100) ** 2),
            lambda: child.hcfa(headc),
            lambda: child.acfa(muac),
        )
        for call in calls:
            with contextlib.suppress(Exception):  # out of its ranges, NaN inputs
                call()

    def work():
        for row in rows:
            one(*row)

    return n / best_of(2, work)


def bench_command(n: int) -> tuple[float, float]:
    """Children/s of the whole command in a new process, and its wall time."""
    with tempfile.TemporaryDirectory() as tmp:
        source = write_csv(Path(tmp) / "anak.csv", n, seed=4)
        output = Path(tmp) / "hasil.csv"
        command = [
            sys.executable,
            str(ROOT / "manage.py"),
            "zscore",
            str(source),
            "-o",
            str(output),
        ]
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "tpps.settings"),
        }
        subprocess.run(
            command, check=True, capture_output=True, cwd=ROOT, env=env
        )  # warm the disk cache
        seconds = best_of(
            2, lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)
        )
    return n / seconds, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="WHO z-score engine benchmark")
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    args = parser.parse_args()
    scale = 10 if args.quick else 1
    sizes = {
        "batch": 1_000_000 // scale,
        "single": 10_000 // scale,
        "pygrowup": 20_000 // scale,
        "command": 200_000 // scale,
    }
    load_tables()

    print("Mengukur… (satu inti CPU)", flush=True)
    batch = bench_batch(sizes["batch"])
    print(f"  batch: {batch:,.0f} anak/detik", flush=True)
    single = bench_single(sizes["single"])
    print(f"  satu anak: {1e6 / single:,.0f} µs/anak", flush=True)
    baseline = bench_pygrowup(sizes["pygrowup"])
    print(f"  pygrowup2: {baseline:,.0f} anak/detik", flush=True)
    command, seconds = bench_command(sizes["command"])
    print(f"  perintah zscore: {command:,.0f} anak/detik ({seconds:.2f} detik)", flush=True)

    def ok(passed: bool) -> str:
        return "ya" if passed else "TIDAK"

    print()
    print("| jalur | data | anak/detik | × pygrowup2 | target | tercapai |")
    print("|---|---|---:|---:|---|---|")
    print(
        f"| `score_batch` (larik numpy) | {sizes['batch']:,} anak | {batch:,.0f} | {batch / baseline:,.0f}× "
        f"| ≥ 1.000.000/detik | {ok(batch >= 1_000_000)} |"
    )
    print(
        f"| `score_child` (satu anak) | {sizes['single']:,} anak | {single:,.0f} ({1e6 / single:,.0f} µs/anak) "
        f"| {single / baseline:,.1f}× | < 1 ms/anak | {ok(single > 1_000)} |"
    )
    print(
        f"| `manage.py zscore` (CSV, seluruh proses) | {sizes['command']:,} baris | {command:,.0f} "
        f"| {command / baseline:,.0f}× | ≥ 20× pygrowup2 | {ok(command >= 20 * baseline)} |"
    )
    print(
        f"| pygrowup2 (fungsinya sendiri) | {sizes['pygrowup']:,} anak | {baseline:,.0f} | 1× | — | — |"
    )


if __name__ == "__main__":
    main()
