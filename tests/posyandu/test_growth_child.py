"""The one-child entry point: same engine, Python values, friendly inputs."""

from datetime import date
from decimal import Decimal

import numpy as np
import pytest

from posyandu.growth import ChildScores, score_batch, score_child


def test_result_for_a_typical_child():
    child = score_child(
        "P",
        age_days=683,
        weight_kg=Decimal("10.4"),
        lenhei_cm=84.8,
        measure="telentang",
        muac_cm=14.9,
    )
    assert isinstance(child, ChildScores)
    assert (child.zlen, child.zwei, child.zwfl, child.zbmi, child.zac) == (
        -0.07,
        -0.57,
        -0.81,
        -0.79,
        0.11,
    )
    assert child.zhc is None and child.fhc is None
    assert (child.flen, child.fwei, child.fwfl, child.fbmi, child.fac) == (False,) * 5
    assert (child.indeks_tb, child.indeks_bb_tb) == ("PB/U", "BB/PB")
    assert child.kategori_bb_u == "Berat badan normal"
    assert child.as_dict()["zwfl"] == -0.81


@pytest.mark.parametrize("sex", [1, "1", "L", "l", "M", "laki-laki", 1.0])
def test_male_codes(sex):
    assert (
        score_child(sex, age_days=100, weight_kg=6).zwei
        == score_child(1, age_days=100, weight_kg=6).zwei
    )


@pytest.mark.parametrize("sex", [2, "2", "P", "F", "perempuan"])
def test_female_codes(sex):
    assert (
        score_child(sex, age_days=100, weight_kg=6).zwei
        == score_child(2, age_days=100, weight_kg=6).zwei
    )


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sex": "X"},
        {"sex": ""},
        {"sex": 1, "measure": "duduk"},
        {"sex": 1, "oedema": "mungkin"},
        {"sex": 1, "birth_date": date(2024, 1, 1)},
        {"sex": 1, "birth_date": date(2024, 1, 2), "measured_on": date(2024, 1, 1)},
        {"sex": 1, "age_days": -3},
    ],
)
def test_bad_input_raises_value_error(kwargs):
    with pytest.raises(ValueError):
        score_child(weight_kg=5, **kwargs)


def test_non_numbers_are_rejected():
    with pytest.raises(TypeError):
        score_child(1, age_days=100, weight_kg="5,2")


def test_dates_win_over_nothing_and_give_exact_days():
    child = score_child(2, birth_date=date(2023, 3, 1), measured_on=date(2024, 3, 1), weight_kg=9)
    assert child.age_days == 366


def test_single_and_batch_give_identical_results():
    rng = np.random.default_rng(5)
    n = 500
    sex = rng.integers(1, 3, n)
    days = rng.integers(0, 1900, n).astype(float)
    days[::17] = np.nan
    weight = np.round(rng.uniform(2, 25, n), 1)
    lenhei = np.round(rng.uniform(44, 122, n), 1)
    headc = np.round(rng.uniform(30, 55, n), 1)
    muac = np.round(rng.uniform(9, 20, n), 1)
    measure = rng.integers(0, 3, n).astype(np.int8)
    oedema = rng.random(n) < 0.05
    batch = score_batch(
        sex,
        age_days=days,
        weight_kg=weight,
        lenhei_cm=lenhei,
        measure=measure,
        headc_cm=headc,
        muac_cm=muac,
        oedema=oedema,
    )
    for i in range(n):
        child = score_child(
            int(sex[i]),
            age_days=None if np.isnan(days[i]) else float(days[i]),
            weight_kg=float(weight[i]),
            lenhei_cm=float(lenhei[i]),
            measure=int(measure[i]),
            headc_cm=float(headc[i]),
            muac_cm=float(muac[i]),
            oedema=bool(oedema[i]),
        )
        for name in ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac"):
            z = getattr(batch, name)[i]
            assert getattr(child, name) == (None if np.isnan(z) else z)
