"""Posyandu reference data: wilayah, Puskesmas with their working areas, Posyandu, services.

``data/posyandu.csv`` is the city's Posyandu list (from Dinkes); it ships empty because the
193 Posyandu of Kota Batu were not in the seed facts — fill it, or keep them in the admin.
"""

from decimal import Decimal
from pathlib import Path

from tpps.lib.acuan import Baris, SumberAcuan, baca_csv, ya_tidak

from .models import AngkaResmi, Desa, Kecamatan, Layanan, Posyandu, Puskesmas, TargetPrevalensi

DATA = Path(__file__).resolve().parent / "data"
BERKAS_WILAYAH = DATA / "wilayah.csv"
BERKAS_PUSKESMAS = DATA / "puskesmas.csv"
BERKAS_POSYANDU = DATA / "posyandu.csv"
BERKAS_LAYANAN = DATA / "layanan.csv"
BERKAS_TARGET = DATA / "target_prevalensi.csv"
BERKAS_ANGKA_RESMI = DATA / "angka_resmi.csv"


def baris_kecamatan():
    dilihat = set()
    for row in baca_csv(BERKAS_WILAYAH):
        if row["kode_kecamatan"] in dilihat:
            continue
        dilihat.add(row["kode_kecamatan"])
        yield Baris(
            kunci=(row["kode_kecamatan"],),
            cari={"kode": row["kode_kecamatan"]},
            nilai={"nama": row["kecamatan"]},
        )


def _desa(kode_kecamatan: str, nama: str) -> Desa:
    return Desa.objects.get(kecamatan__kode=kode_kecamatan, nama__iexact=nama)


def baris_desa():
    for row in baca_csv(BERKAS_WILAYAH):
        kecamatan = Kecamatan.objects.filter(kode=row["kode_kecamatan"]).first()
        if kecamatan is None:  # an administrator removed the kecamatan: leave its desa out
            continue
        yield Baris(
            kunci=(row["kode_kecamatan"], row["desa_kelurahan"]),
            cari={"kecamatan": kecamatan, "nama": row["desa_kelurahan"]},
            nilai={"jenis": row["jenis"], "kode": row["kode_desa"]},
        )


def baris_puskesmas():
    for row in baca_csv(BERKAS_PUSKESMAS):
        kode = row["kode_kecamatan"]
        nama_desa = [n.strip() for n in row["wilayah_kerja"].split(";") if n.strip()]
        yield Baris(
            kunci=(row["nama"],),
            cari={"nama": row["nama"]},
            nilai={"kecamatan": Kecamatan.objects.get(kode=kode)},
            m2m={
                "wilayah_kerja": list(Desa.objects.filter(kecamatan__kode=kode, nama__in=nama_desa))
            },
        )


def baris_posyandu():
    for row in baca_csv(BERKAS_POSYANDU):
        desa = _desa(row["kode_kecamatan"], row["desa_kelurahan"])
        yield Baris(
            kunci=(row["kode_kecamatan"], row["desa_kelurahan"], row["nama"]),
            cari={"desa": desa, "nama": row["nama"]},
            nilai={
                "rw": row["rw"],
                "alamat": row["alamat"],
                "puskesmas": Puskesmas.objects.get(nama=row["puskesmas"]),
                "aktif": ya_tidak(row["aktif"] or "ya"),
            },
        )


def baris_layanan():
    for nomor, row in enumerate(baca_csv(BERKAS_LAYANAN), start=1):
        yield Baris(
            kunci=(row["kode"],),
            cari={"kode": row["kode"]},
            nilai={"nama": row["nama"], "urutan": nomor},
        )


def baris_target():
    for row in baca_csv(BERKAS_TARGET):
        yield Baris(
            kunci=(row["tahun"], row["indeks"]),
            cari={"tahun": int(row["tahun"]), "indeks": row["indeks"]},
            nilai={"target_persen": Decimal(row["target_persen"]), "dasar": row["dasar"]},
        )


def baris_angka_resmi():
    for row in baca_csv(BERKAS_ANGKA_RESMI):
        yield Baris(
            kunci=(row["tahun"], row["indeks"], row["sumber"]),
            cari={"tahun": int(row["tahun"]), "indeks": row["indeks"], "sumber": row["sumber"]},
            nilai={"persen": Decimal(row["persen"]), "catatan": row["catatan"]},
        )


SUMBER = [
    SumberAcuan("posyandu/wilayah.csv#kecamatan", Kecamatan, BERKAS_WILAYAH, baris_kecamatan),
    SumberAcuan("posyandu/wilayah.csv#desa", Desa, BERKAS_WILAYAH, baris_desa),
    SumberAcuan("posyandu/puskesmas.csv", Puskesmas, BERKAS_PUSKESMAS, baris_puskesmas),
    SumberAcuan("posyandu/posyandu.csv", Posyandu, BERKAS_POSYANDU, baris_posyandu),
    SumberAcuan("posyandu/layanan.csv", Layanan, BERKAS_LAYANAN, baris_layanan),
    SumberAcuan("posyandu/target_prevalensi.csv", TargetPrevalensi, BERKAS_TARGET, baris_target),
    SumberAcuan("posyandu/angka_resmi.csv", AngkaResmi, BERKAS_ANGKA_RESMI, baris_angka_resmi),
]
