"""A meeting's printable documents and its calendar file."""

from datetime import date, time

import pytest
from django.urls import reverse

from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import AgendaRapat

pytestmark = pytest.mark.django_db


@pytest.fixture
def rapat(dinkes, dinsos):
    rapat = make_rapat(judul="Rapat Koordinasi TPPS", tanggal=date(2026, 3, 10),
                       jam_mulai=time(9, 0), jam_selesai=time(12, 0),
                       nomor_undangan="005/77/422.012/2026", undang=[dinkes, dinsos],
                       notulen="Sekda membuka rapat.")
    AgendaRapat.objects.create(rapat=rapat, nomor=1, uraian="Paparan capaian semester II")
    rapat.kehadiran.filter(opd=dinkes).update(status="hadir", nama_hadir="dr. Kadis Sehat",
                                              jabatan_hadir="Kepala Dinas Kesehatan")
    keputusan = make_keputusan(rapat, uraian="Data balita dimutakhirkan per desa")
    make_tindak_lanjut(dinkes, keputusan, uraian="Verifikasi data e-PPGBM",
                       tenggat=date(2026, 4, 30))
    return rapat


@pytest.mark.parametrize("nama", ["rapat:undangan", "rapat:daftar-hadir", "rapat:notulen"])
def test_printable_documents_are_a4_and_hide_navigation(client_as, petugas, rapat, nama):
    teks = client_as(petugas).get(reverse(nama, args=[rapat.pk])).content.decode()
    assert "/static/css/cetak.css" in teks
    assert 'class="navbar navbar-expand-lg bg-success-subtle border-bottom d-print-none"' in teks
    assert "TIM PERCEPATAN PENURUNAN STUNTING" in teks
    assert "Rapat Koordinasi TPPS" in teks


def test_the_stylesheet_sets_an_a4_page(settings):
    from pathlib import Path

    css = (Path(settings.BASE_DIR) / "static/css/cetak.css").read_text()
    assert "@page { size: A4" in css


def test_invitation_lists_time_place_agenda_and_invitees(client_as, petugas, rapat):
    teks = client_as(petugas).get(reverse("rapat:undangan", args=[rapat.pk])).content.decode()
    for isi in ["005/77/422.012/2026", "Selasa, 10 Maret 2026", "09.00", "12.00",
                "Paparan capaian semester II", "Dinas Sosial (Dinsos)", "Sekretaris Daerah"]:
        assert isi in teks


def test_attendance_sheet_has_a_row_per_invitee_and_a_signature_column(client_as, petugas,
                                                                      rapat):
    resp = client_as(petugas).get(reverse("rapat:daftar-hadir", args=[rapat.pk]))
    teks = resp.content.decode()
    assert "Tanda tangan" in teks
    assert "dr. Kadis Sehat" in teks and "Kepala Dinas Kesehatan" in teks
    assert [k.opd.singkatan for k in resp.context["kehadiran"]] == ["Dinkes", "Dinsos"]
    assert teks.count('class="kolom-ttd') == 1 + 2 + 5  # header, invitees, blank rows


def test_minutes_hold_participants_minutes_and_decisions_with_follow_ups(client_as, petugas,
                                                                        rapat):
    teks = client_as(petugas).get(reverse("rapat:notulen", args=[rapat.pk])).content.decode()
    for isi in ["Sekda membuka rapat.", "Data balita dimutakhirkan per desa",
                "Verifikasi data e-PPGBM (Dinkes, 30 Apr 2026)"]:
        assert isi in teks


def test_calendar_file_for_the_invitation(client_as, petugas, rapat):
    resp = client_as(petugas).get(reverse("rapat:undangan-ics", args=[rapat.pk]))
    assert resp["Content-Type"] == "text/calendar; charset=utf-8"
    assert resp["Content-Disposition"] == f'attachment; filename="undangan-rapat-{rapat.pk}.ics"'
    teks = resp.content.decode().replace("\r\n ", "")
    assert f"UID:rapat-{rapat.pk}@tpps.127.0.0.1" in teks  # ALAMAT_SITUS: the same in e-mails
    assert "DTSTART:20260310T020000Z" in teks  # 09.00 WIB
    assert "DTEND:20260310T050000Z" in teks
    assert "SUMMARY:Rapat Koordinasi TPPS" in teks
    assert "1. Paparan capaian semester II" in teks


def test_documents_of_an_unknown_meeting_are_404(client_as, petugas):
    for nama in ["rapat:undangan", "rapat:daftar-hadir", "rapat:notulen", "rapat:undangan-ics"]:
        assert client_as(petugas).get(reverse(nama, args=[404])).status_code == 404
