"""Sign-in throttling by address (password spraying), the client's address with and without
a proxy, and the Sekretariat TPPS's page that unlocks (tpps.kunci_masuk, tpps.lib.alamat)."""

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.admin.models import DELETION, LogEntry
from django.test import RequestFactory, override_settings
from django.utils import timezone

from tests.factories import make_user
from tests.jawaban import tidak_ditemukan
from tpps.kunci_masuk import alur, kunci
from tpps.lib.alamat import alamat_klien

pytestmark = pytest.mark.django_db

MASUK = "/akun/masuk/"
DAFTAR = "/pengguna/kunci-masuk/"
BUKA = "/pengguna/kunci-masuk/buka/"
SANDI = "sandi-uji-123"
KANTOR = "36.80.1.2"
LAIN = "103.5.6.7"
PUKUL_10 = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def _coba(client, username, password="tebakan", **meta):
    meta.setdefault("REMOTE_ADDR", KANTOR)
    return client.post(MASUK, {"username": username, "password": password}, **meta)


def _semprot(client, jumlah_nama=6, per_nama=5, **meta):
    """Password spraying: ``per_nama`` wrong passwords for each of ``jumlah_nama`` names."""
    return [_coba(client, f"pegawai{i}", **meta)
            for _ in range(per_nama) for i in range(jumlah_nama)]


def _terkunci(resp) -> bool:
    return resp.status_code == 429 and "Terlalu banyak percobaan masuk" in resp.content.decode()


# --- The address lock, through the sign-in form -----------------------------------------


def test_spraying_30_wrong_passwords_over_6_usernames_locks_the_address(client):
    make_user("wahyu")
    _semprot(client)
    resp = _coba(client, "wahyu", SANDI)
    assert _terkunci(resp)
    teks = resp.content.decode()
    assert "masuk dari alamat jaringan Anda dikunci sementara" in teks
    assert "Sekretariat TPPS" in teks
    assert "_auth_user_id" not in client.session


def test_another_address_is_not_locked_by_the_spraying(client):
    make_user("wahyu")
    _semprot(client)
    assert _coba(client, "wahyu", SANDI, REMOTE_ADDR=LAIN).status_code == 302


@pytest.mark.parametrize(("jumlah_nama", "per_nama"), [(30, 1), (10, 3), (15, 2)])
def test_the_failure_that_reaches_the_limit_gets_the_lock_page(client, jumlah_nama, per_nama):
    """No username reaches its own limit of 5: only the address lock answers."""
    jawaban = _semprot(client, jumlah_nama, per_nama)
    assert [r.status_code for r in jawaban[:-1]] == [200] * 29
    assert _terkunci(jawaban[-1])
    assert "alamat jaringan Anda" in jawaban[-1].content.decode()


def test_a_rotating_browser_does_not_escape_the_address_lock(client):
    make_user("wahyu")
    for n in range(30):
        _coba(client, f"pegawai{n % 6}", HTTP_USER_AGENT=f"Peramban/{n}")
    assert _terkunci(_coba(client, "wahyu", SANDI, HTTP_USER_AGENT="Peramban/lain"))


def test_below_the_address_limit_nothing_is_locked(client, settings):
    make_user("wahyu")
    _semprot(client, jumlah_nama=settings.TPPS_IP_FAILURE_LIMIT - 1, per_nama=1)
    assert _coba(client, "wahyu", SANDI).status_code == 302


def test_the_per_username_lock_still_comes_at_5(client, settings):
    make_user("okta")
    make_user("dani")
    jawaban = [_coba(client, "okta") for _ in range(settings.AXES_FAILURE_LIMIT)]
    assert [r.status_code for r in jawaban] == [200] * 4 + [429]
    resp = _coba(client, "okta", SANDI)
    assert _terkunci(resp)
    assert "akun ini dikunci sementara dari alamat Anda setelah 5 kali" in resp.content.decode()
    assert _coba(client, "dani", SANDI).status_code == 302


def test_the_lock_page_says_until_when(client):
    with time_machine.travel(PUKUL_10, tick=False):
        _semprot(client)
        resp = _coba(client, "wahyu", SANDI)
    teks = resp.content.decode()
    assert "Coba lagi setelah pukul 10.15 (sekitar 15 menit lagi)" in teks
    assert "dapat memperpanjang kunci" in teks


def test_a_success_clears_only_that_username_at_that_address(client):
    """A colleague who mistyped and then got in no longer counts towards the office's lock."""
    make_user("wahyu")
    for _ in range(4):
        _coba(client, "wahyu")
    _semprot(client, jumlah_nama=25, per_nama=1)
    assert kunci.gagal_dari_alamat(KANTOR, timezone.now()) == 29
    assert _coba(client, "wahyu", SANDI).status_code == 302
    assert kunci.gagal_dari_alamat(KANTOR, timezone.now()) == 25


# --- The time window -------------------------------------------------------------------


def test_after_15_minutes_without_failures_the_count_starts_again(client):
    make_user("wahyu")
    with time_machine.travel(PUKUL_10, tick=False) as waktu:
        _semprot(client, jumlah_nama=25, per_nama=1)
        waktu.move_to(PUKUL_10 + timedelta(minutes=16))
        _semprot(client, jumlah_nama=25, per_nama=1)
        assert _coba(client, "wahyu", SANDI).status_code == 302


def test_within_the_window_the_failures_add_up(client):
    make_user("wahyu")
    with time_machine.travel(PUKUL_10, tick=False) as waktu:
        _semprot(client, jumlah_nama=25, per_nama=1)
        waktu.move_to(PUKUL_10 + timedelta(minutes=10))
        _semprot(client, jumlah_nama=5, per_nama=1)
        assert _terkunci(_coba(client, "wahyu", SANDI))


def test_the_address_lock_opens_by_itself_15_minutes_after_the_last_failure(client):
    make_user("wahyu")
    with time_machine.travel(PUKUL_10, tick=False) as waktu:
        _semprot(client)
        waktu.move_to(PUKUL_10 + timedelta(minutes=14))
        assert _terkunci(_coba(client, "pegawai0", SANDI))  # refused, and counted
        waktu.move_to(PUKUL_10 + timedelta(minutes=16))
        assert _coba(client, "wahyu", SANDI).status_code == 302


# --- The client's address: X-Forwarded-For only behind a configured proxy --------------

#: HTTPS on with no proxy configured: the proxy header's default is set, the count is 0.
HTTPS_TANPA_PROXY = {
    "TPPS_PROXY_COUNT": 0,
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True,
}


@override_settings(**HTTPS_TANPA_PROXY)
def test_without_a_proxy_a_rotating_forwarded_for_does_not_escape_the_username_lock(client):
    make_user("okta")
    for i in range(5):
        _coba(client, "okta", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}", HTTP_X_FORWARDED_PROTO="https")
    resp = _coba(client, "okta", SANDI, HTTP_X_FORWARDED_FOR="10.1.1.1",
                 HTTP_X_FORWARDED_PROTO="https")
    assert _terkunci(resp)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {KANTOR}


@override_settings(**HTTPS_TANPA_PROXY)
def test_without_a_proxy_a_rotating_forwarded_for_does_not_escape_the_address_lock(client):
    make_user("wahyu")
    for n in range(30):
        _coba(client, f"pegawai{n}", HTTP_X_FORWARDED_FOR=f"10.9.{n}.1, 10.8.{n}.2",
              HTTP_X_FORWARDED_PROTO="https")
    resp = _coba(client, "wahyu", SANDI, HTTP_X_FORWARDED_FOR="10.1.1.1",
                 HTTP_X_FORWARDED_PROTO="https")
    assert _terkunci(resp)


@override_settings(TPPS_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_is_the_last_forwarded_for_entry(client):
    """nginx appends the client's address; what the client wrote before it is ignored, and
    every request reaches the app from the proxy (127.0.0.1)."""
    make_user("wahyu")
    for n in range(30):
        _coba(client, f"pegawai{n}", REMOTE_ADDR="127.0.0.1",
              HTTP_X_FORWARDED_FOR=f"10.9.{n}.1, {KANTOR}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {KANTOR}
    assert _terkunci(_coba(client, "wahyu", SANDI, REMOTE_ADDR="127.0.0.1",
                           HTTP_X_FORWARDED_FOR=f"10.1.1.1, {KANTOR}"))
    assert _coba(client, "wahyu", SANDI, REMOTE_ADDR="127.0.0.1",
                 HTTP_X_FORWARDED_FOR=LAIN).status_code == 302


@pytest.mark.parametrize(("jumlah_proxy", "rantai", "alamat"), [
    (0, "10.9.9.9", KANTOR),
    (0, "", KANTOR),
    (1, f"10.9.9.9, {LAIN}", LAIN),
    (1, "", KANTOR),
    (1, "bukan-alamat", KANTOR),
    (2, f"10.9.9.9, {LAIN}, 10.0.0.2", LAIN),
    (2, LAIN, KANTOR),
])
def test_the_client_address(jumlah_proxy, rantai, alamat):
    meta = {"REMOTE_ADDR": KANTOR}
    if rantai:
        meta["HTTP_X_FORWARDED_FOR"] = rantai
    with override_settings(TPPS_PROXY_COUNT=jumlah_proxy):
        assert alamat_klien(RequestFactory().get("/", **meta)) == alamat


def test_an_ipv4_address_over_an_ipv6_socket_is_the_ipv4_address():
    permintaan = RequestFactory().get("/", REMOTE_ADDR=f"::ffff:{KANTOR}")
    with override_settings(TPPS_PROXY_COUNT=0):
        assert alamat_klien(permintaan) == KANTOR


ROOT = Path(__file__).resolve().parents[2]


def _settings(**env):
    """tpps.settings imported afresh with exactly ``env`` (no .env file)."""
    lingkungan = {"PATH": os.environ["PATH"], "ENV_FILE": "/dev/null/tidak-ada",
                  "SECRET_KEY": "uji-" + "x" * 60, **env}
    kode = ("import json, tpps.settings as s; print(json.dumps({k: getattr(s, k) for k in "
            "['HTTPS', 'TPPS_PROXY_COUNT', 'TPPS_IP_FAILURE_LIMIT', 'AXES_FAILURE_LIMIT']}))")
    hasil = subprocess.run([sys.executable, "-c", kode], cwd=ROOT, env=lingkungan,
                           capture_output=True, text=True, check=False)
    assert hasil.returncode == 0, hasil.stderr
    return json.loads(hasil.stdout)


def test_https_alone_is_no_proxy_a_proxy_is_what_the_deployment_says():
    s = _settings()
    assert s["HTTPS"] is True and s["TPPS_PROXY_COUNT"] == 0
    assert s["TPPS_IP_FAILURE_LIMIT"] == 30 and s["AXES_FAILURE_LIMIT"] == 5
    assert _settings(PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO")["TPPS_PROXY_COUNT"] == 1
    assert _settings(PROXY_SSL_HEADER="")["TPPS_PROXY_COUNT"] == 0
    assert _settings(AXES_PROXY_COUNT="2")["TPPS_PROXY_COUNT"] == 2
    assert _settings(AXES_IP_FAILURE_LIMIT="50")["TPPS_IP_FAILURE_LIMIT"] == 50


# --- The unlock page ----------------------------------------------------------------------


def test_the_sekretariat_sees_the_locks(client, sekretariat):
    with time_machine.travel(PUKUL_10, tick=False) as waktu:
        _semprot(client)
        waktu.move_to(PUKUL_10 + timedelta(minutes=2))
        for _ in range(5):
            _coba(client, "okta", REMOTE_ADDR=LAIN)
        _coba(client, "dani", REMOTE_ADDR=LAIN)
        client.force_login(sekretariat)
        resp = client.get(DAFTAR)
    assert resp.status_code == 200
    daftar = resp.context["daftar_kunci"]
    assert [k.alamat for k in daftar] == [LAIN, KANTOR]
    lain, kantor = daftar
    assert not lain.terkunci and lain.gagal == 6
    assert [(a.username, a.gagal, bool(a.sampai)) for a in lain.akun] == [
        ("okta", 5, True), ("dani", 1, False)]
    assert lain.akun[0].sejak == PUKUL_10 + timedelta(minutes=2)
    assert lain.akun[0].sampai == PUKUL_10 + timedelta(minutes=17)
    assert kantor.terkunci and kantor.gagal == 30 and len(kantor.akun) == 6
    assert kantor.sejak == PUKUL_10 and kantor.sampai == PUKUL_10 + timedelta(minutes=15)
    teks = resp.content.decode()
    assert KANTOR in teks and "pegawai3" in teks and "Seluruh alamat terkunci" in teks
    assert f"{BUKA}?alamat={KANTOR}" in teks
    assert f"{BUKA}?alamat={LAIN}&amp;username=okta" in teks


def test_the_sekretariat_unlocks_the_address_and_the_user_signs_in(client, sekretariat):
    make_user("wahyu")
    _semprot(client)
    assert _terkunci(_coba(client, "wahyu", SANDI))
    client.force_login(sekretariat)
    resp = client.get(BUKA, {"alamat": KANTOR})
    assert resp.status_code == 200
    assert "Buka kunci masuk dari alamat 36.80.1.2?" in resp.content.decode()
    assert AccessAttempt.objects.filter(ip_address=KANTOR).count() == 7  # a GET changes nothing

    resp = client.post(BUKA, {"alamat": KANTOR}, follow=True)
    assert resp.redirect_chain[-1][0] == DAFTAR
    assert "dibuka untuk semua nama pengguna (31 percobaan gagal dihapus)" in (
        resp.content.decode())
    assert not AccessAttempt.objects.filter(ip_address=KANTOR).exists()
    assert AccessFailureLog.objects.filter(ip_address=KANTOR).count() == 31  # the record stays
    catatan = LogEntry.objects.get()
    assert catatan.user == sekretariat and catatan.action_flag == DELETION
    assert catatan.object_repr == f"alamat {KANTOR}"
    assert "31 percobaan gagal" in catatan.change_message
    assert "pegawai0" in catatan.change_message and "wahyu" in catatan.change_message
    assert "31 percobaan gagal" in client.get(DAFTAR).content.decode()  # in the history

    client.logout()
    assert _coba(client, "wahyu", SANDI).status_code == 302


def test_the_sekretariat_unlocks_one_username_at_an_address(client, sekretariat):
    make_user("okta")
    for _ in range(5):
        _coba(client, "okta")
    _coba(client, "dani")
    client.force_login(sekretariat)
    resp = client.get(BUKA, {"alamat": KANTOR, "username": "okta"})
    assert "Buka kunci masuk okta dari alamat 36.80.1.2?" in resp.content.decode()
    client.post(BUKA, {"alamat": KANTOR, "username": "okta"})
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["dani"]
    assert LogEntry.objects.get().object_repr == f"okta di alamat {KANTOR}"
    client.logout()
    assert _coba(client, "okta", SANDI).status_code == 302


@pytest.mark.parametrize("data", [
    {"alamat": LAIN}, {"alamat": "bukan-alamat"}, {}, {"alamat": KANTOR, "username": "budi"},
])
def test_an_address_without_failures_is_not_found(client, sekretariat, data):
    _coba(client, "okta")
    client.force_login(sekretariat)
    assert tidak_ditemukan(client.get(BUKA, data))
    assert tidak_ditemukan(client.post(BUKA, data))
    assert AccessAttempt.objects.count() == 1 and not LogEntry.objects.exists()


def test_an_operator_cannot_open_the_page_nor_unlock(client, operator_dinkes):
    _semprot(client)
    client.force_login(operator_dinkes)
    assert client.get(DAFTAR).status_code == 403
    assert client.get(BUKA, {"alamat": KANTOR}).status_code == 403
    assert client.post(BUKA, {"alamat": KANTOR}).status_code == 403
    assert AccessAttempt.objects.count() == 6 and not LogEntry.objects.exists()


@pytest.mark.parametrize("url", [DAFTAR, f"{BUKA}?alamat={KANTOR}"])
def test_anonymous_is_sent_to_sign_in(client, url):
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"].startswith("/akun/masuk/?next=")


def test_the_page_is_for_whoever_manages_accounts(sekretariat, operator_dinkes, pimpinan,
                                                  petugas):
    from tpps.kunci_masuk.access import can_buka_kunci_masuk

    boleh = {u.username: can_buka_kunci_masuk(u)
             for u in (sekretariat, operator_dinkes, pimpinan, petugas)}
    assert boleh == {"sari": True, "okta": False, "sekda": False, "kader": False}


def test_the_page_reads_in_a_fixed_number_of_queries(client, sekretariat,
                                                     django_assert_num_queries):
    client.force_login(sekretariat)
    client.get(DAFTAR)
    client.logout()
    _semprot(client, jumlah_nama=3, per_nama=5)
    _semprot(client, jumlah_nama=30, per_nama=1, REMOTE_ADDR=LAIN)
    for alamat in ("10.0.0.7", "10.0.0.8"):
        _coba(client, "okta", REMOTE_ADDR=alamat)
        alur.buka_kunci(oleh=sekretariat, alamat=alamat)
    client.force_login(sekretariat)
    # session, user, 2 permissions, attempts, failure log, the navigation's OPD, history
    with django_assert_num_queries(8):
        resp = client.get(DAFTAR)
    assert len(resp.context["daftar_kunci"]) == 2 and len(resp.context["riwayat"]) == 2
