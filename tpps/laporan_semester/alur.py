"""Signing the semester report off: the content is frozen with who and when."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi.models import Semester
from tpps.models import PengesahanLaporan

from . import isi


def alasan_tidak_dapat_disahkan(semester: Semester) -> str | None:
    """Why the report cannot be signed off now (None: it can)."""
    pengesahan = PengesahanLaporan.objects.filter(semester=semester).select_related(
        "disahkan_oleh").first()
    if pengesahan is not None:
        return _(
            "Laporan semester %(kode)s sudah disahkan oleh %(nama)s pada %(tanggal)s; "
            "pengesahan tidak dapat diubah. Koreksi sesudahnya tampil sebagai perbedaan."
        ) % {"kode": semester.kode, "nama": pengesahan.nama_pengesah,
             "tanggal": timezone.localtime(pengesahan.disahkan_pada).strftime("%d-%m-%Y %H:%M")}
    if not semester.is_dikunci:
        return _(
            "Laporan baru dapat disahkan sesudah semester %(kode)s dikunci (status kini: "
            "%(status)s)."
        ) % {"kode": semester.kode, "status": semester.get_status_display()}
    return None


@transaction.atomic
def sahkan_laporan(*, semester: Semester, oleh) -> PengesahanLaporan:
    """Freeze the report of a locked semester as ``oleh`` signs it off.

    The semester row is locked for the transaction so that it cannot be reopened (nor a
    second sign-off made) between the check and the snapshot.
    """
    semester = Semester.objects.select_for_update().get(pk=semester.pk)
    if alasan := alasan_tidak_dapat_disahkan(semester):
        raise ValidationError(alasan)
    sekarang = timezone.now()
    return PengesahanLaporan.objects.create(
        semester=semester,
        isi=isi.susun(semester, pada=timezone.localdate(sekarang)),
        disahkan_oleh=oleh,
        nama_pengesah=oleh.get_full_name() or oleh.get_username(),
        jabatan_pengesah=getattr(oleh, "jabatan", "") or "",
        disahkan_pada=sekarang,
    )
