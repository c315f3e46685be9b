"""Who manages accounts: Sekretariat TPPS (``opd.view_user``, ``opd.add_user``,
``opd.change_user``, granted in opd/roles.py) and superusers. Every account a page touches
comes through here.

A permission the role lacks answers 403 before any account is looked up. Superuser
accounts are kept in the admin, by superusers: here they are not listed, and opening one
answers 404 as a missing one does (otherwise a Sekretariat user could take one over).
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404

from tpps.lib.pesan_skrip import TIDAK_DITEMUKAN

LIHAT = "opd.view_user"
UNDANG = "opd.add_user"
UBAH = "opd.change_user"


def can_lihat_pengguna(user) -> bool:
    return user.has_perm(LIHAT)


def can_undang_pengguna(user) -> bool:
    return user.has_perms([LIHAT, UNDANG])


def can_ubah_pengguna(user) -> bool:
    return user.has_perms([LIHAT, UBAH])


def _wajib(boleh: bool) -> None:
    if not boleh:
        raise PermissionDenied


def pengguna_for_user(user):
    """The accounts ``user`` manages (none without the permission to see accounts)."""
    User = get_user_model()
    if not can_lihat_pengguna(user):
        return User.objects.none()
    return User.objects.filter(is_superuser=False)


def wajib_lihat(user) -> None:
    _wajib(can_lihat_pengguna(user))


def wajib_undang(user) -> None:
    _wajib(can_undang_pengguna(user))


def get_pengguna_for_ubah(user, pk):
    """An account ``user`` may edit, deactivate or invite again."""
    _wajib(can_ubah_pengguna(user))
    akun = pengguna_for_user(user).select_related("opd").filter(pk=pk).first()
    if akun is None:
        raise Http404(TIDAK_DITEMUKAN)
    return akun
