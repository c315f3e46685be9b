"""Data quality per Posyandu: a Posyandu that rounds every height stands out."""

from datetime import date

import pytest

from posyandu.mutu_data import (
    BERMASALAH,
    mutu_per_posyandu,
    nilai_digit,
    nilai_flag,
    nilai_rasio_jk,
    nilai_sd_whz,
)
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db


def isi(posyandu, n, *, tinggi_bulat, laki_semua=False):
    for i in range(n):
        anak = make_balita(posyandu, nama=f"{posyandu.nama} {i}",
                           jenis_kelamin="L" if laki_semua or i % 2 else "P",
                           tanggal_lahir=date(2023, 1 + i % 12, 1 + i % 27))
        tinggi = 80 + (i % 9) if tinggi_bulat else 78 + i * 0.37 % 9
        ukur(anak, date(2025, 8, 5), berat=round(9.5 + (i * 0.13) % 3, 1), tinggi=round(tinggi, 1))


def test_rounded_heights_and_a_lopsided_sex_ratio_make_a_posyandu_problematic(melati, mawar):
    isi(melati, 40, tinggi_bulat=False)
    isi(mawar, 40, tinggi_bulat=True, laki_semua=True)
    mutu = mutu_per_posyandu(date(2025, 8, 1), date(2025, 9, 1))
    baik, buruk = mutu[melati.pk], mutu[mawar.pk]
    assert baik.n == buruk.n == 40
    assert buruk.skor_digit_tinggi == pytest.approx(100)
    assert buruk.nilai["digit_tinggi"] == BERMASALAH and buruk.nilai["rasio_jk"] == BERMASALAH
    assert buruk.kesimpulan == BERMASALAH
    assert baik.nilai["digit_tinggi"] != BERMASALAH and baik.nilai["rasio_jk"] != BERMASALAH
    assert baik.sd_haz is not None and baik.laki == baik.perempuan == 20


def test_a_small_posyandu_gets_no_verdict(melati):
    isi(melati, 5, tinggi_bulat=True)
    assert mutu_per_posyandu(date(2025, 8, 1), date(2025, 9, 1))[melati.pk].kesimpulan is None


@pytest.mark.parametrize("fungsi, nilai, harapan", [
    (nilai_flag, 2.5, "sangat baik"), (nilai_flag, 7.6, "bermasalah"),
    (nilai_sd_whz, 0.79, "bermasalah"), (nilai_sd_whz, 1.2, "baik"),
    (nilai_digit, 7.9, "sangat baik"), (nilai_digit, 20, "bermasalah"),
    (nilai_rasio_jk, 0.2, "sangat baik"), (nilai_rasio_jk, 0.0005, "bermasalah"),
])
def test_rating_thresholds(fungsi, nilai, harapan):
    assert fungsi(nilai) == harapan
