"""A Petugas Posyandu's scope: which Posyandu's children they may see and edit."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .wilayah import Desa, Posyandu, Puskesmas


class CakupanPetugas(models.Model):
    """Scope of one user: a set of Posyandu, a desa, a Puskesmas area or the whole city."""

    class Tingkat(models.TextChoices):
        POSYANDU = "posyandu", _("Posyandu tertentu")
        DESA = "desa", _("Satu desa/kelurahan")
        PUSKESMAS = "puskesmas", _("Wilayah kerja Puskesmas")
        KOTA = "kota", _("Seluruh kota (Dinkes)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="cakupan",
    )
    tingkat = models.CharField(_("tingkat cakupan"), max_length=10, choices=Tingkat.choices)
    posyandu = models.ManyToManyField(
        Posyandu, verbose_name=_("Posyandu"), blank=True, related_name="+"
    )
    desa = models.ForeignKey(
        Desa,
        verbose_name=_("desa/kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    puskesmas = models.ForeignKey(
        Puskesmas,
        verbose_name=_("Puskesmas"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("cakupan wilayah petugas")
        verbose_name_plural = _("cakupan wilayah petugas")

    def __str__(self):
        return f"{self.user}: {self.get_tingkat_display()}"

    def clean(self):
        if self.tingkat == self.Tingkat.DESA and not self.desa_id:
            raise ValidationError({"desa": _("Pilih desa/kelurahan untuk cakupan tingkat desa.")})
        if self.tingkat == self.Tingkat.PUSKESMAS and not self.puskesmas_id:
            raise ValidationError({"puskesmas": _("Pilih Puskesmas untuk cakupan ini.")})

    def posyandu_qs(self):
        """The Posyandu this scope covers."""
        if self.tingkat == self.Tingkat.KOTA:
            return Posyandu.objects.all()
        if self.tingkat == self.Tingkat.DESA:
            return Posyandu.objects.filter(desa_id=self.desa_id)
        if self.tingkat == self.Tingkat.PUSKESMAS:
            return Posyandu.objects.filter(puskesmas_id=self.puskesmas_id)
        return self.posyandu.all()
