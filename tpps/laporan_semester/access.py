"""Who may read and sign off the semester report.

Reading follows the semester data (architecture.md, "Who sees what"): whoever may read
semester figures — Sekretariat TPPS, Pimpinan, Operator OPD (the report shows verified
figures only, which every Operator OPD already reads on the scorecard) — reads the report,
and with ``tpps.view_pengesahanlaporan`` (which those three roles hold) its signed copy.
A Petugas Posyandu has no business with semester data: 403.
Signing off needs ``tpps.sahkan_laporan`` (Pimpinan). Whether the semester's *state*
allows it is the workflow's rule (``alur.sahkan_laporan``).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from evaluasi.models import Semester
from tpps.models import PengesahanLaporan


def can_baca(user) -> bool:
    return user.has_perm("evaluasi.view_semester") and user.has_perm("evaluasi.view_capaian")


def can_sahkan(user) -> bool:
    return user.has_perm("tpps.sahkan_laporan")


def require_baca(user) -> None:
    if not can_baca(user):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin melihat data evaluasi "
                                 "semester."))


def get_semester(user, kode: str) -> Semester:
    require_baca(user)
    return get_object_or_404(Semester, kode=kode)


def get_semester_for_sahkan(user, kode: str) -> Semester:
    if not can_sahkan(user):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin mengesahkan laporan "
                                 "semester."))
    return get_semester(user, kode)


def get_pengesahan(user, kode: str) -> PengesahanLaporan:
    semester = get_semester(user, kode)
    if not user.has_perm("tpps.view_pengesahanlaporan"):
        raise PermissionDenied(_("Peran Anda tidak memiliki izin melihat laporan semester "
                                 "yang disahkan."))
    pengesahan = (PengesahanLaporan.objects.select_related("semester", "disahkan_oleh")
                  .filter(semester=semester).first())
    if pengesahan is None:
        raise Http404
    return pengesahan


def get_pemilik_berkas(user, nama: str) -> PengesahanLaporan | None:
    """The sign-off whose archived PDF is stored as ``nama``, for ``tpps.views.berkas``:
    readable by whoever reads the signed copy (PermissionDenied otherwise); None (404) when
    no sign-off holds the name, or its file or content no longer matches its fingerprint
    (an altered file is never handed out as the signed report)."""
    require_baca(user)
    if not user.has_perm("tpps.view_pengesahanlaporan"):
        raise PermissionDenied
    pengesahan = PengesahanLaporan.objects.select_related("semester").filter(berkas=nama).first()
    if pengesahan is None or not (pengesahan.is_utuh() and pengesahan.is_pdf_utuh()):
        return None
    return pengesahan


def get_pengesahan_for_verifikasi(kode_verifikasi: str) -> PengesahanLaporan | None:
    """The sign-off a verification code names, for the public verification page (no
    sign-in: the code, printed on the PDF, is the key); None when no sign-off has it."""
    return (PengesahanLaporan.objects.select_related("semester")
            .filter(kode_verifikasi=kode_verifikasi).first())
