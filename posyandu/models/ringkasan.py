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
