"""A realistic, made-up Kota Batu for the quick start and the benchmarks.

Posyandu in every desa, children with plausible ages, sexes and growth trajectories
(about 10 % stunted overall, more in some desa than others), monthly weighings and the two
bulan penimbangan (February, August: height, LiLA, vitamin A), with the noise real data has
(measurement error, digit preference, a few gross errors that WHO flags), a Posyandu
Spesial funded by a partner, and the cases that follow. Deterministic for a seed and an
end month. Everything is generated as numpy arrays and written in bulk (COPY on
PostgreSQL), z-scores in one batch: 1,000,000 measurements take minutes.

Every name is invented; NIKs follow the real layout (region, birth date, serial) but are
made up.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from opd.models import Mitra

from .alur import buka_kasus_banyak
from .growth import (
    DAYS_PER_MONTH,
    HEIGHT_FROM_DAY,
    MAX_AGE_DAYS,
    MAX_AGE_MONTHS,
    MEASURE_LYING,
    MEASURE_STANDING,
    MEASURE_UNKNOWN,
    load_tables,
)
from .growth.tables import AGE_ROWS, sd_curve
from .massal import sisipkan
from .models import Balita, Desa, Kasus, Kegiatan, Layanan, Pengukuran, Posyandu, Puskesmas
from .models.kegiatan import bulan_penimbangan, is_bulan_penimbangan
from .ringkasan import segarkan_semua
from .skor import KOLOM_SKOR, naik_array, skor_kolom

NAMA_POSYANDU = (
    "Melati", "Mawar", "Anggrek", "Dahlia", "Kenanga", "Cempaka", "Flamboyan", "Teratai",
    "Seruni", "Bougenville", "Sakura", "Tulip", "Lily", "Kamboja",
)
NAMA_LAKI = (
    "Ahmad", "Muhammad", "Rizky", "Fajar", "Dimas", "Bayu", "Arif", "Raka", "Gilang", "Hafiz",
    "Alif", "Bima", "Daffa", "Farel", "Ilham", "Kevin", "Naufal", "Rafi", "Satria", "Yusuf",
    "Zidan", "Aditya", "Arkan", "Galih", "Rendra", "Wahyu", "Zaki", "Akbar", "Fikri", "Reza",
)
NAMA_PEREMPUAN = (
    "Aisyah", "Putri", "Nabila", "Zahra", "Alya", "Citra", "Dewi", "Fitri", "Intan", "Kirana",
    "Laila", "Nadia", "Rania", "Salsabila", "Syifa", "Tiara", "Wulan", "Anisa", "Bunga",
    "Clarissa", "Hana", "Keisha", "Mutiara", "Nayla", "Qonita", "Safira", "Aurel", "Dinda",
    "Kayla", "Azzahra",
)
NAMA_BELAKANG = (
    "Pratama", "Saputra", "Ramadhan", "Hidayat", "Wijaya", "Kurniawan", "Santoso", "Nugroho",
    "Putra", "Maulana", "Firmansyah", "Setiawan", "Permata", "Lestari", "Anggraini",
    "Rahmawati", "Safitri", "Wulandari", "Azzahra", "Ayu", "Amalia", "Utami", "Kusuma",
    "Aditama", "Prasetyo", "Hakim", "Fauzi", "Syahputra", "Handayani", "Salsabila",
)
NAMA_IBU = (
    "Siti", "Sri", "Nur", "Dwi", "Eka", "Rina", "Yuli", "Wati", "Endah", "Lilis", "Ani",
    "Tri", "Umi", "Yeni", "Dian", "Ratna", "Novi", "Ika", "Susi", "Erna", "Mega", "Indah",
    "Rini", "Tutik", "Lina", "Maya", "Heni", "Fitria", "Nanik", "Retno",
)
JALAN = ("Jl. Diponegoro", "Jl. Panglima Sudirman", "Jl. Brantas", "Jl. Kartini", "Jl. Arumdalu",
         "Jl. Bukit Berbunga", "Jl. Raya Tlekung", "Jl. Semeru", "Jl. Mawar", "Jl. Sultan Agung")


@dataclass
class HasilDemo:
    posyandu: int
    balita: int
    pengukuran: int
    kegiatan: int
    kasus: int


def _puskesmas_desa(desa: Desa) -> Puskesmas:
    return (
        Puskesmas.objects.filter(wilayah_kerja=desa).first()
        or Puskesmas.objects.filter(kecamatan=desa.kecamatan).first()
        or Puskesmas.objects.first()
        or Puskesmas.objects.create(nama=desa.kecamatan.nama, kecamatan=desa.kecamatan)
    )


def _siapkan_posyandu(rng) -> list[Posyandu]:
    """Posyandu in every desa that has none (5–11 each, ~193 for Kota Batu)."""
    for desa in Desa.objects.select_related("kecamatan").order_by("kecamatan__kode", "nama"):
        if desa.posyandu.exists():
            continue
        pkm = _puskesmas_desa(desa)
        n = int(rng.integers(5, 12))
        Posyandu.objects.bulk_create([
            Posyandu(nama=f"{NAMA_POSYANDU[i % len(NAMA_POSYANDU)]} {i // len(NAMA_POSYANDU) + 1}"
                     if i >= len(NAMA_POSYANDU) else NAMA_POSYANDU[i],
                     desa=desa, puskesmas=pkm, rw=f"{i + 1:02d}",
                     alamat=f"Balai RW {i + 1:02d}, {desa.nama}")
            for i in range(n)
        ])
    return list(Posyandu.objects.aktif().select_related("desa__kecamatan").order_by("pk"))


def _hari(d: np.ndarray) -> list[date]:
    return d.astype("datetime64[D]").astype(object).tolist()


@transaction.atomic
def buat_demo(*, anak: int = 600, bulan: int = 12, seed: int = 1, sampai: date | None = None,
              user=None) -> HasilDemo:
    """Generate children and ``bulan`` months of measurements ending with ``sampai``'s month."""
    rng = np.random.default_rng(seed)
    if not Desa.objects.exists():
        raise ValueError("Belum ada data wilayah: jalankan `manage.py seed_reference` dulu.")
    sampai = sampai or timezone.localdate()
    akhir_bulan = sampai.replace(day=1)
    awal = akhir_bulan - relativedelta(months=bulan - 1)
    semua_posyandu = _siapkan_posyandu(rng)
    n_pos = len(semua_posyandu)
    desa_ids = sorted({p.desa_id for p in semua_posyandu})
    # Stunting varies by desa: a desa's mean height-for-age z between −1.05 and −0.2.
    mu_desa = dict(zip(desa_ids, rng.uniform(-1.05, -0.2, len(desa_ids)), strict=True))
    hari_posyandu = rng.integers(5, 26, n_pos)  # each Posyandu meets on its own day
    bobot = rng.uniform(0.5, 1.5, n_pos)
    pos = rng.choice(n_pos, size=anak, p=bobot / bobot.sum())
    laki = rng.random(anak) < 0.51

    # Birth dates: most children are under five through the whole window; some are born
    # during it (the window cannot hold more than 60 months of one child).
    akhir_np = np.datetime64(sampai, "D")
    awal_np = np.datetime64(awal, "D")
    batas_tua = np.datetime64(sampai - relativedelta(months=MAX_AGE_MONTHS), "D") + 1
    if awal_np > batas_tua:
        tua = rng.random(anak) < 0.85
        lahir = np.where(
            tua,
            batas_tua + (rng.random(anak) * (awal_np - batas_tua).astype(int)).astype(int),
            awal_np + (rng.random(anak) * (akhir_np - awal_np).astype(int)).astype(int),
        ).astype("datetime64[D]")
    else:
        lahir = (batas_tua + (rng.random(anak) * (akhir_np - batas_tua).astype(int)).astype(int))

    # Identity.
    depan = np.where(laki, rng.choice(NAMA_LAKI, anak), rng.choice(NAMA_PEREMPUAN, anak))
    nama = [f"{a} {b}" for a, b in zip(depan, rng.choice(NAMA_BELAKANG, anak), strict=True)]
    ibu = [f"{a} {b}" for a, b in zip(rng.choice(NAMA_IBU, anak),
                                        rng.choice(NAMA_BELAKANG, anak), strict=True)]
    lahir_d = _hari(lahir)
    punya_nik = rng.random(anak) < 0.85
    kode_kec = {p.pk: p.desa.kecamatan.kode.replace(".", "") for p in semua_posyandu}
    nik = [
        f"{kode_kec[semua_posyandu[pos[i]].pk]:0<6}"[:6]
        + f"{lahir_d[i].day + (0 if laki[i] else 40):02d}{lahir_d[i]:%m%y}{i % 10000:04d}"
        if punya_nik[i] else ""
        for i in range(anak)
    ]
    rt = rng.integers(1, 9, anak)
    rw = rng.integers(1, 12, anak)
    jalan = rng.choice(JALAN, anak)
    bb_lahir = np.clip(rng.normal(3.1, 0.45, anak), 1.6, 4.8).round(2)
    pb_lahir = np.clip(rng.normal(49, 2, anak), 42, 55).round(1)
    lulus = [d + relativedelta(months=MAX_AGE_MONTHS) for d in lahir_d]
    # KIA book: most hold one, some not, some not recorded (a stream of its own, so the
    # rest of the data stays as it was for the same seed).
    kia = np.random.default_rng([seed, 7]).random(anak)
    punya_kia = [True if k < 0.8 else False if k < 0.9 else None for k in kia]
    objek = [
        Balita(
            nik=nik[i], nama=nama[i], jenis_kelamin="L" if laki[i] else "P",
            tanggal_lahir=lahir_d[i], nama_ibu=ibu[i],
            desa_id=semua_posyandu[pos[i]].desa_id, posyandu_id=semua_posyandu[pos[i]].pk,
            rt=f"{rt[i]:03d}", rw=f"{rw[i]:03d}", alamat=f"{jalan[i]} No. {i % 120 + 1}",
            berat_lahir_kg=float(bb_lahir[i]), panjang_lahir_cm=float(pb_lahir[i]),
            status=Balita.Status.LULUS if lulus[i] <= sampai else Balita.Status.AKTIF,
            tanggal_status=lulus[i] if lulus[i] <= sampai else None,
            punya_buku_kia=punya_kia[i],
        )
        for i in range(anak)
    ]
    balita_pk = np.array([b.pk for b in Balita.objects.bulk_create(objek, batch_size=5000)])
    if balita_pk.size and balita_pk[0] is None:
        balita_pk = np.array(list(Balita.objects.order_by("-pk").values_list("pk", flat=True)
                                  [:anak])[::-1])

    # Events: one per Posyandu per month (February and August: bulan penimbangan).
    bulan_list = [awal + relativedelta(months=m) for m in range(bulan)]
    kegiatan = []
    for b in bulan_list:
        penimbangan = is_bulan_penimbangan(b)
        for j, p in enumerate(semua_posyandu):
            kegiatan.append(Kegiatan(
                jenis=Kegiatan.Jenis.BULAN_PENIMBANGAN if penimbangan else Kegiatan.Jenis.BULANAN,
                tanggal=b.replace(day=int(hari_posyandu[j])), posyandu=p, dibuat_oleh=user,
                nama="",
            ))
    kegiatan = Kegiatan.objects.bulk_create(kegiatan, batch_size=5000)
    kegiatan_pk = np.array([k.pk for k in kegiatan]).reshape(bulan, n_pos)

    # Growth: a child's height-for-age z around their desa's mean, drifting down in the
    # first two years for some; weight-for-age follows height with its own deviation.
    z_tinggi0 = np.array([mu_desa[semua_posyandu[p].desa_id] for p in pos]) + rng.normal(0, 0.85, anak)
    turun = rng.normal(-0.15, 0.25, anak)
    z_berat_anak = rng.normal(-0.05, 0.75, anak)
    hadir_anak = np.clip(rng.beta(12, 1, anak), 0.5, 1)
    tabel = load_tables()
    lulus_np = np.array(lulus, dtype="datetime64[D]")

    blok = []
    for m, b in enumerate(bulan_list):
        tanggal = np.array([np.datetime64(b.replace(day=int(h)), "D") for h in hari_posyandu])
        tgl = tanggal[pos]
        umur = (tgl - lahir).astype(int)
        # Born, still in S (under 60 months: before the day they age out), not in the future.
        hidup = (umur >= 0) & (tgl < lulus_np) & (tgl <= akhir_np)
        penimbangan = is_bulan_penimbangan(b)
        datang = hidup & (rng.random(anak) < (0.98 if penimbangan else hadir_anak))
        idx = np.flatnonzero(datang)
        blok.append((idx, tgl[idx], umur[idx], np.full(idx.size, m), penimbangan))

    idx = np.concatenate([x[0] for x in blok])
    tgl = np.concatenate([x[1] for x in blok])
    umur = np.concatenate([x[2] for x in blok])
    m_idx = np.concatenate([x[3] for x in blok])
    penimbangan = np.concatenate([np.full(x[0].size, x[4]) for x in blok])
    n = idx.size

    # Posyandu Spesial: a city-level event in the last August (semester II's bulan
    # penimbangan; or the last month), 150 children from every Posyandu, on the 28th
    # (Posyandu meet on the 5th–25th).
    spesial_bulan = max((b for b in bulan_list if b == bulan_penimbangan(b.year, 2)),
                        default=bulan_list[-1])
    tgl_spesial = np.datetime64(spesial_bulan.replace(day=28), "D")
    calon = np.flatnonzero((lahir <= tgl_spesial - 30) & (lahir > tgl_spesial - 1800))
    spesial = rng.choice(calon, size=min(150, calon.size), replace=False) if calon.size else calon
    mitra, _ = Mitra.objects.get_or_create(
        nama="PT Gizi Sehat Nusantara (demo)",
        defaults={"sektor": "Pangan", "catatan": "Mitra contoh dari data demo."},
    )
    keg_spesial = Kegiatan.objects.create(
        jenis=Kegiatan.Jenis.POSYANDU_SPESIAL, nama="Posyandu Spesial",
        tanggal=spesial_bulan.replace(day=28), lokasi="Rumah Dinas Wali Kota Batu",
        mitra=mitra, dibuat_oleh=user,
        catatan="Pengukuran, imunisasi, vitamin A dan kelas pijat bayi.",
    )
    keg_spesial.layanan.set(Layanan.objects.all())
    idx = np.r_[idx, spesial]
    tgl = np.r_[tgl, np.full(spesial.size, tgl_spesial)]
    umur = np.r_[umur, (tgl_spesial - lahir[spesial]).astype(int)]
    m_idx = np.r_[m_idx, np.full(spesial.size, -1)]
    penimbangan = np.r_[penimbangan, np.ones(spesial.size, bool)]
    n = idx.size

    # True size at each visit, then the measurement as a kader reads it.
    umur_bln = umur / DAYS_PER_MONTH
    z_h = z_tinggi0[idx] + turun[idx] * np.minimum(umur_bln, 24) / 24 + rng.normal(0, 0.08, n)
    z_w = 0.55 * z_h + z_berat_anak[idx] + rng.normal(0, 0.1, n)
    sex = np.where(laki[idx], 1, 2)
    baris_umur = sex * AGE_ROWS + np.clip(umur, 0, MAX_AGE_DAYS)
    with np.errstate(invalid="ignore"):
        panjang = sd_curve(tabel.lfa.l[baris_umur], tabel.lfa.m[baris_umur],
                           tabel.lfa.s[baris_umur], z_h)
        berat = sd_curve(tabel.wfa.l[baris_umur], tabel.wfa.m[baris_umur],
                         tabel.wfa.s[baris_umur], z_w)
        lila = sd_curve(tabel.acfa.l[baris_umur], tabel.acfa.m[baris_umur],
                        tabel.acfa.s[baris_umur], z_w * 0.8)
    cara = np.where(umur < HEIGHT_FROM_DAY, MEASURE_LYING, MEASURE_STANDING).astype(np.int8)
    salah = rng.random(n) < 0.04
    cara[salah] = MEASURE_LYING + MEASURE_STANDING - cara[salah]
    cara[rng.random(n) < 0.03] = MEASURE_UNKNOWN
    panjang = panjang + np.where(cara == MEASURE_STANDING, -0.35, 0.35) + rng.normal(0, 0.6, n)
    berat = berat + rng.normal(0, 0.08, n)
    # Digit preference: some Posyandu read heights to the whole or half centimetre.
    bulat = (pos[idx] % 4 == 0)
    panjang = np.where(bulat, np.round(panjang * 2) / 2, np.round(panjang, 1))
    berat = np.round(berat, 1)
    kasar = rng.random(n) < 0.004  # a gross error now and then: WHO flags it
    panjang[kasar] += rng.choice([-25, 25], kasar.sum())
    panjang = np.clip(panjang, 35, 130)
    ukur_tinggi = penimbangan | (rng.random(n) < 0.7)
    panjang = np.where(ukur_tinggi, panjang, np.nan)
    ada_lila = penimbangan & (umur >= 183)
    lila = np.where(ada_lila, np.round(lila + rng.normal(0, 0.3, n), 1), np.nan)
    vit_a = penimbangan & (umur >= 183)

    urut = np.lexsort((tgl, idx))
    idx, tgl, umur, m_idx = idx[urut], tgl[urut], umur[urut], m_idx[urut]
    berat, panjang, cara, lila, vit_a = berat[urut], panjang[urut], cara[urut], lila[urut], vit_a[urut]
    skor = skor_kolom(laki=laki[idx], umur_hari=umur, berat_kg=berat, tinggi_cm=panjang,
                      cara_ukur=cara, lila_cm=lila)
    naik, dua_t = naik_array(balita_pk[idx], tgl, berat, lahir[idx])
    keg = np.where(m_idx >= 0, kegiatan_pk[np.maximum(m_idx, 0), pos[idx]], keg_spesial.pk)
    huruf = {MEASURE_LYING: "l", MEASURE_STANDING: "h", MEASURE_UNKNOWN: ""}
    kolom = ("balita", "kegiatan", "tanggal_ukur", "berat_kg", "tinggi_cm", "cara_ukur",
             "lila_cm", "edema", "vitamin_a", "imunisasi", "naik", "dua_t", *KOLOM_SKOR)
    tanggal_list = _hari(tgl)
    cara_list = [huruf[c] for c in cara.tolist()]

    def teks(a, fmt):
        return [None if np.isnan(v) else fmt % v for v in a.tolist()]

    berat_t, panjang_t, lila_t = teks(berat, "%.2f"), teks(panjang, "%.1f"), teks(lila, "%.1f")
    naik_l, dua_t_l, vit_l = naik.tolist(), dua_t.tolist(), vit_a.tolist()
    bal_l, keg_l = balita_pk[idx].tolist(), keg.tolist()
    skor_l = [skor[k] for k in KOLOM_SKOR]
    sisipkan(Pengukuran, kolom, (
        (bal_l[i], keg_l[i], tanggal_list[i], berat_t[i], panjang_t[i], cara_list[i], lila_t[i],
         False, vit_l[i], False, naik_l[i], dua_t_l[i], *[s[i] for s in skor_l])
        for i in range(n)
    ))

    # Cases found at each child's latest measurement, some already followed up.
    terakhir = np.r_[idx[1:] != idx[:-1], True] if n else np.zeros(0, bool)
    kunci = {(bal_l[i], tanggal_list[i]) for i in np.flatnonzero(terakhir)}
    jumlah_kasus = buka_kasus_banyak(kunci)
    segarkan_semua()
    kasus = list(Kasus.objects.filter(balita_id__in=balita_pk.tolist()).order_by("pk"))
    maju = rng.random(len(kasus))
    for k, r in zip(kasus, maju, strict=True):
        if r < 0.5:
            k.status, k.tanggal_dirujuk = Kasus.Status.DIRUJUK, k.tanggal_ditemukan + timedelta(3)
        if r < 0.25:
            k.status, k.tanggal_ditangani = Kasus.Status.DITANGANI, k.tanggal_ditemukan + timedelta(10)
            k.penanganan = [Kasus.Penanganan.PMT]
            if r < 0.1:  # some get PMT with nutrition counselling: treatments are a set
                k.penanganan.append(Kasus.Penanganan.KONSELING)
    Kasus.objects.bulk_update(kasus, ["status", "tanggal_dirujuk", "tanggal_ditangani",
                                      "penanganan"], batch_size=2000)
    return HasilDemo(posyandu=n_pos, balita=anak, pengukuran=n, kegiatan=len(kegiatan) + 1,
                     kasus=jumlah_kasus)
