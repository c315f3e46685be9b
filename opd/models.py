"""The TPPS roster: member agencies, the decree, bidang, people, partners and users."""

from datetime import date

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tpps.lib.berkas import nama_berkas_unik, validasi_dokumen


class OPDQuerySet(models.QuerySet):
    def aktif(self):
        return self.filter(aktif=True)

    def wajib_lapor(self):
        """The members that must report every semester: the denominator of completeness."""
        return self.filter(aktif=True, wajib_lapor=True)


class OPDManager(models.Manager.from_queryset(OPDQuerySet)):
    def get_by_natural_key(self, singkatan):
        return self.get(singkatan=singkatan)


class OPD(models.Model):
    """A member of the task force: an OPD, a kecamatan, a vertical agency or an organisation."""

    class Jenis(models.TextChoices):
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        BADAN = "badan", _("Badan")
        DINAS = "dinas", _("Dinas")
        INSPEKTORAT = "inspektorat", _("Inspektorat")
        SATUAN = "satuan", _("Satuan")
        RUMAH_SAKIT = "rumah_sakit", _("Rumah sakit daerah")
        KECAMATAN = "kecamatan", _("Kecamatan")
        INSTANSI_VERTIKAL = "instansi_vertikal", _("Instansi vertikal")
        ORGANISASI = "organisasi", _("Organisasi kemasyarakatan")
        LAINNYA = "lainnya", _("Lainnya")

    singkatan = models.CharField(_("singkatan"), max_length=40, unique=True)
    nama = models.CharField(_("nama lengkap"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=Jenis.choices)
    aktif = models.BooleanField(_("aktif"), default=True)
    wajib_lapor = models.BooleanField(
        _("wajib lapor semester"),
        default=True,
        help_text=_("Anggota yang wajib menyampaikan capaian setiap semester."),
    )
    alamat = models.CharField(_("alamat kantor"), max_length=255, blank=True)
    telepon = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    urutan = models.PositiveSmallIntegerField(
        _("urutan"), default=100, help_text=_("Urutan tampil, seperti dalam SK.")
    )
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    objects = OPDManager()

    class Meta:
        verbose_name = _("anggota TPPS (OPD/instansi)")
        verbose_name_plural = _("anggota TPPS (OPD/instansi)")
        ordering = ["urutan", "singkatan"]

    def __str__(self):
        return self.singkatan

    def get_absolute_url(self):
        return reverse("opd:detail", args=[self.pk])

    def natural_key(self):
        return (self.singkatan,)


def lokasi_berkas_sk(_sk, nama: str) -> str:
    return nama_berkas_unik("sk", nama)


class SK(models.Model):
    """A decree (Surat Keputusan) that sets the task force's membership."""

    nomor = models.CharField(_("nomor"), max_length=120, unique=True)
    tanggal = models.DateField(_("tanggal"))
    perihal = models.CharField(_("perihal"), max_length=300)
    berkas = models.FileField(
        _("berkas SK"),
        upload_to=lokasi_berkas_sk,
        validators=[validasi_dokumen],
        blank=True,
        help_text=_("PDF, PNG atau JPG. Hanya dapat diunduh oleh pengguna yang masuk."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("SK keanggotaan")
        verbose_name_plural = _("SK keanggotaan")
        ordering = ["-tanggal", "-pk"]

    def __str__(self):
        return self.nomor


class Bidang(models.Model):
    """A working group of the task force; names differ from one decree to the next."""

    sk = models.ForeignKey(
        SK, verbose_name=_("SK"), on_delete=models.PROTECT, related_name="bidang", null=True,
        blank=True,
    )
    nama = models.CharField(_("nama bidang"), max_length=200)
    tugas = models.TextField(_("tugas"), blank=True)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bidang")
        verbose_name_plural = _("bidang")
        ordering = ["urutan", "nama"]
        constraints = [
            models.UniqueConstraint(fields=["sk", "nama"], name="bidang_unik_per_sk"),
        ]

    def __str__(self):
        return self.nama


class AnggotaTimQuerySet(models.QuerySet):
    def aktif(self, pada: date | None = None):
        """People serving on ``pada`` (today by default): started, and not yet ended."""
        pada = pada or timezone.localdate()
        return self.filter(Q(sampai__isnull=True) | Q(sampai__gte=pada), mulai__lte=pada)

    def selesai(self, pada: date | None = None):
        pada = pada or timezone.localdate()
        return self.filter(sampai__lt=pada)

    def menurut_peran(self):
        """Leaders first, focal persons last, as the roster is read."""
        urutan = models.Case(
            *[
                models.When(peran=peran, then=models.Value(nomor))
                for nomor, peran in enumerate(AnggotaTim.Peran.values)
            ],
            output_field=models.IntegerField(),
        )
        return self.annotate(urutan_peran=urutan).order_by("urutan_peran", "mulai", "nama")


class AnggotaTim(models.Model):
    """A person who represents a member agency in the task force, for a period.

    A change of representative ends one record (``sampai``) and starts another, so the
    roster keeps who served when.
    """

    class Peran(models.TextChoices):
        KETUA = "ketua", _("Ketua")
        WAKIL = "wakil", _("Wakil ketua")
        SEKRETARIS = "sekretaris", _("Sekretaris")
        KOORDINATOR = "koordinator", _("Koordinator bidang")
        ANGGOTA = "anggota", _("Anggota")
        FOCAL_PERSON = "focal_person", _("Focal person")

    opd = models.ForeignKey(
        OPD, verbose_name=_("OPD/instansi"), on_delete=models.PROTECT, related_name="anggota"
    )
    nama = models.CharField(_("nama"), max_length=150)
    jabatan = models.CharField(_("jabatan di instansi"), max_length=150, blank=True)
    peran = models.CharField(_("peran dalam TPPS"), max_length=20, choices=Peran.choices)
    bidang = models.ForeignKey(
        Bidang, verbose_name=_("bidang"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="anggota",
    )
    sk = models.ForeignKey(
        SK, verbose_name=_("SK penetapan"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="anggota",
    )
    telepon = models.CharField(_("telepon/WA"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    mulai = models.DateField(_("mulai menjabat"), default=timezone.localdate)
    sampai = models.DateField(
        _("sampai"), null=True, blank=True, help_text=_("Kosong bila masih menjabat.")
    )
    history = HistoricalRecords()

    objects = AnggotaTimQuerySet.as_manager()

    class Meta:
        verbose_name = _("perwakilan dalam TPPS")
        verbose_name_plural = _("perwakilan dalam TPPS")
        ordering = ["opd__urutan", "opd__singkatan", "-mulai", "nama"]
        indexes = [models.Index(fields=["opd", "sampai"])]
        permissions = [
            (
                "kelola_anggota_opd_sendiri",
                _("Dapat mengelola perwakilan OPD-nya sendiri"),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(sampai__isnull=True) | Q(sampai__gte=models.F("mulai")),
                name="anggota_sampai_setelah_mulai",
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.opd})"

    def clean(self):
        if self.sampai and self.mulai and self.sampai < self.mulai:
            raise ValidationError(
                {"sampai": _("Tanggal selesai tidak boleh sebelum tanggal mulai.")}
            )
        if self.peran == self.Peran.KOORDINATOR and not self.bidang_id:
            raise ValidationError({"bidang": _("Koordinator bidang harus memilih bidangnya.")})



class Mitra(models.Model):
    """A CSR / TJSLBU partner (a company) that contributes to stunting reduction."""

    nama = models.CharField(_("nama perusahaan"), max_length=200, unique=True)
    sektor = models.CharField(_("sektor usaha"), max_length=120, blank=True)
    alamat = models.CharField(_("alamat"), max_length=255, blank=True)
    narahubung = models.CharField(_("narahubung"), max_length=150, blank=True)
    telepon = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)
    catatan = models.TextField(_("catatan"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mitra CSR/TJSLBU")
        verbose_name_plural = _("mitra CSR/TJSLBU")
        ordering = ["nama"]

    def __str__(self):
        return self.nama

    def get_absolute_url(self):
        # The partner's page is the contributions feature's (tpps.kontribusi).
        return reverse("kontribusi:mitra", args=[self.pk])


class User(AbstractUser):
    """A user of the system; Operator OPD users belong to an agency."""

    opd = models.ForeignKey(
        OPD, verbose_name=_("OPD/instansi"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="pengguna",
    )
    jabatan = models.CharField(_("jabatan"), max_length=150, blank=True)
    nip = models.CharField(
        _("NIP"), max_length=30, blank=True,
        help_text=_("Nomor Induk Pegawai, dicetak di blok tanda tangan laporan yang disahkan."),
    )
    telepon = models.CharField(
        _("telepon/WhatsApp"), max_length=40, blank=True,
        help_text=_("Nomor ponsel untuk tombol Kirim via WhatsApp, mis. 0812 3456 7890."),
    )
    #: Unread notifications, kept with the user so the bell costs no query on any page;
    #: opd.pemberitahuan keeps it (and kirim_pengingat recounts it).
    jumlah_belum_dibaca = models.PositiveIntegerField(
        _("pemberitahuan belum dibaca"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["password", "last_login", "jumlah_belum_dibaca"])

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        swappable = "AUTH_USER_MODEL"

    def __str__(self):
        return self.get_full_name() or self.username


class Pemberitahuan(models.Model):
    """One thing a user is told of: in their inbox (the bell), and by e-mail unless they
    have no address or switched that kind's e-mail off.

    ``kunci`` names the reason (kind, object and due window, e.g.
    ``tindak_lanjut:12:lewat``): a user is told of one reason once, however often the
    daily job runs. The text never holds a child's name or NIK; it links to the page.
    """

    class Jenis(models.TextChoices):
        JENDELA_LAPORAN = "jendela_laporan", _("Masa pengisian laporan semester")
        LAPORAN_DIKEMBALIKAN = "laporan_dikembalikan", _("Laporan dikembalikan")
        LAPORAN_DIAJUKAN_ULANG = "laporan_diajukan_ulang", _("Laporan diajukan ulang")
        TINDAK_LANJUT = "tindak_lanjut", _("Tindak lanjut jatuh tempo")
        RINGKASAN_TINDAK_LANJUT = "ringkasan_tindak_lanjut", _("Ringkasan mingguan tindak lanjut")
        RAPAT = "rapat", _("Undangan dan perubahan rapat")
        MENUNGGU_PENGESAHAN = "menunggu_pengesahan", _("Laporan menunggu pengesahan")
        KASUS_BARU = "kasus_baru", _("Kasus gizi baru")

    penerima = models.ForeignKey(
        "opd.User", verbose_name=_("penerima"), on_delete=models.CASCADE,
        related_name="pemberitahuan",
    )
    jenis = models.CharField(_("jenis"), max_length=30, choices=Jenis.choices)
    kunci = models.CharField(_("kunci"), max_length=200)
    judul = models.CharField(_("judul"), max_length=250)
    isi = models.TextField(_("isi"), blank=True)
    tautan = models.CharField(_("tautan"), max_length=500, blank=True)
    lampiran_ics = models.TextField(_("lampiran kalender (.ics)"), blank=True, editable=False)
    dibuat_pada = models.DateTimeField(_("dibuat pada"), default=timezone.now, db_index=True)
    dibaca_pada = models.DateTimeField(_("dibaca pada"), null=True, blank=True)
    surel_terkirim_pada = models.DateTimeField(_("surel terkirim pada"), null=True, blank=True)
    #: Whether an e-mail is owed: the user had an address and the kind's e-mail on when the
    #: notification was made. A failed send stays owed and is retried by kirim_pengingat.
    surel_perlu = models.BooleanField(_("perlu dikirim lewat surel"), default=False)

    class Meta:
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")
        ordering = ["-dibuat_pada", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["penerima", "kunci"], name="pemberitahuan_sekali"),
        ]
        indexes = [models.Index(fields=["penerima", "dibaca_pada"])]

    def __str__(self):
        return self.judul


class PreferensiSurel(models.Model):
    """A kind of notification a user does not want by e-mail (the inbox still holds it).
    No row: the kind comes by e-mail."""

    user = models.ForeignKey(
        "opd.User", verbose_name=_("pengguna"), on_delete=models.CASCADE,
        related_name="surel_dimatikan",
    )
    jenis = models.CharField(_("jenis"), max_length=30, choices=Pemberitahuan.Jenis.choices)
    dimatikan_pada = models.DateTimeField(_("dimatikan pada"), default=timezone.now)

    class Meta:
        verbose_name = _("surel yang dimatikan")
        verbose_name_plural = _("surel yang dimatikan")
        constraints = [
            models.UniqueConstraint(fields=["user", "jenis"], name="preferensi_surel_sekali"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_jenis_display()}"
