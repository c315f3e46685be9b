"""The validation rules run on submit, with their severities (evaluasi.periksa)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluasi.periksa import Tingkat, periksa_laporan
from tests.evaluasi.factories import (
    make_capaian,
    make_laporan,
    make_program,
    make_semester,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan(semester, dinkes):
    return make_laporan(semester, dinkes)


def temuan(laporan, tingkat=None):
    return [(h.objek, h.pesan) for h in periksa_laporan(laporan)
            if tingkat is None or h.tingkat == tingkat]


def pesan(laporan, objek, tingkat=Tingkat.GALAT):
    return " ".join(p for o, p in temuan(laporan, tingkat) if o == objek)


def test_every_owned_indicator_must_be_filled(laporan, katalog):
    make_capaian(laporan, katalog["S1"], pembilang=85, penyebut=100, tautan_bukti="https://a.id")
    assert "Belum diisi" in pesan(laporan, "S2")
    assert pesan(laporan, "S1") == ""
    assert "K2" not in {o for o, _ in temuan(laporan)}  # Dinsos's, not Dinkes's


def test_numerator_must_not_exceed_denominator(laporan, katalog):
    make_capaian(laporan, katalog["S1"], pembilang=1_250, penyebut=1_000)
    assert "Pembilang (1.250) melebihi penyebut (1.000)" in pesan(laporan, "S1")
    make_capaian(laporan, katalog["S2"], pembilang=0, penyebut=0)
    assert "Penyebut tidak boleh 0" in pesan(laporan, "S2")


def test_below_target_needs_obstacles_and_a_follow_up_plan(laporan, katalog):
    c = make_capaian(laporan, katalog["S1"], pembilang=70, penyebut=100)
    assert "Nilai 70 di bawah target 80: isi kendala dan rencana tindak lanjut" in pesan(
        laporan, "S1")
    c.kendala = "Sasaran pindah domisili"
    c.save()
    assert "di bawah target" in pesan(laporan, "S1")  # both are required
    c.rencana_tindak_lanjut = "Pendataan ulang bersama kader"
    c.save()
    assert "di bawah target" not in pesan(laporan, "S1")


def test_lower_is_better_is_below_target_when_above_it(semester, dinsos, katalog):
    laporan = make_laporan(semester, dinsos)
    make_capaian(laporan, katalog["K2"], pembilang=25, penyebut=100)
    make_capaian(laporan, katalog["K8"], pembilang=100)
    assert "di bawah target" in pesan(laporan, "K2")
    assert "Belum ada target tahun 2025" in pesan(laporan, "K8", Tingkat.PERINGATAN)


def test_a_jump_from_the_previous_semester_needs_an_explanation(laporan, katalog, dinkes):
    lalu = make_laporan(make_semester("2024S2"), dinkes)
    make_capaian(lalu, katalog["S1"], pembilang=60, penyebut=100)
    make_capaian(lalu, katalog["S2"], pembilang=85, penyebut=100)
    c = make_capaian(laporan, katalog["S1"], pembilang=85, penyebut=100)
    make_capaian(laporan, katalog["S2"], pembilang=95, penyebut=100)  # 10 points: fine
    assert "berubah dari 60 (2024S2) menjadi 85, melebihi ambang 20" in pesan(laporan, "S1")
    assert "berubah" not in pesan(laporan, "S2")
    c.penjelasan_perubahan = "Data sasaran dipadankan dengan e-PPGBM"
    c.save()
    assert "berubah" not in pesan(laporan, "S1")


def test_counts_compare_the_relative_change(semester, dinsos, katalog):
    laporan = make_laporan(semester, dinsos)
    lalu = make_laporan(make_semester("2024S2"), dinsos)
    make_capaian(lalu, katalog["K8"], pembilang=1_000)
    make_capaian(laporan, katalog["K8"], pembilang=1_150)  # +15 %: under 20 %
    assert "berubah" not in pesan(laporan, "K8")
    laporan.capaian.update(pembilang=1_300, nilai=1_300)  # +30 %
    assert "berubah dari 1.000" in pesan(laporan, "K8")


def test_budget_realisation_must_not_exceed_the_ceiling(laporan, katalog):
    make_program(laporan, program="PMT Lokal", kegiatan="", pagu_rp=1_250_000,
                 realisasi_rp=1_300_000, indikator=[katalog["S1"]])
    assert "Realisasi Rp 1.300.000 melebihi pagu Rp 1.250.000" in pesan(laporan, "PMT Lokal")


def test_warnings_do_not_block(laporan, katalog):
    make_capaian(laporan, katalog["S1"], pembilang=85, penyebut=100)
    make_capaian(laporan, katalog["S2"], pembilang=95, penyebut=100)
    make_program(laporan, program="Kelas Ibu Hamil", pagu_rp=0, realisasi_rp=0,
                 target_keluaran=10, realisasi_keluaran=12)
    assert temuan(laporan, Tingkat.GALAT) == []
    peringatan = " ".join(p for _, p in temuan(laporan, Tingkat.PERINGATAN))
    assert "Belum ada berkas atau tautan bukti" in peringatan
    assert "Pagu belum diisi" in peringatan
    assert "Belum dikaitkan dengan indikator" in peringatan
    assert "Realisasi keluaran (12) melebihi targetnya (10)" in peringatan


def test_no_programme_and_a_late_report_are_warnings(dinkes, katalog):
    hari_ini = timezone.localdate()
    lewat = make_semester("2025S2", pengisian_dibuka=hari_ini - timedelta(days=30),
                          batas_pengisian=hari_ini - timedelta(days=1))
    laporan = make_laporan(lewat, dinkes)
    peringatan = " ".join(p for _, p in temuan(laporan, Tingkat.PERINGATAN))
    assert "Belum ada program/kegiatan" in peringatan
    assert "laporan dicatat terlambat" in peringatan


def test_errors_come_first(laporan, katalog):
    make_capaian(laporan, katalog["S1"], pembilang=85, penyebut=100)
    hasil = periksa_laporan(laporan)
    assert hasil[0].is_galat and not hasil[-1].is_galat
