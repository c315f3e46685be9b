"""Measurement events (kegiatan): monthly weighing, bulan penimbangan, Posyandu Spesial."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import Mitra

from .wilayah import Posyandu

#: The bulan penimbangan (domain.md §5), the month every child is weighed and measured, by
#: semester: February for semester I, August for semester II. The semester report, the
#: dashboard's default period and the demo's events read it through the two helpers below.
BULAN_PENIMBANGAN = {1: 2, 2: 8}


def bulan_penimbangan(tahun: int, nomor_semester: int) -> date:
    """The first day of the bulan penimbangan of semester ``nomor_semester`` (1 or 2)."""
    return date(tahun, BULAN_PENIMBANGAN[nomor_semester], 1)


def is_bulan_penimbangan(hari: date) -> bool:
    """Whether ``hari`` falls in a bulan penimbangan (February or August)."""
    return hari.month in BULAN_PENIMBANGAN.values()


class Layanan(models.Model):
    """A service offered at an event (weighing, immunisation, vitamin A, …): data, so a
    city can add its own."""

    kode = models.SlugField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama"), max_length=100)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=10)

    class Meta:
        verbose_name = _("layanan")
        verbose_name_plural = _("layanan")
        ordering = ["urutan", "nama"]

    def __str__(self):
        return self.nama


class Kegiatan(models.Model):
    class Jenis(models.TextChoices):
        BULANAN = "bulanan", _("Penimbangan bulanan")
        BULAN_PENIMBANGAN = "bulan_penimbangan", _("Bulan penimbangan (Februari/Agustus)")
        POSYANDU_SPESIAL = "posyandu_spesial", _("Posyandu Spesial")
        LAINNYA = "lainnya", _("Lainnya")

    jenis = models.CharField(_("jenis kegiatan"), max_length=20, choices=Jenis.choices)
    nama = models.CharField(_("nama kegiatan"), max_length=200, blank=True)
    tanggal = models.DateField(_("tanggal"))
    posyandu = models.ForeignKey(
        Posyandu,
        verbose_name=_("Posyandu"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan",
        help_text=_(
            "Kosongkan untuk kegiatan tingkat kota yang terbuka bagi balita dari semua Posyandu."
        ),
    )
    lokasi = models.CharField(
        _("lokasi"),
        max_length=200,
        blank=True,
        help_text=_("Tempat kegiatan bila bukan di Posyandu, mis. Rumah Dinas Wali Kota."),
    )
    mitra = models.ForeignKey(
        Mitra,
        verbose_name=_("mitra penyandang dana"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kegiatan_posyandu",
    )
    layanan = models.ManyToManyField(Layanan, verbose_name=_("layanan"), blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[layanan])

    class Meta:
        verbose_name = _("kegiatan pengukuran")
        verbose_name_plural = _("kegiatan pengukuran")
        ordering = ["-tanggal", "-pk"]
        indexes = [models.Index(fields=["posyandu", "tanggal"])]

    def __str__(self):
        tempat = self.posyandu.nama if self.posyandu_id else (self.lokasi or _("tingkat kota"))
        return f"{self.nama or self.get_jenis_display()} — {tempat}, {self.tanggal:%d-%m-%Y}"

    def get_absolute_url(self):
        return reverse("posyandu:kegiatan-detail", args=[self.pk])

    @property
    def tingkat_kota(self) -> bool:
        return self.posyandu_id is None

    def clean(self):
        if self.posyandu_id is None and not self.lokasi:
            raise ValidationError(
                {"lokasi": _("Kegiatan tingkat kota (tanpa Posyandu) harus menyebut lokasinya.")}
            )


class Kedatangan(models.Model):
    """A child who has arrived at an event and waits to be measured: the queue every desk
    of the event sees (a Posyandu Spesial registers arrivals at one desk and measures at
    several)."""

    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("kegiatan"), on_delete=models.CASCADE, related_name="kedatangan"
    )
    balita = models.ForeignKey(
        "posyandu.Balita", verbose_name=_("balita"), on_delete=models.CASCADE, related_name="+"
    )
    tiba_pada = models.DateTimeField(_("tiba pada"), auto_now_add=True)
    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kedatangan balita")
        verbose_name_plural = _("kedatangan balita")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["kegiatan", "balita"], name="satu_kedatangan_per_kegiatan")
        ]

    def __str__(self):
        return f"{self.balita} @ {self.kegiatan}"
