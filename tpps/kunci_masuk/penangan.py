"""django-axes's database handler with a second limit, per address, and the lockout page.

axes compares one number with one limit: given ``[["username", "ip_address"],
"ip_address"]`` it would lock an address at the same 5 failures as one username. So axes
keeps the username+address lock (``AXES_LOCKOUT_PARAMETERS``, ``AXES_FAILURE_LIMIT``) and
this handler adds the address lock (``TPPS_IP_FAILURE_LIMIT``) on the same records
(tpps.kunci_masuk.kunci): checked before the password (axes's backend asks ``is_locked``)
and after each failure (the failure that reaches the limit is answered with the lockout
page, as axes does for its own lock).
"""

import math

from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.signals import user_locked_out
from django.shortcuts import render
from django.utils import timezone

from . import kunci


class PenanganMasuk(AxesDatabaseHandler):
    def _alamat_terkunci(self, request) -> bool:
        return settings.AXES_LOCK_OUT_AT_FAILURE and kunci.alamat_terkunci(
            request.axes_ip_address, request.axes_attempt_time)

    def is_locked(self, request, credentials=None) -> bool:
        return super().is_locked(request, credentials) or self._alamat_terkunci(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out:
            return
        if self.is_whitelisted(request, credentials) or not self._alamat_terkunci(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send("axes", request=request,
                             username=get_client_username(request, credentials),
                             ip_address=request.axes_ip_address)


def respons_terkunci(request, original_response=None, credentials=None):
    """The lockout page (``AXES_LOCKOUT_CALLABLE``): which lock, until when, how to open it."""
    pada = getattr(request, "axes_attempt_time", None) or timezone.now()
    alamat = getattr(request, "axes_ip_address", None)
    username = get_client_username(request, credentials)
    sampai_alamat = kunci.kunci_alamat_sampai(alamat, pada)
    sampai_akun = kunci.kunci_akun_sampai(alamat, username, pada)
    sampai = max(filter(None, [sampai_alamat, sampai_akun]), default=pada + kunci.jendela())
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, {
        "jenis": "alamat" if sampai_alamat else "akun",
        "username": username or "",
        "sampai": sampai,
        "menit": max(1, math.ceil((sampai - pada).total_seconds() / 60)),
        "menit_jendela": round(kunci.jendela().total_seconds() / 60),
        "batas_akun": kunci.batas_akun(),
        "batas_alamat": kunci.batas_alamat(),
    }, status=settings.AXES_HTTP_RESPONSE_CODE)
