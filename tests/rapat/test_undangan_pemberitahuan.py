"""Meeting invitations reach the invited agencies' users (inbox and e-mail with the
calendar file); a change of date, time or place, an agency withdrawn and a cancellation
are told, with a calendar file that updates or removes the event; invitations go out by
WhatsApp from the Sekretariat's own phone."""

from datetime import date, time
from email.utils import parseaddr
from urllib.parse import parse_qs, urlsplit

import pytest

from opd import roles
from opd.models import Pemberitahuan
from tests.factories import make_anggota, make_opd, make_user
from tests.rapat.factories import make_rapat
from tpps.models import KehadiranRapat, Rapat
from tpps.rapat import alur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]

TANGGAL = date(2026, 12, 1)  # after the suite's day (HARI_UJI, 20 November 2026)


def data_rapat(undangan, **kwargs):
    data = {
        "jenis": "koordinasi", "judul": "Rapat Koordinasi Percepatan Penurunan Stunting",
        "tanggal": TANGGAL.isoformat(), "jam_mulai": "09:00", "jam_selesai": "12:00",
        "tempat": "Ruang Rapat Utama Balai Kota Among Tani",
        "pimpinan_rapat": "Sekretaris Daerah", "nomor_undangan": "005/123/422.012/2026",
        "agenda": "Pembukaan\nPaparan capaian semester II", "diundang": [o.pk for o in undangan],
    }
    data.update(kwargs)
    return data


@pytest.fixture
def pengguna(peran, dinkes, dinsos):
    dispora = make_opd("Dispora", nama="Dinas Pemuda dan Olahraga")
    return {
        "okta": make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes,
                          email="okta@dinkes.batukota.go.id", telepon="0812 3456 7890"),
        "kadis": make_user("kadis", peran=roles.PIMPINAN, opd=dinkes,
                           email="kadis@dinkes.batukota.go.id"),
        "dani": make_user("dani", peran=roles.OPERATOR_OPD, opd=dinsos,
                          email="dani@dinsos.batukota.go.id"),
        "rudi": make_user("rudi", peran=roles.OPERATOR_OPD, opd=dispora,
                          email="rudi@dispora.batukota.go.id"),
        "dispora": dispora,
    }


def _ics(surel) -> str:
    [(nama, isi, jenis)] = surel.attachments
    assert nama == "undangan-rapat.ics" and jenis.startswith("text/calendar")
    return isi


def _kirim(c, url, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return c.post(url, data)


def test_planning_invites_the_invited_agencies_users_with_a_calendar_file(
        client_as, sekretariat, pengguna, dinkes, dinsos, mailoutbox,
        django_capture_on_commit_callbacks):
    resp = _kirim(client_as(sekretariat), "/rapat/tambah/", data_rapat([dinkes, dinsos]),
                  django_capture_on_commit_callbacks)
    assert resp.status_code == 302
    rapat = Rapat.objects.get()
    alamat = sorted(parseaddr(m.to[0])[1] for m in mailoutbox)
    assert alamat == ["dani@dinsos.batukota.go.id", "kadis@dinkes.batukota.go.id",
                      "okta@dinkes.batukota.go.id"]  # not Dispora, not the Sekretariat
    surel = next(m for m in mailoutbox if m.to == ["okta@dinkes.batukota.go.id"])
    assert surel.subject == ("[TPPS Kota Batu] Undangan Rapat Koordinasi Percepatan Penurunan "
                             "Stunting")
    assert "Selasa, 1 Desember 2026, 09.00 WIB, di Ruang Rapat Utama" in surel.body
    ics = _ics(surel)
    assert f"UID:rapat-{rapat.pk}@tpps.127.0.0.1" in ics
    assert "SEQUENCE:0" in ics and "STATUS:CONFIRMED" in ics
    assert "DTSTART:20261201T020000Z" in ics  # 09.00 WIB
    # The file downloaded from the meeting's page is the same event.
    unduh = client_as(pengguna["okta"]).get(f"/rapat/{rapat.pk}/undangan.ics").content.decode()
    assert f"UID:rapat-{rapat.pk}@tpps.127.0.0.1" in unduh and "SEQUENCE:0" in unduh
    p = Pemberitahuan.objects.get(penerima=pengguna["okta"])
    assert p.tautan == f"/rapat/{rapat.pk}/" and p.jenis == Pemberitahuan.Jenis.RAPAT


def test_a_change_of_time_is_told_an_agenda_edit_is_not(
        client_as, sekretariat, pengguna, dinkes, mailoutbox, django_capture_on_commit_callbacks):
    c = client_as(sekretariat)
    _kirim(c, "/rapat/tambah/", data_rapat([dinkes]), django_capture_on_commit_callbacks)
    rapat = Rapat.objects.get()
    mailoutbox.clear()
    _kirim(c, f"/rapat/{rapat.pk}/ubah/", data_rapat([dinkes], agenda="Pembukaan saja"),
           django_capture_on_commit_callbacks)
    assert mailoutbox == []
    _kirim(c, f"/rapat/{rapat.pk}/ubah/", data_rapat([dinkes], jam_mulai="13:00",
                                                     jam_selesai="15:00"),
           django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 2
    surel = mailoutbox[0]
    assert surel.subject.endswith("Perubahan jadwal Rapat Koordinasi Percepatan Penurunan Stunting")
    assert "13.00 WIB" in surel.body
    ics = _ics(surel)
    assert "SEQUENCE:1" in ics and "DTSTART:20261201T060000Z" in ics
    rapat.refresh_from_db()
    assert rapat.versi_undangan == 1


def test_an_agency_added_is_invited_and_one_withdrawn_is_told(
        client_as, sekretariat, pengguna, dinkes, dinsos, mailoutbox,
        django_capture_on_commit_callbacks):
    c = client_as(sekretariat)
    _kirim(c, "/rapat/tambah/", data_rapat([dinkes, dinsos]), django_capture_on_commit_callbacks)
    rapat = Rapat.objects.get()
    mailoutbox.clear()
    _kirim(c, f"/rapat/{rapat.pk}/ubah/", data_rapat([dinkes, pengguna["dispora"]]),
           django_capture_on_commit_callbacks)
    subjek = {m.to[0]: m.subject for m in mailoutbox}
    assert subjek == {
        "rudi@dispora.batukota.go.id": "[TPPS Kota Batu] Undangan Rapat Koordinasi Percepatan "
                                       "Penurunan Stunting",
        "dani@dinsos.batukota.go.id": "[TPPS Kota Batu] Undangan Rapat Koordinasi Percepatan "
                                      "Penurunan Stunting ditarik",
    }


def test_cancelling_asks_for_a_reason_says_what_it_does_and_tells_the_invited(
        client_as, sekretariat, pengguna, dinkes, mailoutbox, django_capture_on_commit_callbacks):
    c = client_as(sekretariat)
    _kirim(c, "/rapat/tambah/", data_rapat([dinkes]), django_capture_on_commit_callbacks)
    rapat = Rapat.objects.get()
    mailoutbox.clear()
    tanya = c.get(f"/rapat/{rapat.pk}/batalkan/").content.decode()
    assert "2 pengguna" in tanya and "tidak dapat diurungkan" in tanya
    assert Rapat.objects.get().dibatalkan_pada is None  # GET asks only
    tanpa_alasan = _kirim(c, f"/rapat/{rapat.pk}/batalkan/", {"alasan": "  "},
                          django_capture_on_commit_callbacks)
    assert tanpa_alasan.status_code == 400 and "Tulis alasan pembatalan" in tanpa_alasan.content.decode()
    assert Rapat.objects.get().dibatalkan_pada is None and mailoutbox == []
    resp = _kirim(c, f"/rapat/{rapat.pk}/batalkan/", {"alasan": "Sekda dipanggil Gubernur."},
                  django_capture_on_commit_callbacks)
    assert resp.status_code == 302
    rapat.refresh_from_db()
    assert rapat.is_dibatalkan and rapat.alasan_batal == "Sekda dipanggil Gubernur."
    assert len(mailoutbox) == 2
    surel = mailoutbox[0]
    assert surel.subject.endswith("Rapat Koordinasi Percepatan Penurunan Stunting dibatalkan")
    assert "Sekda dipanggil Gubernur." in surel.body
    ics = _ics(surel)
    assert "STATUS:CANCELLED" in ics and "SEQUENCE:1" in ics
    halaman = c.get(f"/rapat/{rapat.pk}/").content.decode()
    assert 'id="rapat-dibatalkan"' in halaman and "Ubah rencana" not in halaman
    # Cancelled is final: editing, recording and cancelling again are refused.
    with pytest.raises(Exception, match="sudah dibatalkan"):
        alur.ubah_rencana(rapat=rapat, agenda=[], diundang=[dinkes])
    again = c.post(f"/rapat/{rapat.pk}/batalkan/", {"alasan": "lagi"})
    assert "Rapat ini sudah dibatalkan." in again.content.decode()
    assert len(mailoutbox) == 2


def test_a_meeting_held_or_recorded_cannot_be_cancelled(client_as, sekretariat, dinkes):
    lalu = make_rapat(undang=[dinkes], tanggal=date(2026, 11, 2))
    datang = make_rapat(undang=[dinkes], tanggal=TANGGAL)
    KehadiranRapat.objects.filter(rapat=datang).update(status=KehadiranRapat.Status.HADIR)
    c = client_as(sekretariat)
    for rapat, pesan in ((lalu, "sudah dimulai atau berlangsung"), (datang, "sudah dicatat")):
        c.post(f"/rapat/{rapat.pk}/batalkan/", {"alasan": "Salah jadwal"})
        assert pesan in c.get(f"/rapat/{rapat.pk}/batalkan/").content.decode()
        rapat.refresh_from_db()
        assert not rapat.is_dibatalkan


def test_only_who_plans_meetings_may_cancel(client_as, operator_dinkes, pimpinan, dinkes):
    rapat = make_rapat(undang=[dinkes], tanggal=TANGGAL)
    for user in (operator_dinkes, pimpinan):
        c = client_as(user)
        assert c.get(f"/rapat/{rapat.pk}/batalkan/").status_code == 403
        assert c.post(f"/rapat/{rapat.pk}/batalkan/", {"alasan": "x"}).status_code == 403
    assert "Batalkan rapat" not in client_as(operator_dinkes).get(f"/rapat/{rapat.pk}/").content.decode()
    rapat.refresh_from_db()
    assert not rapat.is_dibatalkan


def test_whatsapp_links_carry_the_invitation_to_each_mobile_number(
        client_as, sekretariat, pengguna, dinkes, dinsos):
    make_anggota(dinsos, nama="Bu Wulan", telepon="+62 811-3000-123")
    make_anggota(dinsos, nama="Kantor Dinsos", telepon="(0341) 512345")  # a landline: no link
    rapat = make_rapat(undang=[dinkes, dinsos], tanggal=TANGGAL, jam_mulai=time(9, 0))
    halaman = client_as(sekretariat).get(f"/rapat/{rapat.pk}/")
    kontak = {b["opd"].singkatan: b["orang"] for b in halaman.context["kontak_wa"]}
    assert [o["nama"] for o in kontak["Dinkes"]] == ["Okta"]
    assert [o["nama"] for o in kontak["Dinsos"]] == ["Bu Wulan"]
    tautan = urlsplit(kontak["Dinkes"][0]["tautan"])
    assert (tautan.netloc, tautan.path) == ("wa.me", "/6281234567890")
    teks = parse_qs(tautan.query)["text"][0]
    assert "Selasa, 1 Desember 2026, 09.00 WIB" in teks
    assert f"http://127.0.0.1:8000/rapat/{rapat.pk}/" in teks
    assert urlsplit(kontak["Dinsos"][0]["tautan"]).path == "/628113000123"
    assert "Kirim via WhatsApp ke Okta" in halaman.content.decode()
    # Readers who do not plan meetings see no sending links.
    assert client_as(pengguna["okta"]).get(f"/rapat/{rapat.pk}/").context["kontak_wa"] is None


def test_a_meeting_recorded_after_the_fact_invites_nobody(client_as, sekretariat, pengguna,
                                                          dinkes, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    resp = _kirim(client_as(sekretariat), "/rapat/tambah/",
                  data_rapat([dinkes], tanggal="2026-11-02"), django_capture_on_commit_callbacks)
    assert resp.status_code == 302 and Rapat.objects.count() == 1
    assert mailoutbox == [] and not Pemberitahuan.objects.exists()
