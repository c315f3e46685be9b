"""Nutritional status by Permenkes 2/2020 (Standar Antropometri Anak), with its labels.

| index | categories (z on the value rounded to 2 decimals) |
|---|---|
| BB/U | < −3 · −3 to < −2 · −2 to +1 · > +1 |
| PB/U, TB/U | < −3 · −3 to < −2 · −2 to +3 · > +3 |
| BB/PB, BB/TB, IMT/U | < −3 · −3 to < −2 · −2 to +1 · > +1 to +2 · > +2 to +3 · > +3 |

Weight-for-age says "berat badan kurang", never "gizi kurang": the "gizi" words
belong to weight-for-length/height and BMI-for-age only.

For a child, ``categorize`` adds two rules on top of the cut-offs:

* a flagged z-score (WHO's implausible values) gets no category, as it is left
  out of every prevalence;
* a child with oedema, whose weight-based z-scores are blank, is placed in the
  lowest category of BB/U, BB/PB–BB/TB and IMT/U: WHO counts oedema as below
  −3 SD for those indices (domain.md §7).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .engine import BASIS_HEIGHT, BASIS_LENGTH, MAX_AGE_MONTHS, GrowthBatch

BB_U_LABELS = (
    "Berat badan sangat kurang",
    "Berat badan kurang",
    "Berat badan normal",
    "Risiko berat badan lebih",
)
TB_U_LABELS = ("Sangat pendek", "Pendek", "Normal", "Tinggi")
BB_TB_LABELS = (
    "Gizi buruk",
    "Gizi kurang",
    "Gizi baik",
    "Berisiko gizi lebih",
    "Gizi lebih",
    "Obesitas",
)
IMT_U_LABELS = BB_TB_LABELS

#: Code for "no category" in the code arrays.
NO_CATEGORY = -1


def _count_cuts(z, at_least: tuple[float, ...], above: tuple[float, ...]) -> np.ndarray:
    """Category code = number of cut-offs the z-score has passed (−1 where NaN).

    ``at_least`` are the lower bounds that are inclusive (−3, −2: "−3 to < −2"),
    ``above`` those that are exclusive ("> +1").
    """
    z = np.asarray(z, dtype=np.float64)
    code = np.zeros(z.shape, dtype=np.int8)
    for cut in at_least:  # comparisons with NaN are False, silently
        code += z >= cut
    for cut in above:
        code += z > cut
    code[np.isnan(z)] = NO_CATEGORY
    return code


def code_bb_u(z) -> np.ndarray:
    """Codes into ``BB_U_LABELS`` (−1 where z is NaN)."""
    return _count_cuts(z, (-3, -2), (1,))


def code_tb_u(z) -> np.ndarray:
    """Codes into ``TB_U_LABELS``; PB/U (under 24 months) and TB/U share them."""
    return _count_cuts(z, (-3, -2), (3,))


def code_bb_tb(z) -> np.ndarray:
    """Codes into ``BB_TB_LABELS``; also used for IMT/U, which has the same cut-offs."""
    return _count_cuts(z, (-3, -2), (1, 2, 3))


code_imt_u = code_bb_tb


def _label(code: int, labels: tuple[str, ...]) -> str | None:
    return None if code == NO_CATEGORY else labels[code]


def kategori_bb_u(z: float | None) -> str | None:
    """BB/U label of one z-score, by the cut-offs alone (no flag or oedema rule)."""
    return _label(int(code_bb_u([np.nan if z is None else z])[0]), BB_U_LABELS)


def kategori_tb_u(z: float | None) -> str | None:
    """PB/U–TB/U label of one z-score, by the cut-offs alone."""
    return _label(int(code_tb_u([np.nan if z is None else z])[0]), TB_U_LABELS)


def kategori_bb_tb(z: float | None) -> str | None:
    """BB/PB–BB/TB label of one z-score, by the cut-offs alone."""
    return _label(int(code_bb_tb([np.nan if z is None else z])[0]), BB_TB_LABELS)


def kategori_imt_u(z: float | None) -> str | None:
    """IMT/U label of one z-score, by the cut-offs alone."""
    return _label(int(code_imt_u([np.nan if z is None else z])[0]), IMT_U_LABELS)


def index_name_tb(basis: int) -> str | None:
    """ "PB/U" (length, under 24 months) or "TB/U" (height) for a ``lenhei_basis``."""
    return {BASIS_LENGTH: "PB/U", BASIS_HEIGHT: "TB/U"}.get(int(basis))


def index_name_bb_tb(basis: int) -> str | None:
    """ "BB/PB" or "BB/TB" for a ``lenhei_basis``."""
    return {BASIS_LENGTH: "BB/PB", BASIS_HEIGHT: "BB/TB"}.get(int(basis))


@dataclass(frozen=True, eq=False)
class Categories:
    """Category codes for a batch (−1: none); ``labels()`` turns them into text."""

    bb_u: np.ndarray
    tb_u: np.ndarray
    bb_tb: np.ndarray
    imt_u: np.ndarray

    def labels(self, name: str, blank: str | None = None) -> list[str | None]:
        """Labels of one index for every child, ``blank`` where there is none."""
        return _lookup(name, blank).take(getattr(self, name)).tolist()


_LABELS = {"bb_u": BB_U_LABELS, "tb_u": TB_U_LABELS, "bb_tb": BB_TB_LABELS, "imt_u": IMT_U_LABELS}


@cache
def _lookup(name: str, blank: str | None) -> np.ndarray:
    """Labels as an object array whose last item, taken by code −1, is ``blank``."""
    return np.array([*_LABELS[name], blank], dtype=object)


def categorize(batch: GrowthBatch) -> Categories:
    """Permenkes 2/2020 categories of every child in a batch (see module docstring)."""

    def unflagged(codes: np.ndarray, flag: np.ndarray) -> np.ndarray:
        return np.where(flag, NO_CATEGORY, codes).astype(np.int8)

    oedema = batch.oedema
    aged = batch.age_months < MAX_AGE_MONTHS  # False where there is no age
    no_age = np.isnan(batch.age_days)
    bb_u = unflagged(code_bb_u(batch.zwei), batch.fwei)
    bb_tb = unflagged(code_bb_tb(batch.zwfl), batch.fwfl)
    imt_u = unflagged(code_imt_u(batch.zbmi), batch.fbmi)
    # Oedema counts as below −3 SD for the weight-based indices (WHO, domain.md §7).
    bb_u[oedema & aged] = 0
    imt_u[oedema & aged] = 0
    bb_tb[oedema & (aged | no_age)] = 0
    return Categories(
        bb_u=bb_u,
        tb_u=unflagged(code_tb_u(batch.zlen), batch.flen),
        bb_tb=bb_tb,
        imt_u=imt_u,
    )
