"""WHO z-scores for many children at once: every rule of domain.md §6 on numpy arrays.

This is the one implementation; ``score_child`` (``child.py``) runs it on arrays
of length one. The rules are those of WHO's ``anthro`` R package (which WHO
Anthro shares), reproduced expression by expression where floating point could
make a difference to the second decimal:

* age in days, rounded half up; months → days × 30.4375; nothing from 60 months;
* the 0.7 cm length/height adjustment at 731 days, standing under 9 months;
* LMS, restricted beyond ±3 SD for the weight-based indices and MUAC;
* weight-for-length/height by age (or position, or length when there is no
  age), interpolated between 0.1 cm rows;
* R's ``round(z, 2)``, then the flags on the rounded value.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from .tables import AGE_ROWS, MAX_AGE_DAYS, AgeTable, LengthTable, load_tables, sd_curve

#: WHO's days per month (365.25 / 12).
DAYS_PER_MONTH = 30.4375

#: Children are scored while younger than 60 months (unrounded age in months).
MAX_AGE_MONTHS = 60

#: The last whole day of age scored: 60 months are 1826.25 days, so day 1826 is the last.
#: Counts "of children 0–59 months" over stored ages (``Pengukuran.umur_hari``) use it.
LAST_SCORED_DAY = int(MAX_AGE_MONTHS * DAYS_PER_MONTH)

#: Length is measured lying before 731 days and height standing from 731 days.
HEIGHT_FROM_DAY = 731
LENHEI_ADJUSTMENT_CM = 0.7

#: Standing under 9 months is implausible: position treated as unknown, flagged.
STANDING_FROM_MONTHS = 9

#: MUAC-for-age starts at 3 months (day 91).
MUAC_FROM_DAY = 91

#: Without an age, weight-for-length is used below 87 cm, weight-for-height above.
NO_AGE_HEIGHT_FROM_CM = 87

MEASURE_UNKNOWN = 0
MEASURE_LYING = 1  # "l": recumbent length
MEASURE_STANDING = 2  # "h": standing height

#: Which weight-for-length/height table, and so BB/PB vs BB/TB, PB/U vs TB/U.
BASIS_NONE = 0
BASIS_LENGTH = 1
BASIS_HEIGHT = 2

#: WHO's flag limits on the rounded z-score: flagged when z < low or z > high.
FLAG_LIMITS = {
    "len": (-6.0, 6.0),
    "wei": (-6.0, 5.0),
    "wfl": (-5.0, 5.0),
    "bmi": (-5.0, 5.0),
    "hc": (-5.0, 5.0),
    "ac": (-5.0, 5.0),
}
INDICES = tuple(FLAG_LIMITS)


@dataclass(frozen=True, eq=False)
class GrowthBatch:
    """Results for n children; NaN where a value is not computable.

    A flag (``f*``) is meaningful only where its z-score is not NaN: writers
    leave it blank there, as WHO does.
    """

    age_days: np.ndarray  # rounded days used for the table row, float (NaN: no age)
    age_months: np.ndarray  # unrounded months used for the 60- and 9-month limits
    oedema: np.ndarray  # bool
    cmeasure: np.ndarray  # int8: MEASURE_* after the 9-month rule
    c9mo_flag: np.ndarray  # bool: measured standing under 9 months
    lenhei_basis: np.ndarray  # int8: BASIS_*, the weight-for-length/height table used (if any)
    clenhei: np.ndarray
    cbmi: np.ndarray
    zlen: np.ndarray
    zwei: np.ndarray
    zwfl: np.ndarray
    zbmi: np.ndarray
    zhc: np.ndarray
    zac: np.ndarray
    flen: np.ndarray
    fwei: np.ndarray
    fwfl: np.ndarray
    fbmi: np.ndarray
    fhc: np.ndarray
    fac: np.ndarray

    def __len__(self) -> int:
        return len(self.zlen)

    def row(self, i: int) -> dict[str, float | int | bool]:
        """One child's values as Python scalars (NaN kept as NaN)."""
        return {f.name: getattr(self, f.name)[i].item() for f in fields(self)}


def round_half_up(x: np.ndarray) -> np.ndarray:
    """WHO's ``round_up`` for ages: fractions of .5 and above go up (x ≥ 0)."""
    floor = np.floor(x)
    return floor + ((x - floor) >= 0.5)


def round_r(z: np.ndarray, digits: int = 2) -> np.ndarray:
    """R's ``round(z, digits)`` (R ≥ 4.0, ``fround``), element by element.

    R picks whichever of the two decimal neighbours is nearer in double
    arithmetic and breaks exact ties to even; ``numpy.round`` (scale, rint,
    unscale) can differ from it in the last digit. Negative zero becomes zero.
    """
    pow10 = 10.0**digits
    z = np.asarray(z, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        x = np.abs(z)
        x10 = x * pow10
        i10 = np.floor(x10)
        down = i10 / pow10
        up = np.ceil(x10)
        np.divide(up, pow10, out=up)
        du = up - x
        dd = np.subtract(x, down, out=x10)
        rounded = np.where(du < dd, up, down)
        # Exact ties go to the even neighbour; they are rare, so look at them alone.
        ties = np.flatnonzero(du == dd)
    if ties.size:
        odd = np.fmod(i10.ravel()[ties], 2.0) == 1.0
        rounded.ravel()[ties] = np.where(odd, up.ravel()[ties], down.ravel()[ties])
    # ±Inf and NaN pass through (inf − inf is NaN, so "down" = x is kept);
    # copysign restores the sign and + 0.0 turns -0.0 into 0.0, as R prints it.
    np.copysign(rounded, z, out=rounded)
    rounded += 0.0
    return rounded


def _float_array(values, n: int | None, name: str) -> np.ndarray:
    if values is None:
        return np.full(n if n is not None else 0, np.nan)
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1 or (n is not None and len(array) != n):
        raise ValueError(f"{name}: harus larik 1 dimensi dengan {n} nilai")
    return array


def _positive(values: np.ndarray) -> np.ndarray:
    """WHO: a measurement ≤ 0 (or missing) gives no z-score for its index."""
    return np.where(values > 0, values, np.nan)


def _lms_z(y, l, m, s) -> np.ndarray:
    """z = ((y/M)^L − 1) / (L·S), in WHO's order of operations."""
    return ((y / m) ** l - 1) / (s * l)


def _restricted(z, y, sd3pos, sd23pos, sd3neg, sd23neg) -> np.ndarray:
    """WHO's restricted LMS for z beyond ±3 SD (all arrays the same length):
    outside the ±3 SD curves the distance between the 2 and 3 SD curves is the
    unit, so extreme weights are not squeezed towards ±3 by the skewed LMS tail."""
    return np.where(z > 3, 3 + (y - sd3pos) / sd23pos, -3 + (y - sd3neg) / sd23neg)


def _age_index_z(table: AgeTable, y: np.ndarray, index: np.ndarray, z: np.ndarray) -> None:
    """Unrounded z-score of an age-based index, written into ``z``.

    ``index`` is ``sex * AGE_ROWS + day``, or a NaN row of the table when the
    child cannot be scored (no age, 60 months or more, unknown sex)."""
    l, m, s = table.l.take(index), table.m.take(index), table.s.take(index)
    z[:] = _lms_z(y, l, m, s)
    if table.sd3pos is not None:
        beyond = np.flatnonzero(np.abs(z) > 3)
        if beyond.size:
            rows = index[beyond]
            z[beyond] = _restricted(
                z[beyond],
                y[beyond],
                table.sd3pos.take(rows),
                table.sd23pos.take(rows),
                table.sd3neg.take(rows),
                table.sd23neg.take(rows),
            )


def _lenhei_z(
    table: LengthTable,
    weight: np.ndarray,
    lenhei: np.ndarray,
    sex: np.ndarray,
    chosen: np.ndarray,
    out: np.ndarray,
) -> None:
    """Unrounded weight-for-length/height z of the children at positions
    ``chosen``, written into ``out`` (children outside the table's range are left).

    Between two 0.1 cm rows L, M and S are interpolated linearly, the lower row
    being the length truncated to 0.1 cm, exactly as WHO's ``anthro`` does:
    ``low = trunc(x·10)/10``, ``diff = (x − low)/0.1``.
    """
    x = lenhei[chosen]
    with np.errstate(invalid="ignore"):
        inside = (x >= table.min_cm) & (x <= table.max_cm)
    chosen, x = chosen[inside], x[inside]
    tenths = np.trunc(x * 10)
    diff = (x - tenths / 10) / 0.1
    row = tenths.astype(np.int64) - table.first_tenth
    lower = sex[chosen] * table.rows + row
    upper = sex[chosen] * table.rows + np.minimum(row + 1, table.rows - 1)
    interpolate = diff > 0
    l, m, s = (
        np.where(interpolate, lo + diff * (column.take(upper) - lo), lo)
        for column in (table.l, table.m, table.s)
        for lo in (column.take(lower),)
    )
    y = weight[chosen]
    z = _lms_z(y, l, m, s)
    beyond = np.flatnonzero(np.abs(z) > 3)
    if beyond.size:
        lb, mb, sb = l[beyond], m[beyond], s[beyond]
        sd3pos, sd3neg = sd_curve(lb, mb, sb, 3), sd_curve(lb, mb, sb, -3)
        z[beyond] = _restricted(
            z[beyond],
            y[beyond],
            sd3pos,
            sd3pos - sd_curve(lb, mb, sb, 2),
            sd3neg,
            sd_curve(lb, mb, sb, -2) - sd3neg,
        )
    out[chosen] = z


def _flag(z: np.ndarray, name: str) -> np.ndarray:
    low, high = FLAG_LIMITS[name]
    return (z < low) | (z > high)


def score_batch(
    sex,
    *,
    age_days=None,
    age_months=None,
    weight_kg=None,
    lenhei_cm=None,
    measure=None,
    headc_cm=None,
    muac_cm=None,
    oedema=None,
) -> GrowthBatch:
    """Score n children; every argument is a 1-D array of length n (or None).

    ``sex``: 1 male, 2 female, anything else unknown (no z-score).
    ``age_days`` / ``age_months``: NaN where unknown; where both are given the
    days win. With neither, only weight-for-length/height is computed.
    ``measure``: ``MEASURE_LYING`` (1), ``MEASURE_STANDING`` (2) or 0 unknown.
    ``oedema``: bool; oedema blanks the weight-based z-scores (WAZ, WHZ, BAZ).
    Raises ``ValueError`` for a negative age.
    """
    tables = load_tables()
    sex = np.asarray(sex)
    n = len(sex)
    sex = np.where((sex == 1) | (sex == 2), sex, 0).astype(np.int64)

    days_in = _float_array(age_days, n, "age_days")
    months_in = _float_array(age_months, n, "age_months")
    if (days_in < 0).any() or (months_in < 0).any():
        raise ValueError("umur tidak boleh negatif")
    from_months = np.isnan(days_in) & ~np.isnan(months_in)
    # WHO: days from months are months × 30.4375 rounded half up; months from
    # days are the unrounded days / 30.4375. The 60- and 9-month limits use the
    # unrounded months, the table row the rounded days.
    raw_days = np.where(from_months, months_in * DAYS_PER_MONTH, days_in)
    months = np.where(from_months, months_in, days_in / DAYS_PER_MONTH)
    days = round_half_up(raw_days)
    has_age = ~np.isnan(days)
    scorable_age = (days <= MAX_AGE_DAYS) & (months < MAX_AGE_MONTHS)  # False without an age
    day = np.where(scorable_age, days, 0).astype(np.int64)
    # Row 0 of every table is unknown sex, all NaN: where the age cannot be
    # scored (none, 60 months or more) the lookup yields NaN, as WHO's join does.
    age_index = np.where(scorable_age, sex * AGE_ROWS + day, 0)

    oedema = np.zeros(n, dtype=bool) if oedema is None else np.asarray(oedema, dtype=bool)
    measure = np.zeros(n, np.int8) if measure is None else np.asarray(measure, dtype=np.int8)
    c9mo = (measure == MEASURE_STANDING) & (months < STANDING_FROM_MONTHS)
    cmeasure = np.where(c9mo, MEASURE_UNKNOWN, measure).astype(np.int8)

    # All z-scores are length-based under 731 days and height-based from 731 days.
    young = days < HEIGHT_FROM_DAY
    old = days >= HEIGHT_FROM_DAY
    lenhei = _positive(_float_array(lenhei_cm, n, "lenhei_cm"))
    clenhei = np.where(
        young & (cmeasure == MEASURE_STANDING),
        lenhei + LENHEI_ADJUSTMENT_CM,
        np.where(old & (cmeasure == MEASURE_LYING), lenhei - LENHEI_ADJUSTMENT_CM, lenhei),
    )
    clenhei = _positive(clenhei)
    weight = _positive(_float_array(weight_kg, n, "weight_kg"))
    weight_ok = np.where(oedema, np.nan, weight)
    cbmi = weight / (clenhei / 100) ** 2

    # Weight-for-length or -for-height: by age; without an age by position,
    # or with no position either by the length (< 87 cm: length).
    no_age_basis = np.where(
        cmeasure == MEASURE_LYING,
        BASIS_LENGTH,
        np.where(
            cmeasure == MEASURE_STANDING,
            BASIS_HEIGHT,
            np.where(clenhei < NO_AGE_HEIGHT_FROM_CM, BASIS_LENGTH, BASIS_HEIGHT),
        ),
    )
    basis = np.where(has_age, np.where(young, BASIS_LENGTH, BASIS_HEIGHT), no_age_basis)
    # Without an age WHO still scores weight-for-length/height; with one, only under 60 months.
    basis = np.where((~has_age | scorable_age) & ~np.isnan(clenhei), basis, BASIS_NONE).astype(
        np.int8
    )
    wfl_ready = (sex > 0) & ~np.isnan(weight_ok)

    # The six z-scores share one (6, n) array so that they are rounded in one pass.
    z = np.full((len(INDICES), n), np.nan)
    zlen, zwei, zwfl, zbmi, zhc, zac = z
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        _age_index_z(tables.lfa, clenhei, age_index, zlen)
        _age_index_z(tables.wfa, weight_ok, age_index, zwei)
        _age_index_z(tables.bmifa, np.where(oedema, np.nan, cbmi), age_index, zbmi)
        _age_index_z(tables.hcfa, _positive(_float_array(headc_cm, n, "headc_cm")), age_index, zhc)
        muac_index = np.where(days >= MUAC_FROM_DAY, age_index, 0)
        _age_index_z(tables.acfa, _positive(_float_array(muac_cm, n, "muac_cm")), muac_index, zac)
        for code, table in ((BASIS_LENGTH, tables.wfl), (BASIS_HEIGHT, tables.wfh)):
            chosen = np.flatnonzero(wfl_ready & (basis == code))
            if chosen.size:
                _lenhei_z(table, weight_ok, clenhei, sex, chosen, zwfl)

    # WHO rounds every z-score to 2 decimals and flags the rounded value.
    zlen, zwei, zwfl, zbmi, zhc, zac = round_r(z)
    return GrowthBatch(
        age_days=days,
        age_months=months,
        oedema=oedema,
        cmeasure=cmeasure,
        c9mo_flag=c9mo,
        lenhei_basis=basis,
        clenhei=clenhei,
        cbmi=cbmi,
        zlen=zlen,
        zwei=zwei,
        zwfl=zwfl,
        zbmi=zbmi,
        zhc=zhc,
        zac=zac,
        flen=_flag(zlen, "len"),
        fwei=_flag(zwei, "wei"),
        fwfl=_flag(zwfl, "wfl"),
        fbmi=_flag(zbmi, "bmi"),
        fhc=_flag(zhc, "hc"),
        fac=_flag(zac, "ac"),
    )
