"""The semester report's content, assembled as plain data (JSON-ready: str, int, float,
bool, None, lists and dicts). The same data feeds the printable page, the Excel file and
the frozen copy Pimpinan signs (``PengesahanLaporan.isi``), so what was signed can be shown
and compared again later exactly as it was.

Semester figures are verified ones only; figures still pending are counted, not shown
(architecture.md, "Who sees what"). Prevalence is taken at the semester's bulan
penimbangan — February for semester I, August for semester II — counted as domain.md §7
says, through ``tpps.dasbor.gizi`` (which the dashboard shares).

Every figure is aggregated in the database; the number of queries does not grow with the
data, nor with the number of kecamatan (about 20).
"""

from datetime import date

from django.conf import settings
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluasi.models import (
    Capaian,
    EvaluasiBPKP,
    Indikator,
    LaporanSemester,
    ProgramKegiatan,
    RekomendasiBPKP,
    Semester,
    TargetIndikator,
    TemuanBPKP,
)
from posyandu.models.kegiatan import bulan_penimbangan
from tpps.dasbor import gizi
from tpps.models import ProgresTindakLanjut, TindakLanjut

#: Bumped when the shape of the content changes, so an old signed copy can still be read.
FORMAT = 1
KELOMPOK = (
    ("spesifik", "1A", Indikator.Kelompok.SPESIFIK),
    ("sensitif", "1B", Indikator.Kelompok.SENSITIF),
)


def _angka(nilai, tempat: int = 2):
    """Decimal/float → float rounded to ``tempat`` places (stable through JSON)."""
    if nilai is None:
        return None
    return round(float(nilai), tempat)


def susun(semester: Semester, *, pada: date | None = None) -> dict:
    """The whole report of ``semester`` as it stands on ``pada`` (today by default)."""
    pada = pada or timezone.localdate()
    capaian = _capaian(semester)
    anggaran = _anggaran(semester)
    prevalensi = _prevalensi(semester)
    tindak_lanjut = _tindak_lanjut(semester, pada)
    bpkp = _bpkp(semester, pada)
    return {
        "format": FORMAT,
        "daerah": settings.NAMA_DAERAH,
        "disusun_pada": pada.isoformat(),
        "semester": {
            "kode": semester.kode, "tahun": semester.tahun, "nomor": semester.nomor,
            "mulai": semester.tanggal_mulai.isoformat(),
            "selesai": semester.tanggal_selesai.isoformat(),
            "status": str(semester.status), "status_label": str(semester.get_status_display()),
        },
        "ringkasan": _ringkasan(semester, capaian, anggaran, prevalensi, tindak_lanjut, bpkp),
        "capaian": capaian,
        "anggaran": anggaran,
        "prevalensi": prevalensi,
        "tindak_lanjut": tindak_lanjut,
        "bpkp": bpkp,
    }


# --- Indicator achievements -------------------------------------------------------------


def _capaian(semester: Semester) -> list[dict]:
    """Per indicator group (1A specific, 1B sensitive): every active indicator (and any
    inactive one reported this semester) with target, verified value, % of target achieved
    and band, obstacles and follow-up plan. ``tertunda``: reports not yet verified."""
    terverifikasi = {
        c.indikator_id: c
        for c in Capaian.objects.filter(semester=semester).terverifikasi().dengan_persen_capaian()
    }
    # Figures entered but not verified: which indicators (counted, never shown).
    tertunda = set(Capaian.objects.tertunda(semester).values_list("indikator_id", flat=True))
    indikator = (
        Indikator.objects.filter(Q(aktif=True) | Q(capaian__semester=semester)).distinct()
        .select_related("opd_utama")
        .prefetch_related(Prefetch("target", to_attr="target_tahun",
                                   queryset=TargetIndikator.objects.filter(tahun=semester.tahun)))
    )
    # A list in the report's order (1A, 1B): jsonb does not keep a JSON object's key order.
    hasil = {kunci: {"kelompok": kunci, "kode": kode, "judul": str(kelompok.label),
                     "baris": [], "tertunda": 0}
             for kunci, kode, kelompok in KELOMPOK}
    for ind in indikator:
        target = ind.target_tahun[0] if ind.target_tahun else None
        c = terverifikasi.get(ind.pk)
        acuan = target.target_acuan if target else None
        jenis = None
        if target and target.target_kota is not None:
            jenis = "kota"
        elif target and target.target_nasional is not None:
            jenis = "nasional"
        hasil[ind.kelompok]["baris"].append({
            "kode": ind.kode, "nama": ind.nama, "opd": ind.opd_utama.singkatan,
            "satuan": ind.satuan, "arah": ind.arah,
            "target": _angka(acuan), "jenis_target": jenis,
            "pembilang": c.pembilang if c else None, "penyebut": c.penyebut if c else None,
            "nilai": _angka(c.nilai) if c else None,
            "persen_capaian": _angka(c.persen_capaian, 2) if c else None,
            "tercapai": c.tercapai if c else None,
            "predikat": (c.predikat_nama or None) if c else None,
            "warna": (c.predikat_warna or "secondary") if c else "secondary",
            "kendala": c.kendala if c else "",
            "rencana_tindak_lanjut": c.rencana_tindak_lanjut if c else "",
            "terverifikasi": c is not None,
            "menunggu_verifikasi": ind.pk in tertunda,
        })
        hasil[ind.kelompok]["tertunda"] += ind.pk in tertunda
    return [hasil[kunci] for kunci, _kode, _kel in KELOMPOK]


# --- Programmes and budget ----------------------------------------------------------------


def _anggaran(semester: Semester) -> dict:
    """Programmes of verified reports per OPD; per OPD and in total: pagu (denominator)
    and realisation (numerator), summed per OPD in the database (the total adds these
    up)."""
    qs = ProgramKegiatan.objects.filter(
        laporan__semester=semester, laporan__status=LaporanSemester.Status.DIVERIFIKASI)
    per_opd = {
        b["laporan__opd"]: b for b in qs.values("laporan__opd")
        .annotate(pagu=Sum("pagu_rp"), realisasi=Sum("realisasi_rp"), n=Count("pk")).order_by()
    }
    total = {k: sum(b[k] for b in per_opd.values()) for k in ("pagu", "realisasi", "n")}
    program = (
        qs.select_related("laporan__opd")
        .prefetch_related(Prefetch("indikator", queryset=Indikator.objects.order_by(
            "urutan", "kode").only("kode", "urutan")))
        .order_by("laporan__opd__urutan", "laporan__opd__singkatan", "pk")
    )
    opd = {}
    for p in program:
        o = p.laporan.opd
        if o.pk not in opd:
            jumlah = per_opd[o.pk]
            opd[o.pk] = {"opd": o.singkatan, "nama_opd": o.nama, "pagu_rp": jumlah["pagu"],
                         "realisasi_rp": jumlah["realisasi"],
                         "persen": _persen(jumlah["realisasi"], jumlah["pagu"]), "program": []}
        opd[o.pk]["program"].append({
            "id": p.pk, "program": p.program, "kegiatan": p.kegiatan,
            "sub_kegiatan": p.sub_kegiatan, "indikator": ", ".join(i.kode for i in p.indikator.all()),
            "sumber_dana": str(p.get_sumber_dana_display()),
            "pagu_rp": p.pagu_rp, "realisasi_rp": p.realisasi_rp,
            "persen": _persen(p.realisasi_rp, p.pagu_rp),
            "keluaran": p.keluaran, "satuan_keluaran": p.satuan_keluaran,
            "target_keluaran": _angka(p.target_keluaran),
            "realisasi_keluaran": _angka(p.realisasi_keluaran),
        })
    return {"opd": list(opd.values()), "pagu_rp": total["pagu"] or 0,
            "realisasi_rp": total["realisasi"] or 0, "jumlah_program": total["n"],
            "persen": _persen(total["realisasi"], total["pagu"])}


def _persen(pembilang, penyebut):
    return round(100 * pembilang / penyebut, 1) if penyebut else None


# --- Prevalence -----------------------------------------------------------------------------


def _prev(p) -> dict:
    if p is None:
        return {"k": 0, "n": 0, "persen": None, "bawah": None, "atas": None, "pita": None}
    pr = p.proporsi
    return {"k": pr.k, "n": pr.n, "persen": _angka(pr.persen), "bawah": _angka(pr.bawah),
            "atas": _angka(pr.atas), "pita": p.pita}


def _prev_wilayah(baris: dict, kode_indeks: list[str]) -> dict:
    # A list, not a dict keyed by index: a JSON object's key order is not kept by
    # PostgreSQL's jsonb, and the signed copy must print in the same order.
    prev = baris["prev"] or {}
    return {"nama": baris["nama"],
            "indeks": [{"kode": kode, **_prev(prev.get(kode))} for kode in kode_indeks]}


def _prevalensi(semester: Semester) -> dict:
    """City, kecamatan and desa prevalence with 95 % Wilson intervals at the semester's
    bulan penimbangan; the city's change against the same month a year before."""
    bulan = bulan_penimbangan(semester.tahun, semester.nomor)
    utama = gizi.angka_utama(bulan, target=gizi.target_kota(bulan.year),
                             bulanan=gizi.prevalensi_bulanan(bulan))
    kota = [{"kode": a.kode, "nama": a.nama, **_prev(a.kini),
             "setahun_lalu": _angka(a.setahun_lalu.proporsi.persen),
             "selisih": _angka(a.selisih)} for a in utama["angka"]]
    kode_indeks = [a["kode"] for a in kota]
    desa = gizi.desa_per_kecamatan(bulan)
    wilayah = []
    for baris in gizi.per_wilayah(bulan):
        kec = _prev_wilayah(baris, kode_indeks)
        kec["desa"] = [_prev_wilayah(d, kode_indeks) for d in desa.get(baris["pk"], [])]
        wilayah.append(kec)
    return {
        "bulan": bulan.isoformat(), "bulan_lalu": utama["bulan_lalu"].isoformat(),
        "diukur": utama["diukur"], "sumber": str(gizi.SUMBER),
        "indeks": [{"kode": a["kode"], "nama": a["nama"]} for a in kota],
        "kota": kota, "kecamatan": wilayah,
    }


# --- Follow-ups -----------------------------------------------------------------------------


def hari_penilaian(semester: Semester, pada: date | None = None) -> date:
    """The day a report judges follow-ups on: the semester's last day once it is over
    (so that a signed report only differs from the report now where a figure was
    corrected: follow-ups recorded for later meetings and time passing do not change it);
    while the semester runs, ``pada`` (today)."""
    return min(semester.tanggal_selesai, pada or timezone.localdate())


def _dengan_keadaan(semester: Semester, pada: date | None = None):
    """Follow-ups with their state on ``hari_penilaian``
    (``TindakLanjutQuerySet.dengan_keadaan_pada``): once the semester is over, judged at the
    end of its last day (due on it and still open then is overdue); while it runs, today as
    the register judges."""
    hari = hari_penilaian(semester, pada)
    return TindakLanjut.objects.dengan_keadaan_pada(
        hari, hari_berakhir=hari < (pada or timezone.localdate()))


def pilihan_tindak_lanjut(semester: Semester, pada: date | None = None):
    """The follow-ups a semester's report lists, each with its state on ``hari_penilaian``
    (``_dengan_keadaan``): those due within the semester; those of this semester's
    achievements; and those arising by that day (meeting or BPKP report dated on or before
    it) still open on it."""
    akhir = hari_penilaian(semester, pada)
    muncul = (Q(keputusan__rapat__tanggal__lte=akhir)
              | Q(rekomendasi__temuan__evaluasi__tanggal_laporan__lte=akhir))
    return _dengan_keadaan(semester, pada).filter(
        Q(tenggat__gte=semester.tanggal_mulai, tenggat__lte=semester.tanggal_selesai)
        | Q(capaian__semester=semester)
        | (muncul & Q(status_pada__in=TindakLanjut.STATUS_TERBUKA))
    )


def _tindak_lanjut(semester: Semester, hari_ini: date | None = None) -> dict:
    hari = hari_penilaian(semester, hari_ini)
    qs = pilihan_tindak_lanjut(semester, hari_ini)
    progres = ProgresTindakLanjut.objects.filter(
        tindak_lanjut=OuterRef("pk"), tanggal__lte=hari).order_by(
        "-tanggal", "-pk")
    daftar = (
        qs.order_by("-terlambat", "tenggat", "pk")
        .select_related(*TindakLanjut.ASAL_TERKAIT, "opd_penanggung_jawab")
        .annotate(progres_catatan=Subquery(progres.values("catatan")[:1]),
                  progres_tanggal=Subquery(progres.values("tanggal")[:1]))
    )
    label = dict(TindakLanjut.Status.choices)
    baris, rekap = [], {}
    for t in daftar:
        tanggal = t.progres_tanggal
        if isinstance(tanggal, str):  # SQLite hands a subquery's date back as text
            tanggal = date.fromisoformat(tanggal)
        baris.append({
            "id": t.pk, "uraian": t.uraian, "asal": t.get_asal_display(), "asal_uraian": str(t.asal),
            "opd": t.opd_penanggung_jawab.singkatan, "tenggat": t.tenggat.isoformat(),
            "status": t.status_pada, "status_label": str(label[t.status_pada]),
            "terlambat": t.terlambat, "hari_terlambat": t.hari_terlambat,
            "progres_terakhir": t.progres_catatan or "",
            "progres_tanggal": tanggal.isoformat() if tanggal else None,
        })
        o = t.opd_penanggung_jawab
        r = rekap.setdefault(o.pk, {"urutan": (o.urutan, o.singkatan), "opd": o.singkatan,
                                    "jumlah": 0, **dict.fromkeys(label, 0), "terlambat": 0})
        r["jumlah"] += 1
        r[t.status_pada] += 1
        r["terlambat"] += t.terlambat
    # Per responsible OPD (as TindakLanjutQuerySet.rekap_per_opd orders it): most overdue first.
    urut = sorted(rekap.values(), key=lambda r: (-r["terlambat"], r["urutan"]))
    return {"per_tanggal": hari.isoformat(), "daftar": baris,
            "rekap": [{k: v for k, v in r.items() if k != "urutan"} for r in urut]}


# --- BPKP -----------------------------------------------------------------------------------


def _status_rekomendasi(tindak_lanjut: list[TindakLanjut]) -> tuple[str, str]:
    """One recommendation's state from its follow-ups (their state at the semester end)."""
    s = TindakLanjut.Status
    aktif = [t for t in tindak_lanjut if t.status_pada != s.BATAL]
    if not aktif:
        return "belum", _("Belum ditindaklanjuti")
    if any(t.terlambat for t in aktif):
        return "terlambat", _("Terlambat")
    if all(t.status_pada == s.SELESAI for t in aktif):
        return "selesai", _("Selesai")
    return "berjalan", _("Dalam proses")


def _bpkp(semester: Semester, hari_ini: date | None = None) -> dict | None:
    """BPKP's latest evaluation up to the semester's year: aspect grades, findings, their
    recommendations and the state of each recommendation's follow-up at the semester's end
    (as the follow-up list: ``_dengan_keadaan``)."""
    evaluasi = EvaluasiBPKP.objects.filter(tahun__lte=semester.tahun).order_by("-tahun").first()
    if evaluasi is None:
        return None
    tindak_lanjut = _dengan_keadaan(semester, hari_ini).select_related(
        "opd_penanggung_jawab").order_by("tenggat", "pk")
    rekomendasi = RekomendasiBPKP.objects.prefetch_related(
        "opd", Prefetch("tindak_lanjut", queryset=tindak_lanjut, to_attr="tl"))
    temuan = TemuanBPKP.objects.filter(evaluasi=evaluasi).prefetch_related(
        Prefetch("rekomendasi", queryset=rekomendasi))
    daftar = []
    for t in temuan:
        rek = []
        for r in t.rekomendasi.all():
            status, label = _status_rekomendasi(r.tl)
            rek.append({
                "id": r.pk, "nomor": f"{t.nomor}.{r.nomor}", "uraian": r.uraian,
                "opd": ", ".join(o.singkatan for o in r.opd.all()),
                "batas_waktu": r.batas_waktu.isoformat() if r.batas_waktu else None,
                "status": status, "status_label": str(label),
                "tindak_lanjut": [{
                    "uraian": x.uraian, "opd": x.opd_penanggung_jawab.singkatan,
                    "tenggat": x.tenggat.isoformat(),
                    "status_label": str(TindakLanjut.Status(x.status_pada).label),
                    "terlambat": x.terlambat,
                } for x in r.tl],
            })
        daftar.append({"nomor": t.nomor, "aspek": str(t.get_aspek_display()),
                       "uraian": t.uraian, "rekomendasi": rek})
    return {
        "tahun": evaluasi.tahun, "nomor_laporan": evaluasi.nomor_laporan,
        "tanggal_laporan": evaluasi.tanggal_laporan.isoformat()
        if evaluasi.tanggal_laporan else None,
        "aspek": [{"aspek": str(a), "predikat": str(label) if kode else None}
                  for a, kode, label in evaluasi.aspek()],
        "temuan": daftar,
    }


# --- Summary --------------------------------------------------------------------------------


def _ringkasan(semester, capaian, anggaran, prevalensi, tindak_lanjut, bpkp) -> dict:
    kelengkapan = LaporanSemester.objects.ringkasan(semester)
    baris = [b for kel in capaian for b in kel["baris"]]
    dinilai = [b for b in baris if b["persen_capaian"] is not None]
    per_predikat = {}
    for b in dinilai:
        nama = b["predikat"] or _("tanpa predikat")
        per_predikat[nama] = per_predikat.get(nama, 0) + 1
    stunting = next((k for k in prevalensi["kota"] if k["kode"] == "stunting"), None)
    rekomendasi = [r for t in (bpkp or {}).get("temuan", []) for r in t["rekomendasi"]]
    return {
        "opd_wajib": kelengkapan["wajib"], "opd_masuk": kelengkapan["masuk"],
        "opd_terverifikasi": kelengkapan["terverifikasi"],
        "opd_tepat_waktu": kelengkapan["tepat_waktu"], "opd_terlambat": kelengkapan["terlambat"],
        "persen_masuk": kelengkapan["persen_masuk"],
        "indikator": len(baris), "indikator_terverifikasi": sum(b["terverifikasi"] for b in baris),
        "indikator_tertunda": sum(kel["tertunda"] for kel in capaian),
        "indikator_dinilai": len(dinilai),
        "indikator_tercapai": sum(1 for b in baris if b["tercapai"]),
        "per_predikat": [{"predikat": k, "jumlah": v} for k, v in per_predikat.items()],
        "pagu_rp": anggaran["pagu_rp"], "realisasi_rp": anggaran["realisasi_rp"],
        "persen_realisasi": anggaran["persen"],
        "stunting_persen": stunting["persen"] if stunting else None,
        "stunting_bawah": stunting["bawah"] if stunting else None,
        "stunting_atas": stunting["atas"] if stunting else None,
        "stunting_n": stunting["n"] if stunting else 0,
        "tindak_lanjut": len(tindak_lanjut["daftar"]),
        "tindak_lanjut_selesai": sum(
            1 for t in tindak_lanjut["daftar"] if t["status"] == TindakLanjut.Status.SELESAI),
        "tindak_lanjut_terlambat": sum(1 for t in tindak_lanjut["daftar"] if t["terlambat"]),
        "rekomendasi_bpkp": len(rekomendasi),
        "rekomendasi_selesai": sum(1 for r in rekomendasi if r["status"] == "selesai"),
    }


__all__ = ["FORMAT", "hari_penilaian", "pilihan_tindak_lanjut", "susun"]
