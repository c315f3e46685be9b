"""Stored z-scores: the WHO engine (posyandu.growth) applied to measurement rows.

One implementation for one row and for many: a form saves a batch of one, a recomputation
a batch of thousands (``isi_skor``). What depends on the sequence of a child's weighings
(N/T/O/B and 2T) is ``hitung_naik``.
"""

from collections.abc import Sequence
from datetime import date

import numpy as np
from dateutil.relativedelta import relativedelta

from .growth import categorize, measure_code, score_batch
from .growth.tables import SEX_FEMALE, SEX_MALE
from .models import Balita, Pengukuran

INDEKS_Z = ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")
KOLOM_SKOR = (
    "umur_hari",
    "clenhei",
    "cbmi",
    *INDEKS_Z,
    "flen",
    "fwei",
    "fwfl",
    "fbmi",
    "fhc",
    "fac",
    "berdiri_di_bawah_9_bulan",
    "kategori_bb_u",
    "kategori_tb_u",
    "kategori_bb_tb",
    "kategori_imt_u",
)
KOLOM_NAIK = ("naik", "dua_t")

# Kenaikan Berat badan Minimal (KBM, grams) by age in completed months, from the KMS
# (Buku KIA): below it a weighing counts as T (tidak naik). 12–59 months: 200 g.
KBM_GRAM = {
    0: 800,
    1: 800,
    2: 900,
    3: 800,
    4: 600,
    5: 500,
    6: 400,
    7: 400,
    8: 300,
    9: 300,
    10: 300,
    11: 200,
}
KBM_GRAM_SETELAH_SETAHUN = 200


def _angka(nilai) -> float:
    return np.nan if nilai is None else float(nilai)


def isi_skor(daftar: Sequence[Pengukuran]) -> None:
    """Fill the computed fields of measurements (their ``balita`` loaded), in one batch."""
    if not daftar:
        return
    sex = np.array(
        [
            SEX_MALE if p.balita.jenis_kelamin == Balita.JenisKelamin.LAKI_LAKI else SEX_FEMALE
            for p in daftar
        ]
    )
    umur = np.array([(p.tanggal_ukur - p.balita.tanggal_lahir).days for p in daftar], float)
    batch = score_batch(
        sex,
        age_days=umur,
        weight_kg=np.array([_angka(p.berat_kg) for p in daftar]),
        lenhei_cm=np.array([_angka(p.tinggi_cm) for p in daftar]),
        measure=np.array([measure_code(p.cara_ukur) for p in daftar], dtype=np.int8),
        headc_cm=np.array([_angka(p.lingkar_kepala_cm) for p in daftar]),
        muac_cm=np.array([_angka(p.lila_cm) for p in daftar]),
        oedema=np.array([p.edema for p in daftar]),
    )
    kategori = categorize(batch)
    label = {n: kategori.labels(n, "") for n in ("bb_u", "tb_u", "bb_tb", "imt_u")}
    kolom = {n: getattr(batch, n).tolist() for n in ("clenhei", "cbmi", *INDEKS_Z)}
    bendera = {
        n: getattr(batch, n).tolist() for n in ("flen", "fwei", "fwfl", "fbmi", "fhc", "fac")
    }
    berdiri_muda = batch.c9mo_flag.tolist()
    for i, p in enumerate(daftar):
        p.umur_hari = int(umur[i])
        for n, nilai in kolom.items():
            setattr(p, n, None if np.isnan(nilai[i]) else nilai[i])
        for z in INDEKS_Z:
            f = "f" + z[1:]
            # A flag means something only beside its z-score (WHO leaves both blank).
            setattr(p, f, None if getattr(p, z) is None else bool(bendera[f][i]))
        p.berdiri_di_bawah_9_bulan = berdiri_muda[i]
        for n in label:
            setattr(p, f"kategori_{n}", label[n][i])


def _kbm_kg(tanggal_lahir: date, tanggal_ukur: date) -> float:
    selisih = relativedelta(tanggal_ukur, tanggal_lahir)
    bulan = selisih.years * 12 + selisih.months
    return KBM_GRAM.get(bulan, KBM_GRAM_SETELAH_SETAHUN) / 1000


def _bulan_sebelumnya(a: date, b: date) -> bool:
    """Is ``a`` in the calendar month right before ``b``'s?"""
    sebelum = b.replace(day=1) - relativedelta(months=1)
    return (a.year, a.month) == (sebelum.year, sebelum.month)


def hitung_naik(balita: Balita) -> list[Pengukuran]:
    """Recompute N/T/O/B and 2T along a child's weighings; return the rows that changed.

    N: gained at least the KBM since last month's weighing; T: less; O: not weighed last
    month; B: first weighing. 2T: T this month after T last month (a referral trigger).
    """
    berubah = []
    sebelumnya = None
    for p in balita.pengukuran.order_by("tanggal_ukur"):
        if p.berat_kg is None:
            naik, dua_t = "", False
        elif sebelumnya is None:
            naik, dua_t = Pengukuran.Naik.BARU, False
        elif not _bulan_sebelumnya(sebelumnya.tanggal_ukur, p.tanggal_ukur):
            naik, dua_t = Pengukuran.Naik.TIDAK_DITIMBANG, False
        else:
            tambah = float(p.berat_kg - sebelumnya.berat_kg)
            cukup = tambah + 1e-9 >= _kbm_kg(balita.tanggal_lahir, p.tanggal_ukur)
            naik = Pengukuran.Naik.NAIK if cukup else Pengukuran.Naik.TIDAK_NAIK
            dua_t = not cukup and sebelumnya.naik == Pengukuran.Naik.TIDAK_NAIK
        if (p.naik, p.dua_t) != (naik, dua_t):
            p.naik, p.dua_t = naik, dua_t
            berubah.append(p)
        if p.berat_kg is not None:
            sebelumnya = p
    Pengukuran.objects.bulk_update(berubah, KOLOM_NAIK)
    return berubah
