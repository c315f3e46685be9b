"""Who may see and change what in the semester evaluation.

Every object an evaluasi view touches comes through one helper here, which applies the
user's role and OPD: a permission the role lacks answers 403 (PermissionDenied), checked
before the object is looked up; a report or achievement the user may not read (another
OPD's draft) answers 404, as a missing one does (``TIDAK_DITEMUKAN``), so that nobody learns
which drafts exist. One the user reads but may not change answers 403.

* reading needs the model's ``view`` permission, and shows *verified* reports only —
  except to whoever may see every OPD's drafts (Sekretariat TPPS) and to an Operator OPD
  for their own OPD;
* changing a report's figures needs ``isi_laporan_semua_opd``, or
  ``isi_laporan_opd_sendiri`` together with ``user.opd`` being that OPD. Whether the
  report's *state* allows a change is the report's own rule
  (``LaporanSemester.alasan_tidak_dapat_diubah``).
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from opd.models import OPD
from tpps.lib.pesan_skrip import TIDAK_DITEMUKAN

from .models import Capaian, EvaluasiBPKP, LaporanSemester, RekomendasiBPKP, Semester


def is_opd_sendiri(user, opd_id) -> bool:
    return (
        user.has_perm("evaluasi.isi_laporan_opd_sendiri")
        and user.opd_id is not None
        and user.opd_id == opd_id
    )


def can_isi_laporan(user, opd) -> bool:
    opd_id = getattr(opd, "pk", opd)
    return user.has_perm("evaluasi.isi_laporan_semua_opd") or is_opd_sendiri(user, opd_id)


def can_lihat_draf(user, opd) -> bool:
    """May see this OPD's report before it is verified."""
    opd_id = getattr(opd, "pk", opd)
    return user.has_perm("evaluasi.lihat_draf_semua_opd") or can_isi_laporan(user, opd_id)


def can_lihat_laporan(user, laporan: LaporanSemester) -> bool:
    if not user.has_perm("evaluasi.view_laporansemester"):
        return False
    return laporan.is_terverifikasi or can_lihat_draf(user, laporan.opd_id)


def can_verifikasi(user) -> bool:
    return user.has_perm("evaluasi.verifikasi_laporan")


def can_kunci_semester(user) -> bool:
    return user.has_perm("evaluasi.kunci_semester")


def require_baca(user, model: str = "semester") -> None:
    """The section itself: a Petugas Posyandu has no business with semester data."""
    if not user.has_perm(f"evaluasi.view_{model}"):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin melihat data %(data)s.") % {
            "data": apps.get_model("evaluasi", model)._meta.verbose_name})


def get_semester(user, kode: str) -> Semester:
    require_baca(user)
    return get_object_or_404(Semester, kode=kode)


def get_semester_tahun(user, tahun: int) -> list[Semester]:
    """The semesters of ``tahun`` (S1 first); 404 when the year has none."""
    require_baca(user)
    require_baca(user, "capaian")
    daftar = sorted(Semester.objects.filter(tahun=tahun), key=lambda s: s.nomor)
    if not daftar:
        raise Http404(_("Belum ada semester pada tahun %(tahun)s.") % {"tahun": tahun})
    return daftar


def filter_capaian_terlihat(user, capaian, *, semua: bool = False):
    """The achievements of ``capaian`` that ``user`` may read on a summary page: verified
    ones; an Operator OPD also their own OPD's, whatever the report's state; with ``semua``,
    whoever may see every OPD's drafts (Sekretariat TPPS) reads them all."""
    if semua and user.has_perm("evaluasi.lihat_draf_semua_opd"):
        return capaian
    terlihat = Q(laporan__status=LaporanSemester.Status.DIVERIFIKASI)
    if user.has_perm("evaluasi.isi_laporan_opd_sendiri") and user.opd_id is not None:
        terlihat |= Q(laporan__opd=user.opd_id)
    return capaian.filter(terlihat)


def get_laporan_for_lihat(user, kode: str, opd_pk: int) -> LaporanSemester:
    """The report of ``opd_pk`` for semester ``kode``; an unsaved draft if none exists yet
    (only to someone who may see that OPD's drafts)."""
    require_baca(user, "laporansemester")
    semester = get_semester(user, kode)
    opd = get_object_or_404(OPD, pk=opd_pk)
    laporan = LaporanSemester.objects.filter(semester=semester, opd=opd).first()
    if laporan is None:
        laporan = LaporanSemester(semester=semester, opd=opd)
    else:
        laporan.semester, laporan.opd = semester, opd
    if not can_lihat_laporan(user, laporan):
        raise Http404(TIDAK_DITEMUKAN)
    return laporan


def get_laporan_for_isi(user, kode: str, opd_pk: int) -> LaporanSemester:
    if not (user.has_perm("evaluasi.isi_laporan_semua_opd")
            or user.has_perm("evaluasi.isi_laporan_opd_sendiri")):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin mengisi laporan semester."))
    laporan = get_laporan_for_lihat(user, kode, opd_pk)
    if not can_isi_laporan(user, laporan.opd):
        raise PermissionDenied(_("Peran Anda hanya boleh mengisi laporan semester OPD Anda "
                                 "sendiri."))
    return laporan


def get_laporan_for_verifikasi(user, kode: str, opd_pk: int) -> LaporanSemester:
    if not can_verifikasi(user):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin memverifikasi laporan "
                                 "semester."))
    laporan = get_laporan_for_lihat(user, kode, opd_pk)
    if laporan.pk is None:  # nothing submitted yet: nothing to verify
        raise Http404(TIDAK_DITEMUKAN)
    return laporan


def get_semester_for_verifikasi(user, kode: str) -> Semester:
    """The semester whose queue a verifier works through (several reports at once)."""
    if not can_verifikasi(user):
        raise PermissionDenied
    return get_semester(user, kode)


def get_laporan_for_verifikasi_massal(user, ids: list[int]) -> list[LaporanSemester]:
    """The reports ``ids`` for a verifier's step on several at once, in roster order: 404
    (``TIDAK_DITEMUKAN``) when one of them is missing or one the user may not read, as for
    a single report. Whether each may be verified or returned now is the workflow's rule."""
    if not can_verifikasi(user):
        raise PermissionDenied
    daftar = list(
        LaporanSemester.objects.filter(pk__in=ids)
        .select_related("semester", "opd", "diajukan_oleh")
        .order_by("opd__urutan", "opd__singkatan")
    )
    if len(daftar) != len(set(ids)) or not all(can_lihat_laporan(user, lap) for lap in daftar):
        raise Http404(TIDAK_DITEMUKAN)
    return daftar


def get_semester_for_kunci(user, kode: str) -> Semester:
    if not can_kunci_semester(user):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin menutup atau mengunci "
                                 "semester."))
    return get_semester(user, kode)


def get_capaian_for_lihat(user, pk: int) -> Capaian:
    require_baca(user, "capaian")
    require_baca(user, "laporansemester")
    capaian = get_object_or_404(
        Capaian.objects.select_related("laporan__opd", "semester", "indikator__opd_utama")
        .dengan_persen_capaian(),
        pk=pk,
    )
    if not can_lihat_laporan(user, capaian.laporan):
        raise Http404(TIDAK_DITEMUKAN)
    return capaian


def get_evaluasi_bpkp(user, tahun: int) -> EvaluasiBPKP:
    require_baca(user, "evaluasibpkp")
    return get_object_or_404(EvaluasiBPKP, tahun=tahun)


def get_rekomendasi_for_lihat(user, pk: int) -> RekomendasiBPKP:
    require_baca(user, "rekomendasibpkp")
    return get_object_or_404(
        RekomendasiBPKP.objects.select_related("temuan__evaluasi").prefetch_related("opd"),
        pk=pk,
    )


def get_pemilik_berkas(user, nama: str):
    """The record holding an uploaded evidence / BPKP file, if ``user`` may read it.

    Used by ``tpps.views.berkas``: PermissionDenied when the user's role reads no such
    file; None (404) when no record holds the name or the user may not read that record
    (another OPD's draft).
    """
    if nama.startswith("capaian/"):
        require_baca(user, "capaian")
        require_baca(user, "laporansemester")
        capaian = Capaian.objects.select_related("laporan").filter(berkas=nama).first()
        if capaian is not None and not can_lihat_laporan(user, capaian.laporan):
            return None
        return capaian
    if nama.startswith("bpkp/"):
        evaluasi = EvaluasiBPKP.objects.filter(berkas=nama).first()
        if evaluasi is not None:
            require_baca(user, "evaluasibpkp")
        return evaluasi
    return None
