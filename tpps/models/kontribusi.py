"""What the CSR / TJSLBU partners gave: form, value, for whom and where, per year."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import Mitra
from posyandu.models import Desa, Kegiatan


class KontribusiMitraQuerySet(models.QuerySet):
    def ringkasan_per_tahun(self):
        """One row per year: ``jumlah`` contributions and ``total_rp`` (the sum of their
        value in rupiah)."""
        return (
            self.values("tahun")
            .annotate(jumlah=Count("pk"), total_rp=Sum("nilai_rp"))
            .order_by("-tahun")
        )

    def ringkasan_mitra(self):
        """What each partner gave in the selection: ``jumlah`` and ``total_rp`` per partner."""
        return (
            self.values("mitra", "mitra__nama")
            .annotate(jumlah=Count("pk"), total_rp=Sum("nilai_rp"))
            .order_by("-total_rp", "mitra__nama")
        )

    def lengkap(self):
        """With what a list shows: the partner, the desa and the funded event."""
        return self.select_related(
            "mitra", "desa__kecamatan", "kegiatan__posyandu__desa"
        ).order_by("-tahun", "mitra__nama", "-pk")


class KontribusiMitra(models.Model):
    """A partner's contribution in a year: funds, goods or services, valued in rupiah."""

    class Bentuk(models.TextChoices):
        DANA = "dana", _("Dana")
        BARANG = "barang", _("Barang")
        JASA = "jasa", _("Jasa")

    class Sasaran(models.TextChoices):
        BALITA = "balita", _("Balita")
        BADUTA = "baduta", _("Baduta (di bawah dua tahun)")
        IBU_HAMIL = "ibu_hamil", _("Ibu hamil")
        IBU_MENYUSUI = "ibu_menyusui", _("Ibu menyusui")
        REMAJA_PUTRI = "remaja_putri", _("Remaja putri")
        CATIN = "catin", _("Calon pengantin")
        KELUARGA_BERISIKO = "keluarga_berisiko", _("Keluarga berisiko stunting")
        KADER = "kader", _("Kader / tenaga kesehatan")
        UMUM = "umum", _("Masyarakat umum")

    mitra = models.ForeignKey(
        Mitra, verbose_name=_("mitra"), on_delete=models.PROTECT, related_name="kontribusi"
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    bentuk = models.CharField(_("bentuk"), max_length=10, choices=Bentuk.choices)
    uraian = models.CharField(
        _("uraian"), max_length=300,
        help_text=_("Misalnya: Posyandu Spesial, PMT 100 paket, alat ukur antropometri."),
    )
    nilai_rp = models.PositiveBigIntegerField(
        _("nilai (Rp)"), help_text=_("Nilai dalam rupiah; barang dan jasa dinilai setara uang.")
    )
    sasaran = models.CharField(_("kelompok sasaran"), max_length=20, choices=Sasaran.choices)
    jumlah_penerima = models.PositiveIntegerField(
        _("jumlah penerima"), null=True, blank=True,
        help_text=_("Orang yang menerima manfaat, bila diketahui."),
    )
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="kontribusi_mitra",
        help_text=_("Tempat manfaatnya diterima; kosongkan bila untuk seluruh kota."),
    )
    kegiatan = models.ForeignKey(
        Kegiatan, verbose_name=_("kegiatan Posyandu yang didanai"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="kontribusi_mitra",
        help_text=_("Bila kontribusi ini mendanai kegiatan Posyandu (mis. Posyandu Spesial); "
                    "mitra kegiatan itu harus mitra ini."),
    )
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = KontribusiMitraQuerySet.as_manager()

    class Meta:
        verbose_name = _("kontribusi mitra")
        verbose_name_plural = _("kontribusi mitra")
        ordering = ["-tahun", "mitra__nama", "-pk"]
        indexes = [models.Index(fields=["mitra", "tahun"])]

    def __str__(self):
        return f"{self.mitra} {self.tahun}: {self.uraian}"

    def get_absolute_url(self):
        return reverse("kontribusi:mitra", args=[self.mitra_id]) + "#kontribusi"

    def get_ubah_url(self):
        return reverse("kontribusi:ubah", args=[self.pk])

    def clean(self):
        kesalahan = {}
        if self.nilai_rp is not None and self.nilai_rp <= 0:
            kesalahan["nilai_rp"] = _("Nilai kontribusi harus lebih dari nol.")
        if self.kegiatan_id and self.mitra_id:
            kegiatan = self.kegiatan
            if kegiatan.mitra_id != self.mitra_id:
                kesalahan["kegiatan"] = _(
                    "Kegiatan \"%(kegiatan)s\" tidak tercatat didanai mitra ini; pilih kegiatan "
                    "yang mitranya %(mitra)s, atau perbaiki mitra kegiatan itu dulu."
                ) % {"kegiatan": kegiatan, "mitra": self.mitra}
            elif self.tahun and kegiatan.tanggal.year != self.tahun:
                kesalahan["tahun"] = _("Kegiatan itu berlangsung tahun %(tahun)s.") % {
                    "tahun": kegiatan.tanggal.year}
            elif kegiatan.posyandu_id:
                desa_kegiatan = kegiatan.posyandu.desa
                if self.desa_id is None:
                    self.desa = desa_kegiatan
                elif self.desa_id != desa_kegiatan.pk:
                    kesalahan["desa"] = _(
                        "Kegiatan itu di %(desa)s; desa kontribusi harus sama."
                    ) % {"desa": desa_kegiatan}
        if kesalahan:
            raise ValidationError(kesalahan)
