"""The indicator catalogue, yearly targets, achievement bands and semesters."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import OPD


class IndikatorQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def milik(self, opd):
        """The active indicators an OPD reports (it is their ``opd_utama``)."""
        return self.aktif().filter(opd_utama=opd)


class Indikator(models.Model):
    """A Perpres 72/2021 "target antara" indicator (or one the city adds)."""

    class Kelompok(models.TextChoices):
        SPESIFIK = "spesifik", _("Intervensi spesifik")
        SENSITIF = "sensitif", _("Intervensi sensitif")

    class Satuan(models.TextChoices):
        PERSEN = "persen", _("Persen (%)")
        JUMLAH = "jumlah", _("Jumlah")

    class Arah(models.TextChoices):
        NAIK = "naik", _("Makin tinggi makin baik")
        TURUN = "turun", _("Makin rendah makin baik")

    kode = models.CharField(_("kode"), max_length=10, unique=True)
    nama = models.CharField(_("nama indikator"), max_length=300)
    kelompok = models.CharField(_("kelompok"), max_length=10, choices=Kelompok.choices)
    satuan = models.CharField(_("satuan"), max_length=10, choices=Satuan.choices,
                              default=Satuan.PERSEN)
    arah = models.CharField(_("arah"), max_length=10, choices=Arah.choices, default=Arah.NAIK)
    definisi_operasional = models.TextField(_("definisi operasional"), blank=True)
    arti_pembilang = models.TextField(_("yang dihitung sebagai pembilang"), blank=True)
    arti_penyebut = models.TextField(_("yang dihitung sebagai penyebut"), blank=True)
    sumber_data = models.CharField(_("sumber data"), max_length=200, blank=True)
    opd_utama = models.ForeignKey(
        OPD, verbose_name=_("OPD penanggung jawab"), on_delete=models.PROTECT,
        related_name="indikator_utama",
        help_text=_("OPD yang melaporkan capaian indikator ini setiap semester."),
    )
    opd_pendukung = models.ManyToManyField(
        OPD, verbose_name=_("OPD pendukung"), blank=True, related_name="indikator_pendukung",
        help_text=_("OPD yang melaporkan program/kegiatan yang mendukung indikator ini."),
    )
    ambang_perubahan = models.DecimalField(
        _("ambang perubahan antarsemester"), max_digits=8, decimal_places=2, default=20,
        help_text=_(
            "Perubahan dari semester sebelumnya yang melebihi ambang ini wajib dijelaskan: "
            "dalam poin persen untuk indikator persen, dalam persen dari nilai sebelumnya "
            "untuk indikator jumlah."
        ),
    )
    aktif = models.BooleanField(_("aktif"), default=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=100)
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = IndikatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indikator")
        verbose_name_plural = _("indikator")
        ordering = ["urutan", "kode"]

    def __str__(self):
        return f"{self.kode} {self.nama}"

    @property
    def is_persen(self) -> bool:
        return self.satuan == self.Satuan.PERSEN

    @property
    def is_turun(self) -> bool:
        return self.arah == self.Arah.TURUN


class TargetIndikator(models.Model):
    """The city's target for an indicator in a year, next to the national target."""

    indikator = models.ForeignKey(Indikator, verbose_name=_("indikator"),
                                  on_delete=models.CASCADE, related_name="target")
    tahun = models.PositiveSmallIntegerField(_("tahun"))
    target_kota = models.DecimalField(
        _("target daerah"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("Kosong bila daerah belum menetapkan target."),
    )
    target_nasional = models.DecimalField(
        _("target nasional"), max_digits=14, decimal_places=2, null=True, blank=True,
        help_text=_("Kosong bila tidak ada target nasional."),
    )
    catatan = models.CharField(_("catatan"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")
        ordering = ["-tahun", "indikator__urutan", "indikator__kode"]
        constraints = [
            models.UniqueConstraint(fields=["indikator", "tahun"], name="target_unik_per_tahun"),
        ]

    def __str__(self):
        return f"{self.indikator.kode} {self.tahun}"

    @property
    def target_acuan(self):
        """The target achievements are compared with: the city's, else the national one."""
        return self.target_kota if self.target_kota is not None else self.target_nasional


class PredikatCapaianQuerySet(models.QuerySet):
    def untuk(self, persen):
        """The band holding ``persen`` (half-open: lower bound in, upper bound out)."""
        if persen is None:
            return None
        return self.filter(
            Q(batas_bawah__isnull=True) | Q(batas_bawah__lte=persen),
            Q(batas_atas__isnull=True) | Q(batas_atas__gt=persen),
        ).first()


class PredikatCapaian(models.Model):
    """A band of "% of target achieved": [batas_bawah, batas_atas), either end open."""

    nama = models.CharField(_("predikat"), max_length=60, unique=True)
    batas_bawah = models.DecimalField(
        _("batas bawah (≥)"), max_digits=7, decimal_places=2, null=True, blank=True,
        help_text=_("Termasuk. Kosong berarti tanpa batas bawah."),
    )
    batas_atas = models.DecimalField(
        _("batas atas (<)"), max_digits=7, decimal_places=2, null=True, blank=True,
        help_text=_("Tidak termasuk. Kosong berarti tanpa batas atas."),
    )
    warna = models.CharField(
        _("warna"), max_length=20, default="secondary",
        help_text=_("Warna Bootstrap: success, primary, info, warning, danger, secondary."),
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    history = HistoricalRecords()

    objects = PredikatCapaianQuerySet.as_manager()

    class Meta:
        verbose_name = _("predikat capaian")
        verbose_name_plural = _("predikat capaian")
        ordering = ["urutan", "-batas_bawah"]

    def __str__(self):
        return self.nama

    def clean(self):
        bawah, atas = self.batas_bawah, self.batas_atas
        if bawah is not None and atas is not None and bawah >= atas:
            raise ValidationError({"batas_atas": _("Batas atas harus lebih besar dari batas bawah.")})
        lain = PredikatCapaian.objects.exclude(pk=self.pk)
        if bawah is not None:
            lain = lain.filter(Q(batas_atas__isnull=True) | Q(batas_atas__gt=bawah))
        if atas is not None:
            lain = lain.filter(Q(batas_bawah__isnull=True) | Q(batas_bawah__lt=atas))
        if tumpang := lain.first():
            raise ValidationError(
                _("Rentang ini bertumpang tindih dengan predikat \u201c%(nama)s\u201d."),
                params={"nama": tumpang.nama},
            )


KODE_SEMESTER = re.compile(r"^(\d{4})S([12])$")


class Semester(models.Model):
    """A reporting half-year and its entry window: open → closed → locked (final)."""

    class Status(models.TextChoices):
        DIBUKA = "dibuka", _("Dibuka (pengisian berjalan)")
        DITUTUP = "ditutup", _("Ditutup")
        DIKUNCI = "dikunci", _("Dikunci (final)")

    kode = models.CharField(
        _("kode"), max_length=6, unique=True,
        validators=[RegexValidator(KODE_SEMESTER, _("Tulis kode seperti 2025S1 atau 2025S2."))],
        help_text=_("Tahun, huruf S, lalu 1 (Januari–Juni) atau 2 (Juli–Desember)."),
    )
    tahun = models.PositiveSmallIntegerField(_("tahun"), editable=False)
    nomor = models.PositiveSmallIntegerField(_("semester ke"), editable=False)
    tanggal_mulai = models.DateField(_("awal periode"))
    tanggal_selesai = models.DateField(_("akhir periode"))
    pengisian_dibuka = models.DateField(_("pengisian dibuka"))
    batas_pengisian = models.DateField(
        _("batas pengisian"), help_text=_("Laporan yang diajukan sesudah tanggal ini terlambat.")
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DIBUKA)
    dikunci_pada = models.DateTimeField(
        _("dikunci pada"), null=True, blank=True, editable=False,
        help_text=_("Saat semester terakhir dikunci; kosong selama tidak dikunci."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("semester")
        verbose_name_plural = _("semester")
        ordering = ["-tahun", "-nomor"]
        permissions = [
            ("kunci_semester", _("Dapat menutup, mengunci dan membuka kembali semester")),
        ]

    def __str__(self):
        return self.kode

    def save(self, *args, **kwargs):
        self._isi_dari_kode()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("evaluasi:semester-detail", args=[self.kode])

    def _isi_dari_kode(self):
        if match := KODE_SEMESTER.match(self.kode or ""):
            self.tahun, self.nomor = int(match[1]), int(match[2])

    def clean(self):
        self._isi_dari_kode()
        kesalahan = {}
        if KODE_SEMESTER.match(self.kode or ""):
            # The code names the half-year: 2025S1 is 1 January–30 June 2025, nothing else.
            mulai, selesai = self.periode_baku(self.kode)
            for medan, baku in (("tanggal_mulai", mulai), ("tanggal_selesai", selesai)):
                if getattr(self, medan) and getattr(self, medan) != baku:
                    kesalahan[medan] = _(
                        "Semester %(kode)s berlangsung %(mulai)s sampai %(selesai)s; isi "
                        "%(baku)s di sini."
                    ) % {"kode": self.kode, "mulai": mulai.strftime("%d-%m-%Y"),
                         "selesai": selesai.strftime("%d-%m-%Y"),
                         "baku": baku.strftime("%d-%m-%Y")}
        if (self.tanggal_mulai and self.tanggal_selesai and self.tanggal_selesai < self.tanggal_mulai
                and "tanggal_selesai" not in kesalahan):
            kesalahan["tanggal_selesai"] = _("Akhir periode tidak boleh sebelum awal periode.")
        if (self.pengisian_dibuka and self.batas_pengisian
                and self.batas_pengisian < self.pengisian_dibuka):
            kesalahan["batas_pengisian"] = _("Batas pengisian tidak boleh sebelum pengisian dibuka.")
        if kesalahan:
            raise ValidationError(kesalahan)

    @classmethod
    def periode_baku(cls, kode: str) -> tuple[date, date]:
        """January–June or July–December of the code's year."""
        match = KODE_SEMESTER.match(kode)
        tahun, nomor = int(match[1]), int(match[2])
        return (date(tahun, 1, 1), date(tahun, 6, 30)) if nomor == 1 else (
            date(tahun, 7, 1), date(tahun, 12, 31))

    @property
    def kode_sebelumnya(self) -> str:
        return f"{self.tahun}S1" if self.nomor == 2 else f"{self.tahun - 1}S2"

    @property
    def is_dikunci(self) -> bool:
        return self.status == self.Status.DIKUNCI

    def is_terlambat(self, pada: date | None = None) -> bool:
        return (pada or timezone.localdate()) > self.batas_pengisian
