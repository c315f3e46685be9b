"""Accounts in the app (/pengguna/, posyandu.pengguna) and signing in without a password
anyone else chose: the invitation link and "Lupa kata sandi?" (opd.akun); the admin's user
page without the password hash."""

import re
import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.tokens import default_token_generator
from django.test import Client

from opd import roles
from opd.akun.undangan import KEDALUWARSA, SAH, TIDAK_SAH, token_undangan
from opd.models import User
from posyandu.models import CakupanPetugas
from tests.conftest import HARI_UJI
from tests.factories import make_opd, make_user
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import beri_cakupan, make_melati_dan_mawar

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]

SITUS = "https://tpps.batukota.go.id"
SANDI_BARU = "Batu-Sehat-2026!"


@pytest.fixture(autouse=True)
def alamat_situs(settings):
    settings.ALAMAT_SITUS = SITUS


@pytest.fixture
def wilayah(db):
    w, melati, mawar = make_melati_dan_mawar()
    return {**w, "melati": melati, "mawar": mawar}


def _isian(**ubah):
    data = {"first_name": "Siti", "last_name": "Aminah", "email": "siti@batukota.go.id",
            "username": "", "telepon": "0812 3456 7890", "jabatan": "Staf Kesmas",
            "nip": "198501012010012001", "peran": roles.OPERATOR_OPD, "opd": "",
            "tingkat": "", "desa": "", "puskesmas": ""}
    data.update(ubah)
    return {k: v for k, v in data.items() if v is not None}


def _tautan(surel, jalur="/akun/undangan/") -> str:
    cocok = re.search(re.escape(SITUS + jalur) + r"\S+/", surel.body)
    assert cocok, surel.body
    return cocok.group(0).removeprefix(SITUS)


def _pasang_sandi(tautan: str, sandi: str = SANDI_BARU):
    """Open the link as its receiver does (not signed in) and set ``sandi``; the client."""
    tamu = Client()
    resp = tamu.get(tautan)
    assert resp.status_code == 302 and resp["Location"].endswith("/set-password/")
    assert tamu.get(resp["Location"]).context["validlink"]
    resp = tamu.post(resp["Location"], {"new_password1": sandi, "new_password2": sandi})
    return tamu, resp


def _masuk(username, sandi=SANDI_BARU):
    tamu = Client()
    resp = tamu.post("/akun/masuk/", {"username": username, "password": sandi})
    return resp.status_code == 302 and "_auth_user_id" in tamu.session


def _undang(c, dinkes, follow=False, **ubah):
    return c.post("/pengguna/undang/", _isian(opd=dinkes.pk, **ubah), follow=follow)


# --- Inviting --------------------------------------------------------------------------


def test_an_invited_user_sets_their_own_password_through_the_emailed_link(
        client_as, sekretariat, dinkes, mailoutbox):
    c = client_as(sekretariat)
    assert c.get("/pengguna/undang/").status_code == 200
    resp = _undang(c, dinkes)
    assert resp.status_code == 302 and resp["Location"] == "/pengguna/"
    siti = User.objects.get(email="siti@batukota.go.id")
    assert siti.username == "siti"  # derived from the address
    assert siti.opd == dinkes and siti.groups.get().name == roles.OPERATOR_OPD
    assert (siti.telepon, siti.jabatan, siti.nip) == ("0812 3456 7890", "Staf Kesmas",
                                                      "198501012010012001")
    assert not siti.has_usable_password() and siti.is_active and not siti.is_staff
    pesan = [str(m) for m in c.get("/pengguna/").context["messages"]]
    assert any("dikirim ke siti@batukota.go.id" in m for m in pesan)

    assert len(mailoutbox) == 1
    surel = mailoutbox[0]
    assert surel.to == ["siti@batukota.go.id"] and "Undangan" in surel.subject
    assert "Nama pengguna Anda: siti" in surel.body and "sekali" in surel.body
    tautan = _tautan(surel)

    tamu, resp = _pasang_sandi(tautan)
    assert resp.status_code == 302 and resp["Location"] == "/akun/undangan/selesai/"
    assert "sudah dipasang" in tamu.get("/akun/undangan/selesai/").content.decode()
    siti.refresh_from_db()
    assert siti.check_password(SANDI_BARU)
    assert _masuk("siti")
    # Single use: the password it set makes the link stale.
    resp = Client().get(tautan)
    assert resp.status_code == 200 and not resp.context["validlink"]
    assert "tidak berlaku" in resp.content.decode()

    diundang = siti.history.earliest()
    assert diundang.history_user == sekretariat
    assert diundang.history_change_reason == "Diundang sebagai Operator OPD"


def test_the_invitation_expires_after_seven_days_with_an_indonesian_message(
        client_as, sekretariat, dinkes, mailoutbox, settings):
    # The reset links' lifetime does not govern invitations.
    settings.PASSWORD_RESET_TIMEOUT = 60 * 60
    _undang(client_as(sekretariat), dinkes)
    tautan = _tautan(mailoutbox[0])
    siti = User.objects.get(username="siti")
    token = tautan.rstrip("/").rsplit("/", 1)[1]
    with time_machine.travel(HARI_UJI + timedelta(days=6, hours=23)):
        assert token_undangan.periksa(siti, token) == SAH
    with time_machine.travel(HARI_UJI + timedelta(days=8)):
        assert token_undangan.periksa(siti, token) == KEDALUWARSA
        resp = Client().get(tautan)
        teks = resp.content.decode()
        assert resp.status_code == 200 and not resp.context["validlink"]
        assert "Tautan undangan ini sudah kedaluwarsa" in teks
        assert "Minta Sekretariat TPPS mengirim ulang undangan" in teks
    siti.refresh_from_db()
    assert not siti.has_usable_password()


def test_sending_the_invitation_again_gives_a_new_link_and_voids_the_old(
        client_as, sekretariat, dinkes, mailoutbox):
    c = client_as(sekretariat)
    _undang(c, dinkes)
    lama = _tautan(mailoutbox[0])
    siti = User.objects.get(username="siti")
    konfirmasi = c.get(f"/pengguna/{siti.pk}/undang-ulang/")
    assert konfirmasi.status_code == 200 and "Kirim ulang undangan" in konfirmasi.content.decode()
    assert len(mailoutbox) == 1  # the question sends nothing
    assert c.post(f"/pengguna/{siti.pk}/undang-ulang/").status_code == 302
    assert len(mailoutbox) == 2
    baru = _tautan(mailoutbox[1])
    assert baru != lama
    resp = Client().get(lama)
    assert resp.status_code == 200 and "tidak berlaku" in resp.content.decode()
    _tamu, resp = _pasang_sandi(baru)
    assert resp.status_code == 302 and _masuk("siti")
    assert siti.history.filter(history_change_reason="Undangan dikirim ulang",
                               history_user=sekretariat).exists()


def test_no_new_invitation_for_an_account_that_set_its_password(client_as, sekretariat,
                                                                 operator_dinkes, mailoutbox):
    c = client_as(sekretariat)
    tanya = c.get(f"/pengguna/{operator_dinkes.pk}/undang-ulang/").content.decode()
    assert "sudah memasang kata sandinya" in tanya and "Ya, kirim undangan" not in tanya
    resp = c.post(f"/pengguna/{operator_dinkes.pk}/undang-ulang/", follow=True)
    assert "sudah memasang kata sandinya" in resp.content.decode()
    assert mailoutbox == []
    operator_dinkes.refresh_from_db()
    assert operator_dinkes.check_password("sandi-uji-123")


def test_a_mail_server_refusal_keeps_the_account_and_says_so(client_as, sekretariat, dinkes,
                                                             monkeypatch):
    def tolak(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("putus")

    monkeypatch.setattr("opd.akun.undangan.send_mail", tolak)
    resp = _undang(client_as(sekretariat), dinkes, follow=True)
    assert resp.status_code == 200
    assert "surel undangan gagal dikirim" in resp.content.decode()
    assert User.objects.filter(username="siti", is_active=True).exists()


def test_the_username_can_be_typed_or_is_derived_uniquely(client_as, sekretariat, dinkes):
    c = client_as(sekretariat)
    make_user("siti.aminah")
    _undang(c, dinkes, email="Siti.Aminah@batukota.go.id")
    assert User.objects.filter(username="siti.aminah2").exists()
    _undang(c, dinkes, email="bidan.rina@gmail.com", username="rina.dinkes")
    assert User.objects.get(email="bidan.rina@gmail.com").username == "rina.dinkes"


def test_a_petugas_is_invited_with_a_posyandu_scope(client_as, sekretariat, wilayah,
                                                    mailoutbox):
    c = client_as(sekretariat)
    resp = c.post("/pengguna/undang/", _isian(
        peran=roles.PETUGAS_POSYANDU, tingkat="posyandu",
        posyandu=[wilayah["melati"].pk, wilayah["mawar"].pk],
        desa=wilayah["sisir"].pk))  # a desa is not part of a Posyandu-level scope
    assert resp.status_code == 302, resp.context["form"].errors
    kader = User.objects.get(username="siti")
    assert kader.cakupan.tingkat == "posyandu" and kader.cakupan.desa is None
    assert set(kader.cakupan.posyandu_qs()) == {wilayah["melati"], wilayah["mawar"]}
    assert kader.has_perm("posyandu.view_balita") and len(mailoutbox) == 1
    assert kader.history.get().history_change_reason == (
        "Diundang sebagai Petugas Posyandu; cakupan: Posyandu Mawar, Melati")


def test_a_sekretariat_account_gets_admin_access(client_as, sekretariat, bappelitbangda):
    _undang(client_as(sekretariat), bappelitbangda, peran=roles.SEKRETARIAT)
    baru = User.objects.get(username="siti")
    assert baru.is_staff and baru.history.count() == 1


@pytest.mark.parametrize("ubah, kolom, pesan", [
    ({"opd": ""}, "opd", "Operator OPD wajib memilih OPD/instansinya."),
    ({"opd": "999999"}, "opd", "Pilih OPD/instansi dari daftar yang tersedia."),
    ({"opd": "abc"}, "opd", "Pilih OPD/instansi dari daftar yang tersedia."),
    ({"peran": "Superuser"}, "peran", "Pilih salah satu dari empat peran yang tersedia."),
    ({"peran": ""}, "peran", "Pilih peran pengguna."),
    ({"email": ""}, "email", "Tulis alamat surel: undangan dikirim ke sana."),
    ({"email": "bukan-surel"}, "email", "Tulis alamat surel yang benar"),
    ({"email": "OKTA@batukota.go.id"}, "email", "Alamat surel ini sudah dipakai akun lain."),
    ({"username": "OKTA"}, "username", "Nama pengguna ini sudah dipakai akun lain."),
    ({"username": "ada spasi!"}, "username", "nama pengguna"),
    ({"first_name": ""}, "first_name", "Tulis nama depan pengguna."),
    ({"peran": roles.PETUGAS_POSYANDU}, "tingkat",
     "Petugas Posyandu wajib diberi cakupan wilayah: pilih tingkatnya."),
    ({"peran": roles.PETUGAS_POSYANDU, "tingkat": "posyandu"}, "posyandu",
     "Pilih sedikitnya satu Posyandu."),
    ({"peran": roles.PETUGAS_POSYANDU, "tingkat": "posyandu", "posyandu": ["999999"]},
     "posyandu", "Pilih Posyandu dari daftar yang tersedia."),
    ({"peran": roles.PETUGAS_POSYANDU, "tingkat": "desa"}, "desa",
     "Pilih desa/kelurahan untuk cakupan tingkat desa."),
    ({"peran": roles.PETUGAS_POSYANDU, "tingkat": "puskesmas"}, "puskesmas",
     "Pilih Puskesmas untuk cakupan ini."),
    ({"peran": roles.PETUGAS_POSYANDU, "tingkat": "planet"}, "tingkat",
     "Pilih dari daftar yang tersedia."),
    ({"peran": roles.PETUGAS_POSYANDU, "tingkat": "puskesmas", "puskesmas": "x"}, "puskesmas",
     "Pilih Puskesmas dari daftar yang tersedia."),
    ({"tingkat": "kota"}, "tingkat", "Cakupan wilayah hanya untuk Petugas Posyandu"),
])
def test_bad_or_forged_input_gets_a_message_and_creates_nothing(
        client_as, sekretariat, dinkes, wilayah, mailoutbox, ubah, kolom, pesan):
    make_user("okta", email="okta@batukota.go.id")
    jumlah = User.objects.count()
    data = _isian(opd=dinkes.pk)
    data.update(ubah)
    resp = client_as(sekretariat).post("/pengguna/undang/", data)
    assert resp.status_code == 200
    kesalahan = " ".join(resp.context["form"].errors.get(kolom, []))
    assert pesan.lower() in kesalahan.lower(), resp.context["form"].errors
    assert pesan in resp.content.decode() or pesan.lower() in kesalahan.lower()
    assert User.objects.count() == jumlah and mailoutbox == []
    assert not CakupanPetugas.objects.exists()


# --- Editing, deactivating -------------------------------------------------------------


def test_editing_changes_role_and_scope_with_history(client_as, sekretariat, operator_dinkes,
                                                     wilayah):
    c = client_as(sekretariat)
    form = c.get(f"/pengguna/{operator_dinkes.pk}/ubah/")
    assert form.status_code == 200
    assert form.context["form"].initial["peran"] == roles.OPERATOR_OPD
    data = _isian(first_name="Okta", last_name="Putri", email="okta@batukota.go.id",
                  username="okta", peran=roles.PETUGAS_POSYANDU, tingkat="desa",
                  desa=wilayah["sisir"].pk, opd="")
    resp = c.post(f"/pengguna/{operator_dinkes.pk}/ubah/", data)
    assert resp.status_code == 302, resp.context["form"].errors
    operator_dinkes.refresh_from_db()
    assert operator_dinkes.groups.get().name == roles.PETUGAS_POSYANDU
    assert operator_dinkes.opd is None and operator_dinkes.last_name == "Putri"
    assert list(operator_dinkes.cakupan.posyandu_qs()) == [wilayah["melati"]]
    terakhir = operator_dinkes.history.latest()
    assert terakhir.history_user == sekretariat
    assert terakhir.history_change_reason == (
        "Peran: Operator OPD → Petugas Posyandu; cakupan: – → Kelurahan Sisir")
    # The page shows the history: who, what changed (old → new) and the reason.
    riwayat = c.get(f"/pengguna/{operator_dinkes.pk}/ubah/").content.decode()
    assert "Peran: Operator OPD → Petugas Posyandu" in riwayat
    assert "Dinkes → –" in riwayat and "Sari" in riwayat

    # Back to Operator OPD: the scope must be cleared first, then it is removed.
    data.update(peran=roles.OPERATOR_OPD, opd=make_opd("Dinkes").pk)
    resp = c.post(f"/pengguna/{operator_dinkes.pk}/ubah/", data)
    assert "Cakupan wilayah hanya untuk Petugas Posyandu" in resp.content.decode()
    data.update(tingkat="", desa="")
    assert c.post(f"/pengguna/{operator_dinkes.pk}/ubah/", data).status_code == 302
    assert not CakupanPetugas.objects.filter(user=operator_dinkes).exists()


def test_editing_checks_the_same_rules(client_as, sekretariat, operator_dinkes, operator_dinsos):
    c = client_as(sekretariat)
    data = _isian(first_name="Okta", email="okta@batukota.go.id", username="okta", opd="")
    resp = c.post(f"/pengguna/{operator_dinkes.pk}/ubah/", data)
    assert "Operator OPD wajib memilih OPD/instansinya." in resp.content.decode()
    operator_dinsos.email = "dani@batukota.go.id"
    operator_dinsos.save()
    data.update(opd=operator_dinkes.opd_id, email="Dani@batukota.go.id")
    resp = c.post(f"/pengguna/{operator_dinkes.pk}/ubah/", data)
    assert "Alamat surel ini sudah dipakai akun lain." in resp.content.decode()
    data.update(email="okta@batukota.go.id", username="")
    assert "Tulis nama pengguna." in c.post(f"/pengguna/{operator_dinkes.pk}/ubah/",
                                            data).content.decode()
    operator_dinkes.refresh_from_db()
    assert operator_dinkes.username == "okta" and operator_dinkes.email == ""


def test_nobody_changes_their_own_role(client_as, sekretariat, bappelitbangda):
    c = client_as(sekretariat)
    data = _isian(first_name="Sari", email="sari@batukota.go.id", username="sari",
                  peran=roles.PIMPINAN, opd=bappelitbangda.pk)
    assert c.post(f"/pengguna/{sekretariat.pk}/ubah/", data).status_code == 302
    sekretariat.refresh_from_db()
    assert sekretariat.groups.get().name == roles.SEKRETARIAT
    assert sekretariat.email == "sari@batukota.go.id"


def test_a_deactivated_user_cannot_sign_in_and_is_signed_out(client_as, sekretariat,
                                                             operator_dinkes):
    sesi_okta = Client()
    sesi_okta.force_login(operator_dinkes)
    assert sesi_okta.get("/opd/").status_code == 200
    c = client_as(sekretariat)
    tanya = c.get(f"/pengguna/{operator_dinkes.pk}/nonaktifkan/")
    assert tanya.status_code == 200 and "tidak dapat masuk lagi" in tanya.content.decode()
    operator_dinkes.refresh_from_db()
    assert operator_dinkes.is_active  # asking changes nothing
    assert c.post(f"/pengguna/{operator_dinkes.pk}/nonaktifkan/").status_code == 302
    operator_dinkes.refresh_from_db()
    assert not operator_dinkes.is_active
    assert not _masuk("okta", "sandi-uji-123")
    assert sesi_okta.get("/opd/").status_code == 302  # the open session ends too
    assert operator_dinkes.history.filter(history_change_reason="Dinonaktifkan",
                                          history_user=sekretariat).exists()

    assert c.get(f"/pengguna/{operator_dinkes.pk}/aktifkan/").status_code == 200
    assert c.post(f"/pengguna/{operator_dinkes.pk}/aktifkan/").status_code == 302
    assert _masuk("okta", "sandi-uji-123")
    assert operator_dinkes.history.filter(history_change_reason="Diaktifkan kembali",
                                          history_user=sekretariat).exists()


def test_nobody_deactivates_their_own_account(client_as, sekretariat):
    c = client_as(sekretariat)
    tanya = c.get(f"/pengguna/{sekretariat.pk}/nonaktifkan/").content.decode()
    assert "tidak dapat menonaktifkan akun Anda sendiri" in tanya and "Ya, nonaktifkan" not in tanya
    resp = c.post(f"/pengguna/{sekretariat.pk}/nonaktifkan/", follow=True)
    assert "tidak dapat menonaktifkan akun Anda sendiri" in resp.content.decode()
    sekretariat.refresh_from_db()
    assert sekretariat.is_active


def test_an_invitation_link_of_a_deactivated_account_does_not_open(client_as, sekretariat,
                                                                   dinkes, mailoutbox):
    c = client_as(sekretariat)
    _undang(c, dinkes)
    siti = User.objects.get(username="siti")
    c.post(f"/pengguna/{siti.pk}/nonaktifkan/")
    resp = Client().get(_tautan(mailoutbox[0]))
    assert resp.status_code == 200 and not resp.context["validlink"]
    resp = c.post(f"/pengguna/{siti.pk}/undang-ulang/", follow=True)
    assert "Akun ini nonaktif" in resp.content.decode() and len(mailoutbox) == 1


# --- "Lupa kata sandi?" ----------------------------------------------------------------


def test_the_sign_in_page_offers_a_password_reset(client):
    teks = client.get("/akun/masuk/").content.decode()
    assert 'href="/akun/lupa-sandi/"' in teks and "Lupa kata sandi?" in teks


def test_password_reset_by_email(client, peran, mailoutbox):
    okta = make_user("okta", email="okta@batukota.go.id")
    halaman = client.get("/akun/lupa-sandi/")
    assert halaman.status_code == 200 and "Alamat surel" in halaman.content.decode()
    resp = client.post("/akun/lupa-sandi/", {"email": "OKTA@batukota.go.id"})
    assert resp.status_code == 302 and resp["Location"] == "/akun/lupa-sandi/terkirim/"
    assert "Bila alamat itu milik akun yang aktif" in client.get(resp["Location"]).content.decode()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["okta@batukota.go.id"]
    assert "kata sandi" in mailoutbox[0].subject.lower()
    tautan = _tautan(mailoutbox[0], "/akun/atur-ulang/")
    tamu, resp = _pasang_sandi(tautan)
    assert resp.status_code == 302 and resp["Location"] == "/akun/atur-ulang/selesai/"
    assert "Kata sandi baru sudah disimpan" in tamu.get(resp["Location"]).content.decode()
    assert _masuk("okta") and not _masuk("okta", "sandi-uji-123")
    resp = Client().get(tautan)
    assert not resp.context["validlink"] and "tidak berlaku" in resp.content.decode()
    okta.refresh_from_db()
    assert okta.check_password(SANDI_BARU)


def test_password_reset_does_not_tell_whether_an_address_exists(client, peran, mailoutbox):
    make_user("dani", email="dani@batukota.go.id", is_active=False)
    jawaban = []
    for alamat in ("tidak.ada@batukota.go.id", "dani@batukota.go.id"):
        resp = client.post("/akun/lupa-sandi/", {"email": alamat})
        jawaban.append((resp.status_code, resp["Location"]))
    assert jawaban == [(302, "/akun/lupa-sandi/terkirim/")] * 2
    assert mailoutbox == []  # nobody, and not the deactivated account
    resp = client.post("/akun/lupa-sandi/", {"email": "bukan surel"})
    assert resp.status_code == 200 and "Tulis alamat surel yang benar" in resp.content.decode()


def test_an_invited_user_who_lost_the_invitation_can_ask_for_a_reset(
        client_as, sekretariat, dinkes, mailoutbox):
    _undang(client_as(sekretariat), dinkes)
    Client().post("/akun/lupa-sandi/", {"email": "siti@batukota.go.id"})
    assert len(mailoutbox) == 2
    _tamu, resp = _pasang_sandi(_tautan(mailoutbox[1], "/akun/atur-ulang/"))
    assert resp.status_code == 302 and _masuk("siti")


def test_invitation_and_reset_tokens_are_not_interchangeable(peran):
    user = make_user("okta", email="okta@batukota.go.id")
    assert not default_token_generator.check_token(user, token_undangan.make_token(user))
    assert not token_undangan.check_token(user, default_token_generator.make_token(user))
    assert token_undangan.periksa(user, "rusak") == TIDAK_SAH
    assert token_undangan.periksa(user, "zz-zz") == TIDAK_SAH


def test_a_broken_invitation_link_answers_a_page_not_an_error(client):
    for jalur in ("/akun/undangan/xx/yy-zz/", "/akun/undangan/MTIzNDU/abc-def/",
                  "/akun/undangan/xx/set-password/"):
        resp = client.get(jalur)
        assert resp.status_code == 200 and "tidak berlaku" in resp.content.decode()


# --- The admin's user page ------------------------------------------------------------


@pytest.fixture
def teknis(db):
    """A superuser: the admin's account pages are theirs alone."""
    return User.objects.create_superuser("teknis", password="x-Very-Long-1")


def test_the_admin_user_page_shows_no_password_hash(client_as, teknis, operator_dinkes):
    resp = client_as(teknis).get(f"/admin/opd/user/{operator_dinkes.pk}/change/")
    teks = resp.content.decode()
    _algoritme, garam, hash_ = operator_dinkes.password.split("$")
    assert resp.status_code == 200
    for rahasia in ("md5", "algoritme", "salt", garam[:2] + "*", hash_[:6]):
        assert rahasia not in teks, rahasia
    assert "Kata sandi dibuat sendiri oleh pengguna" in teks and 'href="/pengguna/"' in teks
    assert "Sudah dipasang oleh penggunanya." in teks
    assert "Pilih satu peran" in teks and "Grup tempat pengguna" not in teks


def test_the_admin_refuses_an_account_with_an_opd_and_no_role(client_as, teknis, dinkes,
                                                              operator_dinkes):
    from django.contrib.auth.models import Group

    from tests.opd.test_admin import INLINE_CAKUPAN

    c = client_as(teknis)
    data = {**INLINE_CAKUPAN, "username": "okta", "first_name": "Okta", "is_active": "on",
            "opd": dinkes.pk}
    resp = c.post(f"/admin/opd/user/{operator_dinkes.pk}/change/", data)
    assert resp.status_code == 200
    assert "Akun dengan OPD/instansi harus diberi peran" in resp.content.decode()
    resp = c.post(f"/admin/opd/user/{operator_dinkes.pk}/change/", {
        **data, "opd": "", "groups": [Group.objects.get(name=roles.OPERATOR_OPD).pk]})
    assert "Operator OPD wajib memilih OPD/instansinya." in resp.content.decode()
    resp = c.post("/admin/opd/user/add/", {
        **INLINE_CAKUPAN, "username": "baru", "password1": SANDI_BARU, "password2": SANDI_BARU,
        "opd": dinkes.pk})
    assert "Akun dengan OPD/instansi harus diberi peran" in resp.content.decode()
    assert not User.objects.filter(username="baru").exists()
    operator_dinkes.refresh_from_db()
    assert operator_dinkes.groups.get().name == roles.OPERATOR_OPD


# --- Who may manage accounts ----------------------------------------------------------

HALAMAN = [
    ("get", "/pengguna/"), ("get", "/pengguna/undang/"), ("post", "/pengguna/undang/"),
    ("get", "/pengguna/{pk}/ubah/"), ("post", "/pengguna/{pk}/ubah/"),
    ("post", "/pengguna/{pk}/nonaktifkan/"), ("post", "/pengguna/{pk}/aktifkan/"),
    ("post", "/pengguna/{pk}/undang-ulang/"),
]


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan", "petugas"])
@pytest.mark.parametrize("metode, url", HALAMAN)
def test_other_roles_get_403_and_change_nothing(request, client_as, pengguna, metode, url,
                                                operator_dinsos, mailoutbox):
    c = client_as(request.getfixturevalue(pengguna))
    resp = getattr(c, metode)(url.format(pk=operator_dinsos.pk),
                              _isian(email="x@batukota.go.id", username="x"))
    assert resp.status_code == 403
    operator_dinsos.refresh_from_db()
    assert operator_dinsos.is_active and not User.objects.filter(username="x").exists()
    assert mailoutbox == []


@pytest.mark.parametrize("metode, url", HALAMAN)
def test_anonymous_is_sent_to_sign_in(client, metode, url, peran):
    url = url.format(pk=make_user("okta").pk)
    resp = getattr(client, metode)(url)
    assert resp.status_code == 302 and resp["Location"] == f"/akun/masuk/?next={url}"


@pytest.mark.parametrize("url", ["/pengguna/", "/pengguna/undang/", "/pengguna/{pk}/ubah/",
                                 "/pengguna/{pk}/nonaktifkan/", "/pengguna/{pk}/aktifkan/",
                                 "/pengguna/{pk}/undang-ulang/"])
def test_sekretariat_and_superusers_open_the_pages(client_as, sekretariat, operator_dinsos, url):
    root = User.objects.create_superuser("root", password="x-Very-Long-1")
    for user in (sekretariat, root):
        assert client_as(user).get(url.format(pk=operator_dinsos.pk)).status_code == 200


def test_a_superuser_account_is_out_of_reach_as_a_missing_one(client_as, sekretariat):
    root = User.objects.create_superuser("root", password="x-Very-Long-1", email="r@x.id")
    c = client_as(sekretariat)
    assert "root" not in c.get("/pengguna/").content.decode()
    for url in (f"/pengguna/{root.pk}/ubah/", f"/pengguna/{root.pk}/nonaktifkan/",
                "/pengguna/999999/ubah/"):
        assert tidak_ditemukan(c.get(url))
    assert tidak_ditemukan(c.post(f"/pengguna/{root.pk}/nonaktifkan/"))
    root.refresh_from_db()
    assert root.is_active


def test_the_navigation_shows_users_only_to_who_manages_them(client_as, sekretariat,
                                                             operator_dinkes):
    def menu(user):
        return [m["label"] for m in client_as(user).get("/opd/").context["menu_utama"]]

    assert "Pengguna" in menu(sekretariat)
    assert "Pengguna" not in menu(operator_dinkes)


# --- The list -------------------------------------------------------------------------


def _banyak_pengguna(n, wilayah, dinkes, dinsos, mulai=0):
    """``n`` accounts: Operator OPD of Dinkes and Dinsos, and Petugas of each scope level."""
    tingkat = ["kota", "puskesmas", "desa", "posyandu"]
    for i in range(mulai, mulai + n):
        if i % 2:
            user = make_user(f"kader{i}", peran=roles.PETUGAS_POSYANDU, email=f"k{i}@x.id",
                             telepon=f"0812{i}")
            t = tingkat[i // 2 % 4]
            beri_cakupan(user, t, posyandu=[wilayah["melati"], wilayah["mawar"]]
                         if t == "posyandu" else (), desa=wilayah["sisir"],
                         puskesmas=wilayah["pkm_sisir"])
        else:
            make_user(f"operator{i}", peran=roles.OPERATOR_OPD, opd=(dinkes, dinsos)[i % 4 // 2])


def test_the_list_shows_each_account_in_a_constant_number_of_queries(
        client_as, sekretariat, wilayah, dinkes, dinsos, django_assert_num_queries):
    c = client_as(sekretariat)
    _banyak_pengguna(4, wilayah, dinkes, dinsos)
    c.get("/pengguna/")
    with django_assert_num_queries(11):
        c.get("/pengguna/")
    with django_assert_num_queries(11):
        c.get("/pengguna/", {"kelompok": "cakupan"})
    _banyak_pengguna(12, wilayah, dinkes, dinsos, mulai=4)
    with django_assert_num_queries(11):
        resp = c.get("/pengguna/")
    with django_assert_num_queries(11):
        c.get("/pengguna/", {"kelompok": "cakupan"})
    assert resp.context["halaman"].paginator.count == User.objects.count() == 17


def test_the_list_shows_role_scope_contacts_status_and_last_sign_in(
        client_as, sekretariat, wilayah, dinkes):
    kader = make_user("kader.melati", peran=roles.PETUGAS_POSYANDU, first_name="Rina",
                      email="rina@x.id", telepon="0813 1111", jabatan="Kader")
    beri_cakupan(kader, "posyandu", posyandu=[wilayah["melati"]])
    make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes, is_active=False)
    baru = make_user("baru", peran=roles.PIMPINAN, email="baru@x.id")
    baru.set_unusable_password()
    baru.save()
    _masuk("kader.melati", "sandi-uji-123")
    teks = client_as(sekretariat).get("/pengguna/").content.decode()
    for isi in ("Rina", "kader.melati", "Petugas Posyandu", "Posyandu Melati", "rina@x.id",
                "0813 1111", "Kader", "Nonaktif", "Undangan belum diterima",
                "belum pernah masuk", "Dinkes — Dinas Kesehatan", "Tanpa OPD/instansi",
                "Bappelitbangda — Badan Perencanaan Pembangunan", "Kirim ulang undangan"):
        assert isi in teks, isi
    kader.refresh_from_db()
    assert kader.last_login is not None


def test_the_list_filters_by_opd_posyandu_role_and_status(client_as, sekretariat, wilayah,
                                                          dinkes, dinsos):
    _banyak_pengguna(8, wilayah, dinkes, dinsos)
    c = client_as(sekretariat)

    def nama(**params):
        resp = c.get("/pengguna/", params)
        assert resp.status_code == 200
        return sorted(u.username for _judul, isi in resp.context["kelompok_baris"] for u in isi)

    assert nama(opd=dinkes.pk) == ["operator0", "operator4"]
    assert nama(opd="tanpa", peran=roles.OPERATOR_OPD) == []
    # Mawar (Bumiaji): the city scope and the Posyandu-level scopes that hold it.
    mencakup_mawar = nama(posyandu=wilayah["mawar"].pk)
    kota = {u.user.username for u in CakupanPetugas.objects.filter(tingkat="kota")}
    per_posyandu = {u.user.username for u in CakupanPetugas.objects.filter(tingkat="posyandu")}
    assert set(mencakup_mawar) == kota | per_posyandu
    # Melati (Sisir): every scope reaches it.
    assert set(nama(posyandu=wilayah["melati"].pk)) == {
        c.user.username for c in CakupanPetugas.objects.all()}
    assert nama(peran=roles.PETUGAS_POSYANDU) == ["kader1", "kader3", "kader5", "kader7"]
    assert nama(q="kader5") == ["kader5"]
    User.objects.filter(username="kader1").update(is_active=False)
    assert nama(status="nonaktif") == ["kader1"]
    assert "kader1" not in nama(status="aktif")
    # Filters that name nothing are ignored, never an error.
    semua = nama()
    assert nama(opd="abc", posyandu="999999", peran="Raja", status="x", halaman="z") == semua


def test_grouping_by_scope(client_as, sekretariat, wilayah, dinkes, dinsos):
    _banyak_pengguna(8, wilayah, dinkes, dinsos)
    resp = client_as(sekretariat).get("/pengguna/", {"kelompok": "cakupan"})
    judul = [j for j, _isi in resp.context["kelompok_baris"]]
    assert judul == ["Seluruh kota", "Puskesmas Sisir", "Kelurahan Sisir", "Posyandu tertentu",
                     "Tanpa cakupan Posyandu"]


# --- The workflows beneath the pages --------------------------------------------------


def test_the_workflows_refuse_what_the_pages_refuse(sekretariat, operator_dinkes, wilayah):
    from django.core.exceptions import ValidationError

    from posyandu.pengguna import alur

    with pytest.raises(ValidationError, match="akun Anda sendiri"):
        alur.nonaktifkan_pengguna(oleh=sekretariat, user=sekretariat)
    with pytest.raises(ValidationError, match="sudah memasang kata sandinya"):
        alur.kirim_ulang_undangan(oleh=sekretariat, user=operator_dinkes)
    with pytest.raises(ValidationError, match="Pilih desa"):
        alur.Cakupan(tingkat="desa").periksa()
    with pytest.raises(ValidationError, match="sedikitnya satu Posyandu"):
        alur.Cakupan(tingkat="posyandu").periksa()
    with pytest.raises(ValidationError):
        alur.Cakupan(tingkat="planet").periksa()
    # A broken scope given straight to the workflow leaves no account behind.
    with pytest.raises(ValidationError):
        alur.undang_pengguna(oleh=sekretariat, user=User(username="x", email="x@x.id"),
                             peran=roles.PETUGAS_POSYANDU, cakupan=alur.Cakupan(tingkat="desa"))
    assert not User.objects.filter(username="x").exists()


def test_a_long_scope_fits_the_history_reason(sekretariat, wilayah, mailoutbox):
    from posyandu.pengguna import alur
    from tests.posyandu.factories import make_posyandu

    banyak = tuple(make_posyandu(f"Posyandu Kenanga Nomor {i}") for i in range(20))
    user = User(username="bidan", email="bidan@x.id", first_name="Bidan")
    assert alur.undang_pengguna(oleh=sekretariat, user=user, peran=roles.PETUGAS_POSYANDU,
                                cakupan=alur.Cakupan(tingkat="posyandu", posyandu=banyak))
    alasan = user.history.get().history_change_reason
    assert len(alasan) == alur.PANJANG_ALASAN and alasan.endswith("…")
    assert user.cakupan.posyandu.count() == 20 and len(mailoutbox) == 1
