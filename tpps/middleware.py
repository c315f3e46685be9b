"""Project middleware."""

from django.contrib.auth.middleware import LoginRequiredMiddleware

from .lib.jawaban_json import ingin_json, sesi_berakhir


class WajibMasukMiddleware(LoginRequiredMiddleware):
    """Every page requires a signed-in user (Django's LoginRequiredMiddleware); a script's
    endpoint (``@jawaban_json``) answers 401 in JSON instead of redirecting to sign in."""

    def handle_no_permission(self, request, view_func):
        if ingin_json(request, view_func):
            return sesi_berakhir(401)
        return super().handle_no_permission(request, view_func)
