"""Who sees which children (architecture.md, "Who sees what").

Sekretariat TPPS (``posyandu.akses_semua_wilayah``) sees every child; a Petugas Posyandu
the children of the Posyandu in their scope (a set of Posyandu, a desa, a Puskesmas area
or the city). Pimpinan and Operator OPD see aggregates only, never a child. Every child,
event, case or measurement a view touches comes through here.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import (
    Balita,
    CakupanPetugas,
    ImporEppgbm,
    Kasus,
    Kegiatan,
    Pengukuran,
    Posyandu,
)

SEMUA = "posyandu.akses_semua_wilayah"


def _cakupan(user) -> CakupanPetugas | None:
    try:
        return user.cakupan
    except CakupanPetugas.DoesNotExist:
        return None


def can_data_balita(user) -> bool:
    return user.has_perm("posyandu.view_balita") and (
        user.has_perm(SEMUA) or _cakupan(user) is not None
    )


def lingkup_kota(user) -> bool:
    """City-wide events are run by users whose scope is the whole city."""
    if user.has_perm(SEMUA):
        return True
    cakupan = _cakupan(user)
    return cakupan is not None and cakupan.tingkat == CakupanPetugas.Tingkat.KOTA


def posyandu_for_user(user):
    if not user.has_perm("posyandu.view_balita"):
        return Posyandu.objects.none()
    if user.has_perm(SEMUA):
        return Posyandu.objects.all()
    cakupan = _cakupan(user)
    return cakupan.posyandu_qs() if cakupan else Posyandu.objects.none()


def balita_for_user(user):
    if not can_data_balita(user):
        return Balita.objects.none()
    if lingkup_kota(user):
        return Balita.objects.all()
    return Balita.objects.filter(posyandu__in=posyandu_for_user(user))


def get_posyandu_for_user(user, pk) -> Posyandu:
    posyandu = get_object_or_404(Posyandu.objects.select_related("desa", "puskesmas"), pk=pk)
    if not posyandu_for_user(user).filter(pk=pk).exists():
        raise PermissionDenied
    return posyandu


def get_balita_for_user(user, pk, *, ubah: bool = False) -> Balita:
    balita = get_object_or_404(
        Balita.objects.select_related("posyandu__desa", "desa__kecamatan"), pk=pk
    )
    if not balita_for_user(user).filter(pk=pk).exists():
        raise PermissionDenied
    if ubah and not user.has_perm("posyandu.change_balita"):
        raise PermissionDenied
    return balita


def kegiatan_for_user(user):
    if not can_data_balita(user):
        return Kegiatan.objects.none()
    if lingkup_kota(user):
        return Kegiatan.objects.all()
    return Kegiatan.objects.filter(posyandu__in=posyandu_for_user(user))


def kegiatan_terlihat(user, ids) -> set[int]:
    """Of the events ``ids`` (e.g. those partners funded), the ones ``user`` may open: a
    page links only those, so nobody is sent to a refusal."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    return set(kegiatan_for_user(user).filter(pk__in=ids).values_list("pk", flat=True))


def get_kegiatan_for_user(user, pk) -> Kegiatan:
    kegiatan = get_object_or_404(Kegiatan.objects.select_related("posyandu__desa", "mitra"), pk=pk)
    if not kegiatan_for_user(user).filter(pk=pk).exists():
        raise PermissionDenied
    return kegiatan


def get_kasus_for_user(user, pk) -> Kasus:
    kasus = get_object_or_404(Kasus.objects.select_related("balita__posyandu"), pk=pk)
    if not balita_for_user(user).filter(pk=kasus.balita_id).exists():
        raise PermissionDenied
    if not user.has_perm("posyandu.change_kasus"):
        raise PermissionDenied
    return kasus


def get_pengukuran_for_hapus(user, pk) -> Pengukuran:
    """A measurement to delete: of a child in the user's scope (else PermissionDenied; an
    unknown ``pk`` Http404), for a user who may correct measurements."""
    pengukuran = get_object_or_404(Pengukuran.objects.select_related("balita", "kegiatan"), pk=pk)
    if not balita_for_user(user).filter(pk=pengukuran.balita_id).exists():
        raise PermissionDenied
    if not user.has_perm("posyandu.change_pengukuran"):
        raise PermissionDenied
    return pengukuran


def can_lihat_nik(user, balita: Balita) -> bool:
    return (
        user.has_perm("posyandu.lihat_nik") and balita_for_user(user).filter(pk=balita.pk).exists()
    )


def get_impor_for_user(user, pk) -> ImporEppgbm:
    """An e-PPGBM import: its uploader's, or any for Sekretariat TPPS."""
    impor = get_object_or_404(ImporEppgbm, pk=pk)
    if not user.has_perm("posyandu.impor_eppgbm"):
        raise PermissionDenied
    if impor.user_id != user.pk and not user.has_perm(SEMUA):
        raise PermissionDenied
    return impor


def can_ekspor(user) -> bool:
    return user.has_perm("posyandu.ekspor_balita") and can_data_balita(user)


def can_bersihkan_data(user) -> bool:
    """Data cleaning (e.g. the list of NIK shared by several children): Sekretariat TPPS and
    staff whose scope is the whole city (Dinkes), with the right to correct children."""
    return (
        can_data_balita(user)
        and lingkup_kota(user)
        and user.has_perm("posyandu.change_balita")
    )
