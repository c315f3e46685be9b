"""The daily reminders (``manage.py kirim_pengingat``, run once a day by a timer).

Each reminder is one reason told to one user once: its key names the kind, the object and
the due window (``opd.pemberitahuan.beri_tahu``). Windows are ranges of days, not single
days, so a day the job did not run is caught up on the next run, and a second run on the
same day tells nothing new:

- a semester's entry window: "opened" from its first day to its last, "closes in 7 days"
  from 7 to 2 days before the due date, "closes tomorrow" from 1 day before to the due
  date itself; to the operators of each OPD that must report and has not submitted (no
  report, a draft, or a returned one);
- a follow-up: "due in 7 days" from 7 days before its due date to the due date, "overdue"
  once it is (each for that due date: a moved due date is told again); to the operators
  of its responsible OPD;
- the follow-up digest: once per ISO week, to the Sekretariat TPPS.

Texts name agencies, meetings and semesters, never a child.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.dateformat import format as format_tanggal
from django.utils.translation import gettext as _

from evaluasi.models import Semester, opd_belum_mengajukan
from opd import pemberitahuan, roles
from opd.models import OPD
from tpps.models import TindakLanjut

Jenis = pemberitahuan.Jenis

#: Days before a due date the first reminder goes.
HARI_PERINGATAN = 7


@dataclass
class Hasil:
    """What one run told, per kind (new notifications), and the e-mails it sent."""

    per_jenis: dict[str, int] = field(default_factory=dict)
    surel_terkirim: int = 0
    surel_gagal: int = 0

    def tambah(self, jenis: str, baru: list) -> None:
        if baru:
            self.per_jenis[jenis] = self.per_jenis.get(jenis, 0) + len(baru)

    @property
    def jumlah(self) -> int:
        return sum(self.per_jenis.values())


def tanggal_panjang(hari: date) -> str:
    """7 Desember 2026 (month names of the active language)."""
    return format_tanggal(hari, "j F Y")


def _tautan_laporan(semester: Semester, opd: OPD) -> str:
    return reverse("evaluasi:laporan", args=[semester.kode, opd.pk])


def _jendela(semester: Semester, pada: date) -> tuple[str, str] | None:
    """The entry window's reminder due on ``pada``: (key part, title), or None."""
    if semester.status != Semester.Status.DIBUKA:
        return None
    if not semester.pengisian_dibuka <= pada <= semester.batas_pengisian:
        return None
    sisa = (semester.batas_pengisian - pada).days
    batas = tanggal_panjang(semester.batas_pengisian)
    if sisa <= 1:
        return "h1", _("Batas pengisian laporan semester %(kode)s %(kapan)s (%(batas)s)") % {
            "kode": semester.kode, "kapan": _("besok") if sisa == 1 else _("hari ini"),
            "batas": batas}
    if sisa <= HARI_PERINGATAN:
        return "h7", _("Pengisian laporan semester %(kode)s ditutup %(n)s hari lagi (%(batas)s)") % {
            "kode": semester.kode, "n": sisa, "batas": batas}
    return "buka", _("Pengisian laporan semester %(kode)s dibuka sampai %(batas)s") % {
        "kode": semester.kode, "batas": batas}


def ingatkan_jendela_laporan(pada: date, hasil: Hasil) -> None:
    for semester in Semester.objects.filter(status=Semester.Status.DIBUKA,
                                            pengisian_dibuka__lte=pada,
                                            batas_pengisian__gte=pada):
        jendela = _jendela(semester, pada)
        if jendela is None:
            continue
        bagian, judul = jendela
        for opd in opd_belum_mengajukan(semester):
            isi = _("Laporan %(opd)s untuk semester %(kode)s belum diajukan. Isi capaian "
                    "indikator, program dan anggaran, lalu ajukan sebelum batasnya.") % {
                        "opd": opd.singkatan, "kode": semester.kode}
            hasil.tambah(Jenis.JENDELA_LAPORAN, pemberitahuan.beri_tahu(
                pemberitahuan.operator_opd(opd), jenis=Jenis.JENDELA_LAPORAN,
                kunci=f"jendela_laporan:{semester.pk}:{opd.pk}:{bagian}",
                judul=judul, isi=isi, tautan=_tautan_laporan(semester, opd)))


def ingatkan_tindak_lanjut(pada: date, hasil: Hasil) -> None:
    terbuka = (
        TindakLanjut.objects.dengan_keadaan_pada(pada)
        .filter(status_pada__in=TindakLanjut.STATUS_TERBUKA,
                tenggat__lte=pada + timedelta(days=HARI_PERINGATAN))
        .select_related("opd_penanggung_jawab")
    )
    for tl in terbuka:
        tenggat = tanggal_panjang(tl.tenggat)
        if tl.terlambat:
            bagian = "lewat"
            judul = _("Tindak lanjut %(opd)s lewat tenggat (%(tenggat)s)") % {
                "opd": tl.opd_penanggung_jawab.singkatan, "tenggat": tenggat}
        else:
            bagian = "h7"
            judul = _("Tindak lanjut %(opd)s jatuh tempo %(tenggat)s") % {
                "opd": tl.opd_penanggung_jawab.singkatan, "tenggat": tenggat}
        isi = _("%(uraian)s\nCatat progresnya, dengan bukti bila sudah selesai.") % {
            "uraian": tl.uraian[:400]}
        hasil.tambah(Jenis.TINDAK_LANJUT, pemberitahuan.beri_tahu(
            pemberitahuan.operator_opd(tl.opd_penanggung_jawab), jenis=Jenis.TINDAK_LANJUT,
            kunci=f"tindak_lanjut:{tl.pk}:{bagian}:{tl.tenggat.isoformat()}",
            judul=judul, isi=isi, tautan=tl.get_absolute_url()))


def ringkasan_mingguan(pada: date) -> tuple[str, str]:
    """The weekly digest of the register on ``pada``: title and text (counts per OPD)."""
    keadaan = TindakLanjut.objects.dengan_keadaan_pada(pada).filter(
        status_pada__in=TindakLanjut.STATUS_TERBUKA)
    per_opd = (
        keadaan.values("opd_penanggung_jawab__singkatan")
        .annotate(lewat=Count("pk", filter=Q(terlambat=True)),
                  segera=Count("pk", filter=Q(terlambat=False,
                                              tenggat__lte=pada + timedelta(days=HARI_PERINGATAN))),
                  terbuka=Count("pk"))
        .order_by("-lewat", "-segera", "opd_penanggung_jawab__singkatan")
    )
    baris = [f"- {r['opd_penanggung_jawab__singkatan']}: "
             + _("%(lewat)s lewat tenggat, %(segera)s jatuh tempo 7 hari, %(terbuka)s terbuka") % r
             for r in per_opd if r["lewat"] or r["segera"]]
    lewat = sum(r["lewat"] for r in per_opd)
    segera = sum(r["segera"] for r in per_opd)
    judul = _("Ringkasan tindak lanjut minggu ini: %(lewat)s lewat tenggat, %(segera)s jatuh "
              "tempo dalam 7 hari") % {"lewat": lewat, "segera": segera}
    isi = "\n".join(baris) if baris else _("Tidak ada tindak lanjut yang lewat tenggat atau "
                                            "jatuh tempo dalam 7 hari.")
    return judul, isi


def kirim_ringkasan_mingguan(pada: date, hasil: Hasil) -> None:
    tahun, minggu, _hari = pada.isocalendar()
    judul, isi = ringkasan_mingguan(pada)
    hasil.tambah(Jenis.RINGKASAN_TINDAK_LANJUT, pemberitahuan.beri_tahu(
        pemberitahuan.pengguna_peran(roles.SEKRETARIAT), jenis=Jenis.RINGKASAN_TINDAK_LANJUT,
        kunci=f"ringkasan_tindak_lanjut:{tahun}-W{minggu:02d}", judul=judul, isi=isi,
        tautan=reverse("tindak_lanjut:rekap")))


def kirim_pengingat(*, pada: date) -> Hasil:
    """Every reminder due on ``pada``, then every e-mail still owed (also those a failed
    send left); the bell's figures are recounted."""
    hasil = Hasil()
    ingatkan_jendela_laporan(pada, hasil)
    ingatkan_tindak_lanjut(pada, hasil)
    kirim_ringkasan_mingguan(pada, hasil)
    hasil.surel_terkirim, hasil.surel_gagal = pemberitahuan.kirim_surel_tertunda()
    pemberitahuan.hitung_ulang_belum_dibaca()
    return hasil
