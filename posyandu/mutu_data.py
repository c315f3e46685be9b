"""Data quality per Posyandu, rated the way nutrition surveyors rate it (SMART/ENA, WHO
Anthro; domain.md §7), so that a suspicious Posyandu stands out before its numbers are
believed. Over each child's latest measurement in the period (as prevalence is counted)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, FloatField, Q, Sum
from django.db.models.functions import Cast, Mod, Round

from tpps.lib.statistik import (
    nilai_p_rasio,
    simpangan_baku_momen,
    skor_preferensi_digit_hitungan,
)

from .models import Balita
from .prevalensi import pengukuran_terakhir

SANGAT_BAIK, BAIK, CUKUP, BERMASALAH = "sangat baik", "baik", "cukup", "bermasalah"
URUTAN = {SANGAT_BAIK: 0, BAIK: 1, CUKUP: 2, BERMASALAH: 3}
N_MINIMAL = 30  # below this a Posyandu's SD and digit scores say little


def nilai_flag(persen: float | None) -> str | None:
    """SMART: ≤2.5 % excellent, ≤5 good, ≤7.5 acceptable, above problematic."""
    if persen is None:
        return None
    for batas, nilai in ((2.5, SANGAT_BAIK), (5, BAIK), (7.5, CUKUP)):
        if persen <= batas:
            return nilai
    return BERMASALAH


def nilai_sd_whz(sd: float | None) -> str | None:
    """WHZ SD 0.8–1.2 is acceptable (WHO/SMART); wider or narrower is suspicious."""
    if sd is None:
        return None
    return BAIK if 0.8 <= sd <= 1.2 else BERMASALAH


def nilai_sd_haz(sd: float | None) -> str | None:
    """HAZ SD in national surveys is 1.35–1.95; far outside suggests measurement error."""
    if sd is None:
        return None
    return BAIK if 0.8 <= sd <= 1.95 else BERMASALAH


def nilai_digit(skor: float | None) -> str | None:
    """Digit preference score: <8 excellent, <12 good, <20 acceptable, ≥20 problematic."""
    if skor is None:
        return None
    for batas, nilai in ((8, SANGAT_BAIK), (12, BAIK), (20, CUKUP)):
        if skor < batas:
            return nilai
    return BERMASALAH


def nilai_rasio_jk(p: float | None) -> str | None:
    """Sex ratio χ² p: >0.1 excellent, >0.05 good, >0.001 acceptable (SMART)."""
    if p is None:
        return None
    for batas, nilai in ((0.1, SANGAT_BAIK), (0.05, BAIK), (0.001, CUKUP)):
        if p > batas:
            return nilai
    return BERMASALAH


def momen_z(nama: str, z: str, f: str) -> dict:
    # Sums rather than StdDev: portable, and SQLite's STDDEV fails on a single value.
    saring = Q(**{f: False, f"{z}__isnull": False})
    return {
        f"{nama}_n": Count(z, filter=saring),
        f"{nama}_s1": Sum(Cast(z, FloatField()), filter=saring),
        f"{nama}_s2": Sum(Cast(F(z) * F(z), FloatField()), filter=saring),
    }


@dataclass
class MutuData:
    posyandu_id: int
    n: int
    persen_flag: float | None
    sd_haz: float | None
    sd_whz: float | None
    skor_digit_berat: float | None
    skor_digit_tinggi: float | None
    laki: int
    perempuan: int
    nilai: dict[str, str | None] = field(default_factory=dict)

    @property
    def p_rasio_jk(self) -> float | None:
        return nilai_p_rasio(self.laki, self.perempuan)

    @property
    def n_kecil(self) -> bool:
        return self.n < N_MINIMAL

    @property
    def kesimpulan(self) -> str | None:
        """The worst rating; a Posyandu with too few children gets none."""
        nilai = [v for v in self.nilai.values() if v]
        if self.n_kecil or not nilai:
            return None
        return max(nilai, key=URUTAN.get)


def hitung_mutu(posyandu_id: int, b: dict) -> MutuData:
    """Quality figures and ratings from counts and sums: ``diukur``, ``n_flag``,
    ``haz_n/s1/s2``, ``whz_n/s1/s2``, ``laki``, ``perempuan``, ``digit_berat`` and
    ``digit_tinggi`` (ten counts each)."""
    m = MutuData(
        posyandu_id=posyandu_id, n=b["diukur"],
        persen_flag=100 * b["n_flag"] / b["diukur"] if b["diukur"] else None,
        sd_haz=simpangan_baku_momen(b["haz_n"], b["haz_s1"], b["haz_s2"]),
        sd_whz=simpangan_baku_momen(b["whz_n"], b["whz_s1"], b["whz_s2"]),
        skor_digit_berat=skor_preferensi_digit_hitungan(b["digit_berat"]),
        skor_digit_tinggi=skor_preferensi_digit_hitungan(b["digit_tinggi"]),
        laki=b["laki"], perempuan=b["perempuan"],
    )
    m.nilai = {
        "flag": nilai_flag(m.persen_flag), "sd_haz": nilai_sd_haz(m.sd_haz),
        "sd_whz": nilai_sd_whz(m.sd_whz), "digit_berat": nilai_digit(m.skor_digit_berat),
        "digit_tinggi": nilai_digit(m.skor_digit_tinggi),
        "rasio_jk": nilai_rasio_jk(m.p_rasio_jk),
    }
    return m


def mutu_per_posyandu(mulai: date, akhir: date, qs=None) -> dict[int, MutuData]:
    """Quality indicators per Posyandu (home Posyandu of the child), computed fresh from
    the measurements: one query for the moments and one for the last digits. The
    dashboard reads the same figures from posyandu.ringkasan."""
    dasar = pengukuran_terakhir(mulai, akhir, qs)
    flag = Q(flen=True) | Q(fwei=True) | Q(fwfl=True) | Q(fbmi=True)
    baris = dasar.values("balita__posyandu").annotate(
        diukur=Count("pk"),
        n_flag=Count("pk", filter=flag),
        **momen_z("haz", "zlen", "flen"),
        **momen_z("whz", "zwfl", "fwfl"),
        laki=Count("pk", filter=Q(balita__jenis_kelamin=Balita.JenisKelamin.LAKI_LAKI)),
        perempuan=Count("pk", filter=Q(balita__jenis_kelamin=Balita.JenisKelamin.PEREMPUAN)),
    ).order_by()
    digit = dasar.annotate(
        db=Mod(Round(F("berat_kg") * 10), 10), dt=Mod(Round(F("tinggi_cm") * 10), 10)
    ).values("balita__posyandu").annotate(
        **{f"b{d}": Count("pk", filter=Q(db=d)) for d in range(10)},
        **{f"t{d}": Count("pk", filter=Q(dt=d)) for d in range(10)},
    ).order_by()
    digit = {b["balita__posyandu"]: b for b in digit}
    hasil = {}
    for b in baris:
        pid = b["balita__posyandu"]
        d = digit.get(pid, {})
        hasil[pid] = hitung_mutu(pid, {
            **b, "digit_berat": [d.get(f"b{i}", 0) for i in range(10)],
            "digit_tinggi": [d.get(f"t{i}", 0) for i in range(10)],
        })
    return hasil
