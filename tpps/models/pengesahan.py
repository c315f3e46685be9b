"""The signed semester report: what Pimpinan signed off, frozen (who, when, what).

A sign-off is never changed and never deleted: later corrections to the figures show as
differences against the stored content (``tpps.laporan_semester.selisih``), never by
rewriting what was sent to the mayor and the province.
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def sidik_isi(isi: dict) -> str:
    """SHA-256 of the content in a canonical JSON form (sorted keys, no spaces)."""
    teks = json.dumps(isi, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


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
    disahkan_pada = models.DateTimeField(_("disahkan pada"))

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
