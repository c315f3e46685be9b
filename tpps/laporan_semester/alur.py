"""Signing the semester report off: the content is frozen with who and when, and the
signed PDF made from it is archived with the row (``pdf.buat_pdf``)."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi.models import Semester
from tpps.models import PengesahanLaporan
from tpps.models.pengesahan import sidik_berkas, sidik_isi

from . import isi, pdf

#: ``alasan_tidak_dapat_disahkan``'s default: the sign-off is read there.
_BACA = object()


def alasan_tidak_dapat_disahkan(semester: Semester, pengesahan=_BACA) -> str | None:
    """Why the report cannot be signed off now (None: it can). ``pengesahan``: the
    semester's sign-off (or None) when the caller has just read it."""
    if pengesahan is _BACA:
        pengesahan = PengesahanLaporan.objects.filter(semester=semester).first()
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


def nama_berkas_pdf(kode_semester: str) -> str:
    return f"laporan-semester-{kode_semester}-disahkan.pdf"


def _simpan_pdf(pengesahan: PengesahanLaporan, data: bytes) -> str:
    """Write the PDF to the project's storage under the field's folder; its stored name."""
    medan = pengesahan._meta.get_field("berkas")
    nama = medan.generate_filename(pengesahan, nama_berkas_pdf(pengesahan.semester.kode))
    return medan.storage.save(nama, ContentFile(data), max_length=medan.max_length)


def _hapus_berkas(pengesahan: PengesahanLaporan, nama: str) -> None:
    pengesahan._meta.get_field("berkas").storage.delete(nama)


@transaction.atomic
def sahkan_laporan(*, semester: Semester, oleh) -> PengesahanLaporan:
    """Freeze the report of a locked semester as ``oleh`` signs it off, with the signed
    PDF made from the frozen content and archived with the row (its SHA-256 beside it).

    The semester row is locked for the transaction so that it cannot be reopened (nor a
    second sign-off made) between the check and the snapshot. Should the row not be
    written, the file written for it is removed again.
    """
    semester = Semester.objects.select_for_update().get(pk=semester.pk)
    if alasan := alasan_tidak_dapat_disahkan(semester):
        raise ValidationError(alasan)
    sekarang = timezone.now()
    pengesahan = PengesahanLaporan(
        semester=semester,
        isi=isi.susun(semester, pada=timezone.localdate(sekarang)),
        disahkan_oleh=oleh,
        nama_pengesah=oleh.get_full_name() or oleh.get_username(),
        jabatan_pengesah=getattr(oleh, "jabatan", "") or "",
        nip_pengesah=getattr(oleh, "nip", "") or "",
        disahkan_pada=sekarang,
    )
    pengesahan.sidik = sidik_isi(pengesahan.isi)  # printed in the PDF; save() sets it too
    data = pdf.buat_pdf(pengesahan)
    nama = _simpan_pdf(pengesahan, data)
    pengesahan.berkas.name = nama
    pengesahan.sidik_pdf = sidik_berkas(data)
    try:
        pengesahan.save()
    except BaseException:
        _hapus_berkas(pengesahan, nama)
        raise
    return pengesahan


@transaction.atomic
def arsipkan_pdf(pengesahan: PengesahanLaporan) -> bool:
    """Make and archive the signed PDF of a sign-off made before PDFs were archived, from
    its frozen content (as ``sahkan_laporan`` would have made it then); the signer's NIP,
    not recorded then, is taken from their account.

    The one write a sign-off allows after its creation: past the refusing queryset, and
    only on the row whose PDF is still empty (False when it already has one: nothing
    written). Content that no longer matches its fingerprint is not archived as signed
    (ValidationError).
    """
    p = (PengesahanLaporan._base_manager.select_for_update()
         .select_related("semester", "disahkan_oleh").get(pk=pengesahan.pk))
    if p.berkas or p.sidik_pdf:
        return False
    p.pastikan_utuh()
    p.nip_pengesah = p.nip_pengesah or getattr(p.disahkan_oleh, "nip", "") or ""
    data = pdf.buat_pdf(p)
    nama = _simpan_pdf(p, data)
    try:
        diubah = PengesahanLaporan._base_manager.filter(
            pk=p.pk, berkas="", sidik_pdf="").update(
            berkas=nama, sidik_pdf=sidik_berkas(data), nip_pengesah=p.nip_pengesah)
    except BaseException:
        _hapus_berkas(p, nama)
        raise
    if not diubah:
        _hapus_berkas(p, nama)
    return bool(diubah)
