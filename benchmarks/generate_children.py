"""Generate plausible children under five for benchmarks (not part of the test run).

Each child gets an age, sex and measurements drawn around the WHO medians: a
random z (mostly near 0, a few far out, so the restricted-LMS branch and the
flags are exercised) turned into a measurement with the LMS formula. Some
positions are unknown or wrong for the age, a few children have oedema and a
few values are missing, as in real Posyandu data.

    python benchmarks/generate_children.py 200000 /tmp/anak.csv
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from posyandu.growth import (  # noqa: E402
    HEIGHT_FROM_DAY,
    LAST_SCORED_DAY,
    MEASURE_LYING,
    MEASURE_STANDING,
)
from posyandu.growth.tables import AGE_ROWS, load_tables, sd_curve  # noqa: E402

COLUMNS = ("sex", "age_days", "weight_kg", "lenhei_cm", "measure", "headc_cm", "muac_cm", "oedema")


def _z(rng: np.random.Generator, n: int) -> np.ndarray:
    z = rng.normal(-0.3, 1.1, n)
    far = rng.random(n) < 0.01  # 1 % far out: restricted LMS, flags
    z[far] = rng.uniform(-7, 7, far.sum())
    return z


def _from_z(table, index: np.ndarray, z: np.ndarray) -> np.ndarray:
    """The measurement at z-score ``z``: the LMS formula solved for y."""
    with np.errstate(invalid="ignore"):
        return sd_curve(table.l.take(index), table.m.take(index), table.s.take(index), z)


def generate(n: int, seed: int = 0) -> dict[str, np.ndarray]:
    """n children as arrays ready for ``score_batch`` (measurements rounded to 0.1)."""
    rng = np.random.default_rng(seed)
    tables = load_tables()
    sex = rng.integers(1, 3, n)
    age_days = rng.integers(0, LAST_SCORED_DAY, n)
    index = sex * AGE_ROWS + age_days
    lenhei = _from_z(tables.lfa, index, _z(rng, n))
    weight = _from_z(tables.wfa, index, _z(rng, n))
    headc = _from_z(tables.hcfa, index, _z(rng, n))
    muac = _from_z(tables.acfa, index, _z(rng, n))  # NaN before day 91
    measure = np.where(age_days < HEIGHT_FROM_DAY, MEASURE_LYING, MEASURE_STANDING).astype(np.int8)
    wrong = rng.random(n) < 0.05
    measure[wrong] = MEASURE_LYING + MEASURE_STANDING - measure[wrong]
    measure[rng.random(n) < 0.03] = 0
    # A child measured standing is 0.7 cm shorter than lying, the other way round.
    lenhei = lenhei + np.where(measure == MEASURE_STANDING, -0.35, 0.35)
    values = {
        "sex": sex,
        "age_days": age_days.astype(float),
        "weight_kg": np.round(weight, 1),
        "lenhei_cm": np.round(lenhei, 1),
        "measure": measure,
        "headc_cm": np.round(headc, 1),
        "muac_cm": np.round(muac, 1),
        "oedema": rng.random(n) < 0.002,
    }
    for name in ("weight_kg", "lenhei_cm", "headc_cm", "muac_cm"):
        values[name][rng.random(n) < 0.02] = np.nan
    values["age_days"][rng.random(n) < 0.005] = np.nan
    return values


def _text(values: np.ndarray, decimal_comma: bool) -> list[str]:
    text = np.char.mod("%.1f", values).astype(object)
    text[np.isnan(values)] = ""
    if decimal_comma:
        text = np.char.replace(text.astype(str), ".", ",").astype(object)
    return text.tolist()


def write_csv(path: str | Path, n: int, seed: int = 0, decimal_comma: bool = True) -> Path:
    """A survey CSV as staff would export it: ``;`` and decimal commas by default."""
    values = generate(n, seed)
    ages = values["age_days"]
    columns = [
        values["sex"].astype(str).tolist(),
        [("" if np.isnan(a) else str(int(a))) for a in ages.tolist()],
        _text(values["weight_kg"], decimal_comma),
        _text(values["lenhei_cm"], decimal_comma),
        np.array(["", "l", "h"], dtype=object).take(values["measure"]).tolist(),
        _text(values["headc_cm"], decimal_comma),
        _text(values["muac_cm"], decimal_comma),
        np.where(values["oedema"], "y", "n").tolist(),
    ]
    path = Path(path)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";" if decimal_comma else ",")
        writer.writerow(COLUMNS)
        writer.writerows(zip(*columns, strict=True))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--titik",
        action="store_true",
        help="decimal point and ',' (default: ';' and decimal comma)",
    )
    args = parser.parse_args()
    write_csv(args.output, args.n, args.seed, decimal_comma=not args.titik)


if __name__ == "__main__":
    main()
