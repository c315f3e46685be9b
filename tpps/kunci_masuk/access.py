"""Who sees and opens sign-in locks: whoever manages accounts (``opd.change_user``:
Sekretariat TPPS, opd/roles.py; superusers). Every lock a page touches comes through here.

A lock is named by its address (and a username tried from it); an address with no failures
that count, or a username not tried from it, is missing (404 with
``tpps.lib.pesan_skrip.TIDAK_DITEMUKAN``), checked after the permission.
"""

from ipaddress import ip_address

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from tpps.lib.pesan_skrip import TIDAK_DITEMUKAN

from . import kunci

BUKA_KUNCI = "opd.change_user"


def can_buka_kunci_masuk(user) -> bool:
    return user.has_perm(BUKA_KUNCI)


def wajib_buka_kunci(user) -> None:
    if not can_buka_kunci_masuk(user):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin membuka kunci masuk."))


def get_kunci_for_buka(user, alamat: str, username: str | None, *, pada):
    """The failures counted at ``alamat`` (a ``kunci.KunciAlamat``) and, with ``username``,
    that username's (a ``kunci.AkunDicoba``, else None)."""
    wajib_buka_kunci(user)
    try:
        alamat = str(ip_address((alamat or "").strip()))
    except ValueError:
        raise Http404(TIDAK_DITEMUKAN) from None
    di_alamat = kunci.kunci_di(alamat, pada)
    if di_alamat is None:
        raise Http404(TIDAK_DITEMUKAN)
    if not username:
        return di_alamat, None
    akun = next((a for a in di_alamat.akun if a.username == username), None)
    if akun is None:
        raise Http404(TIDAK_DITEMUKAN)
    return di_alamat, akun
