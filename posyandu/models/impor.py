"""An e-PPGBM import: the uploaded file, its preview and the progress of its background job."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tpps.lib.berkas import nama_berkas_unik


def _lokasi_berkas(instance, filename):
    return nama_berkas_unik("eppgbm", filename)


class ImporEppgbmQuerySet(models.QuerySet):
    def kedaluwarsa(self, sekarang):
        """Imports past their retention on ``sekarang`` (a datetime), counted from when
        they ended (``selesai_pada``: committed, or a commit that failed; a preview, or a
        job that never finished: the upload): failed ones after
        ``RETENSI_IMPOR_GAGAL_HARI`` days, the others after ``RETENSI_IMPOR_HARI``. An import a job
        is reading or writing (*memeriksa*, *menyimpan*) gets one more day, so that no file
        goes from under a running job. Their file carries full NIK and names; the
        measurements it brought stay."""
        S = ImporEppgbm.Status
        gagal = sekarang - timedelta(days=settings.RETENSI_IMPOR_GAGAL_HARI)
        lain = sekarang - timedelta(days=settings.RETENSI_IMPOR_HARI)
        berakhir = Coalesce("selesai_pada", "dibuat_pada")
        return self.alias(berakhir=berakhir).filter(
            Q(status=S.GAGAL, berakhir__lte=gagal)
            | Q(status__in=[S.SELESAI, S.PRATINJAU, S.MENUNGGU], berakhir__lte=lain)
            | Q(status__in=[S.MEMERIKSA, S.MENYIMPAN], berakhir__lte=lain - timedelta(days=1))
        )


class ImporEppgbm(models.Model):
    """One uploaded file, from reading to the preview to the committed import.

    ``diproses``/``jumlah_baris`` and ``tahap`` are the progress bar; the job writes them
    outside the import's own transaction so that the page sees them move."""

    class Status(models.TextChoices):
        MENUNGGU = "menunggu", _("Menunggu diproses")
        MEMERIKSA = "memeriksa", _("Sedang diperiksa")
        PRATINJAU = "pratinjau", _("Siap ditinjau")
        MENYIMPAN = "menyimpan", _("Sedang disimpan")
        SELESAI = "selesai", _("Selesai disimpan")
        GAGAL = "gagal", _("Gagal")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengunggah"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    berkas = models.FileField(_("berkas"), upload_to=_lokasi_berkas)
    nama_berkas = models.CharField(_("nama berkas"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.MENUNGGU
    )
    tahap = models.CharField(_("tahap"), max_length=120, blank=True)
    diproses = models.PositiveIntegerField(_("baris diproses"), default=0)
    jumlah_baris = models.PositiveIntegerField(_("jumlah baris"), default=0)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    baris = models.JSONField(_("baris contoh"), default=list, blank=True)
    pesan = models.TextField(_("pesan"), blank=True)
    dibuat_pada = models.DateTimeField(_("diunggah pada"), auto_now_add=True)
    selesai_pada = models.DateTimeField(_("selesai pada"), null=True, blank=True)

    objects = ImporEppgbmQuerySet.as_manager()

    class Meta:
        verbose_name = _("impor e-PPGBM")
        verbose_name_plural = _("impor e-PPGBM")
        ordering = ["-dibuat_pada"]
        permissions = [
            ("impor_eppgbm", _("Dapat mengimpor berkas e-PPGBM")),
            ("ekspor_balita", _("Dapat mengekspor pengukuran balita (format e-PPGBM)")),
        ]

    def __str__(self):
        return f"{self.nama_berkas} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("posyandu:impor-detail", args=[self.pk])

    @property
    def persen(self) -> int:
        if self.status in (self.Status.PRATINJAU, self.Status.SELESAI):
            return 100
        if not self.jumlah_baris:
            return 0
        return min(99, int(100 * self.diproses / self.jumlah_baris))

    @property
    def berjalan(self) -> bool:
        return self.status in (self.Status.MENUNGGU, self.Status.MEMERIKSA, self.Status.MENYIMPAN)
