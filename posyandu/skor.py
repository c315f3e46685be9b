"""Stored z-scores: the WHO engine (posyandu.growth) applied to measurement rows.

One implementation for one row and for many: a form saves a batch of one, a recomputation
a batch of thousands (``isi_skor``). What depends on the sequence of a child's weighings
(N/T/O/B and 2T) is ``hitung_naik``.
"""

from collections.abc import Sequence

import numpy as np

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


def _atau_none(nilai: np.ndarray) -> list:
    """Floats as a list with None for NaN (what the database stores)."""
    keluar = nilai.astype(object)
    keluar[np.isnan(nilai)] = None
    return keluar.tolist()


def skor_kolom(
    *,
    laki: np.ndarray,
    umur_hari: np.ndarray,
    berat_kg: np.ndarray,
    tinggi_cm: np.ndarray,
    cara_ukur: np.ndarray,
    lila_cm: np.ndarray | None = None,
    lingkar_kepala_cm: np.ndarray | None = None,
    edema: np.ndarray | None = None,
) -> dict[str, list]:
    """The stored columns (``KOLOM_SKOR``) for n measurements given as arrays, in one batch.

    ``laki``: bool (True = laki-laki); ``cara_ukur``: engine codes (``measure_code``);
    NaN where a value is missing. Lists hold None where WHO leaves a value blank."""
    n = len(umur_hari)
    kosong = np.full(n, np.nan)
    batch = score_batch(
        np.where(np.asarray(laki, bool), SEX_MALE, SEX_FEMALE),
        age_days=np.asarray(umur_hari, float),
        weight_kg=berat_kg,
        lenhei_cm=tinggi_cm,
        measure=np.asarray(cara_ukur, dtype=np.int8),
        headc_cm=kosong if lingkar_kepala_cm is None else lingkar_kepala_cm,
        muac_cm=kosong if lila_cm is None else lila_cm,
        oedema=np.zeros(n, bool) if edema is None else np.asarray(edema, bool),
    )
    kategori = categorize(batch)
    kolom: dict[str, list] = {"umur_hari": np.asarray(umur_hari).astype(np.int64).tolist()}
    for nama in ("clenhei", "cbmi", *INDEKS_Z):
        kolom[nama] = _atau_none(getattr(batch, nama))
    for z in INDEKS_Z:
        # A flag means something only beside its z-score (WHO leaves both blank).
        bendera = getattr(batch, "f" + z[1:]).astype(object)
        bendera[np.isnan(getattr(batch, z))] = None
        kolom["f" + z[1:]] = bendera.tolist()
    kolom["berdiri_di_bawah_9_bulan"] = batch.c9mo_flag.tolist()
    for nama in ("bb_u", "tb_u", "bb_tb", "imt_u"):
        kolom[f"kategori_{nama}"] = kategori.labels(nama, "")
    return kolom


def isi_skor(daftar: Sequence[Pengukuran]) -> None:
    """Fill the computed fields of measurements (their ``balita`` loaded), in one batch."""
    if not daftar:
        return
    kolom = skor_kolom(
        laki=np.array([p.balita.jenis_kelamin == Balita.JenisKelamin.LAKI_LAKI for p in daftar]),
        umur_hari=np.array([(p.tanggal_ukur - p.balita.tanggal_lahir).days for p in daftar]),
        berat_kg=np.array([_angka(p.berat_kg) for p in daftar]),
        tinggi_cm=np.array([_angka(p.tinggi_cm) for p in daftar]),
        cara_ukur=np.array([measure_code(p.cara_ukur) for p in daftar], dtype=np.int8),
        lila_cm=np.array([_angka(p.lila_cm) for p in daftar]),
        lingkar_kepala_cm=np.array([_angka(p.lingkar_kepala_cm) for p in daftar]),
        edema=np.array([p.edema for p in daftar]),
    )
    for nama, nilai in kolom.items():
        for p, v in zip(daftar, nilai, strict=True):
            setattr(p, nama, v)


def _umur_bulan_penuh(lahir: np.ndarray, tanggal: np.ndarray) -> np.ndarray:
    """Completed months between two ``datetime64[D]`` arrays, as ``relativedelta`` counts
    them (a birth on the 31st reaches its month on the last day of a shorter month)."""
    bulan_lahir = lahir.astype("datetime64[M]")
    bulan_ukur = tanggal.astype("datetime64[M]")
    hari_lahir = (lahir - bulan_lahir.astype("datetime64[D]")).astype(np.int64) + 1
    hari_ukur = (tanggal - bulan_ukur.astype("datetime64[D]")).astype(np.int64) + 1
    hari_terakhir = ((bulan_ukur + 1).astype("datetime64[D]") - bulan_ukur.astype("datetime64[D]"))
    bulan = (bulan_ukur - bulan_lahir).astype(np.int64)
    return bulan - (hari_ukur < np.minimum(hari_lahir, hari_terakhir.astype(np.int64)))


def naik_array(
    balita: np.ndarray, tanggal: np.ndarray, berat_kg: np.ndarray, tanggal_lahir: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``hitung_naik`` for many children at once, on arrays sorted by (child, date).

    ``tanggal``/``tanggal_lahir``: ``datetime64[D]``; ``berat_kg`` NaN where not weighed.
    Returns the N/T/O/B codes ("" where not weighed) and the 2T flags, row by row."""
    n = len(balita)
    naik = np.full(n, "", dtype="<U1")
    dua_t = np.zeros(n, dtype=bool)
    ada = np.flatnonzero(~np.isnan(berat_kg))
    if not ada.size:
        return naik, dua_t
    b, t, w = balita[ada], tanggal[ada], berat_kg[ada]
    pertama = np.r_[True, b[1:] != b[:-1]]
    bulan = t.astype("datetime64[M]").astype(np.int64)
    bulan_lalu = np.r_[False, (bulan[1:] - bulan[:-1]) == 1] & ~pertama
    tambah = np.r_[np.nan, w[1:] - w[:-1]]
    umur_bulan = _umur_bulan_penuh(tanggal_lahir[ada], t)
    kbm = np.array([KBM_GRAM.get(i, KBM_GRAM_SETELAH_SETAHUN) for i in range(12)]) / 1000
    kbm_kg = np.where(umur_bulan < 12, kbm[np.clip(umur_bulan, 0, 11)], KBM_GRAM_SETELAH_SETAHUN / 1000)
    with np.errstate(invalid="ignore"):
        cukup = tambah + 1e-9 >= kbm_kg
    kode = np.where(
        pertama,
        Pengukuran.Naik.BARU,
        np.where(
            ~bulan_lalu,
            Pengukuran.Naik.TIDAK_DITIMBANG,
            np.where(cukup, Pengukuran.Naik.NAIK, Pengukuran.Naik.TIDAK_NAIK),
        ),
    )
    t_ini = kode == Pengukuran.Naik.TIDAK_NAIK
    naik[ada] = kode
    dua_t[ada] = t_ini & np.r_[False, t_ini[:-1]] & ~pertama
    return naik, dua_t


def hitung_naik(balita: Balita) -> list[Pengukuran]:
    """Recompute N/T/O/B and 2T along one child's weighings; return the rows that changed.

    N: gained at least the KBM since last month's weighing; T: less; O: not weighed last
    month; B: first weighing. 2T: T this month after T last month (a referral trigger).
    The rule itself is ``naik_array``, shared with imports and recomputation."""
    return _hitung_naik(balita)[1]


def hitung_naik_riwayat(balita: Balita) -> list[Pengukuran]:
    """``hitung_naik``, returning every measurement of the child instead, oldest first, as
    now stored (for a caller that reads them next: no second query)."""
    return _hitung_naik(balita)[0]


def _hitung_naik(balita: Balita) -> tuple[list[Pengukuran], list[Pengukuran]]:
    daftar = list(balita.pengukuran.order_by("tanggal_ukur"))
    if not daftar:
        return [], []
    naik, dua_t = naik_array(
        np.full(len(daftar), balita.pk, dtype=np.int64),
        np.array([p.tanggal_ukur for p in daftar], dtype="datetime64[D]"),
        np.array([np.nan if p.berat_kg is None else float(p.berat_kg) for p in daftar]),
        np.full(len(daftar), balita.tanggal_lahir, dtype="datetime64[D]"),
    )
    berubah = []
    for p, kode, dua in zip(daftar, naik.tolist(), dua_t.tolist(), strict=True):
        if (p.naik, p.dua_t) != (kode, dua):
            p.naik, p.dua_t = kode, dua
            berubah.append(p)
    Pengukuran.objects.bulk_update(berubah, KOLOM_NAIK)
    return daftar, berubah


def hitung_naik_banyak(balita_ids, *, ukuran: int = 5000) -> int:
    """Recompute N/T/O/B and 2T of many children, set-based; returns the rows changed.

    The same result as ``hitung_naik`` child by child, in a few queries per ``ukuran``
    children (imports, recomputation, demo data)."""
    from .massal import perbarui

    ids = sorted(set(balita_ids))
    berubah = 0
    for awal in range(0, len(ids), ukuran):
        baris = list(
            Pengukuran.objects.filter(balita_id__in=ids[awal : awal + ukuran])
            .order_by("balita_id", "tanggal_ukur")
            .values_list("pk", "balita_id", "tanggal_ukur", "berat_kg", "naik", "dua_t",
                         "balita__tanggal_lahir")
        )
        if not baris:
            continue
        pk, bal, tgl, berat, naik_lama, dua_t_lama, lahir = zip(*baris, strict=True)
        naik, dua_t = naik_array(
            np.array(bal, dtype=np.int64),
            np.array(tgl, dtype="datetime64[D]"),
            np.array([np.nan if x is None else float(x) for x in berat]),
            np.array(lahir, dtype="datetime64[D]"),
        )
        beda = np.flatnonzero(
            (naik != np.array(naik_lama, dtype="<U1")) | (dua_t != np.array(dua_t_lama, bool))
        )
        perbarui(
            Pengukuran,
            KOLOM_NAIK,
            [(pk[i], str(naik[i]), bool(dua_t[i])) for i in beda],
        )
        berubah += len(beda)
    return berubah


def hitung_ulang_semua(*, ukuran: int = 100_000, kemajuan=None) -> int:
    """Recompute every stored z-score, flag, category and N/T with the engine, set-based:
    measurements in blocks of ``ukuran`` by primary key, each scored in one batch.
    Anonymised children are left out: their birth date is no longer the true one, but
    their stored scores still are (``alur.anonimkan_balita``)."""
    from .massal import perbarui

    jumlah = 0
    terakhir = 0
    while True:
        baris = list(
            Pengukuran.objects.filter(pk__gt=terakhir, balita__dianonimkan_pada__isnull=True)
            .order_by("pk").values_list(
                "pk", "balita__jenis_kelamin", "balita__tanggal_lahir", "tanggal_ukur",
                "berat_kg", "tinggi_cm", "cara_ukur", "lila_cm", "lingkar_kepala_cm", "edema",
            )[:ukuran]
        )
        if not baris:
            break
        pk, jk, lahir, tgl, berat, tinggi, cara, lila, lk, edema = zip(*baris, strict=True)
        kolom = skor_kolom(
            laki=np.array(jk) == Balita.JenisKelamin.LAKI_LAKI,
            umur_hari=(np.array(tgl, dtype="datetime64[D]")
                       - np.array(lahir, dtype="datetime64[D]")).astype(np.int64),
            berat_kg=np.array([_angka(x) for x in berat]),
            tinggi_cm=np.array([_angka(x) for x in tinggi]),
            cara_ukur=np.array([measure_code(c) for c in cara], dtype=np.int8),
            lila_cm=np.array([_angka(x) for x in lila]),
            lingkar_kepala_cm=np.array([_angka(x) for x in lk]),
            edema=np.array(edema, bool),
        )
        nilai = [kolom[k] for k in KOLOM_SKOR]
        perbarui(Pengukuran, KOLOM_SKOR, list(zip(pk, *nilai, strict=True)))
        jumlah += len(baris)
        terakhir = pk[-1]
        if kemajuan:
            kemajuan(jumlah)
    hitung_naik_banyak(Balita.objects.filter(dianonimkan_pada__isnull=True)
                       .values_list("pk", flat=True))
    return jumlah
