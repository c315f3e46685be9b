"""The follow-up register: every task the city owes, with its origin, owner and due date."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import OPD
from tpps.lib.berkas import nama_berkas_unik, validasi_dokumen

from .rapat import KeputusanRapat

# The fields that can hold a follow-up's origin; exactly one is set.
ASAL = ("keputusan", "rekomendasi", "capaian")


def _satu_asal() -> Q:
    """Exactly one origin field is set."""
    kondisi = Q()
    for nama in ASAL:
        kondisi |= Q(**{f"{nama}__isnull": False}) & Q(
            **{f"{lain}__isnull": True for lain in ASAL if lain != nama}
        )
    return kondisi


class TindakLanjutQuerySet(models.QuerySet):
    def terbuka(self):
        return self.filter(status__in=TindakLanjut.STATUS_TERBUKA)

    def dengan_keadaan_pada(self, tanggal: date | None = None, *, hari_berakhir: bool = False):
        """Each follow-up's state on ``tanggal`` (today by default): the one rule the
        register, the dashboard, the meetings and the semester report read. Derived here,
        never stored, so it is never stale. Annotates:

        - ``status_pada``: its state at the end of that day: the state set by its last
          progress dated on or before it; one whose state changed only later was not started
          yet; one never changed through progress keeps the state it was recorded with.
          Progress recorded later changes nothing that day had.
        - ``terlambat``: still open then (``status_pada``) and due before that day — or on
          it too when ``hari_berakhir``: a day judged once it is over, as the report of a
          finished semester judges its last day. Today is judged as it stands: due today is
          not overdue yet.
        - ``batas_terlambat``: the day due dates are counted against (``tanggal``, or the
          day after when ``hari_berakhir``); ``TindakLanjut.hari_terlambat`` reads it."""
        tanggal = tanggal or timezone.localdate()
        batas = tanggal + timedelta(days=1) if hari_berakhir else tanggal
        berubah = ProgresTindakLanjut.objects.filter(tindak_lanjut=OuterRef("pk")).exclude(
            status_baru="")
        sampai = berubah.filter(tanggal__lte=tanggal).order_by("-tanggal", "-pk")
        return self.annotate(
            status_pada=Coalesce(
                Subquery(sampai.values("status_baru")[:1]),
                Case(When(Exists(berubah.filter(tanggal__gt=tanggal)),
                          then=Value(TindakLanjut.Status.BELUM_MULAI)), default=F("status")),
                output_field=CharField(),
            ),
        ).annotate(
            terlambat=Case(
                When(status_pada__in=TindakLanjut.STATUS_TERBUKA, tenggat__lt=batas,
                     then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            batas_terlambat=Value(batas, output_field=DateField()),
        )

    def terlambat(self, pada: date | None = None):
        """Overdue on ``pada`` (today by default), as ``dengan_keadaan_pada`` judges."""
        return self.dengan_keadaan_pada(pada).filter(terlambat=True)

    def terlambat_dulu(self, pada: date | None = None):
        """With their state on ``pada`` (``dengan_keadaan_pada``): overdue first, then the
        nearest due date."""
        return self.dengan_keadaan_pada(pada).order_by("-terlambat", "tenggat", "pk")

    def milik_opd(self, opd, *, dengan_pendukung: bool = False):
        kondisi = Q(opd_penanggung_jawab=opd)
        if dengan_pendukung:
            kondisi |= Q(opd_pendukung=opd)
        return self.filter(kondisi).distinct() if dengan_pendukung else self.filter(kondisi)

    def rekap_per_opd(self, pada: date | None = None) -> list[dict]:
        """One row per responsible agency: ``jumlah`` follow-ups (the denominator), and how
        many are ``belum_mulai``, ``berjalan``, ``selesai``, ``batal`` and ``terlambat`` on
        ``pada`` (today by default; ``dengan_keadaan_pada``) — the numerators. Most overdue
        first, then in the agencies' order.

        One query, counted in SQL per agency, state and overdue (so the state's subqueries
        are written twice, not once per figure); the few rows of each agency are added up
        here."""
        status = TindakLanjut.Status
        opd = ("opd_penanggung_jawab", "opd_penanggung_jawab__singkatan",
               "opd_penanggung_jawab__nama", "opd_penanggung_jawab__urutan")
        kelompok = (
            self.dengan_keadaan_pada(pada)
            .values(*opd, "status_pada", "terlambat")
            .annotate(n=Count("pk"))
            .order_by("opd_penanggung_jawab__urutan", "opd_penanggung_jawab__singkatan",
                      "opd_penanggung_jawab")
        )
        rekap = {}
        for k in kelompok:
            baris = rekap.get(k["opd_penanggung_jawab"])
            if baris is None:
                baris = rekap[k["opd_penanggung_jawab"]] = {
                    **{f: k[f] for f in opd}, "jumlah": 0,
                    **dict.fromkeys(status.values, 0), "terlambat": 0,
                }
            baris["jumlah"] += k["n"]
            if k["status_pada"] in status.values:
                baris[k["status_pada"]] += k["n"]
            if k["terlambat"]:
                baris["terlambat"] += k["n"]
        # A stable sort: among equally overdue agencies, the database's order stays.
        return sorted(rekap.values(), key=lambda b: -b["terlambat"])


class TindakLanjut(models.Model):
    """A task the city owes: from a meeting decision (later also a BPKP recommendation or
    an achievement below target), owned by one agency, due on a date."""

    class Status(models.TextChoices):
        BELUM_MULAI = "belum_mulai", _("Belum mulai")
        BERJALAN = "berjalan", _("Berjalan")
        SELESAI = "selesai", _("Selesai")
        BATAL = "batal", _("Batal")

    STATUS_TERBUKA = (Status.BELUM_MULAI, Status.BERJALAN)
    #: What to select_related to show every origin (its name and link) without more queries.
    ASAL_TERKAIT = ("keputusan__rapat", "rekomendasi__temuan__evaluasi", "capaian__indikator",
                    "capaian__semester", "capaian__laporan")

    keputusan = models.ForeignKey(
        KeputusanRapat, verbose_name=_("keputusan rapat"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="tindak_lanjut",
    )
    rekomendasi = models.ForeignKey(
        "evaluasi.RekomendasiBPKP", verbose_name=_("rekomendasi BPKP"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="tindak_lanjut",
    )
    capaian = models.ForeignKey(
        "evaluasi.Capaian", verbose_name=_("capaian di bawah target"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="tindak_lanjut",
    )
    uraian = models.TextField(_("uraian tindak lanjut"))
    opd_penanggung_jawab = models.ForeignKey(
        OPD, verbose_name=_("OPD penanggung jawab"), on_delete=models.PROTECT,
        related_name="tindak_lanjut",
    )
    opd_pendukung = models.ManyToManyField(
        OPD, verbose_name=_("OPD pendukung"), blank=True, related_name="tindak_lanjut_didukung",
    )
    tenggat = models.DateField(_("tenggat"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.BELUM_MULAI
    )
    dibuat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    history = HistoricalRecords()

    objects = TindakLanjutQuerySet.as_manager()

    class Meta:
        verbose_name = _("tindak lanjut")
        verbose_name_plural = _("tindak lanjut")
        ordering = ["tenggat", "pk"]
        indexes = [
            models.Index(fields=["status", "tenggat"]),
            models.Index(fields=["opd_penanggung_jawab", "status"]),
        ]
        permissions = [
            (
                "catat_progres_opd_sendiri",
                _("Dapat mencatat progres tindak lanjut OPD-nya sendiri"),
            ),
        ]
        constraints = [
            # Exactly one origin (a decision, a recommendation or an achievement).
            models.CheckConstraint(condition=_satu_asal(), name="tindak_lanjut_satu_asal"),
        ]

    #: What the due-date rule looks at; remembered as loaded (``from_db``).
    _MEDAN_TENGGAT = ("tenggat", *(f"{nama}_id" for nama in ASAL))

    def __str__(self):
        return self.uraian if len(self.uraian) <= 80 else f"{self.uraian[:77]}…"

    def get_absolute_url(self):
        return reverse("tindak_lanjut:detail", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        obj = super().from_db(db, field_names, values)
        obj._tenggat_dimuat = obj._nilai_tenggat()
        return obj

    def _nilai_tenggat(self):
        return tuple(getattr(self, f, None) for f in self._MEDAN_TENGGAT)

    def tenggat_berubah(self) -> bool:
        """New, or its due date or origin changed since it was loaded."""
        dimuat = getattr(self, "_tenggat_dimuat", None)
        return self._state.adding or dimuat is None or dimuat != self._nilai_tenggat()

    @property
    def asal(self):
        """The record this follow-up answers to."""
        for nama in ASAL:
            if getattr(self, f"{nama}_id"):
                return getattr(self, nama)
        return None

    def get_asal_display(self) -> str:
        for nama in ASAL:
            if getattr(self, f"{nama}_id"):
                label = str(self._meta.get_field(nama).verbose_name)
                return label[:1].upper() + label[1:]
        return ""

    def tanggal_asal(self) -> date | None:
        """The date the task arose: the meeting's date for a decision, the report's date for
        a BPKP recommendation, the end of the semester for an achievement."""
        if self.keputusan_id:
            return self.keputusan.rapat.tanggal
        if self.rekomendasi_id:
            return self.rekomendasi.temuan.evaluasi.tanggal_laporan
        if self.capaian_id:
            return self.capaian.semester.tanggal_selesai
        return None

    def clean(self):
        terisi = [nama for nama in ASAL if getattr(self, f"{nama}_id")]
        if len(terisi) != 1:
            raise ValidationError(
                _("Tindak lanjut harus berasal dari tepat satu sumber (keputusan rapat, "
                  "rekomendasi BPKP atau capaian di bawah target).")
            )
        # Checked only when the due date or the origin is set or changed: a meeting moved
        # after the follow-up was made must not block progress on it (only Sekretariat TPPS
        # can change the due date; the operator posting progress could not fix it).
        mulai = self.tanggal_asal() if self.tenggat_berubah() else None
        if self.tenggat and mulai and self.tenggat < mulai:
            raise ValidationError(
                {"tenggat": _("Tenggat tidak boleh sebelum tanggal asalnya (%(tanggal)s).")
                 % {"tanggal": mulai.strftime("%d-%m-%Y")}}
            )
        if self.status == self.Status.SELESAI and not self.ada_bukti():
            raise ValidationError(
                {"status": _("Tindak lanjut baru dapat dinyatakan selesai bila ada progres "
                             "dengan bukti (berkas atau tautan).")}
            )

    def ada_bukti(self) -> bool:
        if not self.pk:
            return False
        return self.progres.exclude(berkas="", tautan="").exists()

    @property
    def hari_terlambat(self) -> int:
        """Days overdue on the date it was read for (``dengan_keadaan_pada``); 0 if not."""
        return (self.batas_terlambat - self.tenggat).days if self.terlambat else 0


def lokasi_bukti(_progres, nama: str) -> str:
    return nama_berkas_unik("tindak-lanjut", nama)


class ProgresTindakLanjut(models.Model):
    """A progress update on a follow-up: what was done, with evidence; may change its state."""

    tindak_lanjut = models.ForeignKey(
        TindakLanjut, on_delete=models.CASCADE, related_name="progres"
    )
    tanggal = models.DateField(_("tanggal"), default=timezone.localdate)
    catatan = models.TextField(_("catatan progres"))
    berkas = models.FileField(
        _("berkas bukti"),
        upload_to=lokasi_bukti,
        validators=[validasi_dokumen],
        blank=True,
        help_text=_("PDF, PNG atau JPG: notulen, foto kegiatan, surat, laporan."),
    )
    tautan = models.URLField(
        _("tautan bukti"), blank=True, help_text=_("Misalnya tautan berita atau dokumen daring.")
    )
    status_baru = models.CharField(
        _("status sesudah progres ini"), max_length=12, choices=TindakLanjut.Status.choices,
        blank=True, help_text=_("Kosongkan bila status tidak berubah."),
    )
    dicatat_oleh = models.ForeignKey(
        "opd.User", verbose_name=_("dicatat oleh"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    dicatat_pada = models.DateTimeField(_("dicatat pada"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progres tindak lanjut")
        verbose_name_plural = _("progres tindak lanjut")
        ordering = ["-tanggal", "-pk"]

    def __str__(self):
        return f"{self.tanggal:%d-%m-%Y}: {self.catatan[:60]}"

    @property
    def ada_bukti(self) -> bool:
        return bool(self.berkas) or bool(self.tautan)

    def clean(self):
        if self.tanggal and self.tanggal > timezone.localdate():
            raise ValidationError({"tanggal": _("Tanggal progres tidak boleh di masa depan.")})
        if self.status_baru == TindakLanjut.Status.SELESAI and not self.ada_bukti:
            raise ValidationError(
                _("Tindak lanjut hanya dapat dinyatakan selesai dengan bukti: unggah berkas "
                  "atau isi tautan bukti.")
            )
