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

from evaluasi.models import Semester
from tpps.models import PengesahanLaporan


def can_baca(user) -> bool:
    return user.has_perm("evaluasi.view_semester") and user.has_perm("evaluasi.view_capaian")


def can_sahkan(user) -> bool:
    return user.has_perm("tpps.sahkan_laporan")


def require_baca(user) -> None:
    if not can_baca(user):
        raise PermissionDenied


def get_semester(user, kode: str) -> Semester:
    require_baca(user)
    return get_object_or_404(Semester, kode=kode)


def get_semester_for_sahkan(user, kode: str) -> Semester:
    if not can_sahkan(user):
        raise PermissionDenied
    return get_semester(user, kode)


def get_pengesahan(user, kode: str) -> PengesahanLaporan:
    semester = get_semester(user, kode)
    if not user.has_perm("tpps.view_pengesahanlaporan"):
        raise PermissionDenied
    pengesahan = (PengesahanLaporan.objects.select_related("semester", "disahkan_oleh")
                  .filter(semester=semester).first())
    if pengesahan is None:
        raise Http404
    return pengesahan
