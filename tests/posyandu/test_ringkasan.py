"""The monthly summaries always equal a fresh computation, after every kind of write."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count

from posyandu import alur
from posyandu.models import Balita, RingkasanBulanan
from posyandu.mutu_data import mutu_per_posyandu
from posyandu.prevalensi import INDEKS, prevalensi_per
from posyandu.ringkasan import (
    mutu_bulan_per_posyandu,
    prevalensi_bulan,
    prevalensi_bulan_per,
    segarkan_semua,
)
from posyandu.sasaran_bulan import ditimbang_per
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db

BULAN = [date(2025, 7, 1), date(2025, 8, 1)]


def sama_dengan_hitungan_segar(daftar_bulan=BULAN):
    """Every month: the summary's prevalence per desa and per Posyandu, its D and its data
    quality equal posyandu.prevalensi / ``ditimbang_bulan`` / mutu_data computed from the
    measurements."""
    for bulan in daftar_bulan:
        akhir = date(bulan.year, bulan.month + 1, 1)
        for kelompok in ("desa", "posyandu"):
            d_segar = dict(Balita.objects.ditimbang_bulan(bulan).order_by()
                           .values_list(kelompok).annotate(n=Count("pk")))
            assert {k: v for k, v in ditimbang_per(kelompok, bulan).items() if v} == d_segar
        for kelompok, kolom in (("balita__desa", "desa"), ("balita__posyandu", "posyandu")):
            segar = prevalensi_per(kelompok, bulan, akhir)
            dari_ringkasan = prevalensi_bulan_per(kolom, bulan)
            assert set(segar) == set(dari_ringkasan)
            for key, nilai in segar.items():
                for i in INDEKS:
                    assert dari_ringkasan[key][i.kode].proporsi == nilai[i.kode].proporsi, (
                        bulan, kelompok, key, i.kode)
        mutu_segar = mutu_per_posyandu(bulan, akhir)
        mutu_ringkas = mutu_bulan_per_posyandu(bulan)
        assert set(mutu_segar) == set(mutu_ringkas)
        for pid, m in mutu_segar.items():
            r = mutu_ringkas[pid]
            assert (r.n, r.persen_flag, r.laki, r.perempuan) == (m.n, m.persen_flag, m.laki,
                                                                  m.perempuan)
            assert r.skor_digit_berat == pytest.approx(m.skor_digit_berat)
            assert (r.sd_haz is None) == (m.sd_haz is None)
            if m.sd_haz is not None:
                assert r.sd_haz == pytest.approx(m.sd_haz)


@pytest.fixture
def kota(melati, mawar):
    anak = [make_balita(melati, nama=f"A{i}", jenis_kelamin="LP"[i % 2],
                        tanggal_lahir=date(2023, 1 + i, 5)) for i in range(4)]
    for i, a in enumerate(anak):
        ukur(a, date(2025, 7, 10), berat=round(9 + i * 0.3, 1), tinggi=round(76 + i * 1.7, 1))
        ukur(a, date(2025, 8, 10), berat=round(9.2 + i * 0.3, 1), tinggi=round(77 + i * 1.9, 1))
    b = make_balita(mawar, nama="B", tanggal_lahir=date(2023, 5, 5))
    ukur(b, date(2025, 8, 3), berat=10, tinggi=79)
    return anak + [b]


def test_entry_keeps_the_summary_fresh(kota):
    assert RingkasanBulanan.objects.count() == 3
    sama_dengan_hitungan_segar()
    assert prevalensi_bulan(BULAN[1])["stunting"].proporsi.n == 5


def test_a_correction_of_a_measurement(kota):
    ukur(kota[0], date(2025, 8, 10), berat=9.2, tinggi=70)
    sama_dengan_hitungan_segar()


def test_changing_birth_date_sex_and_home_desa(kota, wilayah, sekretariat):
    anak = kota[1]
    anak.tanggal_lahir = date(2022, 12, 1)
    anak.jenis_kelamin = "P"
    anak.desa = wilayah["bumiaji"]
    alur.ubah_balita(balita=anak, user=sekretariat)
    sama_dengan_hitungan_segar()


def test_a_status_change_dated_before_a_weighing(kota, sekretariat):
    """Recorded as moved before August: out of August's S, so out of its D too."""
    anak = kota[1]
    anak.status, anak.tanggal_status = "pindah", date(2025, 7, 20)
    alur.ubah_balita(balita=anak, user=sekretariat)
    sama_dengan_hitungan_segar()
    assert ditimbang_per("posyandu", BULAN[1])[anak.posyandu_id] == 3


def test_moving_and_merging(kota, mawar, sekretariat):
    alur.pindahkan_balita(balita=kota[2], posyandu=mawar, user=sekretariat)
    sama_dengan_hitungan_segar()
    ganda = make_balita(mawar, nama="A0 lagi", tanggal_lahir=kota[0].tanggal_lahir,
                        jenis_kelamin=kota[0].jenis_kelamin)
    ukur(ganda, date(2025, 7, 20), berat=8.0, tinggi=70)
    alur.gabungkan_balita(utama=kota[0], duplikat=ganda, user=sekretariat)
    sama_dengan_hitungan_segar()


def test_rebuild_command_restores_a_damaged_summary(kota):
    RingkasanBulanan.objects.update(stunting_k=99)
    RingkasanBulanan.objects.filter(posyandu__nama="Mawar").delete()
    out = io.StringIO()
    call_command("segarkan_ringkasan", stdout=out)
    assert "3 baris ringkasan" in out.getvalue()
    sama_dengan_hitungan_segar()
    assert segarkan_semua() == 3


def test_an_e_ppgbm_import_and_a_recomputation_keep_the_summary_fresh(tmp_path, kota):
    from tests.posyandu.eppgbm_berkas import baris, tulis_csv

    f = tulis_csv(tmp_path / "impor.csv", [
        baris(NIK="", Nama="Baru Satu", **{"Tanggal Pengukuran": "15/08/2025", "Tinggi": "70"}),
        baris(NIK="", Nama="Baru Dua", JK="L", **{"Tanggal Pengukuran": "15/07/2025"}),
    ])
    call_command("import_eppgbm", str(f), stdout=io.StringIO())
    sama_dengan_hitungan_segar()
    assert prevalensi_bulan(BULAN[1])["stunting"].proporsi.n == 6
    call_command("hitung_ulang_zscore", stdout=io.StringIO())
    sama_dengan_hitungan_segar()


def test_demo_data_leaves_a_fresh_summary(wilayah):
    from posyandu.demo import buat_demo

    buat_demo(anak=40, bulan=3, seed=3, sampai=date(2025, 8, 20))
    sama_dengan_hitungan_segar([date(2025, 6, 1), date(2025, 7, 1), date(2025, 8, 1)])
    assert RingkasanBulanan.objects.filter(bulan=date(2025, 8, 1)).exists()
