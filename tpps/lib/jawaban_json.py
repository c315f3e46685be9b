"""Endpoints that a page's script calls answer every refusal in JSON.

A view marked with ``@jawaban_json`` keeps Django's own checks (sign-in, CSRF, access
helpers raising PermissionDenied / Http404); only their answer changes: the project's
failure handlers (``tpps.views.csrf_gagal``, ``terlarang``, ``tidak_ditemukan`` and
``tpps.middleware.WajibMasukMiddleware``) ask ``ingin_json`` and then answer
``{"ok": false, "kesalahan": [message]}`` with an Indonesian message instead of an HTML
page or a redirect to the sign-in page.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _


def jawaban_json(view):
    view.jawaban_json = True
    return view


def ingin_json(request, view=None) -> bool:
    """Whether the request went to a view marked ``@jawaban_json``."""
    if view is None:
        view = getattr(getattr(request, "resolver_match", None), "func", None)
    return getattr(view, "jawaban_json", False)


def tolak_json(pesan: str, status: int, **lain) -> JsonResponse:
    return JsonResponse({"ok": False, "kesalahan": [pesan], **lain}, status=status)


def sesi_berakhir(status: int) -> JsonResponse:
    """Signed out, or the CSRF token no longer matches (the page was open too long, or
    the user signed in again in another tab)."""
    return tolak_json(_("Sesi berakhir, muat ulang halaman lalu masuk lagi; nilai baris ini "
                        "belum tersimpan."), status, sesi_berakhir=True)
