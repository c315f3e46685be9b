"""Reference-data bookkeeping: which files ``seed_reference`` loaded and which keys it inserted."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SumberReferensi(models.Model):
    """A reference-data file (or code-defined set, such as the roles) that seeding loaded.

    ``seed_reference`` remembers every natural key it has ever inserted from a source, so
    that a record an administrator deleted or renamed is not brought back on the next run.
    """

    nama = models.CharField(_("sumber"), max_length=120, unique=True)
    sha256 = models.CharField(_("sidik berkas (SHA-256)"), max_length=64, blank=True)
    dimuat_pada = models.DateTimeField(_("terakhir dimuat"), auto_now=True)

    class Meta:
        verbose_name = _("sumber data acuan")
        verbose_name_plural = _("sumber data acuan")

    def __str__(self):
        return self.nama


class KunciReferensi(models.Model):
    sumber = models.ForeignKey(SumberReferensi, on_delete=models.CASCADE, related_name="kunci")
    kunci = models.CharField(_("kunci alami"), max_length=255)

    class Meta:
        verbose_name = _("kunci data acuan yang pernah dimuat")
        verbose_name_plural = _("kunci data acuan yang pernah dimuat")
        constraints = [
            models.UniqueConstraint(fields=["sumber", "kunci"], name="kunci_referensi_unik"),
        ]

    def __str__(self):
        return f"{self.sumber}: {self.kunci}"
