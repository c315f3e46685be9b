"""Who may do what with the roster: every roster object a view edits comes through here."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import OPD, AnggotaTim


def _tolak_kelola():
    """The role may not edit this agency's people (an Operator OPD edits only their own)."""
    return PermissionDenied(_("Peran Anda tidak memiliki izin mengelola perwakilan OPD ini."))


def can_kelola_anggota(user, opd: OPD) -> bool:
    """Sekretariat TPPS edits every agency's people; an Operator OPD only their own agency's."""
    if user.has_perm("opd.change_anggotatim"):
        return True
    return (
        user.has_perm("opd.kelola_anggota_opd_sendiri")
        and user.opd_id is not None
        and user.opd_id == opd.pk
    )


def _wajib_izin_kelola(user) -> None:
    """A role that edits no agency's people is refused before any object is looked up
    (a missing id must answer as an existing one does)."""
    if not (user.has_perm("opd.change_anggotatim")
            or user.has_perm("opd.kelola_anggota_opd_sendiri")):
        raise _tolak_kelola()


def get_opd_for_kelola(user, pk: int) -> OPD:
    _wajib_izin_kelola(user)
    opd = get_object_or_404(OPD, pk=pk)
    if not can_kelola_anggota(user, opd):
        raise _tolak_kelola()
    return opd


def get_anggota_for_kelola(user, pk: int) -> AnggotaTim:
    _wajib_izin_kelola(user)
    anggota = get_object_or_404(AnggotaTim.objects.select_related("opd"), pk=pk)
    if not can_kelola_anggota(user, anggota.opd):
        raise _tolak_kelola()
    return anggota
