"""Measurements store what the WHO engine computes; the N/T chain and cases follow."""

import io
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command

from posyandu.growth import score_child
from posyandu.models import Kasus, Pengukuran
from posyandu.skor import INDEKS_Z, isi_skor
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db


def test_stored_scores_equal_the_engine(anak_melati):
    p = ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2, cara_ukur="l",
             lila_cm=Decimal("13.1"), lingkar_kepala_cm=Decimal("44.0"))
    harapan = score_child("P", birth_date=anak_melati.tanggal_lahir, measured_on=date(2025, 8, 12),
                          weight_kg=8.1, lenhei_cm=74.2, measure="l", muac_cm=13.1,
                          headc_cm=44.0)
    p.refresh_from_db()
    for z in INDEKS_Z:
        assert getattr(p, z) == pytest.approx(getattr(harapan, z), abs=1e-9)
    assert p.umur_hari == (date(2025, 8, 12) - anak_melati.tanggal_lahir).days
    assert p.kategori_tb_u == harapan.kategori_tb_u
    assert p.kategori_bb_u == harapan.kategori_bb_u and p.kategori_bb_u.startswith("Berat badan")


def test_one_measurement_per_child_per_day_a_second_save_corrects_it(anak_melati):
    ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    p = ukur(anak_melati, date(2025, 8, 12), berat=8.4, tinggi=74.2)
    assert Pengukuran.objects.count() == 1
    assert p.berat_kg == Decimal("8.40")
    assert p.history.count() == 2  # the correction keeps the old value in history


def test_measurement_before_birth_is_refused(anak_melati):
    with pytest.raises(ValidationError, match="sebelum tanggal lahir"):
        ukur(anak_melati, date(2024, 1, 1), berat=3.0)
    assert not Pengukuran.objects.exists()


def test_weight_gain_chain_b_n_t_2t_and_o(anak_melati):
    # Born 2024-03-10: KBM is 200 g from 12 months on.
    seri = [(date(2025, 5, 10), 8.0), (date(2025, 6, 10), 8.3), (date(2025, 7, 10), 8.35),
            (date(2025, 8, 10), 8.4), (date(2025, 10, 10), 8.9)]
    for tanggal, berat in seri:
        ukur(anak_melati, tanggal, berat=berat, tinggi=75)
    naik = list(anak_melati.pengukuran.order_by("tanggal_ukur").values_list("naik", "dua_t"))
    assert naik == [("B", False), ("N", False), ("T", False), ("T", True), ("O", False)]


def test_correcting_an_old_weight_recomputes_the_chain(anak_melati):
    ukur(anak_melati, date(2025, 6, 10), berat=8.0)
    ukur(anak_melati, date(2025, 7, 10), berat=8.1)
    assert anak_melati.pengukuran.get(tanggal_ukur=date(2025, 7, 10)).naik == "T"
    ukur(anak_melati, date(2025, 6, 10), berat=7.8)
    assert anak_melati.pengukuran.get(tanggal_ukur=date(2025, 7, 10)).naik == "N"


def test_a_new_stunting_status_opens_one_case(melati):
    anak = make_balita(melati, nama="Citra", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 1, 5), berat=10.5, tinggi=84)   # normal height for 24 months
    assert not Kasus.objects.exists()
    p = ukur(anak, date(2025, 2, 5), berat=10.7, tinggi=78.0)  # HAZ < −2 now
    assert p.stunting
    kasus = Kasus.objects.get()
    assert (kasus.jenis, kasus.status, kasus.pengukuran) == ("stunting", "ditemukan", p)
    ukur(anak, date(2025, 3, 5), berat=10.9, tinggi=78.5)  # still stunted: same case
    assert Kasus.objects.filter(jenis="stunting").count() == 1


def test_oedema_counts_as_wasting_and_severe_underweight(anak_melati):
    p = ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2, edema=True)
    assert p.zwei is None and p.kategori_bb_u == "Berat badan sangat kurang"
    assert set(Kasus.objects.values_list("jenis", flat=True)) == {"wasting", "bb_sangat_kurang"}


def test_recompute_command_equals_a_fresh_computation(anak_melati, anak_mawar):
    ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    ukur(anak_mawar, date(2025, 8, 12), berat=11.0, tinggi=85.0, cara_ukur="h")
    Pengukuran.objects.update(zlen=None, zwei=99, kategori_tb_u="salah", naik="")
    out = io.StringIO()
    call_command("hitung_ulang_zscore", stdout=out)
    assert "2 pengukuran dari 2 balita" in out.getvalue()
    for p in Pengukuran.objects.select_related("balita"):
        segar = Pengukuran.objects.select_related("balita").get(pk=p.pk)
        isi_skor([segar])
        for kolom in (*INDEKS_Z, "kategori_tb_u", "kategori_bb_u"):
            assert getattr(p, kolom) == getattr(segar, kolom)
        assert p.naik == "B"


@pytest.mark.parametrize(("hari", "genap_60"), [
    (date(2026, 11, 20), date(2026, 11, 20)),
    # Born on 28 February 2023 (no 29th that year): 60 months old on 28 February 2028,
    # so on the leap day the child is marked with the day before.
    (date(2028, 2, 29), date(2028, 2, 28)),
])
def test_children_reaching_60_months_are_marked_with_the_date(melati, hari, genap_60):
    from dateutil.relativedelta import relativedelta

    from posyandu.models import Balita

    with time_machine.travel(datetime.combine(hari, time(9), tzinfo=ZoneInfo("Asia/Jakarta"))):
        tua = make_balita(melati, nama="Tua", tanggal_lahir=hari - relativedelta(months=60))
        muda = make_balita(melati, nama="Muda", tanggal_lahir=hari - relativedelta(months=59))
        assert set(Balita.objects.sasaran()) == {muda}
        out = io.StringIO()
        call_command("perbarui_status_balita", stdout=out)
    assert "1 balita ditandai lulus" in out.getvalue()
    tua.refresh_from_db()
    assert (tua.status, tua.tanggal_status) == ("lulus", genap_60)
    muda.refresh_from_db()
    assert muda.status == "aktif"
