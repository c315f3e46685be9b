"""Children under five (balita): identity, home Posyandu, status, and the NIK privacy log."""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..growth import HEIGHT_FROM_DAY, MAX_AGE_MONTHS
from .wilayah import Desa, Posyandu

validasi_nik = RegexValidator(r"^\d{16}$", _("NIK harus tepat 16 angka."), code="nik")


def samarkan_nik(nik: str) -> str:
    """3579010101010001 → 3579********0001: enough to tell children apart, not to misuse."""
    if not nik:
        return ""
    return f"{nik[:4]}{'*' * 8}{nik[-4:]}"


#: The columns of ``BalitaQuerySet.dengan_status_terakhir``: alias → (what a measurement
#: must hold to give it, the field it is read from). Each index comes from the latest
#: measurement that holds it.
KOLOM_STATUS = {
    "ukur_terakhir": ({}, "tanggal_ukur"),
    "kat_tb_u": ({"tinggi_cm__isnull": False}, "kategori_tb_u"),
    "kat_bb_u": ({"berat_kg__isnull": False}, "kategori_bb_u"),
    "kat_bb_tb": ({"tinggi_cm__isnull": False, "berat_kg__isnull": False}, "kategori_bb_tb"),
    "naik_terakhir": ({"berat_kg__isnull": False}, "naik"),
    "dua_t_terakhir": ({"berat_kg__isnull": False}, "dua_t"),
}


def _ukur_anak(**syarat):
    """The measurements of the outer query's child meeting ``syarat``, newest first."""
    from .pengukuran import Pengukuran

    return Pengukuran.objects.filter(balita=models.OuterRef("pk"), **syarat).order_by(
        "-tanggal_ukur"
    )


def _benar(syarat: Q):
    """``syarat`` as a True/False column (never NULL)."""
    return models.Case(models.When(syarat, then=models.Value(True)),
                       default=models.Value(False), output_field=models.BooleanField())


class BalitaQuerySet(models.QuerySet):
    def sasaran(self, pada: date | None = None):
        """Children expected at Posyandu on ``pada`` (S of SKDN): active on that day, born
        by then and younger than the engine's ``MAX_AGE_MONTHS`` (60 months). Active on
        ``pada`` = status active today, or a status (moved, died, aged out) dated after
        ``pada``: a past month's S counts the children who left later."""
        pada = pada or timezone.localdate()
        return self.filter(
            Q(status=Balita.Status.AKTIF) | Q(tanggal_status__gt=pada),
            tanggal_lahir__lte=pada,
            tanggal_lahir__gt=pada - relativedelta(months=MAX_AGE_MONTHS),
        )

    def sasaran_bulan(self, bulan: date):
        """S of the month of ``bulan`` (SKDN, coverage D/S): children expected at any time
        in it — in ``sasaran`` on its first day or on its last. A child born, moved away,
        died or turning 60 months during the month counts, so every child weighed in the
        month is in S."""
        awal = bulan.replace(day=1)
        akhir = awal + relativedelta(months=1, days=-1)
        return self.sasaran(awal) | self.sasaran(akhir)

    def ditimbang_bulan(self, bulan: date):
        """D of the month of ``bulan`` (SKDN and the dashboard's coverage alike): the
        children of S (``sasaran_bulan``) with a weight recorded in the month, at any event
        (monthly weighing, bulan penimbangan, Posyandu Spesial, an import), aged 0–59 months
        at that weighing (``Pengukuran.objects.penimbangan_bulan``). Each child counts once,
        however often weighed, at their home Posyandu and home desa; a later measurement
        without a weight does not take them out. D/S = participation: numerator these
        children, denominator ``sasaran_bulan``; D never exceeds S."""
        from .pengukuran import Pengukuran

        timbang = Pengukuran.objects.penimbangan_bulan(bulan)
        return self.sasaran_bulan(bulan).filter(pk__in=timbang.values("balita"))

    def jumlah_sasaran_dan_kia_per_posyandu(
        self, bulan: date
    ) -> dict[int, tuple[int, int, int]]:
        """S and K of SKDN per home Posyandu in the month of ``bulan``, in one query:
        (S, K, unknown). S = ``sasaran_bulan``; K = those of S recorded as holding a KIA
        book (``punya_buku_kia``); unknown = those of S with nothing recorded, who are not
        in K. K/S = the share of S holding a KIA book."""
        return {
            posyandu: (s, k, belum)
            for posyandu, s, k, belum in self.sasaran_bulan(bulan)
            .order_by()
            .values_list("posyandu")
            .annotate(
                s=Count("pk"),
                k=Count("pk", filter=Q(punya_buku_kia=True)),
                belum=Count("pk", filter=Q(punya_buku_kia__isnull=True)),
            )
        }

    def jumlah_sasaran_per_posyandu(self, pada: date | None = None) -> dict[int, int]:
        """S of SKDN per home Posyandu on ``pada`` (see ``sasaran``), in one query."""
        return dict(
            self.sasaran(pada).order_by().values_list("posyandu").annotate(n=Count("pk"))
        )

    def dengan_status_terakhir(self):
        """Annotate each child with their latest status, each index from the latest
        measurement that has a value for it (most monthly weighings have no length):
        ``ukur_terakhir`` the latest measurement of any kind; ``kat_tb_u`` from the latest
        with a length/height; ``kat_bb_u``, ``naik_terakhir`` (N/T) and ``dua_t_terakhir``
        (2T) from the latest with a weight; ``kat_bb_tb`` from the latest with both
        (``KOLOM_STATUS``). One correlated subquery per column, in SQL."""
        return self.annotate(**{
            alias: models.Subquery(_ukur_anak(**ada).values(kolom)[:1])
            for alias, (ada, kolom) in KOLOM_STATUS.items()
        })

    def dengan_kebutuhan_kasus(self):
        """``dengan_status_terakhir`` and, for each case condition J (``Kasus.Jenis``, read
        from the status by ``pengukuran.STATUS_KASUS``):

        * ``perlu_J``: the current status calls for a case of J;
        * ``tgl_J``: the date of the measurement showing that status (the latest holding
          the index: a length for stunting, weight and length for wasting, a weight for
          severe underweight and 2T);
        * ``terbuka_J``: the child has an open case of J (status not *selesai*);
        * ``selesai_J``: the latest resolution date (``tanggal_selesai``) of a case of J;
        * ``menunggu_J``: needed, no open case, and a case of J resolved on or after
          ``tgl_J`` — handled and resolved with that measurement known: the reason there is
          no case, until a later measurement shows the condition again;
        * ``tertinggal_J``: needed, no open case and no such reason — a missed case.

        Correlated subqueries, in SQL; not narrowed (see ``perlu_kasus``)."""
        from .pengukuran import STATUS_KASUS, Kasus

        qs = self.dengan_status_terakhir()
        for jenis, (alias, nilai) in STATUS_KASUS.items():
            ada, _kolom = KOLOM_STATUS[alias]
            kasus = Kasus.objects.filter(balita=models.OuterRef("pk"), jenis=jenis)
            qs = qs.annotate(**{
                f"perlu_{jenis}": _benar(Q(**{f"{alias}__in": nilai})),
                f"tgl_{jenis}": models.Subquery(_ukur_anak(**ada).values("tanggal_ukur")[:1]),
                f"terbuka_{jenis}": models.Exists(kasus.terbuka()),
                f"selesai_{jenis}": models.Subquery(
                    kasus.filter(status=Kasus.Status.SELESAI, tanggal_selesai__isnull=False)
                    .order_by("-tanggal_selesai").values("tanggal_selesai")[:1]
                ),
            })
            tanpa_terbuka = Q(**{f"perlu_{jenis}": True, f"terbuka_{jenis}": False})
            sesudah = Q(**{f"selesai_{jenis}__gte": models.F(f"tgl_{jenis}")})
            sebelum = Q(**{f"selesai_{jenis}__isnull": True}) | Q(
                **{f"selesai_{jenis}__lt": models.F(f"tgl_{jenis}")})
            qs = qs.annotate(**{
                f"menunggu_{jenis}": _benar(tanpa_terbuka & sesudah),
                f"tertinggal_{jenis}": _benar(tanpa_terbuka & sebelum),
            })
        return qs

    def perlu_kasus(self):
        """Children *needing a case*: active today and under 60 months (``sasaran``) whose
        current status — each index from the latest measurement that holds it
        (``dengan_status_terakhir``) — is stunted (PB/U–TB/U pendek or sangat pendek),
        wasted (BB/PB–BB/TB gizi kurang or gizi buruk), severely underweight (BB/U berat
        badan sangat kurang), or 2T at the latest weighing; annotated as
        ``dengan_kebutuhan_kasus``. Each of them should have an open case of each condition
        (``terbuka_J``) or a case of it resolved on or after the measurement showing it
        (``menunggu_J``); the others are ``kasus_tertinggal``."""
        return self.sasaran().dengan_kebutuhan_kasus().filter(self.salah_satu("perlu"))

    def dengan_awal_kasus(self):
        """``perlu_kasus`` with, for each condition J, where a missing case starts:
        ``sejak_J`` / ``ukur_sejak_J`` the date / pk of the first measurement of the
        condition's current run — the earliest measurement holding the index and showing J
        after both the latest one holding it without J and the latest resolution of a case
        of J. That is where a case would have been opened at the time (read for the
        children of ``kasus_tertinggal``)."""
        from .pengukuran import STATUS_KASUS

        awal = models.Value(date(1900, 1, 1), output_field=models.DateField())
        qs = self.perlu_kasus()
        for jenis, (alias, nilai) in STATUS_KASUS.items():
            ada, kolom = KOLOM_STATUS[alias]
            tunjuk = {f"{kolom}__in": nilai}
            qs = qs.annotate(**{f"bukan_{jenis}": models.Subquery(
                _ukur_anak(**ada).exclude(**tunjuk).values("tanggal_ukur")[:1])})
            jalur = (
                _ukur_anak(**ada).filter(**tunjuk)
                .filter(tanggal_ukur__gt=Coalesce(models.OuterRef(f"bukan_{jenis}"), awal))
                .filter(tanggal_ukur__gt=Coalesce(models.OuterRef(f"selesai_{jenis}"), awal))
                .order_by("tanggal_ukur")
            )
            qs = qs.annotate(**{
                f"sejak_{jenis}": models.Subquery(jalur.values("tanggal_ukur")[:1]),
                f"ukur_sejak_{jenis}": models.Subquery(jalur.values("pk")[:1]),
            })
        return qs

    @staticmethod
    def salah_satu(awalan: str) -> Q:
        """Any condition J with the annotation ``<awalan>_J`` true (``tertinggal``,
        ``menunggu``, ``perlu``)."""
        from .pengukuran import STATUS_KASUS

        hasil = Q()
        for jenis in STATUS_KASUS:
            hasil |= Q(**{f"{awalan}_{jenis}": True})
        return hasil

    def kasus_tertinggal(self):
        """Missed cases: children of ``perlu_kasus`` with a condition J that has neither an
        open case nor a case resolved on or after the measurement showing it
        (``tertinggal_J``), each such J annotated with where the missing case starts
        (``dengan_awal_kasus``)."""
        return self.dengan_awal_kasus().filter(self.salah_satu("tertinggal"))

    def kasus_selesai_menunggu(self):
        """Children of ``perlu_kasus`` without an open case of a condition J they need
        because a case of J was resolved on or after the measurement showing it
        (``menunggu_J``): the reason shown for them, until a later measurement."""
        return self.perlu_kasus().filter(self.salah_satu("menunggu"))

    def nik_dipakai_bersama(self):
        """Children whose NIK is also on another child (a parent's NIK, or an error): to
        clean. Twins on a parent's NIK share NIK and birth date and are still two children."""
        ganda = (
            self.model.objects.exclude(nik="")
            .values("nik")
            .annotate(n=Count("pk"))
            .filter(n__gt=1)
            .values("nik")
        )
        return self.filter(nik__in=ganda)

    def perlu_dianonimkan(self, pada: date, hari: int):
        """Children whose identity is kept no longer (UU 27/2022): moved away (*pindah*) or
        aged out (*lulus*, or still *aktif* past 60 months when the status job has not
        marked them) at least ``hari`` days before ``pada``, counted from ``tanggal_status``
        (aged out: the day they turned 60 months), and not anonymised yet. Children who
        died are not included."""
        batas = pada - timedelta(days=hari)
        return self.filter(dianonimkan_pada__isnull=True).filter(
            Q(status__in=[Balita.Status.PINDAH, Balita.Status.LULUS], tanggal_status__lte=batas)
            | Q(status=Balita.Status.AKTIF,
                tanggal_lahir__lte=batas - relativedelta(months=MAX_AGE_MONTHS))
        )

    def mungkin_sama(self, *, nik="", nama="", tanggal_lahir=None, nama_ibu=""):
        """Likely duplicates of a child about to be added: same NIK and birth date, or the
        same name, birth date and mother's name (case-insensitive)."""
        syarat = Q(pk__in=[])
        if nik and tanggal_lahir:
            syarat |= Q(nik=nik, tanggal_lahir=tanggal_lahir)
        if nama and tanggal_lahir and nama_ibu:
            syarat |= Q(
                nama__iexact=nama.strip(),
                tanggal_lahir=tanggal_lahir,
                nama_ibu__iexact=nama_ibu.strip(),
            )
        return self.filter(syarat)


class Balita(models.Model):
    class JenisKelamin(models.TextChoices):
        LAKI_LAKI = "L", _("Laki-laki")
        PEREMPUAN = "P", _("Perempuan")

    class Status(models.TextChoices):
        AKTIF = "aktif", _("Aktif")
        PINDAH = "pindah", _("Pindah")
        MENINGGAL = "meninggal", _("Meninggal")
        LULUS = "lulus", _("Lulus (usia 60 bulan)")

    nik = models.CharField(
        _("NIK"),
        max_length=16,
        blank=True,
        validators=[validasi_nik],
        help_text=_("16 angka; kosongkan bila belum punya."),
    )
    nama = models.CharField(_("nama"), max_length=150)
    jenis_kelamin = models.CharField(_("jenis kelamin"), max_length=1, choices=JenisKelamin.choices)
    tanggal_lahir = models.DateField(_("tanggal lahir"))
    nama_ibu = models.CharField(_("nama ibu"), max_length=150, blank=True)
    desa = models.ForeignKey(
        Desa,
        verbose_name=_("desa/kelurahan tempat tinggal"),
        on_delete=models.PROTECT,
        related_name="balita",
    )
    rt = models.CharField(_("RT"), max_length=5, blank=True)
    rw = models.CharField(_("RW"), max_length=5, blank=True)
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    posyandu = models.ForeignKey(
        Posyandu, verbose_name=_("Posyandu"), on_delete=models.PROTECT, related_name="balita"
    )
    berat_lahir_kg = models.DecimalField(
        _("berat lahir (kg)"), max_digits=4, decimal_places=2, null=True, blank=True
    )
    panjang_lahir_cm = models.DecimalField(
        _("panjang lahir (cm)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    punya_buku_kia = models.BooleanField(
        _("punya buku KIA"),
        null=True,
        blank=True,
        help_text=_("Memegang buku KIA (atau KMS) untuk mencatat pertumbuhan: K pada SKDN."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AKTIF
    )
    tanggal_status = models.DateField(
        _("tanggal status"),
        null=True,
        blank=True,
        help_text=_("Tanggal pindah, meninggal atau genap 60 bulan."),
    )
    dibuat_pada = models.DateTimeField(auto_now_add=True)
    dianonimkan_pada = models.DateTimeField(
        _("dianonimkan pada"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Nama, NIK, nama ibu, alamat dan RT/RW dihapus setelah masa retensi; "
                    "jenis kelamin, bulan lahir dan pengukuran tetap."),
    )
    history = HistoricalRecords(excluded_fields=["dibuat_pada"])

    objects = BalitaQuerySet.as_manager()

    class Meta:
        verbose_name = _("balita")
        verbose_name_plural = _("balita")
        ordering = ["nama"]
        permissions = [
            ("lihat_nik", _("Dapat melihat NIK lengkap")),
            ("akses_semua_wilayah", _("Dapat mengakses balita di seluruh wilayah kota")),
            ("ekspor_data_anak", _("Dapat mengekspor seluruh data satu balita (permintaan "
                                   "orang tua/wali)")),
        ]
        indexes = [
            models.Index(fields=["nik", "tanggal_lahir"]),
            models.Index(Lower("nama"), "tanggal_lahir", name="balita_nama_lahir_idx"),
            models.Index(fields=["posyandu", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                "nik",
                "tanggal_lahir",
                Lower("nama"),
                condition=~Q(nik=""),
                name="balita_nik_lahir_nama_unik",
                violation_error_message=_(
                    "Sudah ada balita dengan NIK, tanggal lahir dan nama yang sama."
                ),
            ),
        ]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        return reverse("posyandu:balita-detail", args=[self.pk])

    def clean(self):
        if self.tanggal_lahir and self.tanggal_lahir > timezone.localdate():
            raise ValidationError({"tanggal_lahir": _("Tanggal lahir tidak boleh di masa depan.")})
        if self.status != self.Status.AKTIF and not self.tanggal_status:
            raise ValidationError({"tanggal_status": _("Isi tanggal perubahan status.")})

    def kebutuhan_kasus(self) -> list[dict]:
        """The conditions this child's status calls a case for, one dict each, read from
        the annotations of ``BalitaQuerySet.dengan_kebutuhan_kasus`` (and, for a missed
        case, ``kasus_tertinggal``): ``jenis``, ``label``, ``tanggal_ukur`` (the measurement
        showing it), ``terbuka``, ``selesai`` (latest resolution), ``menunggu`` (resolved
        on or after that measurement: the reason there is no open case), ``tertinggal``
        (neither), ``sejak`` / ``ukur_sejak`` (where a missed case starts)."""
        from .pengukuran import STATUS_KASUS, Kasus

        return [
            {
                "jenis": jenis,
                "label": Kasus.Jenis(jenis).label,
                "tanggal_ukur": getattr(self, f"tgl_{jenis}"),
                "terbuka": getattr(self, f"terbuka_{jenis}"),
                "selesai": getattr(self, f"selesai_{jenis}"),
                "menunggu": getattr(self, f"menunggu_{jenis}"),
                "tertinggal": getattr(self, f"tertinggal_{jenis}"),
                "sejak": getattr(self, f"sejak_{jenis}", None),
                "ukur_sejak": getattr(self, f"ukur_sejak_{jenis}", None),
            }
            for jenis in STATUS_KASUS
            if getattr(self, f"perlu_{jenis}")
        ]

    @property
    def nik_tersamar(self) -> str:
        return samarkan_nik(self.nik)

    @property
    def tanggal_60_bulan(self) -> date:
        return self.tanggal_lahir + relativedelta(months=MAX_AGE_MONTHS)

    def umur_hari(self, pada: date) -> int:
        return (pada - self.tanggal_lahir).days

    def cara_ukur_awal(self, pada: date) -> str:
        """The position a kader measures in on ``pada``, offered first on the fast-entry
        row: lying ("l") before the engine's ``HEIGHT_FROM_DAY``, standing ("h")
        from it."""
        return "l" if self.umur_hari(pada) < HEIGHT_FROM_DAY else "h"

    def umur_teks(self, pada: date | None = None) -> str:
        pada = pada or timezone.localdate()
        selisih = relativedelta(pada, self.tanggal_lahir)
        return _("%(bulan)d bln %(hari)d hr") % {
            "bulan": selisih.years * 12 + selisih.months,
            "hari": selisih.days,
        }


def tanggal_lahir_anonim(lahir: date) -> date:
    """The birth date an anonymised child keeps: its month, on the 1st for a child born on
    the 1st and on the 2nd otherwise. Which children are in S of a month
    (``BalitaQuerySet.sasaran_bulan``: on its first or its last day, under 60 months) then
    stays exactly as with the true date, for every month: only "born on the 1st or not"
    decides it (in the birth month and the month of turning 60 months)."""
    return lahir.replace(day=1 if lahir.day == 1 else 2)


class LogAksesData(models.Model):
    """Every reveal of a full NIK, every export of child records and every opening of a
    child's page (at most once per user, child and day): who, when, what."""

    class Aksi(models.TextChoices):
        LIHAT_NIK = "lihat_nik", _("Melihat NIK lengkap")
        EKSPOR = "ekspor", _("Mengekspor data balita")
        CARI_NIK = "cari_nik", _("Mencari balita dengan NIK")
        LIHAT_BALITA = "lihat_balita", _("Membuka halaman balita")
        EKSPOR_ANAK = "ekspor_anak", _("Mengekspor seluruh data satu balita")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    waktu = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    aksi = models.CharField(_("aksi"), max_length=20, choices=Aksi.choices)
    balita = models.ForeignKey(
        Balita,
        verbose_name=_("balita"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    tanggal = models.DateField(
        _("tanggal"), default=timezone.localdate, null=True, blank=True, editable=False,
        help_text=_("Hari akses (waktu setempat): satu catatan buka halaman per pengguna, "
                    "balita dan hari."),
    )

    class Meta:
        verbose_name = _("log akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-waktu"]
        indexes = [models.Index(fields=["balita", "-waktu"], name="logakses_balita_waktu_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "balita", "aksi", "tanggal"],
                condition=Q(aksi="lihat_balita"),
                name="logakses_lihat_balita_sehari_sekali",
            ),
        ]

    def __str__(self):
        return f"{self.waktu:%Y-%m-%d %H:%M} {self.user} {self.get_aksi_display()}"
