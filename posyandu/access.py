"""Who sees which children (architecture.md, "Who sees what").

Sekretariat TPPS (``posyandu.akses_semua_wilayah``) sees every child; a Petugas Posyandu
the children of the Posyandu in their scope (a set of Posyandu, a desa, a Puskesmas area
or the city). Pimpinan and Operator OPD see aggregates only, never a child. Every child,
event, case or measurement a view touches comes through here.

Two refusals, in this order: a permission the role lacks answers 403 (PermissionDenied)
before any object is looked up; then an object outside the user's scope answers 404, as a
missing one does, with the same message (``TIDAK_DITEMUKAN``), so that ids cannot be probed.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from tpps.lib.pesan_skrip import TIDAK_BERHAK, TIDAK_DITEMUKAN

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
LIHAT = "posyandu.view_balita"

#: What the 403 page says when the role lacks a permission (any other: ``TIDAK_BERHAK``).
PESAN_IZIN = {
    LIHAT: _("Peran Anda tidak memiliki izin melihat data balita."),
    "posyandu.add_balita": _("Peran Anda tidak memiliki izin mendaftarkan balita."),
    "posyandu.change_balita": _("Peran Anda tidak memiliki izin mengubah data balita."),
    "posyandu.lihat_nik": _("Peran Anda tidak memiliki izin melihat NIK lengkap."),
    "posyandu.add_pengukuran": _("Peran Anda tidak memiliki izin mencatat pengukuran."),
    "posyandu.change_pengukuran": _("Peran Anda tidak memiliki izin mengoreksi pengukuran."),
    "posyandu.change_kegiatan": _("Peran Anda tidak memiliki izin mengubah kegiatan "
                                  "pengukuran."),
    "posyandu.change_kasus": _("Peran Anda tidak memiliki izin menindaklanjuti kasus."),
    "posyandu.impor_eppgbm": _("Peran Anda tidak memiliki izin mengimpor berkas e-PPGBM."),
    "posyandu.view_logaksesdata": _("Riwayat akses data pribadi hanya untuk Sekretariat TPPS."),
    SEMUA: _("Halaman ini hanya untuk pengguna dengan cakupan seluruh kota (Sekretariat TPPS)."),
    "posyandu.ekspor_data_anak": _("Peran Anda tidak memiliki izin mengekspor seluruh data "
                                   "balita; permintaan orang tua dilayani Sekretariat TPPS."),
}


def _cakupan(user) -> CakupanPetugas | None:
    try:
        return user.cakupan
    except CakupanPetugas.DoesNotExist:
        return None


def _wajib(user, *izin: str | None) -> None:
    """A permission the role lacks: 403, whatever the object, naming what is missing."""
    for i in izin:
        if i and not user.has_perm(i):
            raise PermissionDenied(PESAN_IZIN.get(i, TIDAK_BERHAK))


def _dalam_cakupan(qs, pk):
    """The object ``pk`` of ``qs`` (narrowed to the user's scope): missing and out of scope
    are one answer, a 404."""
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404(TIDAK_DITEMUKAN)
    return obj


def can_data_balita(user) -> bool:
    return user.has_perm(LIHAT) and (user.has_perm(SEMUA) or _cakupan(user) is not None)


def lingkup_kota(user) -> bool:
    """City-wide events are run by users whose scope is the whole city."""
    if user.has_perm(SEMUA):
        return True
    cakupan = _cakupan(user)
    return cakupan is not None and cakupan.tingkat == CakupanPetugas.Tingkat.KOTA


def posyandu_for_user(user):
    if not user.has_perm(LIHAT):
        return Posyandu.objects.none()
    if user.has_perm(SEMUA):
        return Posyandu.objects.all()
    cakupan = _cakupan(user)
    return cakupan.posyandu_qs() if cakupan else Posyandu.objects.none()


def _id_posyandu(user) -> list[int]:
    """The keys of the user's Posyandu, read first: a query narrowed by a list of keys uses
    the index on the child's (or event's) Posyandu, where a subquery of the scope led
    PostgreSQL to evaluate a page's correlated subqueries for every child of the city
    before narrowing (the kader's home: 98 ms of execution, 2 ms with the list). Read once
    per user object, i.e. once per request, as Django keeps a user's permissions."""
    ids = getattr(user, "_id_posyandu_cakupan", None)
    if ids is None:
        ids = list(posyandu_for_user(user).values_list("pk", flat=True))
        user._id_posyandu_cakupan = ids
    return ids


def balita_for_user(user):
    if not can_data_balita(user):
        return Balita.objects.none()
    if lingkup_kota(user):
        return Balita.objects.all()
    return Balita.objects.filter(posyandu__in=_id_posyandu(user))


def get_posyandu_for_user(user, pk) -> Posyandu:
    _wajib(user, LIHAT)
    return _dalam_cakupan(posyandu_for_user(user).select_related("desa", "puskesmas"), pk)


def get_balita_for_user(user, pk, *, izin: str | None = None) -> Balita:
    """A child in the user's scope; ``izin``: the permission the action needs besides
    reading children (e.g. ``posyandu.change_balita`` to correct the record)."""
    _wajib(user, LIHAT, izin)
    return _dalam_cakupan(
        balita_for_user(user).select_related("posyandu__desa", "desa__kecamatan"), pk
    )


def kegiatan_for_user(user):
    if not can_data_balita(user):
        return Kegiatan.objects.none()
    if lingkup_kota(user):
        return Kegiatan.objects.all()
    return Kegiatan.objects.filter(posyandu__in=_id_posyandu(user))


def kegiatan_terlihat(user, ids) -> set[int]:
    """Of the events ``ids`` (e.g. those partners funded), the ones ``user`` may open: a
    page links only those, so nobody is sent to a refusal."""
    ids = {i for i in ids if i}
    if not ids:
        return set()
    return set(kegiatan_for_user(user).filter(pk__in=ids).values_list("pk", flat=True))


def get_kegiatan_for_user(user, pk, *, izin: str | None = None) -> Kegiatan:
    """An event of the user's scope; ``izin`` as for ``get_balita_for_user``."""
    _wajib(user, LIHAT, izin)
    return _dalam_cakupan(kegiatan_for_user(user).select_related("posyandu__desa", "mitra"), pk)


def get_kasus_for_user(user, pk) -> Kasus:
    """A case to follow up, of a child in the user's scope."""
    _wajib(user, LIHAT, "posyandu.change_kasus")
    return _dalam_cakupan(
        Kasus.objects.filter(balita__in=balita_for_user(user)).select_related("balita__posyandu"),
        pk,
    )


def get_pengukuran_for_hapus(user, pk) -> Pengukuran:
    """A measurement to delete, of a child in the user's scope, for a user who may correct
    measurements."""
    _wajib(user, LIHAT, "posyandu.change_pengukuran")
    return _dalam_cakupan(
        Pengukuran.objects.filter(balita__in=balita_for_user(user))
        .select_related("balita", "kegiatan"),
        pk,
    )


def can_lihat_nik(user, balita: Balita) -> bool:
    return (
        user.has_perm("posyandu.lihat_nik") and balita_for_user(user).filter(pk=balita.pk).exists()
    )


def get_impor_for_user(user, pk) -> ImporEppgbm:
    """An e-PPGBM import: its uploader's, or any for Sekretariat TPPS (another user's
    upload is outside the scope: 404)."""
    _wajib(user, "posyandu.impor_eppgbm")
    impor = ImporEppgbm.objects.all()
    if not user.has_perm(SEMUA):
        impor = impor.filter(user=user)
    return _dalam_cakupan(impor, pk)


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


def can_riwayat_akses(user) -> bool:
    """Who accessed which child (``LogAksesData``): Sekretariat TPPS (the log, and every
    child it names, city-wide)."""
    return user.has_perm("posyandu.view_logaksesdata") and user.has_perm(SEMUA)


def wajib_riwayat_akses(user) -> None:
    """The access log's page: 403 for any role but Sekretariat TPPS."""
    _wajib(user, "posyandu.view_logaksesdata", SEMUA)


def can_ekspor_data_anak(user) -> bool:
    """Serving a parent's request: one child's whole record as a file (logged)."""
    return user.has_perm("posyandu.ekspor_data_anak") and can_data_balita(user)


def get_balita_for_ekspor_data(user, pk) -> Balita:
    """A child whose whole record ``user`` may export (``can_ekspor_data_anak``)."""
    return get_balita_for_user(user, pk, izin="posyandu.ekspor_data_anak")
