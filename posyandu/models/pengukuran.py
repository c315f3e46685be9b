"""Measurements, with the z-scores, flags and Permenkes categories the WHO engine computed,
and the cases (kasus) that follow a child found stunted, wasted or not gaining weight."""

from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..growth import BB_TB_LABELS, BB_U_LABELS, LAST_SCORED_DAY, MAX_AGE_MONTHS, TB_U_LABELS
from .balita import Balita
from .kegiatan import Kegiatan

#: Decimals kept of weight, length/height, LiLA and head circumference: as written, on every
#: path (form, fast entry, import); a value with more is refused, never rounded.
DESIMAL_UKURAN = 2


def umur_bulan(tanggal_lahir: date, pada: date) -> int:
    """Whole months of age on ``pada`` (as a birthday counts them)."""
    beda = relativedelta(pada, tanggal_lahir)
    return beda.years * 12 + beda.months


def pesan_terlalu_tua(tanggal_lahir: date | None, pada: date | None) -> str | None:
    """Why a child cannot be registered or measured on ``pada``: aged the engine's
    ``MAX_AGE_MONTHS`` (60) months or more then, no longer a balita; None when younger
    (or a date is missing). Every path refuses with it: registration, the measurement
    forms and fast entry (``alur.simpan_pengukuran``), the e-PPGBM import."""
    if tanggal_lahir is None or pada is None or pada < tanggal_lahir + relativedelta(
            months=MAX_AGE_MONTHS):
        return None
    return gettext(
        "Umur balita %(umur)s bulan pada %(tanggal)s: yang berumur %(batas)s bulan atau "
        "lebih bukan lagi sasaran Posyandu dan tidak dicatat."
    ) % {"umur": umur_bulan(tanggal_lahir, pada), "tanggal": pada.strftime("%d-%m-%Y"),
         "batas": MAX_AGE_MONTHS}


class PengukuranQuerySet(models.QuerySet):
    def penimbangan_bulan(self, bulan: date):
        """The weighings of the month of ``bulan`` that count for D: a weight recorded in the
        month, at any event, while the child was 0–59 months (``umur_hari`` up to the
        engine's ``LAST_SCORED_DAY``). D itself — those of S among the children weighed —
        is ``BalitaQuerySet.ditimbang_bulan``."""
        awal = bulan.replace(day=1)
        return self.filter(
            tanggal_ukur__gte=awal,
            tanggal_ukur__lt=awal + relativedelta(months=1),
            berat_kg__isnull=False,
            umur_hari__lte=LAST_SCORED_DAY,
        )

    def penimbangan_d_bulan(self, bulan: date):
        """One row per child of D of the month of ``bulan`` (``BalitaQuerySet.ditimbang_bulan``):
        their first weighing of the month (``penimbangan_bulan``), the one compared with last
        month's, so it carries the month's N/T/O/B and 2T (a second weighing in the same month
        compares with the first and reads O). Grouped by ``balita__posyandu``: D = the rows;
        N, T and 2T = those whose ``naik`` is N, T, or ``dua_t``; N/D = growth success
        (numerator N, denominator D), N + T + O + B = D."""
        pertama = models.Subquery(
            Pengukuran.objects.penimbangan_bulan(bulan)
            .filter(balita=models.OuterRef("balita"))
            .order_by("tanggal_ukur", "pk")
            .values("pk")[:1]
        )
        d = Balita.objects.ditimbang_bulan(bulan)
        return self.filter(balita__in=d.values("pk")).filter(pk=pertama)


class Pengukuran(models.Model):
    class CaraUkur(models.TextChoices):
        TELENTANG = "l", _("Telentang (panjang badan)")
        BERDIRI = "h", _("Berdiri (tinggi badan)")

    class Naik(models.TextChoices):
        """SKDN weight gain: N gained enough, T not, O not weighed last month, B first."""

        NAIK = "N", _("Naik (N)")
        TIDAK_NAIK = "T", _("Tidak naik (T)")
        TIDAK_DITIMBANG = "O", _("Bulan lalu tidak ditimbang (O)")
        BARU = "B", _("Baru pertama ditimbang (B)")

    balita = models.ForeignKey(
        Balita, verbose_name=_("balita"), on_delete=models.CASCADE, related_name="pengukuran"
    )
    kegiatan = models.ForeignKey(
        Kegiatan,
        verbose_name=_("kegiatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengukuran",
    )
    tanggal_ukur = models.DateField(_("tanggal ukur"))
    berat_kg = models.DecimalField(
        _("berat (kg)"),
        max_digits=5,
        decimal_places=DESIMAL_UKURAN,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    tinggi_cm = models.DecimalField(
        _("panjang/tinggi (cm)"),
        max_digits=6,
        decimal_places=DESIMAL_UKURAN,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    cara_ukur = models.CharField(_("cara ukur"), max_length=1, choices=CaraUkur.choices, blank=True)
    lila_cm = models.DecimalField(
        _("LiLA (cm)"),
        max_digits=5,
        decimal_places=DESIMAL_UKURAN,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    lingkar_kepala_cm = models.DecimalField(
        _("lingkar kepala (cm)"),
        max_digits=5,
        decimal_places=DESIMAL_UKURAN,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    edema = models.BooleanField(_("edema"), default=False)
    vitamin_a = models.BooleanField(_("vitamin A diberikan"), default=False)
    imunisasi = models.BooleanField(_("imunisasi diberikan"), default=False)

    # Computed by the WHO engine (posyandu.growth) whenever the row or the child changes.
    umur_hari = models.PositiveIntegerField(_("umur (hari)"), null=True, blank=True)
    clenhei = models.FloatField(_("panjang/tinggi terkoreksi (cm)"), null=True, blank=True)
    cbmi = models.FloatField(_("IMT"), null=True, blank=True)
    zlen = models.FloatField(_("z PB/U–TB/U"), null=True, blank=True)
    zwei = models.FloatField(_("z BB/U"), null=True, blank=True)
    zwfl = models.FloatField(_("z BB/PB–BB/TB"), null=True, blank=True)
    zbmi = models.FloatField(_("z IMT/U"), null=True, blank=True)
    zhc = models.FloatField(_("z lingkar kepala/U"), null=True, blank=True)
    zac = models.FloatField(_("z LiLA/U"), null=True, blank=True)
    flen = models.BooleanField(null=True, blank=True)
    fwei = models.BooleanField(null=True, blank=True)
    fwfl = models.BooleanField(null=True, blank=True)
    fbmi = models.BooleanField(null=True, blank=True)
    fhc = models.BooleanField(null=True, blank=True)
    fac = models.BooleanField(null=True, blank=True)
    berdiri_di_bawah_9_bulan = models.BooleanField(default=False)
    kategori_bb_u = models.CharField(_("BB/U"), max_length=40, blank=True)
    kategori_tb_u = models.CharField(_("PB/U–TB/U"), max_length=40, blank=True)
    kategori_bb_tb = models.CharField(_("BB/PB–BB/TB"), max_length=40, blank=True)
    kategori_imt_u = models.CharField(_("IMT/U"), max_length=40, blank=True)
    naik = models.CharField(_("naik berat badan"), max_length=1, choices=Naik.choices, blank=True)
    dua_t = models.BooleanField(
        _("2T"), default=False, help_text=_("Tidak naik dua kali berturut-turut.")
    )

    dicatat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    objects = PengukuranQuerySet.as_manager()

    class Meta:
        verbose_name = _("pengukuran")
        verbose_name_plural = _("pengukuran")
        ordering = ["-tanggal_ukur"]
        indexes = [models.Index(fields=["tanggal_ukur"])]
        constraints = [
            models.UniqueConstraint(
                fields=["balita", "tanggal_ukur"],
                name="satu_pengukuran_per_balita_per_hari",
                violation_error_message=_("Balita ini sudah diukur pada tanggal itu."),
            ),
        ]

    def __str__(self):
        return f"{self.balita} {self.tanggal_ukur:%d-%m-%Y}"

    def kondisi_kasus(self) -> dict[str, bool | None]:
        """The case conditions at this measurement (see ``kondisi``)."""
        return kondisi(*(getattr(self, k) for k in KOLOM_KONDISI))

    @property
    def stunting(self) -> bool:
        return bool(self.kondisi_kasus()[Kasus.Jenis.STUNTING])

    @property
    def wasting(self) -> bool:
        return bool(self.kondisi_kasus()[Kasus.Jenis.WASTING])

    @property
    def bb_sangat_kurang(self) -> bool:
        return bool(self.kondisi_kasus()[Kasus.Jenis.BB_SANGAT_KURANG])


class EntriPerangkat(models.Model):
    """An entry made on a phone, under the id the phone gave it, as the server received it.

    The fast-entry page keeps each entry on the phone (offline too) and sends it, perhaps
    more than once (a lost answer, a second tab, the connection coming back): the server
    stores each id once; sending it again writes nothing and answers with the measurement it
    made (``posyandu.alur.simpan_pengukuran``)."""

    id = models.UUIDField(primary_key=True, editable=False)
    pengukuran = models.ForeignKey(Pengukuran, on_delete=models.CASCADE,
                                   related_name="entri_perangkat")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="+")
    diterima = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("entri dari perangkat")
        verbose_name_plural = _("entri dari perangkat")

    def __str__(self):
        return str(self.id)


class KasusQuerySet(models.QuerySet):
    def terbuka(self):
        return self.exclude(status__in=[Kasus.Status.SELESAI])


class Kasus(models.Model):
    """A child found newly stunted, wasted, severely underweight or 2T: followed until
    resolved, so that no child found is forgotten."""

    class Jenis(models.TextChoices):
        STUNTING = "stunting", _("Stunting (pendek/sangat pendek)")
        WASTING = "wasting", _("Wasting (gizi kurang/buruk)")
        BB_SANGAT_KURANG = "bb_sangat_kurang", _("Berat badan sangat kurang")
        DUA_T = "2t", _("Dua kali tidak naik (2T)")

    class Status(models.TextChoices):
        DITEMUKAN = "ditemukan", _("Ditemukan")
        DIRUJUK = "dirujuk", _("Dirujuk ke Puskesmas")
        DITANGANI = "ditangani", _("Ditangani")
        SELESAI = "selesai", _("Selesai")

    class Penanganan(models.TextChoices):
        PENGOBATAN = "pengobatan", _("Pengobatan/tata laksana")
        PMT = "pmt", _("Pemberian makanan tambahan (PMT)")
        KONSELING = "konseling", _("Konseling gizi")

    balita = models.ForeignKey(
        Balita, verbose_name=_("balita"), on_delete=models.CASCADE, related_name="kasus"
    )
    jenis = models.CharField(_("jenis kasus"), max_length=20, choices=Jenis.choices)
    pengukuran = models.ForeignKey(
        Pengukuran,
        verbose_name=_("pengukuran yang menemukan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kasus",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DITEMUKAN
    )
    tanggal_ditemukan = models.DateField(_("tanggal ditemukan"))
    tanggal_dirujuk = models.DateField(_("tanggal dirujuk"), null=True, blank=True)
    tanggal_ditangani = models.DateField(_("tanggal ditangani"), null=True, blank=True)
    penanganan = models.JSONField(
        _("penanganan"),
        default=list,
        blank=True,
        help_text=_("Centang semua yang diberikan, misalnya PMT dan konseling gizi."),
    )  # a list of Penanganan codes, in the order of Penanganan; validated by clean()
    tanggal_selesai = models.DateField(_("tanggal selesai"), null=True, blank=True)
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = KasusQuerySet.as_manager()

    class Meta:
        verbose_name = _("kasus")
        verbose_name_plural = _("kasus")
        ordering = ["-tanggal_ditemukan"]
        constraints = [
            models.UniqueConstraint(
                fields=["balita", "jenis"],
                condition=~Q(status="selesai"),
                name="satu_kasus_terbuka_per_jenis",
            ),
        ]

    def __str__(self):
        return f"{self.get_jenis_display()}: {self.balita}"

    def penanganan_label(self) -> str:
        """The treatments given, as their labels separated by commas ("" when none)."""
        label = dict(self.Penanganan.choices)
        return ", ".join(str(label.get(kode, kode)) for kode in self.penanganan or [])

    def clean(self):
        """A status names what it stands on: referred → date referred; handled → date
        handled and at least one treatment; resolved → date resolved, and a resolved case
        that had been handled keeps its treatments. Treatments are known codes, each once;
        no date before the case was found."""
        errors = {}
        penanganan = self.penanganan if self.penanganan is not None else []
        if not isinstance(penanganan, list) or not all(isinstance(k, str) for k in penanganan):
            errors["penanganan"] = _("Penanganan harus berupa daftar pilihan.")
        else:
            asing = [k for k in penanganan if k not in self.Penanganan.values]
            if asing:
                errors["penanganan"] = _("Penanganan tidak dikenal: %(kode)s.") % {
                    "kode": ", ".join(asing)
                }
            elif len(set(penanganan)) != len(penanganan):
                errors["penanganan"] = _("Setiap penanganan cukup dipilih sekali.")
        S = self.Status
        wajib = {
            S.DIRUJUK: ["tanggal_dirujuk"],
            S.DITANGANI: ["tanggal_ditangani", "penanganan"],
            S.SELESAI: ["tanggal_selesai"],
        }.get(self.status, [])
        if self.status == S.SELESAI and self.tanggal_ditangani:
            wajib.append("penanganan")
        for kolom in wajib:
            if not getattr(self, kolom) and kolom not in errors:
                errors[kolom] = _("Wajib diisi untuk status ini.")
        for kolom in ("tanggal_dirujuk", "tanggal_ditangani", "tanggal_selesai"):
            tanggal = getattr(self, kolom)
            if tanggal and self.tanggal_ditemukan and tanggal < self.tanggal_ditemukan:
                errors.setdefault(kolom, _("Tidak boleh sebelum tanggal kasus ditemukan."))
        if errors:
            raise ValidationError(errors)


KOLOM_KONDISI = ("zlen", "flen", "zwfl", "fwfl", "zwei", "fwei", "edema", "dua_t", "berat_kg")


def kondisi(zlen, flen, zwfl, fwfl, zwei, fwei, edema, dua_t, berat_kg) -> dict[str, bool | None]:
    """Each case condition at one measurement (the values of ``KOLOM_KONDISI``): True or
    False, or None when the measurement cannot tell — no (plausible) length for stunting,
    no weight for underweight and 2T, not both for wasting (edema alone tells wasting and
    severe underweight)."""
    J = Kasus.Jenis
    tb = zlen is not None and not flen
    bb_tb = zwfl is not None and not fwfl
    bb_u = zwei is not None and not fwei
    return {
        J.STUNTING: zlen < -2 if tb else None,
        J.WASTING: True if edema else (zwfl < -2 if bb_tb else None),
        J.BB_SANGAT_KURANG: True if edema else (zwei < -3 if bb_u else None),
        J.DUA_T: bool(dua_t) if berat_kg is not None else None,
    }


#: The case each condition of a child's current status calls for (``BalitaQuerySet.perlu_kasus``):
#: condition → (the column of ``BalitaQuerySet.dengan_status_terakhir``, the values that call
#: for it). Stunted: PB/U–TB/U pendek or sangat pendek; wasted: BB/PB–BB/TB gizi kurang or gizi
#: buruk; severely underweight: BB/U berat badan sangat kurang; 2T at the latest weighing.
STATUS_KASUS = {
    Kasus.Jenis.STUNTING: ("kat_tb_u", TB_U_LABELS[:2]),
    Kasus.Jenis.WASTING: ("kat_bb_tb", BB_TB_LABELS[:2]),
    Kasus.Jenis.BB_SANGAT_KURANG: ("kat_bb_u", BB_U_LABELS[:1]),
    Kasus.Jenis.DUA_T: ("dua_t_terakhir", (True,)),
}
