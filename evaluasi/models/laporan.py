"""Each OPD's semester report: its achievements (capaian) and programmes with budget."""

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Floor, Round
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from opd.models import OPD
from tpps.lib.berkas import nama_berkas_unik, validasi_dokumen

from .katalog import Indikator, PredikatCapaian, Semester


class LaporanSemesterQuerySet(models.QuerySet):
    def terverifikasi(self):
        return self.filter(status=LaporanSemester.Status.DIVERIFIKASI)

    def antrean(self):
        """Submissions waiting for Sekretariat TPPS, oldest first."""
        return self.filter(status=LaporanSemester.Status.DIAJUKAN).order_by("diajukan_pada")

    def diisi_oleh(self, user):
        """The reports whose figures ``user`` entered or changed: an achievement or programme
        row of the report (a programme deleted since included) last saved by them or with
        them in its history. The four-eyes rule (``settings.EMPAT_MATA``) keeps them from
        verifying these."""
        return self.filter(
            Q(pk__in=Capaian.history.filter(history_user=user).values("laporan_id"))
            | Q(pk__in=ProgramKegiatan.history.filter(history_user=user).values("laporan_id"))
            | Q(pk__in=Capaian.objects.filter(diubah_oleh=user).values("laporan_id"))
            | Q(pk__in=ProgramKegiatan.objects.filter(diubah_oleh=user).values("laporan_id"))
        )

    def terhalang_empat_mata(self, user) -> set[int]:
        """The ids of these reports ``user`` may not verify under the four-eyes rule (they
        entered or changed figures of it); none while ``settings.EMPAT_MATA`` is off."""
        if not getattr(settings, "EMPAT_MATA", True) or user.pk is None:
            return set()
        return set(self.diisi_oleh(user).values_list("pk", flat=True))

    def ringkasan(self, semester):
        """Completeness and timeliness of one semester.

        Denominator ``wajib``: the active roster members that must report
        (``OPD.objects.wajib_lapor()``). Numerators: ``masuk`` reports submitted and not
        returned (waiting or verified), ``terverifikasi``, ``tepat_waktu`` and ``terlambat``
        among ``masuk`` (by the date of first submission), ``dikembalikan``.
        """
        s = LaporanSemester.Status
        wajib = OPD.objects.wajib_lapor()
        hasil = self.filter(semester=semester, opd__in=wajib).aggregate(
            masuk=Count("pk", filter=Q(status__in=LaporanSemester.STATUS_MASUK)),
            terverifikasi=Count("pk", filter=Q(status=s.DIVERIFIKASI)),
            dikembalikan=Count("pk", filter=Q(status=s.DIKEMBALIKAN)),
            terlambat=Count("pk", filter=Q(status__in=LaporanSemester.STATUS_MASUK,
                                           terlambat=True)),
        )
        hasil["wajib"] = wajib.count()
        hasil["tepat_waktu"] = hasil["masuk"] - hasil["terlambat"]
        hasil["belum"] = hasil["wajib"] - hasil["masuk"]
        hasil["persen_masuk"] = (
            round(100 * hasil["masuk"] / hasil["wajib"], 1) if hasil["wajib"] else None
        )
        return hasil


def rekap_opd(semester):
    """Every OPD that must report, with its report's state and how complete it is.

    Per OPD: ``jumlah_indikator`` (denominator) the active indicators it owns;
    ``jumlah_terisi`` (numerator) those with a value in this semester's report;
    ``jumlah_program`` its programmes. All in one query.
    """
    laporan = LaporanSemester.objects.filter(semester=semester, opd=OuterRef("pk"))
    terisi = (
        Capaian.objects.filter(laporan__semester=semester, laporan__opd=OuterRef("pk"),
                               nilai__isnull=False, indikator__aktif=True,
                               indikator__opd_utama=OuterRef("pk"))
        .order_by().values("laporan__opd").annotate(n=Count("pk")).values("n")
    )
    program = (
        ProgramKegiatan.objects.filter(laporan__semester=semester, laporan__opd=OuterRef("pk"))
        .order_by().values("laporan__opd").annotate(n=Count("pk")).values("n")
    )
    indikator = (
        Indikator.objects.filter(aktif=True, opd_utama=OuterRef("pk"))
        .order_by().values("opd_utama").annotate(n=Count("pk")).values("n")
    )
    return OPD.objects.wajib_lapor().annotate(
        laporan_pk=Subquery(laporan.values("pk")[:1]),
        status_laporan=Subquery(laporan.values("status")[:1]),
        terlambat=Subquery(laporan.values("terlambat")[:1]),
        diajukan_pertama_pada=Subquery(laporan.values("diajukan_pertama_pada")[:1]),
        jumlah_indikator=Coalesce(Subquery(indikator), 0),
        jumlah_terisi=Coalesce(Subquery(terisi), 0),
        jumlah_program=Coalesce(Subquery(program), 0),
    )


@dataclass
class KekuranganKunci:
    """What locking a semester would leave behind: the OPDs that must report
    (``OPD.objects.wajib_lapor()``, of which there are ``wajib``) without a verified report,
    by reason — ``belum`` (no report, or a draft never submitted), ``dikembalikan``
    (returned, not submitted again) — and ``menunggu``, the reports (of any OPD) submitted
    and waiting for verification, which block the lock."""

    wajib: int
    belum: list = field(default_factory=list)
    dikembalikan: list = field(default_factory=list)
    menunggu: list = field(default_factory=list)

    @property
    def jumlah(self) -> int:
        """OPDs without a verified report (numerator) of the ``wajib`` (denominator)."""
        return len(self.belum) + len(self.dikembalikan) + len(self.menunggu)

    @property
    def sidik(self) -> str:
        """A fingerprint of the lists: the page that asks for the confirmation sends it
        back, so a lock confirmed on a list that has changed since is refused."""
        isi = sorted(
            [f"b{o.pk}" for o in self.belum] + [f"k{o.pk}" for o in self.dikembalikan]
            + [f"m{laporan.pk}" for laporan in self.menunggu]
        )
        return hashlib.sha256(",".join(isi).encode()).hexdigest()[:20]


def opd_belum_mengajukan(semester):
    """The OPD that must report and have not submitted for ``semester``: no report, a
    draft, or one returned to them (the complement of ``ringkasan``'s ``masuk``). The
    reminders and the Sekretariat's home read it."""
    masuk = LaporanSemester.objects.filter(
        semester=semester, status__in=LaporanSemester.STATUS_MASUK).values("opd")
    return OPD.objects.wajib_lapor().exclude(pk__in=masuk)


def kekurangan_kunci(semester) -> KekuranganKunci:
    """The OPDs a lock of ``semester`` would leave without a verified report (two queries:
    the roster with each report's state, and the reports waiting for verification)."""
    s = LaporanSemester.Status
    hasil = KekuranganKunci(wajib=0)
    for opd in rekap_opd(semester).order_by("urutan", "singkatan"):
        hasil.wajib += 1
        if opd.status_laporan in (None, s.DRAF):
            hasil.belum.append(opd)
        elif opd.status_laporan == s.DIKEMBALIKAN:
            hasil.dikembalikan.append(opd)
    hasil.menunggu = list(
        LaporanSemester.objects.filter(semester=semester, status=s.DIAJUKAN)
        .select_related("opd").order_by("opd__urutan", "opd__singkatan")
    )
    return hasil


class LaporanSemester(models.Model):
    """One OPD's submission for a semester: draft → submitted → (returned →) verified."""

    class Status(models.TextChoices):
        DRAF = "draf", _("Draf")
        DIAJUKAN = "diajukan", _("Diajukan, menunggu verifikasi")
        DIKEMBALIKAN = "dikembalikan", _("Dikembalikan untuk diperbaiki")
        DIVERIFIKASI = "diverifikasi", _("Terverifikasi")

    #: Submitted and not returned: what counts as "masuk" (reported).
    STATUS_MASUK = (Status.DIAJUKAN, Status.DIVERIFIKASI)

    semester = models.ForeignKey(Semester, verbose_name=_("semester"), on_delete=models.PROTECT,
                                 related_name="laporan")
    opd = models.ForeignKey(OPD, verbose_name=_("OPD/instansi"), on_delete=models.PROTECT,
                            related_name="laporan_semester")
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.DRAF)
    terlambat = models.BooleanField(
        _("terlambat"), default=False,
        help_text=_("Diajukan pertama kali sesudah batas pengisian semester."),
    )
    diajukan_pertama_pada = models.DateTimeField(_("pertama diajukan"), null=True, blank=True)
    diajukan_pada = models.DateTimeField(_("terakhir diajukan"), null=True, blank=True)
    diajukan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diajukan oleh"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    diverifikasi_pada = models.DateTimeField(_("diverifikasi pada"), null=True, blank=True)
    diverifikasi_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diverifikasi oleh"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    komentar_pengembalian = models.TextField(_("komentar pengembalian"), blank=True)
    dikembalikan_pada = models.DateTimeField(_("dikembalikan pada"), null=True, blank=True)
    dikembalikan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dikembalikan oleh"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    hasil_periksa = models.JSONField(
        _("hasil pemeriksaan saat diajukan"), default=list, blank=True,
        help_text=_("Peringatan yang tercatat saat laporan diajukan, untuk verifikator."),
    )
    history = HistoricalRecords()

    objects = LaporanSemesterQuerySet.as_manager()

    class Meta:
        verbose_name = _("laporan semester OPD")
        verbose_name_plural = _("laporan semester OPD")
        ordering = ["semester", "opd__urutan", "opd__singkatan"]
        constraints = [
            models.UniqueConstraint(fields=["semester", "opd"], name="laporan_unik_per_opd"),
        ]
        permissions = [
            ("isi_laporan_opd_sendiri", _("Dapat mengisi dan mengajukan laporan OPD-nya sendiri")),
            ("isi_laporan_semua_opd", _("Dapat mengisi laporan semester untuk OPD mana pun")),
            ("lihat_draf_semua_opd", _("Dapat melihat laporan semua OPD yang belum diverifikasi")),
            ("verifikasi_laporan", _("Dapat memverifikasi dan mengembalikan laporan semester")),
        ]

    def __str__(self):
        return f"{self.opd} {self.semester}"

    def get_absolute_url(self):
        return reverse("evaluasi:laporan", args=[self.semester.kode, self.opd_id])

    @property
    def is_terverifikasi(self) -> bool:
        return self.status == self.Status.DIVERIFIKASI

    def alasan_empat_mata(self, user) -> str | None:
        """Why ``user`` may not verify this report under the four-eyes rule: they entered
        or changed its figures (``LaporanSemesterQuerySet.diisi_oleh``). None: they may, or
        the rule is off (``settings.EMPAT_MATA``, for small teams)."""
        if self.pk is None or not LaporanSemester.objects.filter(
                pk=self.pk).terhalang_empat_mata(user):
            return None
        return gettext(
            "Anda ikut mengisi atau mengubah angka laporan ini, jadi tidak dapat "
            "memverifikasinya sendiri (prinsip empat mata): laporan ini diverifikasi anggota "
            "Sekretariat TPPS lain. Mengembalikan laporan dengan komentar tetap dapat."
        )

    def alasan_tidak_dapat_diubah(self) -> str | None:
        """Why the figures of this report cannot be changed now (None: they can)."""
        from django.utils import timezone

        semester = self.semester
        if semester.is_dikunci:
            return gettext("Semester %(kode)s sudah dikunci; angka final.") % {"kode": semester.kode}
        if self.status == self.Status.DIVERIFIKASI:
            return gettext("Laporan sudah diverifikasi; angkanya terkunci.")
        if self.status == self.Status.DIAJUKAN:
            return gettext(
                "Laporan sudah diajukan dan menunggu verifikasi Sekretariat TPPS; angkanya "
                "tidak dapat diubah kecuali laporan dikembalikan."
            )
        if semester.status == Semester.Status.DITUTUP and self.status != self.Status.DIKEMBALIKAN:
            return gettext(
                "Pengisian semester %(kode)s sudah ditutup; hanya laporan yang dikembalikan "
                "Sekretariat TPPS yang dapat diperbaiki."
            ) % {"kode": semester.kode}
        if semester.status == Semester.Status.DIBUKA and (
            timezone.localdate() < semester.pengisian_dibuka
        ):
            return gettext("Pengisian semester %(kode)s baru dibuka tanggal %(tanggal)s.") % {
                "kode": semester.kode, "tanggal": semester.pengisian_dibuka.strftime("%d-%m-%Y")
            }
        return None


def lokasi_berkas_capaian(_capaian, nama: str) -> str:
    return nama_berkas_unik("capaian", nama)


class CapaianQuerySet(models.QuerySet):
    def terverifikasi(self):
        return self.filter(laporan__status=LaporanSemester.Status.DIVERIFIKASI)

    def tertunda(self, semester=None):
        """Figures entered but not verified yet: achievements (of ``semester`` when given)
        whose report is not verified and that hold a figure — a numerator or a denominator;
        a blank draft row is no figure. Counted, never shown (the dashboard, the semester
        report, the scorecard and the year view alike), as the number of indicators with
        such a row: ``.values("indikator").distinct().count()`` (one row per indicator and
        semester, so within one semester rows and indicators are the same count)."""
        qs = self if semester is None else self.filter(semester=semester)
        return (
            qs.exclude(laporan__status=LaporanSemester.Status.DIVERIFIKASI)
            .exclude(pembilang__isnull=True, penyebut__isnull=True)
        )

    def dengan_target(self):
        """Each achievement with the target of its semester's year (``target``: the city's
        target, else the national one; ``jenis_target``: "kota", "nasional" or None)."""
        # One LEFT JOIN on (indicator, year), not a subquery repeated in every expression.
        return self.annotate(
            target_tahun=FilteredRelation(
                "indikator__target",
                condition=Q(indikator__target__tahun=F("semester__tahun")),
            ),
        ).annotate(
            target_kota=F("target_tahun__target_kota"),
            target_nasional=F("target_tahun__target_nasional"),
            target=Coalesce(F("target_tahun__target_kota"), F("target_tahun__target_nasional")),
        )

    def dengan_persen_capaian(self):
        """% of target achieved, in the database, and the band it falls in.

        Numerator and denominator: value ÷ target for higher-is-better indicators, target ÷
        value for lower-is-better ones (a value of 0 then counts as achieved: 100). No
        target, no value or a target of 0 for higher-is-better → no percentage, no band.

        The band is chosen from the unrounded percentage (``persen_tepat``; only float noise
        beyond 6 decimals is dropped), as the bands are written: 90,99 % is below 91.
        ``persen_capaian``, the figure to show, is that percentage cut (not rounded) to 2
        decimals: band limits have 2 decimals, so the figure shown and its band never
        disagree (90,996 % shows as 90,99 %, not as a "91,00 %" banded below 91).
        """
        nilai = Cast(F("nilai"), FloatField())
        target = Cast(F("target"), FloatField())
        turun = Q(indikator__arah=Indikator.Arah.TURUN)
        tepat = Round(models.Case(
            models.When(Q(nilai__isnull=True) | Q(target__isnull=True), then=Value(None)),
            models.When(turun & Q(nilai=0), then=Value(100.0)),
            models.When(turun, then=target * 100.0 / nilai),
            models.When(target=0, then=Value(None)),
            default=nilai * 100.0 / target,
            output_field=FloatField(),
        ), 6)
        # Round(…, 4) first: 90.99 held as 90.98999… must not be cut to 90.98.
        tampil = Floor(Round(F("persen_tepat") * 100.0, 4)) / 100.0
        predikat = PredikatCapaian.objects.filter(
            Q(batas_bawah__isnull=True) | Q(batas_bawah__lte=OuterRef("persen_tepat")),
            Q(batas_atas__isnull=True) | Q(batas_atas__gt=OuterRef("persen_tepat")),
        ).order_by("urutan")
        tercapai = models.Case(
            models.When(Q(nilai__isnull=True) | Q(target__isnull=True), then=Value(None)),
            models.When(turun, then=Q(nilai__lte=F("target"))),
            default=Q(nilai__gte=F("target")),
            output_field=models.BooleanField(null=True),
        )
        return (
            self.dengan_target()
            .annotate(persen_tepat=tepat, tercapai=tercapai)
            .annotate(persen_capaian=ExpressionWrapper(tampil, output_field=FloatField()))
            .annotate(
                predikat_nama=Subquery(predikat.values("nama")[:1]),
                predikat_warna=Subquery(predikat.values("warna")[:1]),
            )
        )


class Capaian(models.Model):
    """One indicator's achievement in one semester, reported by the indicator's OPD."""

    laporan = models.ForeignKey(LaporanSemester, verbose_name=_("laporan"),
                                on_delete=models.CASCADE, related_name="capaian")
    semester = models.ForeignKey(Semester, verbose_name=_("semester"), on_delete=models.PROTECT,
                                 related_name="capaian")
    indikator = models.ForeignKey(Indikator, verbose_name=_("indikator"),
                                  on_delete=models.PROTECT, related_name="capaian")
    pembilang = models.PositiveBigIntegerField(_("pembilang"), null=True, blank=True)
    penyebut = models.PositiveBigIntegerField(_("penyebut"), null=True, blank=True)
    nilai = models.DecimalField(
        _("nilai"), max_digits=16, decimal_places=2, null=True, blank=True, editable=False,
        help_text=_("Dihitung: pembilang ÷ penyebut × 100 untuk persen; jumlah untuk indikator jumlah."),
    )
    sumber_data = models.CharField(_("sumber data"), max_length=200, blank=True)
    kendala = models.TextField(_("kendala"), blank=True)
    rencana_tindak_lanjut = models.TextField(_("rencana tindak lanjut"), blank=True)
    penjelasan_perubahan = models.TextField(
        _("penjelasan perubahan"), blank=True,
        help_text=_("Wajib bila nilai berubah melebihi ambang dari semester sebelumnya."),
    )
    berkas = models.FileField(
        _("berkas bukti"), upload_to=lokasi_berkas_capaian, validators=[validasi_dokumen],
        blank=True, max_length=200,
    )
    tautan_bukti = models.URLField(_("tautan bukti"), blank=True, max_length=500)
    versi = models.PositiveIntegerField(_("versi"), default=0, editable=False)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    history = HistoricalRecords()

    objects = CapaianQuerySet.as_manager()

    #: The fields a person fills; what the lost-update guard compares.
    ISIAN = ("pembilang", "penyebut", "sumber_data", "kendala", "rencana_tindak_lanjut",
             "penjelasan_perubahan", "tautan_bukti")

    class Meta:
        verbose_name = _("capaian indikator")
        verbose_name_plural = _("capaian indikator")
        ordering = ["semester", "indikator__urutan", "indikator__kode"]
        constraints = [
            models.UniqueConstraint(fields=["semester", "indikator"],
                                    name="capaian_unik_per_semester"),
        ]

    def __str__(self):
        return f"{self.indikator.kode} {self.semester}"

    def save(self, *args, **kwargs):
        self.nilai = self.hitung_nilai()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("evaluasi:capaian-detail", args=[self.pk])

    def hitung_nilai(self) -> Decimal | None:
        if self.indikator.is_persen:
            if self.pembilang is None or not self.penyebut:
                return None
            return (Decimal(self.pembilang) * 100 / Decimal(self.penyebut)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        return None if self.pembilang is None else Decimal(self.pembilang)

    def clean(self):
        if self.laporan_id and self.semester_id and self.laporan.semester_id != self.semester_id:
            raise ValidationError(_("Capaian harus berada dalam laporan semester yang sama."))

    @property
    def is_kosong(self) -> bool:
        return self.pembilang is None and self.penyebut is None


class ProgramKegiatan(models.Model):
    """An OPD's programme / activity / sub-activity serving stunting in a semester."""

    class SumberDana(models.TextChoices):
        APBD = "apbd", _("APBD")
        DAK = "dak", _("DAK")
        DANA_DESA = "dana_desa", _("Dana Desa")
        CSR = "csr", _("CSR")
        LAINNYA = "lainnya", _("Lainnya")

    laporan = models.ForeignKey(LaporanSemester, verbose_name=_("laporan"),
                                on_delete=models.CASCADE, related_name="program")
    program = models.CharField(_("program"), max_length=300)
    kegiatan = models.CharField(_("kegiatan"), max_length=300, blank=True)
    sub_kegiatan = models.CharField(_("sub kegiatan"), max_length=300, blank=True)
    indikator = models.ManyToManyField(Indikator, verbose_name=_("indikator terkait"),
                                       blank=True, related_name="program")
    sumber_dana = models.CharField(_("sumber dana"), max_length=12, choices=SumberDana.choices,
                                   default=SumberDana.APBD)
    pagu_rp = models.PositiveBigIntegerField(_("pagu (Rp)"), default=0)
    realisasi_rp = models.PositiveBigIntegerField(_("realisasi (Rp)"), default=0)
    keluaran = models.CharField(_("keluaran (output)"), max_length=300, blank=True)
    satuan_keluaran = models.CharField(_("satuan keluaran"), max_length=60, blank=True)
    target_keluaran = models.DecimalField(_("target keluaran"), max_digits=14, decimal_places=2,
                                          null=True, blank=True)
    realisasi_keluaran = models.DecimalField(_("realisasi keluaran"), max_digits=14,
                                             decimal_places=2, null=True, blank=True)
    versi = models.PositiveIntegerField(_("versi"), default=0, editable=False)
    diubah_pada = models.DateTimeField(_("terakhir diubah"), auto_now=True)
    diubah_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("diubah oleh"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    history = HistoricalRecords(m2m_fields=[indikator])

    ISIAN = ("program", "kegiatan", "sub_kegiatan", "sumber_dana", "pagu_rp", "realisasi_rp",
             "keluaran", "satuan_keluaran", "target_keluaran", "realisasi_keluaran")

    class Meta:
        verbose_name = _("program/kegiatan")
        verbose_name_plural = _("program/kegiatan")
        ordering = ["laporan", "pk"]

    def __str__(self):
        return " / ".join(p for p in (self.program, self.kegiatan, self.sub_kegiatan) if p)

    @property
    def persen_realisasi(self):
        return round(100 * self.realisasi_rp / self.pagu_rp, 1) if self.pagu_rp else None


class KomentarBaris(models.Model):
    """Sekretariat TPPS's comment on one row of a report it returns: an indicator's
    achievement or a programme. The OPD reads it at that row; resubmitting the report marks
    it answered (``selesai_pada``), never deletes it, so what was said stays on record."""

    laporan = models.ForeignKey(LaporanSemester, verbose_name=_("laporan"),
                                on_delete=models.CASCADE, related_name="komentar_baris")
    capaian = models.ForeignKey(Capaian, verbose_name=_("capaian"), on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="komentar_baris")
    program = models.ForeignKey(ProgramKegiatan, verbose_name=_("program/kegiatan"),
                                on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="komentar_baris")
    baris = models.CharField(
        _("baris"), max_length=400,
        help_text=_("Nama baris saat komentar ditulis; tetap terbaca bila barisnya dihapus."),
    )
    komentar = models.TextField(_("komentar"))
    dikembalikan_pada = models.DateTimeField(
        _("pengembalian"), help_text=_("Saat laporan dikembalikan bersama komentar ini."))
    dibuat_pada = models.DateTimeField(_("ditulis pada"), default=timezone.now)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ditulis oleh"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )
    selesai_pada = models.DateTimeField(
        _("ditanggapi pada"), null=True, blank=True,
        help_text=_("Saat OPD mengajukan ulang laporannya sesudah komentar ini."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("komentar baris")
        verbose_name_plural = _("komentar baris")
        ordering = ["dikembalikan_pada", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~(Q(capaian__isnull=False) & Q(program__isnull=False)),
                name="komentar_baris_satu_baris",
            ),
        ]

    def __str__(self):
        return f"{self.baris}: {self.komentar[:60]}"

    def clean(self):
        if (self.capaian_id is None) == (self.program_id is None):
            raise ValidationError(_("Komentar baris menunjuk tepat satu capaian atau satu "
                                    "program/kegiatan."))
        baris = self.capaian or self.program
        if self.laporan_id and baris.laporan_id != self.laporan_id:
            raise ValidationError(_("Baris yang dikomentari bukan bagian dari laporan ini."))

    @property
    def is_terbuka(self) -> bool:
        """Not answered yet: the report has not been submitted again since."""
        return self.selesai_pada is None


class PembukaanKunci(models.Model):
    """A locked semester opened again: who, when, why (a locked semester is final)."""

    semester = models.ForeignKey(Semester, verbose_name=_("semester"), on_delete=models.CASCADE,
                                 related_name="pembukaan_kunci")
    pada = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    oleh = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuka oleh"),
                             on_delete=models.PROTECT, related_name="+")
    alasan = models.TextField(_("alasan"))
    status_baru = models.CharField(_("status sesudahnya"), max_length=10,
                                   choices=Semester.Status.choices)

    class Meta:
        verbose_name = _("pembukaan kunci semester")
        verbose_name_plural = _("pembukaan kunci semester")
        ordering = ["-pada"]

    def __str__(self):
        return f"{self.semester} {self.pada:%d-%m-%Y}"
