"""Coordination meetings: the meeting, its agenda, who was invited and came, its decisions."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, ExpressionWrapper, F, FloatField, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import OPD


class RapatQuerySet(models.QuerySet):
    def akan_datang(self, pada: date | None = None):
        pada = pada or timezone.localdate()
        return self.filter(tanggal__gte=pada).order_by("tanggal", "jam_mulai")

    def sudah_lewat(self, pada: date | None = None):
        pada = pada or timezone.localdate()
        return self.filter(tanggal__lt=pada)

    def with_jumlah(self):
        """Per meeting: agencies invited (denominator), present in person or by a delegate
        (numerator of attendance), and decisions taken."""
        return self.annotate(
            jumlah_diundang=Count("kehadiran", distinct=True),
            jumlah_hadir=Count(
                "kehadiran",
                filter=Q(kehadiran__status__in=KehadiranRapat.STATUS_HADIR),
                distinct=True,
            ),
            jumlah_keputusan=Count("keputusan", distinct=True),
        )


class Rapat(models.Model):
    """A meeting of the task force: planned first, then recorded (attendance, minutes)."""

    class Jenis(models.TextChoices):
        PRAKOORDINASI = "prakoordinasi", _("Rapat prakoordinasi")
        KOORDINASI = "koordinasi", _("Rapat koordinasi")
        RAPAT_KERJA = "rapat_kerja", _("Rapat kerja")
        REMBUK_STUNTING = "rembuk_stunting", _("Rembuk Stunting")
        LAINNYA = "lainnya", _("Lainnya")

    jenis = models.CharField(_("jenis rapat"), max_length=20, choices=Jenis.choices)
    judul = models.CharField(_("judul"), max_length=250)
    tanggal = models.DateField(_("tanggal"))
    jam_mulai = models.TimeField(_("jam mulai"))
    jam_selesai = models.TimeField(
        _("jam selesai"), null=True, blank=True, help_text=_("Kosongkan bila \"sampai selesai\".")
    )
    tempat = models.CharField(_("tempat"), max_length=250)
    pimpinan_rapat = models.CharField(
        _("pimpinan rapat"), max_length=200, help_text=_("Misalnya: Sekretaris Daerah.")
    )
    nomor_undangan = models.CharField(
        _("nomor surat undangan"), max_length=120, blank=True
    )
    notulen = models.TextField(_("notulen"), blank=True)
    versi_undangan = models.PositiveIntegerField(
        _("versi undangan"), default=0, editable=False,
        help_text=_("Naik setiap kali tanggal, jam atau tempat berubah (SEQUENCE di .ics)."),
    )
    dibatalkan_pada = models.DateTimeField(_("dibatalkan pada"), null=True, blank=True,
                                           editable=False)
    alasan_batal = models.TextField(_("alasan pembatalan"), blank=True, editable=False)
    history = HistoricalRecords()

    objects = RapatQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        ordering = ["-tanggal", "-jam_mulai", "-pk"]
        indexes = [models.Index(fields=["tanggal"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_selesai__isnull=True) | Q(jam_selesai__gt=models.F("jam_mulai")),
                name="rapat_selesai_setelah_mulai",
            ),
        ]

    def __str__(self):
        return f"{self.judul} ({self.tanggal:%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("rapat:detail", args=[self.pk])

    def clean(self):
        if self.jam_selesai and self.jam_mulai and self.jam_selesai <= self.jam_mulai:
            raise ValidationError({"jam_selesai": _("Jam selesai harus sesudah jam mulai.")})

    @property
    def is_dibatalkan(self) -> bool:
        return self.dibatalkan_pada is not None

    def waktu_mulai(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.tanggal, self.jam_mulai))

    def waktu_selesai(self) -> datetime | None:
        if self.jam_selesai is None:
            return None
        return timezone.make_aware(datetime.combine(self.tanggal, self.jam_selesai))


class AgendaRapat(models.Model):
    """An agenda item. Items that point to a follow-up were carried over automatically."""

    rapat = models.ForeignKey(Rapat, on_delete=models.CASCADE, related_name="agenda")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    uraian = models.CharField(_("uraian"), max_length=500)
    tindak_lanjut = models.ForeignKey(
        "tpps.TindakLanjut",
        verbose_name=_("tindak lanjut yang dibahas"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="agenda_rapat",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda rapat")
        verbose_name_plural = _("agenda rapat")
        ordering = ["rapat", "nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["rapat", "tindak_lanjut"],
                condition=Q(tindak_lanjut__isnull=False),
                name="agenda_tindak_lanjut_sekali_per_rapat",
            ),
        ]

    def __str__(self):
        return f"{self.nomor}. {self.uraian}"

    @property
    def is_terbawa(self) -> bool:
        return self.tindak_lanjut_id is not None


class KehadiranRapatQuerySet(models.QuerySet):
    def dalam_periode(self, dari: date | None = None, sampai: date | None = None):
        qs = self
        if dari:
            qs = qs.filter(rapat__tanggal__gte=dari)
        if sampai:
            qs = qs.filter(rapat__tanggal__lte=sampai)
        return qs

    def rekap_per_opd(self):
        """One row per invited agency: ``diundang`` (meetings it was invited to, the
        denominator), ``hadir`` (attended by the head), ``diwakilkan`` (by a delegate),
        ``tidak_hadir``, ``belum_dicatat``; ``persen_hadir`` = (hadir + diwakilkan) / diundang
        over the meetings whose attendance is recorded (diundang − belum_dicatat)."""
        status = KehadiranRapat.Status
        baris = (
            self.values("opd", "opd__singkatan", "opd__nama", "opd__urutan")
            .annotate(
                diundang=Count("pk"),
                hadir=Count("pk", filter=Q(status=status.HADIR)),
                diwakilkan=Count("pk", filter=Q(status=status.DIWAKILKAN)),
                tidak_hadir=Count("pk", filter=Q(status=status.TIDAK_HADIR)),
                belum_dicatat=Count("pk", filter=Q(status=status.BELUM)),
            )
            .annotate(
                persen_hadir=Case(
                    When(
                        diundang__gt=F("belum_dicatat"),
                        then=ExpressionWrapper(
                            (F("hadir") + F("diwakilkan")) * 100.0
                            / (F("diundang") - F("belum_dicatat")),
                            output_field=FloatField(),
                        ),
                    ),
                    default=None,
                    output_field=FloatField(),
                )
            )
            .order_by("opd__urutan", "opd__singkatan")
        )
        return baris


class KehadiranRapat(models.Model):
    """One invited agency at one meeting, and who came for it."""

    class Status(models.TextChoices):
        BELUM = "belum", _("Belum dicatat")
        HADIR = "hadir", _("Hadir (pimpinan OPD)")
        DIWAKILKAN = "diwakilkan", _("Diwakilkan")
        TIDAK_HADIR = "tidak_hadir", _("Tidak hadir")

    STATUS_HADIR = (Status.HADIR, Status.DIWAKILKAN)

    rapat = models.ForeignKey(Rapat, on_delete=models.CASCADE, related_name="kehadiran")
    opd = models.ForeignKey(
        OPD, verbose_name=_("OPD/instansi"), on_delete=models.PROTECT,
        related_name="kehadiran_rapat",
    )
    status = models.CharField(
        _("kehadiran"), max_length=12, choices=Status.choices, default=Status.BELUM
    )
    nama_hadir = models.CharField(_("nama yang hadir"), max_length=150, blank=True)
    jabatan_hadir = models.CharField(_("jabatan yang hadir"), max_length=150, blank=True)
    history = HistoricalRecords()

    objects = KehadiranRapatQuerySet.as_manager()

    class Meta:
        verbose_name = _("kehadiran rapat")
        verbose_name_plural = _("kehadiran rapat")
        ordering = ["rapat", "opd__urutan", "opd__singkatan"]
        constraints = [
            models.UniqueConstraint(fields=["rapat", "opd"], name="kehadiran_sekali_per_opd"),
        ]

    def __str__(self):
        return f"{self.opd}: {self.get_status_display()}"

    def clean(self):
        if self.status in self.STATUS_HADIR and not self.nama_hadir.strip():
            raise ValidationError(
                {"nama_hadir": _("Nama yang hadir wajib diisi bila OPD hadir atau diwakilkan.")}
            )
        if self.status in (self.Status.BELUM, self.Status.TIDAK_HADIR) and (
            self.nama_hadir.strip() or self.jabatan_hadir.strip()
        ):
            raise ValidationError(
                {"status": _("Ada nama yang hadir: pilih \"Hadir\" atau \"Diwakilkan\".")}
            )


class KeputusanRapat(models.Model):
    """A numbered decision of a meeting; follow-ups make it somebody's task."""

    rapat = models.ForeignKey(Rapat, on_delete=models.CASCADE, related_name="keputusan")
    nomor = models.PositiveSmallIntegerField(_("nomor"))
    uraian = models.TextField(_("keputusan"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("keputusan rapat")
        verbose_name_plural = _("keputusan rapat")
        ordering = ["rapat", "nomor"]
        constraints = [
            models.UniqueConstraint(fields=["rapat", "nomor"], name="keputusan_nomor_unik"),
        ]

    def __str__(self):
        return _("Keputusan %(nomor)s, %(rapat)s") % {"nomor": self.nomor, "rapat": self.rapat}

    def get_absolute_url(self):
        return f"{self.rapat.get_absolute_url()}#keputusan-{self.nomor}"
