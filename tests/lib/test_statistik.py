import math

import pytest

from tpps.lib.statistik import (
    BATAS_STUNTING,
    BATAS_WASTING,
    nilai_p_rasio,
    pita,
    simpangan_baku_momen,
    skor_preferensi_digit,
    wilson,
)


def test_wilson_matches_the_textbook_value():
    # 10 of 100: Wilson 95 % interval 5.52 %–17.44 % (Newcombe 1998, method 3).
    p = wilson(10, 100)
    assert p.persen == 10
    assert p.bawah == pytest.approx(5.52, abs=0.01) and p.atas == pytest.approx(17.44, abs=0.01)


def test_wilson_stays_inside_zero_and_hundred_and_handles_empty():
    nol = wilson(0, 12)
    assert nol.bawah == pytest.approx(0, abs=1e-9) and 0 < nol.atas < 30
    semua = wilson(5, 5)
    assert semua.atas == pytest.approx(100) and semua.bawah > 50
    assert wilson(0, 0).persen is None
    with pytest.raises(ValueError):
        wilson(6, 5)


@pytest.mark.parametrize("persen, batas, nama", [
    (2.49, BATAS_STUNTING, "sangat rendah"), (2.5, BATAS_STUNTING, "rendah"),
    (10.0, BATAS_STUNTING, "sedang"), (29.99, BATAS_STUNTING, "tinggi"),
    (30, BATAS_STUNTING, "sangat tinggi"), (4.99, BATAS_WASTING, "rendah"),
    (5, BATAS_WASTING, "sedang"), (15, BATAS_WASTING, "sangat tinggi"), (None, BATAS_WASTING, None),
])
def test_bands_are_half_open(persen, batas, nama):
    assert pita(persen, batas) == nama


def test_digit_preference_score():
    rata = [i / 10 for i in range(10)] * 20          # every last digit equally often
    assert skor_preferensi_digit(rata) == pytest.approx(0)
    bulat = [12.0] * 100                               # all on .0: the worst case
    assert skor_preferensi_digit(bulat) == pytest.approx(100)
    assert skor_preferensi_digit([]) is None


def test_sex_ratio_p_value_and_sd():
    assert nilai_p_rasio(50, 50) == 1
    assert nilai_p_rasio(70, 30) < 0.001
    # [1, 2, 3, 4]: n 4, Σx 10, Σx² 30.
    assert simpangan_baku_momen(4, 10, 30) == pytest.approx(math.sqrt(5 / 3))
    assert simpangan_baku_momen(1, 1, 1) is None
