"""One child at a time, for a measurement form: the batch engine on arrays of one.

There is deliberately no second implementation of the WHO rules here: the
inputs are checked and turned into length-1 arrays, ``score_batch`` does the
work, and the result is unpacked into Python values.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

import numpy as np

from .categories import categorize, index_name_bb_tb, index_name_tb
from .codes import MEASURE_LETTERS, measure_code, oedema_flag, sex_code
from .engine import score_batch

Number = int | float | Decimal


@dataclass(frozen=True)
class ChildScores:
    """A child's WHO z-scores (None where not computable) and Permenkes categories.

    ``f*`` are WHO's flags for implausible values (None with their z-score).
    ``c9mo_flag``: measured standing under 9 months, so the position was
    treated as unknown. ``indeks_tb`` / ``indeks_bb_tb`` say whether the length
    indices are PB/U and BB/PB (lying, under 24 months) or TB/U and BB/TB.
    """

    age_days: int | None
    age_months: float | None
    cmeasure: str | None
    c9mo_flag: bool
    clenhei: float | None
    cbmi: float | None
    zlen: float | None
    zwei: float | None
    zwfl: float | None
    zbmi: float | None
    zhc: float | None
    zac: float | None
    flen: bool | None
    fwei: bool | None
    fwfl: bool | None
    fbmi: bool | None
    fhc: bool | None
    fac: bool | None
    indeks_tb: str | None
    indeks_bb_tb: str | None
    kategori_bb_u: str | None
    kategori_tb_u: str | None
    kategori_bb_tb: str | None
    kategori_imt_u: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def _number(value: Number | str | None, name: str) -> float:
    if value is None or value == "":
        return math.nan
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{name} harus berupa angka, bukan {type(value).__name__}")
    number = float(value)
    if math.isinf(number):
        raise ValueError(f"{name} bukan angka yang sah")
    return number  # NaN means missing, as None does


def _optional(value: float) -> float | None:
    return None if math.isnan(value) else value


def score_child(
    sex: int | str,
    *,
    age_days: Number | None = None,
    age_months: Number | None = None,
    birth_date: date | None = None,
    measured_on: date | None = None,
    weight_kg: Number | None = None,
    lenhei_cm: Number | None = None,
    measure: str | int | None = None,
    headc_cm: Number | None = None,
    muac_cm: Number | None = None,
    oedema: bool | str = False,
) -> ChildScores:
    """Score one child by WHO's rules (domain.md §6) and classify by Permenkes 2/2020.

    Give the age as ``birth_date`` + ``measured_on`` (preferred: exact days),
    ``age_days`` or ``age_months``, or not at all (then only weight-for-length/
    height is computed). ``sex`` and ``measure`` take the codes of ``codes.py``
    (1/2, L/P; l/h, telentang/berdiri). Raises ``ValueError`` for a bad sex,
    position or oedema code, a negative age or half a pair of dates.
    """
    sex = sex_code(sex)
    if (birth_date is None) != (measured_on is None):
        raise ValueError("tanggal lahir dan tanggal ukur harus diisi keduanya")
    if birth_date is not None:
        days = (measured_on - birth_date).days
        if days < 0:
            raise ValueError("tanggal ukur sebelum tanggal lahir")
        age_days = days
    batch = score_batch(
        np.array([sex]),
        age_days=np.array([_number(age_days, "age_days")]),
        age_months=np.array([_number(age_months, "age_months")]),
        weight_kg=np.array([_number(weight_kg, "weight_kg")]),
        lenhei_cm=np.array([_number(lenhei_cm, "lenhei_cm")]),
        measure=np.array([measure_code(measure)], dtype=np.int8),
        headc_cm=np.array([_number(headc_cm, "headc_cm")]),
        muac_cm=np.array([_number(muac_cm, "muac_cm")]),
        oedema=np.array([oedema_flag(oedema)]),
    )
    categories = categorize(batch)
    values = batch.row(0)
    z = {name: _optional(values[name]) for name in ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")}
    flags = {
        "f" + name[1:]: None if z[name] is None else bool(values["f" + name[1:]]) for name in z
    }
    basis = values["lenhei_basis"]
    return ChildScores(
        age_days=None if math.isnan(values["age_days"]) else int(values["age_days"]),
        age_months=_optional(values["age_months"]),
        cmeasure=MEASURE_LETTERS[values["cmeasure"]],
        c9mo_flag=bool(values["c9mo_flag"]),
        clenhei=_optional(values["clenhei"]),
        cbmi=_optional(values["cbmi"]),
        **z,
        **flags,
        indeks_tb=index_name_tb(basis),
        indeks_bb_tb=index_name_bb_tb(basis),
        kategori_bb_u=categories.labels("bb_u")[0],
        kategori_tb_u=categories.labels("tb_u")[0],
        kategori_bb_tb=categories.labels("bb_tb")[0],
        kategori_imt_u=categories.labels("imt_u")[0],
    )
