"""Each role's home shows what waits for it: Pimpinan the reports to sign, the overdue
follow-ups per OPD, the five desa with the highest stunting (30 measured at least) and a
one-page brief; the Sekretariat its queues; an operator its notifications."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from evaluasi.models import LaporanSemester, Semester
from opd import pemberitahuan
from opd.models import Pemberitahuan
from tests.evaluasi.factories import make_laporan, make_semester
from tests.factories import make_opd
from tests.posyandu.factories import make_balita, make_melati_dan_mawar, ukur
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import PengesahanLaporan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def semester_dikunci(db):
    return make_semester("2025S2", status=Semester.Status.DIKUNCI,
                         pengisian_dibuka=date(2026, 1, 2), batas_pengisian=date(2026, 1, 31))


def test_pimpinan_sees_the_report_waiting_for_a_signature(client_as, pimpinan, semester_dikunci):
    c = client_as(pimpinan)
    halaman = c.get("/").content.decode()
    assert 'id="kerja-pengesahan"' in halaman
    assert "Periksa dan sahkan laporan 2025S2" in halaman
    assert 'href="/laporan-semester/2025S2/"' in halaman
    PengesahanLaporan.objects.create(semester=semester_dikunci, isi={"x": 1}, disahkan_oleh=pimpinan,
                                     nama_pengesah="Sekda", disahkan_pada=datetime(2026, 2, 1,
                                                                                   tzinfo=WIB))
    halaman = c.get("/").content.decode()
    assert "Periksa dan sahkan laporan 2025S2" not in halaman
    assert "Tidak ada laporan yang menunggu pengesahan." in halaman


def test_pimpinan_sees_overdue_follow_ups_by_opd(client_as, pimpinan, dinkes, dinsos):
    keputusan = make_keputusan(make_rapat(tanggal=date(2026, 9, 1)))
    for _ in range(2):
        make_tindak_lanjut(dinkes, keputusan, tenggat=date(2026, 10, 1))
    make_tindak_lanjut(dinsos, keputusan, tenggat=date(2026, 10, 1))
    make_tindak_lanjut(dinsos, keputusan, tenggat=date(2026, 12, 30))  # not due yet
    kerja = client_as(pimpinan).get("/").context["kerja"]["pimpinan"]
    assert [(r["opd_penanggung_jawab__singkatan"], r["terlambat"], r["jumlah"])
            for r in kerja["terlambat_per_opd"]] == [("Dinkes", 2, 2), ("Dinsos", 1, 2)]


@pytest.fixture
def dua_desa(db):
    """Sisir: 30 children measured, 6 stunted (20 %). Bumiaji: 29 measured, all stunted,
    too few to rank."""
    w, melati, mawar = make_melati_dan_mawar()
    for i in range(30):
        anak = make_balita(melati, nama=f"Sisir {i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2026, 8, 6), berat=11.5, tinggi=78.0 if i < 6 else 92.0)
    for i in range(29):
        anak = make_balita(mawar, nama=f"Bumiaji {i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2026, 8, 6), berat=11.0, tinggi=78.0)
    return w


def test_the_five_desa_rank_only_those_with_thirty_measured(client_as, pimpinan, dua_desa):
    resp = client_as(pimpinan).get("/", {"bulan": "2026-08"})
    desa = resp.context["kerja"]["pimpinan"]["desa_tertinggi"]
    assert [(d["desa"].nama, d["proporsi"].k, d["proporsi"].n) for d in desa] == [("Sisir", 6, 30)]
    halaman = resp.content.decode()
    assert "Sisir (Batu): <strong>20,0%</strong>" in halaman
    assert "Hanya desa dengan sekurang-kurangnya 30 balita diukur." in halaman
    brief = client_as(pimpinan).get("/dasbor/ringkas/", {"bulan": "2026-08"}).content.decode()
    assert 'id="ringkasan-rapat"' in brief and "Ringkasan untuk rapat — data Agustus 2026" in brief
    assert "Sisir (Batu): 20,0% (6 dari 30)" in brief and "Bumiaji (Bumiaji)" not in brief


def test_the_sekretariat_sees_its_queues(client_as, sekretariat, dinkes, dinsos):
    dibuka = make_semester("2026S2", pengisian_dibuka=date(2026, 11, 1),
                           batas_pengisian=date(2026, 12, 15))
    lalu = make_semester("2026S1", status=Semester.Status.DITUTUP,
                         pengisian_dibuka=date(2026, 7, 1), batas_pengisian=date(2026, 7, 31))
    dinas_lain = make_opd("Dispora", nama="Dinas Pemuda dan Olahraga")
    s = LaporanSemester.Status
    make_laporan(dibuka, dinkes, status=s.DIAJUKAN, diajukan_pada=datetime(2026, 11, 18, tzinfo=WIB))
    make_laporan(dibuka, dinas_lain, status=s.DIKEMBALIKAN,
                 dikembalikan_pada=datetime(2026, 11, 13, 9, tzinfo=WIB))
    make_laporan(lalu, dinsos, status=s.DIAJUKAN, diajukan_pada=datetime(2026, 7, 30, tzinfo=WIB),
                 dikembalikan_pada=datetime(2026, 7, 20, tzinfo=WIB))
    resp = client_as(sekretariat).get("/")
    kerja = resp.context["kerja"]["sekretariat"]
    assert [(a["semester__kode"], a["n"], a["ulang"]) for a in kerja["antrean"]] == [
        ("2026S1", 1, 1), ("2026S2", 1, 0)]
    [belum] = kerja["belum_lapor"]
    assert belum["semester"] == dibuka
    assert [o.singkatan for o in belum["opd"]] == ["Bappelitbangda", "Dinsos", "Dispora"]
    [kembali] = kerja["dikembalikan"]
    assert (kembali.opd.singkatan, kembali.hari_menunggu) == ("Dispora", 7)
    halaman = resp.content.decode()
    assert "2026S2: <strong>1</strong> laporan menunggu" in halaman
    assert "menunggu 7 hari" in halaman and "Buka antrean" in halaman
    assert 'id="kerja-pengesahan"' not in halaman  # the Sekretariat does not sign


def test_an_operator_home_lists_its_unread_notifications(client_as, operator_dinkes):
    pemberitahuan.beri_tahu([operator_dinkes], jenis=Pemberitahuan.Jenis.LAPORAN_DIKEMBALIKAN,
                            kunci="uji:1", judul="Laporan 2026S2 Dinkes dikembalikan",
                            tautan="/evaluasi/")
    halaman = client_as(operator_dinkes).get("/").content.decode()
    assert 'id="kerja-pemberitahuan"' in halaman and "Laporan 2026S2 Dinkes dikembalikan" in halaman
    Pemberitahuan.objects.update(dibaca_pada=datetime(2026, 11, 20, tzinfo=WIB))
    pemberitahuan.hitung_ulang_belum_dibaca()
    assert 'id="kerja-pemberitahuan"' not in client_as(operator_dinkes).get("/").content.decode()


def test_nothing_waits_on_a_kecamatan_view(client_as, pimpinan, semester_dikunci, dua_desa):
    kec = dua_desa["sisir"].kecamatan_id
    assert client_as(pimpinan).get("/dasbor/", {"kecamatan": kec}).context["kerja"] is None
