"""The nutrition part of the Sekda dashboard: prevalence, trend, coverage, data quality.

Everything here is aggregates (architecture: Pimpinan sees no child); drill-down links lead
to child lists only through pages that apply the viewer's scope.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from posyandu.models import Balita, Desa, Kecamatan, Pengukuran, Posyandu
from posyandu.mutu_data import mutu_per_posyandu
from posyandu.prevalensi import INDEKS, jumlah_diukur, prevalensi, prevalensi_per

BULAN_PENIMBANGAN = (2, 8)


def bulan_berikut(bulan: date) -> date:
    return bulan + relativedelta(months=1)


def periode_bawaan(hari_ini: date) -> date:
    """The latest bulan penimbangan (February or August) that has measurements; else the
    latest month with any; else this month."""
    terakhir = Pengukuran.objects.filter(tanggal_ukur__lte=hari_ini).aggregate(
        t=Max("tanggal_ukur"))["t"]
    if terakhir is None:
        return hari_ini.replace(day=1)
    bulan = terakhir.replace(day=1)
    for _i in range(24):
        if bulan.month in BULAN_PENIMBANGAN and Pengukuran.objects.filter(
            tanggal_ukur__gte=bulan, tanggal_ukur__lt=bulan_berikut(bulan)
        ).exists():
            return bulan
        bulan -= relativedelta(months=1)
    return terakhir.replace(day=1)


def _qs_wilayah(kecamatan: Kecamatan | None):
    qs = Pengukuran.objects.all()
    return qs.filter(balita__desa__kecamatan=kecamatan) if kecamatan else qs


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


def angka_utama(bulan: date, kecamatan=None, target: dict | None = None) -> dict:
    qs = _qs_wilayah(kecamatan)
    kini = prevalensi(bulan, bulan_berikut(bulan), qs)
    lalu_bulan = bulan - relativedelta(years=1)
    lalu = prevalensi(lalu_bulan, bulan_berikut(lalu_bulan), qs)
    target = target or {}
    return {
        "angka": [Angka(i.kode, i.nama, kini[i.kode], lalu[i.kode], target.get(i.kode))
                  for i in INDEKS],
        "diukur": jumlah_diukur(bulan, bulan_berikut(bulan), qs),
        "bulan_lalu": lalu_bulan,
    }


def per_wilayah(bulan: date, kecamatan=None) -> list[dict]:
    """Rows for the wilayah table: kecamatan (or the desa of one kecamatan), sorted by
    stunting prevalence, highest first; areas with no child measured come last."""
    akhir = bulan_berikut(bulan)
    if kecamatan:
        kelompok, nama = "balita__desa", dict(Desa.objects.filter(kecamatan=kecamatan)
                                               .values_list("pk", "nama"))
    else:
        kelompok, nama = "balita__desa__kecamatan", dict(Kecamatan.objects.values_list("pk", "nama"))
    data = prevalensi_per(kelompok, bulan, akhir, _qs_wilayah(kecamatan))
    baris = [{"pk": pk, "nama": n, "prev": data.get(pk)} for pk, n in nama.items()]
    return sorted(baris, key=lambda b: (
        b["prev"] is None or b["prev"]["stunting"].proporsi.persen is None,
        -(b["prev"]["stunting"].proporsi.persen or 0) if b["prev"] else 0,
        b["nama"],
    ))


def tren(bulan: date, kecamatan=None, jumlah_bulan: int = 12) -> list[dict]:
    """Stunting and wasting month by month up to ``bulan`` (one query per month)."""
    qs = _qs_wilayah(kecamatan)
    hasil = []
    for i in range(jumlah_bulan - 1, -1, -1):
        awal = bulan - relativedelta(months=i)
        p = prevalensi(awal, bulan_berikut(awal), qs)
        hasil.append({"bulan": awal.strftime("%m/%Y"),
                      "stunting": p["stunting"].proporsi.persen,
                      "wasting": p["wasting"].proporsi.persen,
                      "n": p["stunting"].proporsi.n})
    return hasil


def cakupan(bulan: date, kecamatan=None) -> list[dict]:
    """D/S per Posyandu: children weighed in the month over children expected (S: active,
    0–59 months on the 1st), by home Posyandu. Lowest coverage first."""
    akhir = bulan_berikut(bulan)
    posyandu = Posyandu.objects.aktif().select_related("desa__kecamatan")
    if kecamatan:
        posyandu = posyandu.filter(desa__kecamatan=kecamatan)
    s = dict(Balita.objects.sasaran(bulan).values_list("posyandu").annotate(n=Count("pk")))
    d = dict(
        Pengukuran.objects.filter(tanggal_ukur__gte=bulan, tanggal_ukur__lt=akhir)
        .values_list("balita__posyandu").annotate(n=Count("balita", distinct=True))
    )
    baris = []
    for p in posyandu:
        jml_s, jml_d = s.get(p.pk, 0), d.get(p.pk, 0)
        baris.append({"posyandu": p, "s": jml_s, "d": jml_d,
                      "persen": round(100 * jml_d / jml_s, 1) if jml_s else None,
                      "belum": max(jml_s - jml_d, 0)})
    return sorted(baris, key=lambda b: (b["persen"] is None, b["persen"] or 0))


def mutu(bulan: date, kecamatan=None) -> list[dict]:
    data = mutu_per_posyandu(bulan, bulan_berikut(bulan), _qs_wilayah(kecamatan))
    nama = {p.pk: p for p in Posyandu.objects.filter(pk__in=data).select_related("desa")}
    baris = [{"posyandu": nama[pk], "m": m} for pk, m in data.items()]
    urutan = {"bermasalah": 0, "cukup": 1, "baik": 2, "sangat baik": 3, None: 4}
    return sorted(baris, key=lambda b: (urutan[b["m"].kesimpulan], b["posyandu"].nama))


SUMBER = _("Pengukuran rutin Posyandu yang dicatat di Sistem Informasi TPPS (bukan survei "
           "SSGI/SKI); tiap balita 0–59 bulan dihitung sekali dengan pengukuran terakhirnya "
           "di bulan itu, menurut desa tempat tinggal; nilai yang ditandai WHO tidak dihitung.")


def bulan_tersedia(jumlah: int = 36) -> list[date]:
    """Months with measurements, newest first, for the period filter."""
    bulan = (
        Pengukuran.objects.dates("tanggal_ukur", "month", order="DESC")
    )
    return list(bulan[:jumlah])


__all__ = ["SUMBER", "angka_utama", "bulan_tersedia", "cakupan", "mutu", "per_wilayah",
           "periode_bawaan", "tren"]
