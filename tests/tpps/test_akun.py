"""Signing in and out: every page but the login needs a signed-in user."""

import pytest
from django.urls import reverse

from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/opd/", "/opd/sk/", "/opd/mitra/", "/akun/sandi/"])
def test_anonymous_is_sent_to_login(client, url):
    resp = client.get(url)
    assert resp.status_code == 302
    assert resp["Location"] == f"/akun/masuk/?next={url}"


def test_admin_needs_login_too(client):
    resp = client.get("/admin/opd/opd/")
    assert resp.status_code == 302
    assert resp["Location"] == "/akun/masuk/?next=/admin/opd/opd/"


def test_health_check_is_open_for_monitoring(client):
    resp = client.get("/sehat/")
    assert resp.status_code == 200 and resp.content == b"ok"


def test_login_page_is_indonesian(client):
    resp = client.get("/akun/masuk/")
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "Nama pengguna" in teks and "Kata sandi" in teks and 'lang="id"' in teks


def test_sign_in_with_the_right_password_lands_on_the_page_asked_for(client, peran):
    make_user("okta")
    resp = client.post(
        "/akun/masuk/", {"username": "okta", "password": "sandi-uji-123", "next": "/opd/"}
    )
    assert resp.status_code == 302 and resp["Location"] == "/opd/"
    assert client.get("/opd/").status_code == 200


def test_wrong_password_gets_a_clear_message_and_no_session(client):
    make_user("okta")
    resp = client.post("/akun/masuk/", {"username": "okta", "password": "salah"})
    assert resp.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in resp.content.decode()
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, settings):
    make_user("okta")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "okta", "password": "tebakan"})
    resp = client.post("/akun/masuk/", {"username": "okta", "password": "sandi-uji-123"})
    assert resp.status_code == 429
    assert "Terlalu banyak percobaan masuk" in resp.content.decode()
    assert "_auth_user_id" not in client.session


def test_other_users_are_not_locked_by_someone_elses_failures(client, settings):
    make_user("okta")
    make_user("dani")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "okta", "password": "tebakan"})
    resp = client.post("/akun/masuk/", {"username": "dani", "password": "sandi-uji-123"})
    assert resp.status_code == 302


def test_logout_is_a_post_and_ends_the_session(client):
    client.force_login(make_user("okta"))
    assert client.get(reverse("akun:keluar")).status_code == 405
    resp = client.post(reverse("akun:keluar"))
    assert resp.status_code == 302
    assert client.get("/").status_code == 302


def test_password_change(client):
    user = make_user("okta")
    client.force_login(user)
    resp = client.post(
        "/akun/sandi/",
        {"old_password": "sandi-uji-123", "new_password1": "Batu-Sehat-2026!",
         "new_password2": "Batu-Sehat-2026!"},
    )
    assert resp.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Batu-Sehat-2026!")


def test_password_change_rejects_a_wrong_old_password(client):
    user = make_user("okta")
    client.force_login(user)
    resp = client.post(
        "/akun/sandi/",
        {"old_password": "keliru", "new_password1": "Batu-Sehat-2026!",
         "new_password2": "Batu-Sehat-2026!"},
    )
    assert resp.status_code == 200
    assert "salah" in resp.content.decode()
    user.refresh_from_db()
    assert user.check_password("sandi-uji-123")


def _gagal_masuk(client, settings, **meta):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "okta", "password": "tebakan"}, **meta)


def test_behind_the_proxy_a_forged_forwarded_for_does_not_dodge_the_lock(client, settings):
    """nginx appends the real address; what the client wrote before it is ignored."""
    settings.TPPS_PROXY_COUNT = 1
    make_user("okta")
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "okta", "password": "tebakan"},
                    REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}, 36.80.1.2")
    resp = client.post("/akun/masuk/", {"username": "okta", "password": "sandi-uji-123"},
                       REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1, 36.80.1.2")
    assert resp.status_code == 429


def test_behind_the_proxy_one_attacker_cannot_lock_the_user_out_everywhere(client, settings):
    """Every request reaches the app from the proxy (127.0.0.1): the lock is keyed on the
    client's address, so the Sekda at the office still gets in."""
    settings.TPPS_PROXY_COUNT = 1
    make_user("okta")
    _gagal_masuk(client, settings, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="36.80.1.2")
    resp = client.post("/akun/masuk/", {"username": "okta", "password": "sandi-uji-123"},
                       REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="103.5.6.7")
    assert resp.status_code == 302


def test_without_a_proxy_the_forwarded_for_header_is_ignored(client, settings):
    settings.TPPS_PROXY_COUNT = 0
    make_user("okta")
    for i in range(settings.AXES_FAILURE_LIMIT):
        client.post("/akun/masuk/", {"username": "okta", "password": "tebakan"},
                    REMOTE_ADDR="36.80.1.2", HTTP_X_FORWARDED_FOR=f"10.9.9.{i}")
    resp = client.post("/akun/masuk/", {"username": "okta", "password": "sandi-uji-123"},
                       REMOTE_ADDR="36.80.1.2", HTTP_X_FORWARDED_FOR="103.5.6.7")
    assert resp.status_code == 429
