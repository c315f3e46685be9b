"""The error pages (tpps/galat.py): 400, 403, 404, 500 and the CSRF check's refusal answer
their status in Indonesian, in the site's layout, with a way back; never Django's English
defaults. A script's endpoint still gets JSON."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import DisallowedHost, PermissionDenied, SuspiciousOperation
from django.test import Client, RequestFactory
from django.urls import path

import tpps.urls
from tpps import galat
from tpps.lib.pesan_skrip import SESI_BERAKHIR, TIDAK_BERHAK, TIDAK_DITEMUKAN

INGGRIS = ("Forbidden", "Not Found", "Server Error", "Bad Request", "CSRF verification failed")
TEMPLATES = Path(django_settings.BASE_DIR) / "templates"


def _meledak(request):
    raise RuntimeError("uji: kesalahan program")


def _curiga(request):
    raise SuspiciousOperation("uji: permintaan mencurigakan")


def _host_palsu(request):
    raise DisallowedHost("uji: host palsu")


def _terlarang_polos(request):
    raise PermissionDenied


def _terlarang_berpesan(request):
    raise PermissionDenied("Peran Anda tidak memiliki izin menguji halaman ini.")


@pytest.fixture
def urls_uji(settings):
    """The project's URLs and handlers, plus views that fail on purpose."""
    settings.ROOT_URLCONF = type("UrlsUji", (), {
        "urlpatterns": [
            path("uji/meledak/", _meledak),
            path("uji/meledak-tanpa-masuk/", login_not_required(_meledak)),
            path("uji/curiga/", _curiga),
            path("uji/host-palsu/", _host_palsu),
            path("uji/terlarang/", _terlarang_polos),
            path("uji/terlarang-berpesan/", _terlarang_berpesan),
            *tpps.urls.urlpatterns,
        ],
        "handler400": tpps.urls.handler400,
        "handler403": tpps.urls.handler403,
        "handler404": tpps.urls.handler404,
        "handler500": tpps.urls.handler500,
    })


def _halaman_galat(resp, status: int) -> str:
    """The page answers ``status`` in HTML, in Indonesian, with the site's name and a way
    back home, and none of Django's English defaults."""
    assert resp.status_code == status
    assert resp["Content-Type"].startswith("text/html")
    teks = resp.content.decode()
    assert '<html lang="id">' in teks
    assert django_settings.NAMA_DAERAH in teks
    assert 'href="/"' in teks and "Kembali ke beranda" in teks
    for frasa in INGGRIS:
        assert frasa not in teks, frasa
    return teks


def _tata_letak_situs(teks: str) -> None:
    """base.html: the signed-in user's navigation bar with the site's name."""
    assert 'class="navbar' in teks and 'id="menu-utama"' in teks
    assert f"TPPS {django_settings.NAMA_DAERAH}" in teks


# --- 404 ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_404_in_the_site_layout(client_as, sekretariat):
    teks = _halaman_galat(client_as(sekretariat).get("/tidak-ada-halaman-ini/"), 404)
    _tata_letak_situs(teks)
    assert "Tidak ditemukan" in teks and str(TIDAK_DITEMUKAN) in teks


@pytest.mark.django_db
def test_404_offers_the_page_before_when_it_is_this_site(client_as, sekretariat):
    c = client_as(sekretariat)
    teks = _halaman_galat(c.get("/tidak-ada/", HTTP_REFERER="http://testserver/rapat/"), 404)
    assert 'href="http://testserver/rapat/"' in teks
    assert "Kembali ke halaman sebelumnya" in teks
    # Another site's address is never offered as the way back.
    teks = _halaman_galat(c.get("/tidak-ada/", HTTP_REFERER="https://jahat.example/x/"), 404)
    assert "jahat.example" not in teks and "Kembali ke halaman sebelumnya" not in teks


@pytest.mark.django_db
def test_404_for_a_visitor_not_signed_in(client):
    teks = _halaman_galat(client.get("/tidak-ada-halaman-ini/"), 404)
    assert "Tidak ditemukan" in teks


# --- 403 ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_403_names_the_missing_permission_of_the_section(client_as, petugas):
    """A Petugas Posyandu has no business with semester data (evaluasi.access)."""
    teks = _halaman_galat(client_as(petugas).get("/evaluasi/"), 403)
    _tata_letak_situs(teks)
    assert "Akses ditolak" in teks
    assert "Peran Anda tidak memiliki izin melihat data semester." in teks


@pytest.mark.django_db
def test_403_names_the_missing_permission_on_children(client_as, pimpinan):
    """The Pimpinan sees aggregates only, never a child (posyandu.access)."""
    teks = _halaman_galat(client_as(pimpinan).get("/posyandu/balita/1/ubah/"), 403)
    assert "Peran Anda tidak memiliki izin melihat data balita." in teks


@pytest.mark.django_db
def test_403_names_the_permission_an_action_needs(client_as, petugas):
    """Reading children, but without the right to correct them (posyandu.access)."""
    pembaca = _tanpa_izin(petugas, "change_balita")
    teks = _halaman_galat(client_as(pembaca).post("/posyandu/balita/1/pindah/"), 403)
    assert "Peran Anda tidak memiliki izin mengubah data balita." in teks


@pytest.mark.django_db
def test_403_for_managing_meetings(client_as, operator_dinkes):
    teks = _halaman_galat(client_as(operator_dinkes).get("/rapat/1/ubah/"), 403)
    assert "Peran Anda tidak memiliki izin mengelola rapat." in teks


@pytest.mark.django_db
def test_403_shows_the_message_the_code_raised(client_as, sekretariat, urls_uji):
    teks = _halaman_galat(client_as(sekretariat).get("/uji/terlarang-berpesan/"), 403)
    _tata_letak_situs(teks)
    assert "Peran Anda tidak memiliki izin menguji halaman ini." in teks


@pytest.mark.django_db
def test_403_without_a_message_says_the_role_lacks_it(client_as, sekretariat, urls_uji):
    teks = _halaman_galat(client_as(sekretariat).get("/uji/terlarang/"), 403)
    assert str(TIDAK_BERHAK) in teks


@pytest.mark.parametrize(("helper", "pesan"), [
    ("evaluasi", "Peran Anda tidak memiliki izin memverifikasi laporan semester."),
    ("kunci", "Peran Anda tidak memiliki izin menutup atau mengunci semester."),
    ("isi", "Peran Anda tidak memiliki izin mengisi laporan semester."),
    ("sahkan", "Peran Anda tidak memiliki izin mengesahkan laporan semester."),
    ("laporan_semester", "Peran Anda tidak memiliki izin melihat data evaluasi semester."),
    ("tindak_lanjut", "Peran Anda tidak memiliki izin mengubah tindak lanjut."),
    ("kontribusi", "Peran Anda tidak memiliki izin mengelola kontribusi mitra."),
    ("impor", "Peran Anda tidak memiliki izin mengimpor berkas e-PPGBM."),
])
@pytest.mark.django_db
def test_access_helpers_say_what_the_role_lacks(petugas, helper, pesan):
    """Checked before any object is looked up: the ids need not exist."""
    from evaluasi import access as evaluasi_access
    from posyandu import access as posyandu_access
    from tpps import access as tpps_access
    from tpps.laporan_semester import access as laporan_access

    panggil = {
        "evaluasi": lambda: evaluasi_access.get_laporan_for_verifikasi(petugas, "2025-S1", 1),
        "kunci": lambda: evaluasi_access.get_semester_for_kunci(petugas, "2025-S1"),
        "isi": lambda: evaluasi_access.get_laporan_for_isi(petugas, "2025-S1", 1),
        "sahkan": lambda: laporan_access.get_semester_for_sahkan(petugas, "2025-S1"),
        "laporan_semester": lambda: laporan_access.get_semester(petugas, "2025-S1"),
        "tindak_lanjut": lambda: tpps_access.get_tindak_lanjut_for_ubah(petugas, 1),
        "kontribusi": lambda: tpps_access.get_kontribusi_for_kelola(petugas, 1),
        "impor": lambda: posyandu_access.get_impor_for_user(
            _tanpa_izin(petugas, "impor_eppgbm"), 1),
    }[helper]
    with pytest.raises(PermissionDenied) as galat_izin:
        panggil()
    assert str(galat_izin.value) == pesan


def _tanpa_izin(user, codename):
    """``user`` without one permission of their role (a copy with its own groups)."""
    from django.contrib.auth.models import Permission

    from tests.factories import make_user

    lain = make_user(f"{user.username}.tanpa.{codename}")
    lain.user_permissions.set(
        Permission.objects.filter(group__user=user).exclude(codename=codename))
    return lain


@pytest.mark.django_db
def test_roster_helpers_say_what_the_role_lacks(operator_dinkes, dinsos):
    from opd import access as opd_access

    with pytest.raises(PermissionDenied) as galat_izin:
        opd_access.get_opd_for_kelola(operator_dinkes, dinsos.pk)
    assert str(galat_izin.value) == "Peran Anda tidak memiliki izin mengelola perwakilan OPD ini."


# --- JSON for a script's endpoints --------------------------------------------------


@pytest.mark.django_db
def test_a_scripts_endpoint_still_gets_json_403(client_as, petugas):
    """A Petugas Posyandu is not given the full NIK: the script's endpoint answers JSON."""
    resp = client_as(petugas).post("/posyandu/balita/1/nik/")
    assert resp.status_code == 403 and resp["Content-Type"] == "application/json"
    assert resp.json() == {"ok": False, "kesalahan": [str(TIDAK_BERHAK)]}


@pytest.mark.django_db
def test_a_scripts_endpoint_still_gets_json_404(client_as, petugas):
    resp = client_as(petugas).get("/posyandu/kegiatan/999999/cari/", {"q": "ai"})
    assert resp.status_code == 404 and resp["Content-Type"] == "application/json"
    assert resp.json() == {"ok": False, "kesalahan": [str(TIDAK_DITEMUKAN)]}


@pytest.mark.django_db
def test_a_scripts_endpoint_still_gets_json_when_the_form_expired(petugas):
    c = Client(enforce_csrf_checks=True)
    c.force_login(petugas)
    resp = c.post("/posyandu/balita/1/nik/")
    assert resp.status_code == 403 and resp["Content-Type"] == "application/json"
    assert resp.json() == {"ok": False, "kesalahan": [str(SESI_BERAKHIR)], "sesi_berakhir": True}


# --- CSRF -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_csrf_failure_on_the_sign_in_form_explains_and_offers_to_reload_it():
    c = Client(enforce_csrf_checks=True)
    resp = c.post("/akun/masuk/", {"username": "sari", "password": "sandi-uji-123"})
    teks = _halaman_galat(resp, 403)
    assert "Formulir kedaluwarsa" in teks
    assert "terlalu lama terbuka" in teks and "memblokir cookie" in teks
    assert re.search(r'<a href="/akun/masuk/"[^>]*>Muat ulang halaman formulir</a>', teks)
    # base.html: the page's stylesheet and title with the site's name.
    assert "css/tpps.css" in teks
    assert f"Formulir kedaluwarsa · {django_settings.NAMA_DAERAH}" in teks


@pytest.mark.django_db
def test_csrf_failure_of_a_signed_in_user_reloads_the_form_they_came_from(operator_dinkes):
    c = Client(enforce_csrf_checks=True)
    c.force_login(operator_dinkes)
    resp = c.post("/rapat/", HTTP_REFERER="http://testserver/akun/sandi/")
    teks = _halaman_galat(resp, 403)
    _tata_letak_situs(teks)
    assert re.search(r'<a href="http://testserver/akun/sandi/"[^>]*>Muat ulang', teks)


# --- 400 ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_400_in_the_site_layout(client_as, sekretariat, urls_uji):
    teks = _halaman_galat(client_as(sekretariat).get("/uji/curiga/"), 400)
    _tata_letak_situs(teks)
    assert "Permintaan tidak dapat diproses" in teks
    assert "uji: permintaan mencurigakan" not in teks  # what was sent is not echoed


@pytest.mark.django_db
def test_400_for_a_bad_host_header_never_fails(client_as, sekretariat):
    """The Host header is refused before the user is known: a standalone page."""
    resp = client_as(sekretariat).get("/", HTTP_HOST="jahat.example",
                                      HTTP_REFERER="http://jahat.example/")
    teks = _halaman_galat(resp, 400)
    assert "Permintaan tidak dapat diproses" in teks and "jahat.example" not in teks


@pytest.mark.django_db
def test_400_for_a_bad_host_inside_a_view_is_standalone(client_as, sekretariat, urls_uji):
    teks = _halaman_galat(client_as(sekretariat).get("/uji/host-palsu/"), 400)
    assert "Permintaan tidak dapat diproses" in teks
    assert 'id="menu-utama"' not in teks  # nothing built from the request


@pytest.mark.django_db
def test_400_falls_back_to_the_standalone_page(client_as, sekretariat, urls_uji, monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("uji: tata letak rusak")

    monkeypatch.setattr(galat, "render", rusak)
    teks = _halaman_galat(client_as(sekretariat).get("/uji/curiga/"), 400)
    assert "Permintaan tidak dapat diproses" in teks


# --- 500 ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_500_from_a_view_that_raises(sekretariat, urls_uji):
    client = Client(raise_request_exception=False)
    client.force_login(sekretariat)
    teks = _halaman_galat(client.get("/uji/meledak/",
                                     HTTP_REFERER="http://testserver/rapat/"), 500)
    assert "Terjadi kesalahan pada server" in teks and "Sekretariat TPPS" in teks
    assert f"TPPS {django_settings.NAMA_DAERAH}" in teks and "css/tpps.css" in teks
    assert 'href="http://testserver/rapat/"' in teks
    assert "uji: kesalahan program" not in teks


def test_500_needs_no_database(urls_uji):
    """No ``django_db``: any query would fail this test."""
    client = Client(raise_request_exception=False)
    teks = _halaman_galat(client.get("/uji/meledak-tanpa-masuk/"), 500)
    assert "Terjadi kesalahan pada server" in teks
    _halaman_galat(galat.galat_server(RequestFactory().get("/")), 500)


def test_500_when_even_its_template_fails(monkeypatch):
    def rusak(*args, **kwargs):
        raise RuntimeError("uji: templat rusak")

    monkeypatch.setattr(galat.loader, "render_to_string", rusak)
    resp = galat.galat_server(RequestFactory().get("/"))
    teks = resp.content.decode()
    assert resp.status_code == 500 and "Terjadi kesalahan pada server" in teks
    assert 'href="/"' in teks and not any(frasa in teks for frasa in INGGRIS)


# --- The templates themselves -------------------------------------------------------


def _templat_galat():
    return sorted(p for p in TEMPLATES.iterdir()
                  if re.fullmatch(r"[45]\d\d(_\w+)?\.html|galat_\w+\.html", p.name))


def test_error_templates_hold_no_english_defaults():
    berkas = _templat_galat()
    assert {p.name for p in berkas} >= {"400.html", "403.html", "403_csrf.html", "404.html",
                                        "500.html"}
    for templat in berkas:
        teks = templat.read_text(encoding="utf-8")
        for frasa in (*INGGRIS, "Page not found", "Request aborted", "Server error"):
            assert frasa.lower() not in teks.lower(), (templat.name, frasa)
        assert re.search(r"{% load [\w ]*\bi18n\b", teks), templat.name


def test_4xx_pages_extend_the_layout_and_500_stands_alone():
    for nama in ("400.html", "403.html", "403_csrf.html", "404.html"):
        assert (TEMPLATES / nama).read_text(encoding="utf-8").startswith(
            '{% extends "base.html" %}'), nama
    teks = (TEMPLATES / "500.html").read_text(encoding="utf-8")
    assert "{% extends" not in teks and "{% load static i18n %}" in teks
    # Nothing that needs a context processor or the database.
    for perlu in ("user", "perms", "menu_utama", "messages", "csrf_token", "pesan_skrip"):
        assert not re.search(rf"\b{perlu}\b", teks), perlu
