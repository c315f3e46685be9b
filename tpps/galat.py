"""The error pages: 400, 403, 404, 500 and the CSRF check's refusal, in Indonesian.

Each answers in the site's layout (``base.html``) with a way back: the home page and, when
the browser came from a page of this site, that page. A script's endpoint
(``tpps.lib.jawaban_json``) gets JSON instead for 403, 404 and the CSRF check. Two pages
render without the request (no context processors, no database): the 500 page, and a 400
for a bad Host header, whose request cannot be trusted to build a page from; both use the
standalone ``500.html``. If even that fails, a plain Indonesian page answers, never a
second error.
"""

import logging

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import (
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseServerError,
)
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import render
from django.template import loader
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from .lib.jawaban_json import ingin_json, sesi_berakhir, tolak_json
from .lib.pesan_skrip import TIDAK_BERHAK, TIDAK_DITEMUKAN

logger = logging.getLogger(__name__)

_POLOS = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>{judul}</title></head>'
    '<body><h1>{judul}</h1><p>{pesan}</p><p><a href="/">{beranda}</a></p></body></html>'
)


def halaman_sebelumnya(request) -> str | None:
    """The page of this site the browser came from (the Referer), if any; never another
    site's address, nor the page that failed itself."""
    asal = request.META.get("HTTP_REFERER", "")
    if not asal:
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    if not url_has_allowed_host_and_scheme(asal, {host}, require_https=request.is_secure()):
        return None
    if asal == request.build_absolute_uri():
        return None
    return asal


def _halaman(request, template: str, status: int, **konteks):
    konteks.setdefault("sebelumnya", halaman_sebelumnya(request))
    return render(request, template, konteks, status=status)


def _mandiri(status: int, judul: str, pesan: str, kelas, sebelumnya=None):
    """A page that needs neither the request nor the database (the standalone ``500.html``)."""
    try:
        isi = loader.render_to_string("500.html", {
            "nama_daerah": settings.NAMA_DAERAH, "kode": status, "judul": judul,
            "pesan": pesan, "sebelumnya": sebelumnya,
        })
    except Exception:
        logger.exception("Halaman galat %s gagal dibuat; halaman polos dikirim.", status)
        isi = _POLOS.format(judul=escape(judul), pesan=escape(pesan),
                            beranda=escape(_("Kembali ke beranda")))
    return kelas(isi)


@requires_csrf_token
def permintaan_buruk(request, exception=None):
    """400: a request Django refuses (SuspiciousOperation, a bad Host header …). What it
    was is not shown (it may hold what an attacker sent)."""
    judul = _("Permintaan tidak dapat diproses")
    pesan = _("Permintaan yang dikirim browser Anda tidak valid. Periksa alamat halaman "
              "yang Anda buka, lalu coba lagi.")
    if isinstance(exception, DisallowedHost):
        # The Host header itself is wrong: nothing built from this request is safe.
        return _mandiri(400, judul, pesan, HttpResponseBadRequest)
    try:
        return _halaman(request, "400.html", 400, judul=judul, pesan=pesan)
    except Exception:
        logger.exception("Halaman 400 gagal dibuat dengan tata letak situs.")
        return _mandiri(400, judul, pesan, HttpResponseBadRequest)


@requires_csrf_token
def terlarang(request, exception=None):
    """403: a permission the user's role lacks. The page says which, when the code that
    refused said so (``PermissionDenied(message)``, e.g. in ``<app>/access.py``)."""
    if ingin_json(request):
        return tolak_json(TIDAK_BERHAK, 403)
    pesan = str(exception) if exception is not None and exception.args else ""
    return _halaman(request, "403.html", 403, pesan=pesan or TIDAK_BERHAK)


@requires_csrf_token
def tidak_ditemukan(request, exception=None):
    """404: missing, or outside the user's scope (posyandu.access): one answer, one message."""
    if ingin_json(request):
        return tolak_json(TIDAK_DITEMUKAN, 404)
    return _halaman(request, "404.html", 404, pesan=TIDAK_DITEMUKAN)


def galat_server(request):
    """500: rendered without the request's context processors and without the database,
    which may be what failed."""
    try:
        sebelumnya = halaman_sebelumnya(request)
    except Exception:
        sebelumnya = None
    return _mandiri(
        500,
        _("Terjadi kesalahan pada server"),
        _("Maaf, halaman ini gagal dibuka karena kesalahan di server. Kesalahan ini sudah "
          "dicatat; coba lagi beberapa saat lagi. Bila terus terjadi, hubungi Sekretariat "
          "TPPS."),
        HttpResponseServerError,
        sebelumnya,
    )


def csrf_gagal(request, reason=""):
    """The CSRF check refused a form (settings.CSRF_FAILURE_VIEW): the form's token expired
    (the page was open too long, or the user signed in again elsewhere) or the browser
    blocks cookies. A script's endpoint answers JSON: its session ended."""
    if ingin_json(request):
        return sesi_berakhir(403)
    sebelumnya = halaman_sebelumnya(request)
    return HttpResponseForbidden(loader.render_to_string("403_csrf.html", {
        "formulir": sebelumnya or request.get_full_path(),
        "tanpa_cookie": reason == REASON_NO_CSRF_COOKIE,
    }, request=request))
