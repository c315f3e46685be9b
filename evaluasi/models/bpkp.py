"""BPKP's yearly evaluation of the stunting programme: aspect grades, findings, recommendations.

The follow-up of a recommendation is a task in the follow-up register (``tpps``), which
points back here; this app only links to it by URL name.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import OPD
from tpps.lib.berkas import nama_berkas_unik, validasi_dokumen


class Predikat(models.TextChoices):
    MEMADAI = "memadai", _("Memadai")
    BELUM_SEPENUHNYA = "belum_sepenuhnya", _("Belum sepenuhnya memadai")
    BELUM_MEMADAI = "belum_memadai", _("Belum memadai")


class Aspek(models.TextChoices):
    DESAIN = "desain", _("Desain kebijakan dan strategi")
    PELAKSANAAN = "pelaksanaan", _("Kemajuan pelaksanaan")
    AKUNTABILITAS = "akuntabilitas", _("Akuntabilitas keuangan dan kinerja")


def lokasi_berkas_bpkp(_evaluasi, nama: str) -> str:
    return nama_berkas_unik("bpkp", nama)


class EvaluasiBPKP(models.Model):
    """BPKP's evaluation of the city's stunting programme for one year."""

    tahun = models.PositiveSmallIntegerField(_("tahun yang dievaluasi"), unique=True)
    nomor_laporan = models.CharField(_("nomor laporan"), max_length=150, blank=True)
    tanggal_laporan = models.DateField(_("tanggal laporan"), null=True, blank=True)
    predikat_desain = models.CharField(_("desain kebijakan dan strategi"), max_length=20,
                                       choices=Predikat.choices, blank=True)
    predikat_pelaksanaan = models.CharField(_("kemajuan pelaksanaan"), max_length=20,
                                            choices=Predikat.choices, blank=True)
    predikat_akuntabilitas = models.CharField(_("akuntabilitas keuangan dan kinerja"),
                                              max_length=20, choices=Predikat.choices,
                                              blank=True)
    ringkasan = models.TextField(_("ringkasan"), blank=True)
    berkas = models.FileField(
        _("berkas laporan BPKP"), upload_to=lokasi_berkas_bpkp, validators=[validasi_dokumen],
        blank=True, max_length=200,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluasi BPKP")
        verbose_name_plural = _("evaluasi BPKP")
        ordering = ["-tahun"]

    def __str__(self):
        return _("Evaluasi BPKP %(tahun)s") % {"tahun": self.tahun}

    def get_absolute_url(self):
        return reverse("evaluasi:bpkp-detail", args=[self.tahun])

    def aspek(self):
        """The three aspects with their grade, in BPKP's order."""
        return [
            (Aspek.DESAIN.label, self.predikat_desain, self.get_predikat_desain_display()),
            (Aspek.PELAKSANAAN.label, self.predikat_pelaksanaan,
             self.get_predikat_pelaksanaan_display()),
            (Aspek.AKUNTABILITAS.label, self.predikat_akuntabilitas,
             self.get_predikat_akuntabilitas_display()),
        ]


class TemuanBPKP(models.Model):
    evaluasi = models.ForeignKey(EvaluasiBPKP, verbose_name=_("evaluasi"),
                                 on_delete=models.CASCADE, related_name="temuan")
    nomor = models.PositiveSmallIntegerField(_("nomor"), default=1)
    aspek = models.CharField(_("aspek"), max_length=20, choices=Aspek.choices)
    uraian = models.TextField(_("uraian temuan"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("temuan BPKP")
        verbose_name_plural = _("temuan BPKP")
        ordering = ["evaluasi", "nomor", "pk"]

    def __str__(self):
        return _("Temuan %(nomor)s (%(tahun)s)") % {"nomor": self.nomor,
                                                    "tahun": self.evaluasi.tahun}


class RekomendasiBPKP(models.Model):
    temuan = models.ForeignKey(TemuanBPKP, verbose_name=_("temuan"), on_delete=models.CASCADE,
                               related_name="rekomendasi")
    nomor = models.PositiveSmallIntegerField(_("nomor"), default=1)
    uraian = models.TextField(_("uraian rekomendasi"))
    opd = models.ManyToManyField(
        OPD, verbose_name=_("OPD yang menindaklanjuti"), related_name="rekomendasi_bpkp",
        help_text=_("OPD yang harus menindaklanjuti rekomendasi ini."),
    )
    bukti_diminta = models.TextField(_("bukti yang diminta BPKP"), blank=True)
    batas_waktu = models.DateField(_("batas waktu"), null=True, blank=True)
    history = HistoricalRecords(m2m_fields=[opd])

    class Meta:
        verbose_name = _("rekomendasi BPKP")
        verbose_name_plural = _("rekomendasi BPKP")
        ordering = ["temuan__evaluasi", "temuan__nomor", "nomor", "pk"]

    def __str__(self):
        return _("Rekomendasi %(temuan)s.%(nomor)s (%(tahun)s)") % {
            "temuan": self.temuan.nomor, "nomor": self.nomor,
            "tahun": self.temuan.evaluasi.tahun,
        }

    def get_absolute_url(self):
        return reverse("evaluasi:rekomendasi-detail", args=[self.pk])
