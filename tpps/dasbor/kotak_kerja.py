"""What waits for each role, at the top of its home: Pimpinan's signatures and the
city's laggards, the Sekretariat's queues. Each function costs a fixed number of queries,
whatever the number of reports, follow-ups or desa."""

from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q
from django.utils import timezone

from evaluasi.models import LaporanSemester, Semester, opd_belum_mengajukan
from opd.models import Pemberitahuan
from posyandu import ringkasan
from posyandu.models import Desa
from tpps.models import PengesahanLaporan

from .semester import tindak_lanjut_terlambat

#: A desa's prevalence is ranked only with at least this many children measured (its
#: stunting denominator): below it one child moves the figure by several points.
MIN_DIUKUR_DESA = 30
JUMLAH_DESA = 5


def menunggu_pengesahan():
    """Locked semesters whose report is not signed yet, oldest first."""
    return Semester.objects.filter(status=Semester.Status.DIKUNCI).exclude(
        Exists(PengesahanLaporan.objects.filter(semester=OuterRef("pk")))
    ).order_by("tahun", "nomor")


def desa_tertinggi(bulan: date, jumlah: int = JUMLAH_DESA, semua_desa: dict | None = None
                   ) -> list[dict]:
    """The ``jumlah`` desa with the highest stunting prevalence in ``bulan`` among those
    with at least ``MIN_DIUKUR_DESA`` children with a length/height-for-age z-score
    (numerator: stunted children; denominator: children with a valid HAZ, each child's
    latest measurement of the month, at their home desa). ``semua_desa``: every Desa (with
    its kecamatan) by pk, when the caller has them."""
    data = ringkasan.prevalensi_bulan_per("desa", bulan)
    layak = [(pk, p["stunting"].proporsi) for pk, p in data.items()
             if p["stunting"].proporsi.n >= MIN_DIUKUR_DESA]
    layak.sort(key=lambda x: (-(x[1].persen or 0), x[0]))
    pilihan = [pk for pk, _ in layak[:jumlah]]
    desa = semua_desa if semua_desa is not None else (
        Desa.objects.select_related("kecamatan").in_bulk(pilihan))
    return [{"desa": desa[pk], "proporsi": prop} for pk, prop in layak[:jumlah] if pk in desa]


def kerja_pimpinan(bulan: date, terlambat: list[dict] | None = None,
                   semua_desa: dict | None = None) -> dict:
    """``terlambat`` (``tindak_lanjut_terlambat()``) and ``semua_desa`` (every Desa by pk):
    when the caller has them already."""
    return {
        "menunggu_pengesahan": list(menunggu_pengesahan()),
        "terlambat_per_opd": tindak_lanjut_terlambat() if terlambat is None else terlambat,
        "desa_tertinggi": desa_tertinggi(bulan, semua_desa=semua_desa),
        "min_diukur_desa": MIN_DIUKUR_DESA,
    }


def kerja_sekretariat(pada: date | None = None, opd_belum: dict | None = None) -> dict:
    """The verification queue per semester (oldest submission first), the OPD not yet
    reporting in each open semester, and the returned reports with how long they wait.
    ``opd_belum``: the caller's ``opd_belum_mengajukan`` lists by semester pk, not read
    again."""
    pada = pada or timezone.localdate()
    s = LaporanSemester.Status
    antrean = (
        LaporanSemester.objects.filter(status=s.DIAJUKAN)
        .values("semester__kode")
        .annotate(n=Count("pk"), ulang=Count("pk", filter=Q(dikembalikan_pada__isnull=False)))
        .order_by("semester__kode")
    )
    dibuka = list(Semester.objects.filter(status=Semester.Status.DIBUKA).order_by("tahun", "nomor"))
    opd_belum = opd_belum or {}
    belum = [{"semester": sm, "opd": opd_belum[sm.pk] if sm.pk in opd_belum else list(
        opd_belum_mengajukan(sm).order_by("urutan", "singkatan"))} for sm in dibuka]
    dikembalikan = list(
        LaporanSemester.objects.filter(status=s.DIKEMBALIKAN)
        .select_related("semester", "opd").order_by("dikembalikan_pada")
    )
    for lap in dikembalikan:
        lap.hari_menunggu = (pada - timezone.localdate(lap.dikembalikan_pada)).days \
            if lap.dikembalikan_pada else None
    return {"antrean": list(antrean), "jumlah_antrean": sum(a["n"] for a in antrean),
            "belum_lapor": belum, "dikembalikan": dikembalikan}


def pemberitahuan_terbaru(user, jumlah: int = 5) -> list[Pemberitahuan]:
    """The user's unread notifications, newest first (at most ``jumlah``); no query when
    the bell's figure says there are none."""
    if not user.jumlah_belum_dibaca:
        return []
    return list(Pemberitahuan.objects.filter(penerima=user, dibaca_pada__isnull=True)
                .order_by(F("dibuat_pada").desc(), "-pk")[:jumlah])
