"""Notifications: the inbox (the bell), e-mail after the change commits, one reason told
once, each user's e-mail preferences and the one-click unsubscribe, and a real SMTP
server receiving what the product sends."""

import socket
from email import message_from_bytes

import pytest
from django.test import Client

from opd import pemberitahuan
from opd.models import Pemberitahuan, PreferensiSurel, User

pytestmark = pytest.mark.django_db

Jenis = Pemberitahuan.Jenis


def _beri_tahu(orang, kunci="uji:1", **kwargs):
    kwargs.setdefault("jenis", Jenis.TINDAK_LANJUT)
    kwargs.setdefault("judul", "Tindak lanjut Dinkes lewat tenggat")
    kwargs.setdefault("isi", "Memutakhirkan data balita stunting per desa")
    kwargs.setdefault("tautan", "/tindak-lanjut/7/")
    return pemberitahuan.beri_tahu(orang, kunci=kunci, **kwargs)


@pytest.fixture
def okta(operator_dinkes):
    operator_dinkes.email = "okta@dinkes.batukota.go.id"
    operator_dinkes.save()
    return operator_dinkes


def test_a_reason_is_told_once_in_the_inbox_and_by_mail_after_commit(
        okta, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        baru = _beri_tahu([okta])
        assert mailoutbox == []  # nothing leaves before the change commits
    assert len(callbacks) == 1
    assert len(baru) == 1 and baru[0].penerima == okta
    [surel] = mailoutbox
    assert surel.to == ["okta@dinkes.batukota.go.id"]
    assert surel.subject == "[TPPS Kota Batu] Tindak lanjut Dinkes lewat tenggat"
    assert "http://127.0.0.1:8000/tindak-lanjut/7/" in surel.body
    okta.refresh_from_db()
    assert okta.jumlah_belum_dibaca == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert _beri_tahu([okta]) == []
    assert len(mailoutbox) == 1
    assert Pemberitahuan.objects.filter(penerima=okta).count() == 1


def test_no_address_means_the_inbox_only_and_inactive_users_are_not_told(
        peran, operator_dinkes, operator_dinsos, django_capture_on_commit_callbacks, mailoutbox):
    operator_dinsos.is_active = False
    operator_dinsos.email = "dani@dinsos.batukota.go.id"
    operator_dinsos.save()
    with django_capture_on_commit_callbacks(execute=True):
        baru = _beri_tahu([operator_dinkes, operator_dinsos])
    assert [p.penerima for p in baru] == [operator_dinkes]
    assert not baru[0].surel_perlu and mailoutbox == []


def test_a_kind_switched_off_stays_in_the_inbox(okta, django_capture_on_commit_callbacks,
                                                mailoutbox):
    PreferensiSurel.objects.create(user=okta, jenis=Jenis.TINDAK_LANJUT)
    with django_capture_on_commit_callbacks(execute=True):
        _beri_tahu([okta])
        _beri_tahu([okta], kunci="uji:rapat", jenis=Jenis.RAPAT, judul="Undangan rapat")
    assert [m.subject for m in mailoutbox] == ["[TPPS Kota Batu] Undangan rapat"]
    assert Pemberitahuan.objects.filter(penerima=okta).count() == 2


def test_every_mail_has_a_one_click_unsubscribe_for_its_kind(
        okta, django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=True):
        _beri_tahu([okta])
    surel = mailoutbox[0]
    tautan = surel.extra_headers["List-Unsubscribe"].strip("<>")
    assert surel.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert tautan in surel.body
    jalur = tautan.removeprefix("http://127.0.0.1:8000")
    anon = Client(enforce_csrf_checks=True)
    tanya = anon.get(jalur)
    assert tanya.status_code == 200 and "Berhenti menerima surel?" in tanya.content.decode()
    assert not PreferensiSurel.objects.filter(user=okta).exists()  # GET asks only
    # A mail client's one-click POST: no session, no CSRF token.
    selesai = anon.post(jalur, {"List-Unsubscribe": "One-Click"})
    assert selesai.status_code == 200 and "Surel dihentikan" in selesai.content.decode()
    assert list(PreferensiSurel.objects.filter(user=okta).values_list("jenis", flat=True)) == [
        Jenis.TINDAK_LANJUT]
    with django_capture_on_commit_callbacks(execute=True):
        _beri_tahu([okta], kunci="uji:2")
    assert len(mailoutbox) == 1  # that kind no longer mailed


def test_a_forged_unsubscribe_link_changes_nothing(okta):
    token = pemberitahuan.token_berhenti(okta, Jenis.RAPAT)
    for palsu in (token[:-2] + "xx", "bukan-token", token.replace(":", "")):
        resp = Client().post(f"/pemberitahuan/berhenti/{palsu}/")
        assert resp.status_code == 400
        assert "Tautan tidak sah" in resp.content.decode()
    assert not PreferensiSurel.objects.exists()


def test_the_bell_counts_unread_and_the_inbox_opens_and_reads(client_as, okta, operator_dinsos):
    _beri_tahu([okta], kunci="uji:1", judul="Pertama")
    [kedua] = _beri_tahu([okta], kunci="uji:2", judul="Kedua", tautan="/rapat/")
    _beri_tahu([operator_dinsos], kunci="uji:3", judul="Milik Dani")
    c = client_as(okta)
    beranda = c.get("/pemberitahuan/").content.decode()
    assert 'id="lonceng"' in beranda and ">2<span class=\"visually-hidden\"> belum dibaca" in beranda
    assert "Pertama" in beranda and "Kedua" in beranda and "Milik Dani" not in beranda
    buka = c.get(f"/pemberitahuan/{kedua.pk}/")
    assert buka.status_code == 302 and buka["Location"] == "/rapat/"
    kedua.refresh_from_db()
    okta.refresh_from_db()
    assert kedua.dibaca_pada is not None and okta.jumlah_belum_dibaca == 1
    milik_dani = Pemberitahuan.objects.get(penerima=operator_dinsos)
    assert c.get(f"/pemberitahuan/{milik_dani.pk}/").status_code == 404
    milik_dani.refresh_from_db()
    assert milik_dani.dibaca_pada is None
    c.post("/pemberitahuan/baca-semua/")
    okta.refresh_from_db()
    assert okta.jumlah_belum_dibaca == 0
    assert not Pemberitahuan.objects.filter(penerima=okta, dibaca_pada__isnull=True).exists()


def test_the_bell_costs_no_query(client_as, okta, django_assert_num_queries):
    """The count comes with the signed-in user's row: the same queries with 0 or 3 unread."""
    c = client_as(okta)
    c.get("/pemberitahuan/pengaturan/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as tanpa:
        c.get("/pemberitahuan/pengaturan/")
    for i in range(3):
        _beri_tahu([okta], kunci=f"uji:{i}")
    with django_assert_num_queries(len(tanpa)):
        isi = c.get("/pemberitahuan/pengaturan/").content.decode()
    assert ">3<span class=\"visually-hidden\"> belum dibaca" in isi


def test_each_user_sets_address_phone_and_kinds(client_as, okta, operator_dinsos):
    operator_dinsos.email = "dani@dinsos.batukota.go.id"
    operator_dinsos.save()
    c = client_as(okta)
    semua = [j for j in Jenis.values if j != Jenis.RINGKASAN_TINDAK_LANJUT]
    resp = c.post("/pemberitahuan/pengaturan/", {
        "email": "okta.baru@dinkes.batukota.go.id", "telepon": "0812-3456-7890", "surel": semua})
    assert resp.status_code == 302
    okta.refresh_from_db()
    assert okta.email == "okta.baru@dinkes.batukota.go.id" and okta.telepon == "0812-3456-7890"
    assert list(PreferensiSurel.objects.filter(user=okta).values_list("jenis", flat=True)) == [
        Jenis.RINGKASAN_TINDAK_LANJUT]
    # Bad input: another user's address, a landline, a forged kind: nothing changes.
    for isian, pesan in (
        ({"email": "DANI@dinsos.batukota.go.id", "telepon": ""}, "sudah dipakai pengguna lain"),
        ({"email": "", "telepon": "0341 512345"}, "Nomor telepon tidak dikenali"),
        ({"email": "", "telepon": "", "surel": ["bukan_jenis"]}, "Masukkan pilihan yang valid"),
    ):
        resp = c.post("/pemberitahuan/pengaturan/", isian)
        assert resp.status_code == 200 and pesan in resp.content.decode()
    okta.refresh_from_db()
    assert okta.email == "okta.baru@dinkes.batukota.go.id"
    assert PreferensiSurel.objects.filter(user=okta).count() == 1


def test_the_inbox_needs_sign_in(okta):
    assert Client().get("/pemberitahuan/")["Location"].startswith("/akun/masuk/")


# --- A real SMTP server -------------------------------------------------------------------


@pytest.fixture
def smtp(settings):
    """An SMTP server (aiosmtpd) on a free port; the product's e-mail set to it through
    EMAIL_URL's parsed form, as production reads it."""
    import environ
    from aiosmtpd.controller import Controller

    class Kotak:
        def __init__(self):
            self.pesan = []

        async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
            self.pesan.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
            return "250 OK"

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kotak = Kotak()
    server = Controller(kotak, hostname="127.0.0.1", port=port)
    server.start()
    for kunci, nilai in environ.Env.email_url_config(f"smtp://127.0.0.1:{port}").items():
        setattr(settings, kunci, nilai)
    settings.EMAIL_TIMEOUT = 5
    yield kotak, port
    server.stop()


def test_mail_reaches_a_real_smtp_server_with_its_calendar_file(okta, smtp,
                                                                django_capture_on_commit_callbacks):
    kotak, _port = smtp
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    with django_capture_on_commit_callbacks(execute=True):
        _beri_tahu([okta], jenis=Jenis.RAPAT, judul="Undangan Rapat Koordinasi",
                   lampiran_ics=ics)
    [(penerima, pesan)] = kotak.pesan
    assert penerima == ["okta@dinkes.batukota.go.id"]
    assert pesan["Subject"] == "[TPPS Kota Batu] Undangan Rapat Koordinasi"
    assert pesan["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    bagian = {p.get_content_type(): p for p in pesan.walk()}
    assert "text/calendar" in bagian
    assert "BEGIN:VCALENDAR" in bagian["text/calendar"].get_payload(decode=True).decode()
    p = Pemberitahuan.objects.get()
    assert p.surel_terkirim_pada is not None


def test_mail_that_could_not_be_sent_is_sent_by_the_next_run(okta, smtp, settings,
                                                             django_capture_on_commit_callbacks):
    kotak, port = smtp
    with socket.socket() as s:  # a port nobody listens on: the server is down
        s.bind(("127.0.0.1", 0))
        settings.EMAIL_PORT = s.getsockname()[1]
    with django_capture_on_commit_callbacks(execute=True):
        _beri_tahu([okta])
    p = Pemberitahuan.objects.get()
    assert p.surel_perlu and p.surel_terkirim_pada is None and kotak.pesan == []
    settings.EMAIL_PORT = port
    assert pemberitahuan.kirim_surel_tertunda() == (1, 0)
    assert len(kotak.pesan) == 1
    assert pemberitahuan.kirim_surel_tertunda() == (0, 0)  # sent once
    assert len(kotak.pesan) == 1


def test_every_kind_has_an_indonesian_label():
    assert all(label and label[0].isupper() for label in Jenis.labels)
    assert User._meta.get_field("telepon").verbose_name == "telepon/WhatsApp"
