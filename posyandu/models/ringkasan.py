"""Precomputed monthly summaries, so the dashboard reads a few thousand rows instead of
scanning millions of measurements. Kept up to date by the functions that write (see
posyandu/ringkasan.py); ``manage.py segarkan_ringkasan`` rebuilds them all, and a test proves
they always equal a fresh computation."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .wilayah import Desa, Posyandu


class RingkasanBulanan(models.Model):
    """For one month and one (home desa, home Posyandu): the children measured, counted
    with their latest measurement of the month, as posyandu.prevalensi counts them."""

    bulan = models.DateField(_("bulan"), db_index=True)
    desa = models.ForeignKey(Desa, on_delete=models.CASCADE, related_name="+")
    posyandu = models.ForeignKey(Posyandu, on_delete=models.CASCADE, related_name="+")
    diukur = models.PositiveIntegerField(_("balita diukur"), default=0)
    ditimbang = models.PositiveIntegerField(_("balita ditimbang"), default=0)
    stunting_k = models.PositiveIntegerField(default=0)
    stunting_n = models.PositiveIntegerField(default=0)
    wasting_k = models.PositiveIntegerField(default=0)
    wasting_n = models.PositiveIntegerField(default=0)
    underweight_k = models.PositiveIntegerField(default=0)
    underweight_n = models.PositiveIntegerField(default=0)
    overweight_k = models.PositiveIntegerField(default=0)
    overweight_n = models.PositiveIntegerField(default=0)
    # Data quality: flagged, moments of HAZ and WHZ, sexes, last digits of weight/height.
    n_flag = models.PositiveIntegerField(default=0)
    haz_n = models.PositiveIntegerField(default=0)
    haz_s1 = models.FloatField(default=0)
    haz_s2 = models.FloatField(default=0)
    whz_n = models.PositiveIntegerField(default=0)
    whz_s1 = models.FloatField(default=0)
    whz_s2 = models.FloatField(default=0)
    laki = models.PositiveIntegerField(default=0)
    perempuan = models.PositiveIntegerField(default=0)
    digit_berat = models.JSONField(default=list)
    digit_tinggi = models.JSONField(default=list)

    class Meta:
        verbose_name = _("ringkasan gizi bulanan")
        verbose_name_plural = _("ringkasan gizi bulanan")
        constraints = [
            models.UniqueConstraint(fields=["bulan", "desa", "posyandu"],
                                    name="ringkasan_unik_per_bulan_kelompok"),
        ]
        indexes = [models.Index(fields=["posyandu", "bulan"])]

    def __str__(self):
        return f"{self.bulan:%Y-%m} {self.desa_id}/{self.posyandu_id}"


class TargetPrevalensi(models.Model):
    """The city's target for a prevalence in a year (e.g. stunting 8 % in 2025)."""

    class Indeks(models.TextChoices):
        STUNTING = "stunting", _("Stunting")
        WASTING = "wasting", _("Wasting")
        UNDERWEIGHT = "underweight", _("Underweight")
        OVERWEIGHT = "overweight", _("Overweight")

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    indeks = models.CharField(_("indeks"), max_length=12, choices=Indeks.choices)
    target_persen = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    dasar = models.CharField(_("dasar penetapan"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("target prevalensi kota")
        verbose_name_plural = _("target prevalensi kota")
        ordering = ["-tahun", "indeks"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "indeks"], name="target_prevalensi_unik"),
        ]

    def __str__(self):
        return f"{self.get_indeks_display()} {self.tahun}: {self.target_persen}%"


class AngkaResmi(models.Model):
    """A published prevalence with its source (e-PPGBM, SSGI, SKI…): survey and routine
    figures differ widely, so a figure is never shown without its source."""

    tahun = models.PositiveSmallIntegerField(_("tahun"))
    indeks = models.CharField(_("indeks"), max_length=12, choices=TargetPrevalensi.Indeks.choices)
    persen = models.DecimalField(_("prevalensi (%)"), max_digits=5, decimal_places=2)
    sumber = models.CharField(_("sumber"), max_length=120)
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("angka prevalensi resmi")
        verbose_name_plural = _("angka prevalensi resmi")
        ordering = ["indeks", "tahun", "sumber"]
        constraints = [
            models.UniqueConstraint(fields=["tahun", "indeks", "sumber"],
                                    name="angka_resmi_unik"),
        ]

    def __str__(self):
        return f"{self.sumber} {self.tahun}: {self.persen}%"
