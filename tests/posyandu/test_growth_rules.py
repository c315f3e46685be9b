# ruff: noqa: E741 - l, m, s are the LMS method's own names
"""Every rule of domain.md §6, tested from the rule itself.

Expected values are built from the LMS tables with the formulas of the rule
(``lms_z`` / ``restricted_z`` below, written independently of the engine), or
are values published in the tests of WHO's own ``anthro`` package.
"""

import math

import numpy as np
import pytest

from posyandu.growth import score_batch, score_child
from posyandu.growth.tables import AGE_ROWS, SEX_FEMALE, SEX_MALE, load_tables

T = load_tables()


def lms(table: str, sex: int, key: int) -> tuple[float, float, float]:
    """L, M, S of an age table at a day, or a length table at a length in tenths of a cm."""
    t = getattr(T, table)
    index = (
        sex * AGE_ROWS + key if table not in ("wfl", "wfh") else sex * t.rows + key - t.first_tenth
    )
    return float(t.l[index]), float(t.m[index]), float(t.s[index])


def sd(l: float, m: float, s: float, k: float) -> float:
    return m * (1 + l * s * k) ** (1 / l)


def lms_z(y: float, l: float, m: float, s: float) -> float:
    return ((y / m) ** l - 1) / (s * l)


def restricted_z(y: float, l: float, m: float, s: float) -> float:
    z = lms_z(y, l, m, s)
    if z > 3:
        return 3 + (y - sd(l, m, s, 3)) / (sd(l, m, s, 3) - sd(l, m, s, 2))
    if z < -3:
        return -3 + (y - sd(l, m, s, -3)) / (sd(l, m, s, -2) - sd(l, m, s, -3))
    return z


# --- the LMS method: the median is 0, the SD curves are whole z-scores -------------------

AGE_INDICES = [
    ("lfa", "lenhei_cm", "zlen"),
    ("wfa", "weight_kg", "zwei"),
    ("hcfa", "headc_cm", "zhc"),
    ("acfa", "muac_cm", "zac"),
]


@pytest.mark.parametrize("table,field,zname", AGE_INDICES)
@pytest.mark.parametrize("sex", [SEX_MALE, SEX_FEMALE])
@pytest.mark.parametrize("day", [91, 365, 730, 731, 1200, 1826])
def test_median_gives_zero_and_sd_curves_give_whole_z(table, field, zname, sex, day):
    l, m, s = lms(table, sex, day)
    # Lying under 731 days and standing from 731, so the length is not adjusted.
    measure = "l" if day < 731 else "h"
    for k in (0, -3, -2, -1, 1, 2, 3):
        child = score_child(sex, age_days=day, measure=measure, **{field: sd(l, m, s, k)})
        assert getattr(child, zname) == k


@pytest.mark.parametrize("day", [0, 400, 1500])
def test_bmi_median_and_sd_curves(day):
    l, m, s = lms("bmifa", SEX_FEMALE, day)
    lenhei = 80.0 if day < 731 else 100.0
    for k in (0, -3, -2, -1, 1, 2, 3):
        weight = sd(l, m, s, k) * (lenhei / 100) ** 2
        child = score_child(
            2, age_days=day, weight_kg=weight, lenhei_cm=lenhei, measure="l" if day < 731 else "h"
        )
        assert child.zbmi == k


@pytest.mark.parametrize(
    "table,lenhei_tenths,day",
    [
        ("wfl", 450, 100),
        ("wfl", 803, 600),
        ("wfl", 1100, 700),
        ("wfh", 650, 800),
        ("wfh", 1047, 1500),
        ("wfh", 1200, 1800),
    ],
)
def test_weight_for_length_median_and_sd_curves(table, lenhei_tenths, day):
    l, m, s = lms(table, SEX_MALE, lenhei_tenths)
    for k in (0, -3, -2, -1, 1, 2, 3):
        child = score_child(
            1,
            age_days=day,
            lenhei_cm=lenhei_tenths / 10,
            measure="l" if day < 731 else "h",
            weight_kg=sd(l, m, s, k),
        )
        assert child.zwfl == k


# --- restricted LMS beyond ±3 SD --------------------------------------------------------------


@pytest.mark.parametrize("k", [3.37, 4.81, 6.13, -3.37, -4.81, -6.13])
@pytest.mark.parametrize(
    "table,field,zname", [("wfa", "weight_kg", "zwei"), ("acfa", "muac_cm", "zac")]
)
def test_weight_and_muac_beyond_3_sd_use_the_restricted_form(k, table, field, zname):
    l, m, s = lms(table, SEX_MALE, 500)
    # Restricted: beyond ±3 SD the distance between the 2 and 3 SD curves is one unit.
    if k > 0:
        y = sd(l, m, s, 3) + (k - 3) * (sd(l, m, s, 3) - sd(l, m, s, 2))
    else:
        y = sd(l, m, s, -3) + (k + 3) * (sd(l, m, s, -2) - sd(l, m, s, -3))
    child = score_child(1, age_days=500, **{field: y})
    assert getattr(child, zname) == k
    assert round(lms_z(y, l, m, s), 2) != k  # the plain LMS would differ


def test_bmi_and_weight_for_length_beyond_3_sd_use_the_restricted_form():
    l, m, s = lms("wfl", SEX_FEMALE, 750)
    weight = sd(l, m, s, 3) + 1.44 * (sd(l, m, s, 3) - sd(l, m, s, 2))
    assert score_child(2, age_days=300, lenhei_cm=75.0, measure="l", weight_kg=weight).zwfl == 4.44
    l, m, s = lms("bmifa", SEX_FEMALE, 300)
    bmi = sd(l, m, s, -3) - 0.52 * (sd(l, m, s, -2) - sd(l, m, s, -3))
    child = score_child(2, age_days=300, lenhei_cm=75.0, measure="l", weight_kg=bmi * 0.75**2)
    assert child.zbmi == -3.52


@pytest.mark.parametrize("k", [4.37, -4.37, 6.5])
def test_length_and_head_circumference_beyond_3_sd_stay_plain_lms(k):
    for table, field, zname in [("lfa", "lenhei_cm", "zlen"), ("hcfa", "headc_cm", "zhc")]:
        l, m, s = lms(table, SEX_FEMALE, 200)
        child = score_child(2, age_days=200, measure="l", **{field: sd(l, m, s, k)})
        assert getattr(child, zname) == k


# --- age -----------------------------------------------------------------------------------


def test_age_in_months_becomes_days_rounded_half_up():
    # 24 months × 30.4375 = 730.5 days → 731: height-based, as in WHO's anthro tests.
    child = score_child(2, age_months=24, lenhei_cm=77.5)
    assert child.age_days == 731
    assert child.zlen == -2.55
    assert score_child(2, age_months=24, lenhei_cm=77.5, measure="h").zlen == -2.55
    assert score_child(1, age_days=730.5, weight_kg=12).age_days == 731
    assert score_child(1, age_days=730.49, weight_kg=12).age_days == 730
    # months are converted exactly: 10 months = 304.375 days → 304
    child = score_child(1, age_months=10, weight_kg=9)
    l, m, s = lms("wfa", SEX_MALE, 304)
    assert child.zwei == round(restricted_z(9, l, m, s), 2)


def test_age_from_dates_is_in_days():
    from datetime import date

    child = score_child(
        1, birth_date=date(2022, 2, 28), measured_on=date(2024, 2, 29), weight_kg=12
    )
    assert child.age_days == 731


@pytest.mark.parametrize(
    "kwargs,scored",
    [
        ({"age_months": 59.99}, True),
        ({"age_months": 60}, False),
        ({"age_months": 60.1}, False),
        ({"age_days": 1826}, True),  # 59.992 months
        ({"age_days": 1826.25}, False),  # 60.000 months, although the table row would be 1826
        ({"age_days": 1827}, False),
    ],
)
def test_nothing_is_scored_from_60_months(kwargs, scored):
    child = score_child(
        1, lenhei_cm=105, weight_kg=17, headc_cm=50, muac_cm=16, measure="h", **kwargs
    )
    zs = [child.zlen, child.zwei, child.zwfl, child.zbmi, child.zhc, child.zac]
    assert all(z is not None for z in zs) if scored else all(z is None for z in zs)


def test_negative_age_is_an_error():
    with pytest.raises(ValueError):
        score_child(1, age_days=-1, weight_kg=3)
    with pytest.raises(ValueError):
        score_batch(np.array([1]), age_months=np.array([-0.5]))


# --- measurement position and the 0.7 cm rule -----------------------------------------------


@pytest.mark.parametrize(
    "day,measure,clenhei",
    [
        (730, "h", 85.7),  # under 731 days standing: + 0.7
        (730, "l", 85.0),
        (730, None, 85.0),  # unknown position: no adjustment
        (731, "l", 84.3),  # from 731 days lying: − 0.7
        (731, "h", 85.0),
        (731, None, 85.0),
    ],
)
def test_length_height_adjustment_at_731_days(day, measure, clenhei):
    child = score_child(1, age_days=day, lenhei_cm=85.0, measure=measure, weight_kg=11.5)
    assert child.clenhei == pytest.approx(clenhei, abs=1e-12)
    l, m, s = lms("lfa", SEX_MALE, day)
    assert child.zlen == round(lms_z(child.clenhei, l, m, s), 2)
    # BMI uses the adjusted length.
    assert child.cbmi == pytest.approx(11.5 / (clenhei / 100) ** 2)


def test_weight_for_length_under_731_days_and_for_height_from_731():
    at_730 = score_child(2, age_days=730, lenhei_cm=85.0, measure="l", weight_kg=11)
    at_731 = score_child(2, age_days=731, lenhei_cm=85.0, measure="h", weight_kg=11)
    assert at_730.zwfl == round(restricted_z(11, *lms("wfl", SEX_FEMALE, 850)), 2)
    assert at_731.zwfl == round(restricted_z(11, *lms("wfh", SEX_FEMALE, 850)), 2)
    assert (at_730.indeks_bb_tb, at_731.indeks_bb_tb) == ("BB/PB", "BB/TB")
    assert (at_730.indeks_tb, at_731.indeks_tb) == ("PB/U", "TB/U")


def test_standing_under_9_months_is_flagged_and_not_adjusted():
    # WHO's anthro tests: 8 vs 9 months, 60 cm measured standing.
    at_8 = score_child(1, age_months=8, lenhei_cm=60, measure="h")
    at_9 = score_child(1, age_months=9, lenhei_cm=60, measure="h")
    assert (at_8.c9mo_flag, at_8.cmeasure, at_8.clenhei, at_8.zlen) == (True, None, 60.0, -4.81)
    assert (at_9.c9mo_flag, at_9.cmeasure, at_9.clenhei, at_9.zlen) == (False, "h", 60.7, -5.02)
    # In days: 273 days is 8.97 months, 274 days 9.002 months.
    assert score_child(1, age_days=273, lenhei_cm=60, measure="h").c9mo_flag
    assert not score_child(1, age_days=274, lenhei_cm=60, measure="h").c9mo_flag
    assert not score_child(1, age_days=100, lenhei_cm=60, measure="l").c9mo_flag


# --- weight-for-length/height ---------------------------------------------------------------


@pytest.mark.parametrize(
    "day,measure,lenhei,scored",
    [
        (300, "l", 44.9, False),
        (300, "l", 45.0, True),
        (700, "l", 110.0, True),
        (700, "l", 110.1, False),
        (800, "h", 64.9, False),
        (800, "h", 65.0, True),
        (1500, "h", 120.0, True),
        (1500, "h", 120.1, False),
    ],
)
def test_weight_for_length_height_range_limits(day, measure, lenhei, scored):
    child = score_child(1, age_days=day, lenhei_cm=lenhei, measure=measure, weight_kg=10)
    assert (child.zwfl is not None) is scored
    assert (child.fwfl is not None) is scored


def test_interpolation_between_tenth_of_centimetre_rows():
    lower, upper = lms("wfl", SEX_MALE, 800), lms("wfl", SEX_MALE, 801)
    diff = (80.07 - 80.0) / 0.1
    l, m, s = (lo + diff * (up - lo) for lo, up in zip(lower, upper, strict=True))
    assert score_child(1, age_days=400, lenhei_cm=80.07, measure="l", weight_kg=m).zwfl == 0
    child = score_child(1, age_days=400, lenhei_cm=80.07, measure="l", weight_kg=9.5)
    assert child.zwfl == round(restricted_z(9.5, l, m, s), 2)
    assert child.zwfl != round(restricted_z(9.5, *lower), 2)  # not just the lower row
    # On a row there is nothing to interpolate.
    assert score_child(1, age_days=400, lenhei_cm=80.1, measure="l", weight_kg=upper[1]).zwfl == 0


def test_interpolation_on_the_adjusted_length():
    # 84.25 cm lying at 900 days → 83.55 cm on the height table, between 83.5 and 83.6.
    lower, upper = lms("wfh", SEX_FEMALE, 835), lms("wfh", SEX_FEMALE, 836)
    clenhei = 84.25 - 0.7
    diff = (clenhei - 83.5) / 0.1
    m = lower[1] + diff * (upper[1] - lower[1])
    child = score_child(2, age_days=900, lenhei_cm=84.25, measure="l", weight_kg=m)
    assert child.zwfl == 0


@pytest.mark.parametrize(
    "measure,lenhei,table",
    [("l", 90.0, "wfl"), ("h", 80.0, "wfh"), (None, 86.9, "wfl"), (None, 87.0, "wfh")],
)
def test_without_age_only_weight_for_length_height_by_position_or_length(measure, lenhei, table):
    child = score_child(1, lenhei_cm=lenhei, measure=measure, weight_kg=11.3)
    assert child.clenhei == lenhei  # no 0.7 cm adjustment without an age
    assert child.zwfl == round(restricted_z(11.3, *lms(table, SEX_MALE, round(lenhei * 10))), 2)
    assert child.indeks_bb_tb == ("BB/PB" if table == "wfl" else "BB/TB")
    assert (child.zlen, child.zwei, child.zbmi, child.zhc, child.zac) == (None,) * 5
    assert not child.c9mo_flag


# --- MUAC, oedema, missing values -----------------------------------------------------------


def test_muac_from_91_days():
    assert score_child(2, age_days=90, muac_cm=12).zac is None
    assert score_child(2, age_days=91, muac_cm=12).zac is not None
    assert score_child(2, age_months=3, muac_cm=12).zac is not None  # 91.3 → day 91


def test_oedema_blanks_the_weight_based_z_scores_only():
    kwargs = {
        "age_days": 500,
        "weight_kg": 9,
        "lenhei_cm": 76,
        "measure": "l",
        "headc_cm": 46,
        "muac_cm": 14,
    }
    plain = score_child(1, **kwargs)
    oedema = score_child(1, oedema="y", **kwargs)
    assert (oedema.zwei, oedema.zwfl, oedema.zbmi) == (None, None, None)
    assert (oedema.fwei, oedema.fwfl, oedema.fbmi) == (None, None, None)
    assert (oedema.zlen, oedema.zhc, oedema.zac) == (plain.zlen, plain.zhc, plain.zac)
    assert None not in (plain.zwei, plain.zwfl, plain.zbmi)


@pytest.mark.parametrize("bad", [0, -1, None])
def test_a_measurement_of_zero_or_less_or_missing_gives_no_z(bad):
    child = score_child(1, age_days=500, weight_kg=bad, lenhei_cm=bad, headc_cm=bad, muac_cm=bad)
    assert (child.zlen, child.zwei, child.zwfl, child.zbmi, child.zhc, child.zac) == (None,) * 6
    assert child.cbmi is None
    only_weight_bad = score_child(1, age_days=500, weight_kg=bad, lenhei_cm=76, headc_cm=46)
    assert only_weight_bad.zlen is not None and only_weight_bad.zhc is not None
    assert (only_weight_bad.zwei, only_weight_bad.zwfl, only_weight_bad.zbmi) == (None,) * 3


def test_unknown_sex_gives_no_z_at_all():
    batch = score_batch(
        np.array([0, 3]),
        age_days=np.array([500.0, 500.0]),
        weight_kg=np.array([9.0, 9.0]),
        lenhei_cm=np.array([76.0, 76.0]),
    )
    for name in ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac"):
        assert np.isnan(getattr(batch, name)).all()


# --- rounding and flags -----------------------------------------------------------------------


def _weight_at(z: float, day: int = 1000) -> float:
    """Weight at a z-score above +3 (restricted form)."""
    l, m, s = lms("wfa", SEX_MALE, day)
    return sd(l, m, s, 3) + (z - 3) * (sd(l, m, s, 3) - sd(l, m, s, 2))


def _length_at(z: float, day: int = 1000) -> float:
    return sd(*lms("lfa", SEX_MALE, day), z)


@pytest.mark.parametrize(
    "z,rounded,flagged",
    [(4.996, 5.0, False), (5.004, 5.0, False), (5.006, 5.01, True)],
)
def test_weight_for_age_flag_is_on_the_rounded_value(z, rounded, flagged):
    child = score_child(1, age_days=1000, weight_kg=_weight_at(z))
    assert (child.zwei, child.fwei) == (rounded, flagged)


@pytest.mark.parametrize(
    "z,rounded,flagged",
    [
        (-6.004, -6.0, False),
        (-6.006, -6.01, True),
        (6.004, 6.0, False),
        (6.006, 6.01, True),
        (-5.9, -5.9, False),
    ],
)
def test_length_for_age_flag_is_beyond_6(z, rounded, flagged):
    child = score_child(1, age_days=1000, lenhei_cm=_length_at(z), measure="h")
    assert (child.zlen, child.flen) == (rounded, flagged)


def test_weight_for_age_flag_below_minus_6():
    l, m, s = lms("wfa", SEX_MALE, 1000)
    low = sd(l, m, s, -3) - 3.006 * (sd(l, m, s, -2) - sd(l, m, s, -3))
    child = score_child(1, age_days=1000, weight_kg=low)
    assert (child.zwei, child.fwei) == (-6.01, True)
    low = sd(l, m, s, -3) - 2.5 * (sd(l, m, s, -2) - sd(l, m, s, -3))
    child = score_child(1, age_days=1000, weight_kg=low)
    assert (child.zwei, child.fwei) == (-5.5, False)


@pytest.mark.parametrize(
    "table,field,zname,fname",
    [("hcfa", "headc_cm", "zhc", "fhc"), ("acfa", "muac_cm", "zac", "fac")],
)
def test_head_and_muac_flags_beyond_5(table, field, zname, fname):
    l, m, s = lms(table, SEX_FEMALE, 1000)
    for k, flagged in [(5.0, False), (-5.0, False), (5.01, True), (-5.01, True)]:
        if table == "hcfa":
            y = sd(l, m, s, k)
        elif k > 0:
            y = sd(l, m, s, 3) + (k - 3) * (sd(l, m, s, 3) - sd(l, m, s, 2))
        else:
            y = sd(l, m, s, -3) + (k + 3) * (sd(l, m, s, -2) - sd(l, m, s, -3))
        child = score_child(2, age_days=1000, **{field: y})
        assert (getattr(child, zname), getattr(child, fname)) == (k, flagged)


def test_values_published_in_who_anthro_tests():
    child = score_child(1, age_days=987, lenhei_cm=72.86, measure="l")  # adjusted to 72.16
    assert (child.zlen, child.flen) == (-6.09, True)
    child = score_child(2, age_days=1522, weight_kg=17)
    assert (child.zwei, child.fwei) == (0.24, False)
    assert score_child(2, age_days=1, weight_kg=10.37).fwei is True
    assert score_child(1, age_days=44, lenhei_cm=50).zlen == round((50 / 56.4833 - 1) / 0.03492, 2)


def test_batch_matches_the_rules_written_out_for_random_children():
    rng = np.random.default_rng(7)
    n = 5_000
    sex = rng.integers(1, 3, n)
    days = rng.integers(0, 1826, n)
    weight = rng.uniform(1.5, 30, n)  # many beyond ±3 SD, some flagged
    batch = score_batch(sex, age_days=days.astype(float), weight_kg=weight)
    expected = [
        round(restricted_z(w, *lms("wfa", s, d)), 2)
        for w, s, d in zip(weight.tolist(), sex.tolist(), days.tolist(), strict=True)
    ]
    assert batch.zwei.tolist() == expected
    assert np.array_equal(batch.fwei, (batch.zwei < -6) | (batch.zwei > 5))


def test_round_r_is_rs_round():
    from posyandu.growth import round_r

    rng = np.random.default_rng(3)
    z = rng.normal(0, 3, 100_000)
    assert round_r(z).tolist() == [round(v, 2) for v in z.tolist()]
    # Exact binary ties go to the even neighbour; no negative zero; NaN stays NaN.
    assert round_r(np.array([0.125, 0.375, -0.125, -0.001, 0.0])).tolist() == [
        0.12,
        0.38,
        -0.12,
        0.0,
        0.0,
    ]
    assert not np.signbit(round_r(np.array([-0.001]))).any()
    assert math.isnan(round_r(np.array([np.nan]))[0])
