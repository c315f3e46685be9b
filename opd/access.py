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


def get_opd_for_kelola(user, pk: int) -> OPD:
    opd = get_object_or_404(OPD, pk=pk)
    if not can_kelola_anggota(user, opd):
        raise _tolak_kelola()
    return opd


def get_anggota_for_kelola(user, pk: int) -> AnggotaTim:
    anggota = get_object_or_404(AnggotaTim.objects.select_related("opd"), pk=pk)
    if not can_kelola_anggota(user, anggota.opd):
        raise _tolak_kelola()
    return anggota
