"""Prevalence counted as WHO Anthro does, adapted to routine data (domain.md §7)."""

from datetime import date

import pytest

from posyandu.models import Pengukuran
from posyandu.prevalensi import prevalensi, prevalensi_per
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db

AGU, SEP = date(2025, 8, 1), date(2025, 9, 1)


def test_each_child_once_with_the_latest_measurement_of_the_period(melati):
    anak = make_balita(melati, nama="A", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 8, 2), berat=10.7, tinggi=78.0)    # stunted early in August
    ukur(anak, date(2025, 8, 25), berat=11.5, tinggi=88.0)   # normal at the month's end
    ukur(anak, date(2025, 9, 10), berat=11.6, tinggi=78.0)   # September does not count
    hasil = prevalensi(AGU, SEP)
    assert (hasil["stunting"].proporsi.k, hasil["stunting"].proporsi.n) == (0, 1)


def test_a_blank_latest_z_leaves_the_child_out_of_that_index_only(melati):
    anak = make_balita(melati, nama="A", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 8, 2), berat=10.7, tinggi=78.0)
    ukur(anak, date(2025, 8, 20), berat=10.9)                 # weighed only: no HAZ
    hasil = prevalensi(AGU, SEP)
    assert hasil["stunting"].proporsi.n == 0                   # not the earlier HAZ instead
    assert hasil["underweight"].proporsi.n == 1


def test_flagged_values_are_left_out_and_oedema_counts_as_wasted(melati):
    datar = make_balita(melati, nama="Flag", tanggal_lahir=date(2023, 1, 5))
    ukur(datar, date(2025, 8, 5), berat=10.0, tinggi=60.0, konfirmasi=True)  # HAZ < −6
    p = Pengukuran.objects.get(balita=datar)
    assert p.flen is True and p.zwfl is None  # 60 cm is below the weight-for-height table
    edema = make_balita(melati, nama="Edema", tanggal_lahir=date(2024, 1, 5))
    ukur(edema, date(2025, 8, 5), berat=8.0, tinggi=75.0, edema=True)
    sehat = make_balita(melati, nama="Sehat", tanggal_lahir=date(2024, 1, 5))
    ukur(sehat, date(2025, 8, 5), berat=9.5, tinggi=77.0)
    hasil = prevalensi(AGU, SEP)
    assert hasil["stunting"].proporsi.n == 2                   # the flagged HAZ is out
    assert (hasil["wasting"].proporsi.k, hasil["wasting"].proporsi.n) == (1, 2)
    # 10 kg at 31 months is underweight too (WAZ −2.10, not flagged).
    assert (hasil["underweight"].proporsi.k, hasil["underweight"].proporsi.n) == (2, 3)
    assert hasil["overweight"].proporsi.k == 0


def test_children_are_placed_in_the_desa_they_live_in(melati, mawar, wilayah):
    # Lives in Bumiaji, weighed at Posyandu Melati in Sisir.
    anak = make_balita(melati, nama="Tamu", tanggal_lahir=date(2023, 1, 5),
                       desa=wilayah["bumiaji"])
    ukur(anak, date(2025, 8, 5), berat=10.7, tinggi=78.0)
    per_desa = prevalensi_per("balita__desa", AGU, SEP)
    assert list(per_desa) == [wilayah["bumiaji"].pk]
    stunting = per_desa[wilayah["bumiaji"].pk]["stunting"]
    assert stunting.proporsi.persen == 100 and stunting.pita == "sangat tinggi"
    assert stunting.proporsi.bawah < 100  # with n = 1 the interval is wide


def test_children_from_60_months_are_not_counted(melati):
    tua = make_balita(melati, nama="Tua", tanggal_lahir=date(2020, 8, 1))
    ukur(tua, date(2025, 8, 5), berat=14.0, tinggi=100.0)
    assert prevalensi(AGU, SEP)["stunting"].proporsi.n == 0
