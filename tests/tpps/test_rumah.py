"""Operator OPD and Petugas Posyandu land on their own work."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from evaluasi.models import LaporanSemester
from opd import roles
from posyandu.models import CakupanPetugas, Kasus
from tests.evaluasi.factories import make_laporan, make_semester
from tests.factories import make_user
from tests.posyandu.factories import (
    beri_cakupan,
    make_balita,
    make_melati_dan_mawar,
    make_posyandu,
    ukur,
)
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
    assert {b.nama for b in k["anak_kasus"]} == {"Citra", "Dua T"}
    dua_t = next(b for b in k["anak_kasus"] if b.nama == "Dua T")
    assert Kasus.Jenis.DUA_T in {c.jenis for c in dua_t.kasus_terbuka}
    assert k["tertinggal"] == [] and k["jumlah_tertinggal"] == 0
    assert [p.nama for p in k["posyandu"]] == ["Melati"]
    assert "Jauh" not in resp.content.decode()


@pytest.fixture
def kader_melati_dan_mawar(peran):
    """Melati's kader; Melati and Mawar each with a child stunted since April 2026 and no
    case (data from before cases were opened at each measurement)."""
    w, melati, mawar = make_melati_dan_mawar()
    kader = make_user("kader", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    anak = {}
    for posyandu, nama in ((melati, "Raka Pendek"), (mawar, "Jauh Pendek")):
        b = make_balita(posyandu, nama=nama, tanggal_lahir=date(2024, 3, 10))
        ukur(b, date(2026, 2, 10), berat=11.0, tinggi=84.0)
        ukur(b, date(2026, 4, 10), berat=10.2, tinggi=79.0)   # Pendek
        ukur(b, date(2026, 8, 10), berat=10.6, tinggi=82.0)   # still
        anak[nama] = b
    Kasus.objects.all().delete()
    return kader, anak


def test_kader_sees_a_child_needing_a_case_without_one_of_their_posyandu_only(
        client_as, kader_melati_dan_mawar):
    kader, anak = kader_melati_dan_mawar
    resp = client_as(kader).get("/")
    k = resp.context["kerja_petugas"]
    assert [b.nama for b in k["tertinggal"]] == ["Raka Pendek"] and k["jumlah_tertinggal"] == 1
    teks = resp.content.decode()
    assert "1 balita perlu kasus tetapi belum punya kasus terbuka" in teks
    assert "Stunting (pendek/sangat pendek): belum ada kasus, sejak pengukuran 10-04-2026" in teks
    assert anak["Raka Pendek"].get_absolute_url() in teks
    assert "Jauh Pendek" not in teks and anak["Jauh Pendek"].get_absolute_url() not in teks


def test_once_opened_the_case_is_listed_with_its_link_and_the_gap_is_gone(
        client_as, kader_melati_dan_mawar):
    kader, anak = kader_melati_dan_mawar
    call_command("buka_kasus_tertinggal", stdout=StringIO())
    kasus = Kasus.objects.get(balita=anak["Raka Pendek"])
    resp = client_as(kader).get("/")
    k = resp.context["kerja_petugas"]
    assert k["tertinggal"] == [] and [b.nama for b in k["anak_kasus"]] == ["Raka Pendek"]
    teks = resp.content.decode()
    assert "Setiap balita yang statusnya memerlukan kasus sudah punya kasus terbuka." in teks
    assert "Stunting (pendek/sangat pendek), ditemukan, sejak 10-04-2026" in teks
    assert f'href="/posyandu/kasus/{kasus.pk}/"' in teks
    assert "Jauh Pendek" not in teks


def test_a_case_resolved_after_the_measurement_shows_as_the_reason(
        client_as, kader_melati_dan_mawar):
    kader, anak = kader_melati_dan_mawar
    Kasus.objects.create(balita=anak["Raka Pendek"], jenis=Kasus.Jenis.STUNTING,
                         tanggal_ditemukan=date(2026, 4, 10), status=Kasus.Status.SELESAI,
                         tanggal_selesai=date(2026, 8, 20))
    resp = client_as(kader).get("/")
    k = resp.context["kerja_petugas"]
    assert k["tertinggal"] == [] and [b.nama for b in k["menunggu"]] == ["Raka Pendek"]
    assert ("Stunting (pendek/sangat pendek) pada pengukuran 10-08-2026; kasusnya "
            "diselesaikan 20-08-2026.") in resp.content.decode()


def test_the_home_is_a_fixed_number_of_queries(client_as, kader_melati_dan_mawar,
                                               django_assert_num_queries):
    kader, anak = kader_melati_dan_mawar
    for i in range(3):  # more children needing a case cost no more queries
        b = make_balita(anak["Raka Pendek"].posyandu, nama=f"Tambahan {i}",
                        tanggal_lahir=date(2024, 3, 10))
        ukur(b, date(2026, 4, 10), berat=10.2, tinggi=79.0)
    Kasus.objects.all().delete()
    c = client_as(kader)
    c.get("/")
    with django_assert_num_queries(13):
        assert c.get("/").context["kerja_petugas"]["jumlah_tertinggal"] == 4
    call_command("buka_kasus_tertinggal", stdout=StringIO())
    with django_assert_num_queries(14):  # the open cases of the listed children: one more
        assert c.get("/").context["kerja_petugas"]["jumlah_anak_kasus"] == 4
