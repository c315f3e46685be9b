"""The nutrition part of the Sekda dashboard: prevalence, trend, coverage, data quality.

Everything here is aggregates (architecture: Pimpinan sees no child); drill-down links lead
to child lists only through pages that apply the viewer's scope.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils.translation import gettext_lazy

from posyandu import ringkasan, sasaran_bulan
from posyandu.models import (
    AngkaResmi,
    Desa,
    Kecamatan,
    Posyandu,
    RingkasanBulanan,
    TargetPrevalensi,
)
from posyandu.models.kegiatan import is_bulan_penimbangan
from posyandu.prevalensi import INDEKS, baca_prevalensi

#: Months offered by the period filter (``bulan_tersedia``).
BULAN_TERSEDIA = 36


def periode_bawaan(hari_ini: date, tersedia: list[date] | None = None) -> date:
    """The latest bulan penimbangan (February or August) that has measurements; else the
    latest month with any; else this month (among the 24 latest months up to today).
    ``tersedia``: ``bulan_tersedia()`` when the caller has it: no query when it holds those
    24 months (or all months there are)."""
    bulan_ada = [b for b in tersedia or () if b <= hari_ini][:24]
    if tersedia is None or (len(bulan_ada) < 24 and len(tersedia) >= BULAN_TERSEDIA):
        bulan_ada = list(
            RingkasanBulanan.objects.filter(bulan__lte=hari_ini).values_list("bulan", flat=True)
            .distinct().order_by("-bulan")[:24]
        )
    if not bulan_ada:
        return hari_ini.replace(day=1)
    penimbangan = [b for b in bulan_ada if is_bulan_penimbangan(b)]
    return penimbangan[0] if penimbangan else bulan_ada[0]


def _saring(kecamatan: Kecamatan | None, desa: Desa | None = None) -> dict:
    """Filter of the summary rows (home desa of the children)."""
    if desa:
        return {"desa": desa}
    return {"desa__kecamatan": kecamatan} if kecamatan else {}


@dataclass
class Angka:
    """One headline figure: this period, the same month a year before, the target."""

    kode: str
    nama: str
    kini: object
    setahun_lalu: object
    target: float | None

    @property
    def selisih(self) -> float | None:
        a, b = self.kini.proporsi.persen, self.setahun_lalu.proporsi.persen
        return None if a is None or b is None else round(a - b, 2)


def prevalensi_bulanan(bulan: date, kecamatan=None, desa=None,
                       jumlah_bulan: int = 13) -> dict[date, dict]:
    """The four prevalences of each month with measurements among the ``jumlah_bulan``
    months up to ``bulan`` (one query): by default what both the headline (this month and
    the same month a year before) and the 12-month trend read."""
    awal = bulan - relativedelta(months=jumlah_bulan - 1)
    return ringkasan.tren_bulanan(awal, bulan, **_saring(kecamatan, desa))


def angka_utama(bulan: date, kecamatan=None, target: dict | None = None, desa=None,
                bulanan: dict | None = None) -> dict:
    """This month's prevalences beside those of the same month a year before.
    ``bulanan``: ``prevalensi_bulanan()`` of the same area (both months), when the caller
    has it: then no query for them."""
    saring = _saring(kecamatan, desa)

    def prevalensi(b: date) -> dict:
        if bulanan is None:
            return ringkasan.prevalensi_bulan(b, **saring)
        # A month without summary rows counts no child.
        return bulanan[b] if b in bulanan else baca_prevalensi(defaultdict(int))

    kini = prevalensi(bulan)
    lalu_bulan = bulan - relativedelta(years=1)
    lalu = prevalensi(lalu_bulan)
    target = target or {}
    return {
        "angka": [Angka(i.kode, i.nama, kini[i.kode], lalu[i.kode], target.get(i.kode))
                  for i in INDEKS],
        "diukur": ringkasan.diukur_bulan(bulan, **saring),
        "bulan_lalu": lalu_bulan,
    }


def per_wilayah(bulan: date, kecamatan=None, desa=None,
                semua_kecamatan: list | None = None) -> list[dict]:
    """Rows for the wilayah table: kecamatan, or the desa of one kecamatan, or the Posyandu
    of the children living in one desa; sorted by stunting prevalence, highest first;
    areas with no child measured come last. ``semua_kecamatan``: every Kecamatan, when the
    caller has them."""
    if desa:
        data = ringkasan.prevalensi_bulan_per("posyandu", bulan, desa=desa)
        nama = dict(Posyandu.objects.filter(pk__in=data).values_list("pk", "nama"))
    elif kecamatan:
        kelompok, nama = "desa", dict(Desa.objects.filter(kecamatan=kecamatan)
                                      .values_list("pk", "nama"))
    else:
        kelompok = "desa__kecamatan"
        if semua_kecamatan is None:
            nama = dict(Kecamatan.objects.values_list("pk", "nama"))
        else:
            nama = {k.pk: k.nama for k in semua_kecamatan}
    if not desa:
        data = ringkasan.prevalensi_bulan_per(kelompok, bulan, **_saring(kecamatan))
    return _stunting_tertinggi_dulu(
        [{"pk": pk, "nama": n, "prev": data.get(pk)} for pk, n in nama.items()])


def desa_per_kecamatan(bulan: date) -> dict[int, list[dict]]:
    """For every kecamatan (by pk) the rows ``per_wilayah(bulan, kecamatan)`` gives, its
    desa, read for the whole city at once (two queries, not two per kecamatan)."""
    data = ringkasan.prevalensi_bulan_per("desa", bulan)
    hasil = {}
    for pk, kecamatan_id, nama in Desa.objects.values_list("pk", "kecamatan_id", "nama"):
        hasil.setdefault(kecamatan_id, []).append({"pk": pk, "nama": nama, "prev": data.get(pk)})
    return {pk: _stunting_tertinggi_dulu(baris) for pk, baris in hasil.items()}


def _stunting_tertinggi_dulu(baris: list[dict]) -> list[dict]:
    """Highest stunting prevalence first; areas with no child measured last."""
    return sorted(baris, key=lambda b: (
        b["prev"] is None or b["prev"]["stunting"].proporsi.persen is None,
        -(b["prev"]["stunting"].proporsi.persen or 0) if b["prev"] else 0,
        b["nama"],
    ))


def tren(bulan: date, kecamatan=None, jumlah_bulan: int = 12, desa=None,
         bulanan: dict | None = None) -> list[dict]:
    """Stunting and wasting month by month up to ``bulan`` (one query; none when the caller
    gives ``bulanan``, ``prevalensi_bulanan()`` of the same area over these months at
    least)."""
    awal = bulan - relativedelta(months=jumlah_bulan - 1)
    data = bulanan if bulanan is not None else prevalensi_bulanan(
        bulan, kecamatan, desa, jumlah_bulan=jumlah_bulan)
    hasil = []
    for i in range(jumlah_bulan):
        b = awal + relativedelta(months=i)
        p = data.get(b)
        hasil.append({"bulan": b.strftime("%m/%Y"),
                      "stunting": p["stunting"].proporsi.persen if p else None,
                      "wasting": p["wasting"].proporsi.persen if p else None,
                      "n": p["stunting"].proporsi.n if p else 0})
    return hasil


def _baris_cakupan(s: int, d: int) -> dict:
    return {"s": s, "d": d, "persen": round(100 * d / s, 1) if s else None,
            "belum": max(s - d, 0)}


def _terendah_dulu(baris: list[dict]) -> list[dict]:
    return sorted(baris, key=lambda b: (b["persen"] is None, b["persen"] or 0))


def cakupan(bulan: date, kecamatan=None, desa=None) -> list[dict]:
    """D/S per home Posyandu (rule: posyandu.sasaran_bulan — S: children expected at any
    time in the month; D: those of S weighed in it, ``BalitaQuerySet.ditimbang_bulan``,
    as on the SKDN page). City or kecamatan:
    the active Posyandu located there, all their children. One desa: the children living
    in that desa, by their Posyandu. Lowest coverage first. Three queries."""
    saring = {"desa": desa} if desa else {}
    s = sasaran_bulan.jumlah_sasaran_per("posyandu", bulan, **saring)
    d = sasaran_bulan.ditimbang_per("posyandu", bulan, **saring)
    posyandu = Posyandu.objects.select_related("desa")
    if desa:
        posyandu = posyandu.filter(Q(pk__in=set(s) | set(d)) | Q(desa=desa, aktif=True))
    else:
        posyandu = posyandu.aktif()
        if kecamatan:
            posyandu = posyandu.filter(desa__kecamatan=kecamatan)
    return _terendah_dulu([{"posyandu": p, **_baris_cakupan(s.get(p.pk, 0), d.get(p.pk, 0))}
                           for p in posyandu])


def cakupan_desa(bulan: date, kecamatan=None, desa=None) -> list[dict]:
    """D/S per home desa (same rule as ``cakupan``): every desa of the city, of one
    kecamatan, or the one desa. Lowest coverage first. Three queries."""
    saring = _saring(kecamatan, desa)
    s = sasaran_bulan.jumlah_sasaran_per("desa", bulan, **saring)
    d = sasaran_bulan.ditimbang_per("desa", bulan, **saring)
    daftar = Desa.objects.select_related("kecamatan")
    if desa:
        daftar = daftar.filter(pk=desa.pk)
    elif kecamatan:
        daftar = daftar.filter(kecamatan=kecamatan)
    return _terendah_dulu([{"desa": x, **_baris_cakupan(s.get(x.pk, 0), d.get(x.pk, 0))}
                           for x in daftar])


CATATAN_CAKUPAN = gettext_lazy(
    "S = balita sasaran pada bulan itu: aktif dan berumur 0–59 bulan pada suatu hari di "
    "bulan itu (yang lahir, pindah, meninggal atau genap 60 bulan di bulan itu tetap "
    "dihitung). D = balita S yang ditimbang (ada berat badan) di bulan itu pada kegiatan apa "
    "pun, termasuk Posyandu Spesial, dihitung sekali; jadi D/S tidak melebihi 100%. Sama "
    "dengan D pada rekap SKDN. Per Posyandu: Posyandu tempat "
    "balita terdaftar; pada tingkat desa hanya balita yang tinggal di desa itu. Per desa: "
    "desa tempat tinggal balita.")


def mutu(bulan: date, kecamatan=None, desa=None, posyandu: dict | None = None) -> list[dict]:
    """Data quality per Posyandu (``ringkasan.mutu_bulan_per_posyandu``), problems first.
    ``posyandu``: Posyandu (with their desa) the caller has loaded already, by pk; only the
    others are read."""
    data = ringkasan.mutu_bulan_per_posyandu(bulan, **_saring(kecamatan, desa))
    nama = {pk: posyandu[pk] for pk in data if pk in posyandu} if posyandu else {}
    if kurang := [pk for pk in data if pk not in nama]:
        nama.update((p.pk, p) for p in
                    Posyandu.objects.filter(pk__in=kurang).select_related("desa"))
    baris = [{"posyandu": nama[pk], "m": m} for pk, m in data.items()]
    urutan = {"bermasalah": 0, "cukup": 1, "baik": 2, "sangat baik": 3, None: 4}
    # Problems first; among Posyandu too small for a verdict, the largest first.
    return sorted(baris, key=lambda b: (urutan[b["m"].kesimpulan], -b["m"].n,
                                        b["posyandu"].nama))


def target_kota(tahun: int) -> dict[str, float]:
    return {t.indeks: float(t.target_persen)
            for t in TargetPrevalensi.objects.filter(tahun=tahun)}


def angka_resmi():
    """Published figures with their sources, for comparison beside our routine data."""
    return AngkaResmi.objects.all()


SUMBER = gettext_lazy("Pengukuran rutin Posyandu yang dicatat di Sistem Informasi TPPS (bukan survei "
           "SSGI/SKI); tiap balita 0–59 bulan dihitung sekali dengan pengukuran terakhirnya "
           "di bulan itu, menurut desa tempat tinggal; nilai yang ditandai WHO tidak dihitung.")


def bulan_tersedia(jumlah: int = BULAN_TERSEDIA) -> list[date]:
    """Months with measurements, newest first, for the period filter."""
    return list(RingkasanBulanan.objects.values_list("bulan", flat=True).distinct()
                .order_by("-bulan")[:jumlah])


__all__ = ["CATATAN_CAKUPAN", "SUMBER", "angka_utama", "bulan_tersedia", "cakupan",
           "cakupan_desa", "desa_per_kecamatan", "mutu", "per_wilayah", "periode_bawaan",
           "prevalensi_bulanan", "tren"]
