"""Endpoints that a page's script calls answer every refusal in JSON.

A view marked with ``@jawaban_json`` keeps Django's own checks (sign-in, CSRF, access
helpers raising PermissionDenied / Http404); only their answer changes: the project's
failure handlers (``tpps.views.csrf_gagal``, ``terlarang``, ``tidak_ditemukan`` and
``tpps.middleware.WajibMasukMiddleware``) ask ``ingin_json`` and then answer
``{"ok": false, "kesalahan": [message]}`` with an Indonesian message (``tpps.lib.pesan_skrip``)
instead of an HTML page or a redirect to the sign-in page.
"""

from django.http import JsonResponse

from .pesan_skrip import SESI_BERAKHIR


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
    """Signed out, or the CSRF token no longer matches."""
    return tolak_json(SESI_BERAKHIR, status, sesi_berakhir=True)
