"""The signed semester report: what Pimpinan signed off, frozen (who, when, what).

A sign-off is never changed and never deleted: later corrections to the figures show as
differences against the stored content (``tpps.laporan_semester.selisih``), never by
rewriting what was sent to the mayor and the province.

Beside the frozen content lies the signed PDF made from it at the sign-off
(``tpps.laporan_semester.pdf``), with its own SHA-256 (``sidik_pdf``): everyone downloads
the same file, and its QR code opens the public verification page (``kode_verifikasi``),
which says whether the archived file and the content still match their fingerprints.
"""

import hashlib
import json
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tpps.lib.berkas import nama_berkas_unik, validasi_dokumen

#: Storage folder of the signed PDFs (served by ``tpps.views.berkas`` only).
FOLDER_PDF = "laporan-disahkan"


def sidik_isi(isi: dict) -> str:
    """SHA-256 of the content in a canonical JSON form (sorted keys, no spaces)."""
    teks = json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def sidik_berkas(data: bytes) -> str:
    """SHA-256 of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def buat_kode_verifikasi() -> str:
    """A short code that cannot be guessed (72 random bits, 12 URL-safe characters)."""
    return secrets.token_urlsafe(9)


def lokasi_pdf(_pengesahan, nama: str) -> str:
    return nama_berkas_unik(FOLDER_PDF, nama)


def _tidak_dapat_diubah():
    return ValidationError(gettext("Pengesahan laporan semester tidak dapat diubah atau dihapus."))


class PengesahanLaporanQuerySet(models.QuerySet):
    # A sign-off is frozen: bulk writes are refused as single ones are.
    def update(self, **kwargs):
        raise _tidak_dapat_diubah()

    def delete(self):
        raise _tidak_dapat_diubah()


class PengesahanLaporan(models.Model):
    """One semester's report as Pimpinan signed it off (at most one per semester)."""

    semester = models.OneToOneField(
        "evaluasi.Semester", verbose_name=_("semester"), on_delete=models.PROTECT,
        related_name="pengesahan_laporan",
    )
    isi = models.JSONField(
        _("isi laporan yang disahkan"),
        help_text=_("Salinan beku seluruh isi laporan pada saat disahkan."),
    )
    sidik = models.CharField(
        _("sidik SHA-256"), max_length=64,
        help_text=_("Sidik isi laporan; berubahnya isi tersimpan akan terlihat."),
    )
    disahkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("disahkan oleh"), on_delete=models.PROTECT,
        related_name="+",
    )
    nama_pengesah = models.CharField(_("nama pengesah"), max_length=200)
    jabatan_pengesah = models.CharField(_("jabatan pengesah"), max_length=150, blank=True)
    nip_pengesah = models.CharField(
        _("NIP pengesah"), max_length=30, blank=True,
        help_text=_("NIP pengesah saat mengesahkan, dicetak di blok tanda tangan."),
    )
    disahkan_pada = models.DateTimeField(_("disahkan pada"))
    berkas = models.FileField(
        _("berkas PDF yang disahkan"), upload_to=lokasi_pdf, max_length=200, blank=True,
        editable=False, validators=[validasi_dokumen],
        help_text=_("Laporan yang disahkan sebagai PDF, dibuat dari isi beku saat disahkan."),
    )
    sidik_pdf = models.CharField(
        _("sidik SHA-256 berkas PDF"), max_length=64, blank=True, editable=False,
        help_text=_("Sidik berkas PDF; berkas yang diubah sesudah disahkan akan terlihat."),
    )
    kode_verifikasi = models.CharField(
        _("kode verifikasi"), max_length=32, unique=True, default=buat_kode_verifikasi,
        editable=False,
        help_text=_("Kode pada tautan dan kode QR halaman verifikasi publik laporan ini."),
    )

    objects = PengesahanLaporanQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengesahan laporan semester")
        verbose_name_plural = _("pengesahan laporan semester")
        ordering = ["-disahkan_pada"]
        permissions = [
            ("sahkan_laporan", _("Dapat mengesahkan laporan semester")),
        ]

    def __str__(self):
        return gettext("Laporan %(kode)s disahkan %(tanggal)s") % {
            "kode": self.semester.kode, "tanggal": f"{self.disahkan_pada:%d-%m-%Y}"}

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise _tidak_dapat_diubah()
        self.sidik = sidik_isi(self.isi)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("laporan_semester:disahkan", args=[self.semester.kode])

    def alamat_verifikasi(self) -> str:
        """The public verification page's full address (printed and in the QR code)."""
        return settings.ALAMAT_SITUS + reverse("verifikasi", args=[self.kode_verifikasi])

    def delete(self, *args, **kwargs):
        raise _tidak_dapat_diubah()

    def is_utuh(self) -> bool:
        """The stored content still matches the fingerprint taken at signing."""
        return sidik_isi(self.isi) == self.sidik

    def pastikan_utuh(self) -> None:
        """Refuse (ValidationError) to hand out stored content that no longer matches its
        fingerprint: it was altered after signing and is not what Pimpinan signed."""
        if not self.is_utuh():
            raise ValidationError(gettext(
                "Isi tersimpan laporan %(kode)s yang disahkan tidak cocok lagi dengan sidik "
                "SHA-256-nya: isinya telah diubah sesudah disahkan. Berkas versi disahkan "
                "tidak diberikan; laporkan kepada Sekretariat TPPS.") % {
                    "kode": self.semester.kode})

    def baca_pdf(self) -> bytes | None:
        """The archived PDF's bytes; None when there is none or it is missing."""
        if not self.berkas:
            return None
        try:
            with self.berkas.storage.open(self.berkas.name, "rb") as berkas:
                return berkas.read()
        except FileNotFoundError:
            return None

    def is_pdf_utuh(self, data: bytes | None = None) -> bool:
        """The archived PDF (``data``: its bytes, read if not given) exists and still
        matches the fingerprint taken when it was archived."""
        data = self.baca_pdf() if data is None else data
        return data is not None and bool(self.sidik_pdf) and sidik_berkas(data) == self.sidik_pdf

    def is_arsip_utuh(self) -> bool:
        """What the verification page says: the content matches its fingerprint and so
        does the archived PDF (a sign-off made before PDFs were archived, not yet given one
        by ``arsipkan_laporan_disahkan``, is judged by its content)."""
        return self.is_utuh() and (self.is_pdf_utuh() if self.berkas else True)

    def pdf_utuh(self) -> bytes:
        """The archived PDF's bytes, only while they and the content match their
        fingerprints (ValidationError otherwise: an altered file is not the signed report)."""
        if not self.berkas:
            raise ValidationError(gettext(
                "Berkas PDF laporan %(kode)s yang disahkan belum diarsipkan; minta Sekretariat "
                "TPPS menjalankan manage.py arsipkan_laporan_disahkan.") % {
                    "kode": self.semester.kode})
        self.pastikan_utuh()
        data = self.baca_pdf()
        if not self.is_pdf_utuh(data):
            raise ValidationError(gettext(
                "Berkas PDF laporan %(kode)s yang disahkan tidak cocok lagi dengan sidik "
                "SHA-256-nya (atau hilang): berkas itu telah diubah sesudah disahkan. Berkas "
                "tidak diberikan; laporkan kepada Sekretariat TPPS.") % {
                    "kode": self.semester.kode})
        return data
