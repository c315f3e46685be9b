"""Wilayah (kecamatan, desa/kelurahan), Puskesmas and Posyandu: where children live and
are measured."""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Kecamatan(models.Model):
    kode = models.CharField(
        _("kode Kemendagri"), max_length=20, unique=True, help_text=_("Contoh: 35.79.01")
    )
    nama = models.CharField(_("nama"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["kode"]

    def __str__(self):
        return self.nama


class Desa(models.Model):
    """A desa or kelurahan. Names repeat across levels (Batu is a kecamatan and a
    kelurahan name), so a desa is identified by (kecamatan, nama), never by name alone."""

    class Jenis(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="desa"
    )
    nama = models.CharField(_("nama"), max_length=100)
    jenis = models.CharField(_("jenis"), max_length=10, choices=Jenis.choices)
    kode = models.CharField(
        _("kode Kemendagri"),
        max_length=20,
        blank=True,
        help_text=_("Kode desa/kelurahan bila diketahui; periksa terhadap Permendagri."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")
        ordering = ["kecamatan__kode", "nama"]
        constraints = [
            models.UniqueConstraint(
                "kecamatan",
                Lower("nama"),
                name="desa_unik_per_kecamatan",
                violation_error_message=_("Desa/kelurahan ini sudah ada di kecamatan itu."),
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()} {self.nama}"


class Puskesmas(models.Model):
    nama = models.CharField(_("nama"), max_length=100, unique=True)
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="puskesmas",
    )
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    wilayah_kerja = models.ManyToManyField(
        Desa,
        verbose_name=_("wilayah kerja (desa/kelurahan)"),
        related_name="puskesmas",
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Puskesmas")
        verbose_name_plural = _("Puskesmas")
        ordering = ["nama"]

    def __str__(self):
        return f"Puskesmas {self.nama}"


class PosyanduQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)


class Posyandu(models.Model):
    nama = models.CharField(_("nama"), max_length=120)
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="posyandu"
    )
    rw = models.CharField(_("RW"), max_length=5, blank=True)
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    puskesmas = models.ForeignKey(
        Puskesmas,
        verbose_name=_("Puskesmas"),
        on_delete=models.PROTECT,
        related_name="posyandu",
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    history = HistoricalRecords()

    objects = PosyanduQuerySet.as_manager()

    class Meta:
        verbose_name = _("Posyandu")
        verbose_name_plural = _("Posyandu")
        ordering = ["desa__kecamatan__kode", "desa__nama", "nama"]
        constraints = [
            models.UniqueConstraint(
                "desa",
                Lower("nama"),
                name="posyandu_unik_per_desa",
                violation_error_message=_("Posyandu dengan nama ini sudah ada di desa itu."),
            ),
        ]

    def __str__(self):
        return f"Posyandu {self.nama} ({self.desa.nama})"

    def get_absolute_url(self):
        return reverse("posyandu:posyandu-detail", args=[self.pk])
