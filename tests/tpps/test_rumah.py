"""Operator OPD and Petugas Posyandu land on their own work."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from evaluasi.models import LaporanSemester
from opd import roles
from posyandu.models import CakupanPetugas
from tests.evaluasi.factories import make_laporan, make_semester
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu, ukur
from tests.rapat.factories import make_tindak_lanjut

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]


def test_operator_sees_returned_reports_entries_due_and_follow_ups(client_as, operator_dinkes,
                                                                   dinkes, dinsos):
    s1 = make_semester("2025S1")
    s2 = make_semester("2025S2")
    make_laporan(s1, dinkes, status=LaporanSemester.Status.DIKEMBALIKAN,
                 komentar_pengembalian="Lampirkan bukti S3.")
    make_laporan(s1, dinsos, status=LaporanSemester.Status.DIKEMBALIKAN)   # not Dinkes's
    hari_ini = timezone.localdate()
    make_tindak_lanjut(dinkes, uraian="Validasi data balita", tenggat=hari_ini - timedelta(days=2))
    make_tindak_lanjut(dinkes, uraian="Jauh di depan", tenggat=hari_ini + timedelta(days=90))
    make_tindak_lanjut(dinsos, uraian="Milik Dinsos", tenggat=hari_ini - timedelta(days=2))

    resp = client_as(operator_dinkes).get("/")
    k = resp.context["kerja_opd"]
    assert [lap.semester.kode for lap in k["dikembalikan"]] == ["2025S1"]
    assert [j["semester"].kode for j in k["jatuh_tempo"]] == [s2.kode]
    assert [t.uraian for t in k["tindak_lanjut"]] == ["Validasi data balita"]
    teks = resp.content.decode()
    assert "Lampirkan bukti S3." in teks and "terlambat" in teks
    assert "Milik Dinsos" not in teks and "Jauh di depan" not in teks
    assert "kerja_petugas" not in resp.context


def test_petugas_sees_open_cases_and_2t_in_their_scope_only(client_as, peran):
    melati, mawar = make_posyandu("Melati"), make_posyandu("Mawar")
    kader = make_user("kader", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    pendek = make_balita(melati, nama="Citra", tanggal_lahir=date(2023, 1, 5))
    ukur(pendek, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    jauh = make_balita(mawar, nama="Jauh", tanggal_lahir=date(2023, 1, 5))
    ukur(jauh, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    tidak_naik = make_balita(melati, nama="Dua T", tanggal_lahir=date(2024, 1, 5))
    for bulan, berat in ((5, 8.0), (6, 8.05), (7, 8.1)):
        ukur(tidak_naik, date(2025, bulan, 5), berat=berat, tinggi=75)
    resp = client_as(kader).get("/")
    k = resp.context["kerja_petugas"]
    assert {c.balita.nama for c in k["kasus"]} >= {"Citra"}
    assert "Jauh" not in {c.balita.nama for c in k["kasus"]}
    assert [p.balita.nama for p in k["dua_t"]] == ["Dua T"]
    assert [p.nama for p in k["posyandu"]] == ["Melati"]
    assert "Jauh" not in resp.content.decode()
