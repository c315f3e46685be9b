"""The semester part of the Sekda dashboard: scorecard, OPD completeness and timeliness,
budget realisation, follow-ups overdue. Figures shown are verified ones; reports still
pending are counted, never shown."""

from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone

from evaluasi import access as evaluasi_access
from evaluasi.models import Capaian, LaporanSemester, ProgramKegiatan, Semester
from evaluasi.models.laporan import opd_belum_mengajukan

from ..models import TindakLanjut


def daftar_semester() -> list[Semester]:
    """Every semester, newest first, each with ``ada_terverifikasi``: whether a report of
    it is verified. One query (a city has two semesters a year)."""
    terverifikasi = LaporanSemester.objects.filter(
        semester=OuterRef("pk"), status=LaporanSemester.Status.DIVERIFIKASI)
    return list(Semester.objects.annotate(ada_terverifikasi=Exists(terverifikasi)))


def semester_dasbor(kode: str | None = None,
                    semua: list[Semester] | None = None) -> Semester | None:
    """The semester asked for; else the latest with verified reports (what the Sekda can
    read); else the latest whose entry window has opened; else the latest. ``semua``:
    ``daftar_semester()`` when the caller has it."""
    semua = daftar_semester() if semua is None else semua
    if kode and (s := next((s for s in semua if s.kode == kode), None)):
        return s
    hari_ini = timezone.localdate()
    return (
        next((s for s in semua if s.ada_terverifikasi), None)
        or next((s for s in semua if s.pengisian_dibuka <= hari_ini), None)
        or next(iter(semua), None)
    )


def kartu_skor(semester: Semester) -> dict:
    """Verified achievements against targets with their bands, by indicator group; the
    number of indicators with a figure still pending (``CapaianQuerySet.tertunda``)."""
    capaian = (
        Capaian.objects.filter(semester=semester).terverifikasi().dengan_persen_capaian()
        .select_related("indikator", "laporan__opd").order_by("indikator__kode")
    )
    tertunda = Capaian.objects.tertunda(semester).values("indikator").distinct().count()
    per_predikat = {}
    for c in capaian:
        per_predikat[c.predikat_nama or "tanpa target"] = per_predikat.get(
            c.predikat_nama or "tanpa target", 0) + 1
    return {"capaian": capaian, "tertunda": tertunda, "per_predikat": per_predikat}


def anggaran_per_opd(semester: Semester) -> list[dict]:
    """Pagu and realisation per OPD from verified reports: realisation ÷ pagu."""
    baris = (
        ProgramKegiatan.objects.filter(
            laporan__semester=semester, laporan__status=LaporanSemester.Status.DIVERIFIKASI
        )
        .values("laporan__opd__singkatan", "laporan__opd")
        .annotate(pagu=Sum("pagu_rp"), realisasi=Sum("realisasi_rp"))
        .order_by("laporan__opd__urutan", "laporan__opd__singkatan")
    )
    return [{**b, "persen": round(100 * b["realisasi"] / b["pagu"], 1) if b["pagu"] else None}
            for b in baris]


def tindak_lanjut_terlambat() -> list[dict]:
    """Overdue follow-ups per responsible OPD (open and past due today), most first."""
    rekap = TindakLanjut.objects.rekap_per_opd()
    return sorted((r for r in rekap if r["terlambat"]), key=lambda r: -r["terlambat"])


def ringkasan_semester(kode: str | None = None, *, user=None) -> dict | None:
    """The semester part; with ``user``, each OPD not yet submitted carries ``can_buka``:
    whether the viewer may open its (unverified) report (evaluasi.access), so that no link
    leads to a 403. ``terlambat`` (``tindak_lanjut_terlambat()``) is what the work box of
    the same page shows too."""
    semua = daftar_semester()
    semester = semester_dasbor(kode, semua)
    if semester is None:
        return None
    opd_belum = list(opd_belum_mengajukan(semester))
    can_laporan = user is not None and user.has_perm("evaluasi.view_laporansemester")
    for o in opd_belum:
        o.can_buka = can_laporan and evaluasi_access.can_lihat_draf(user, o.pk)
    terlambat = tindak_lanjut_terlambat()
    return {
        "semester": semester,
        "pilihan": semua[:8],
        "kelengkapan": LaporanSemester.objects.ringkasan(semester),
        "opd_belum": opd_belum,
        "skor": kartu_skor(semester),
        "anggaran": anggaran_per_opd(semester),
        "terlambat": terlambat,
        # Every follow-up has one responsible OPD: the overdue of all of them.
        "jumlah_terlambat": sum(r["terlambat"] for r in terlambat),
    }


__all__ = ["ringkasan_semester", "tindak_lanjut_terlambat"]
