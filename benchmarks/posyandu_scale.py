"""Posyandu at city and province scale, on PostgreSQL (not part of the test run).

For each size: generate demo data (``posyandu.demo``), export it as e-PPGBM (CSV and,
up to 100,000 rows, XLSX), empty the children, import the file back (CSV, then XLSX),
import it a second time (idempotent: nothing added), recompute every z-score, and time
the Posyandu pages (home, a Posyandu's children, SKDN) for the largest Posyandu.

    createdb -h 127.0.0.1 -U postgres tpps_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpps_bench \
        .venv/bin/python benchmarks/posyandu_scale.py 10000 100000 1000000
"""

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import lingkungan  # sets Django up: must come before any Django import

# isort: split

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from opd import roles
from opd.models import User
from posyandu.demo import buat_demo
from posyandu.eppgbm.ekspor import pengukuran_untuk_ekspor, tulis_berkas
from posyandu.eppgbm.impor import impor_berkas
from posyandu.models import Pengukuran, Posyandu
from posyandu.skor import hitung_ulang_semua

SAMPAI = date(2025, 9, 28)
MEASUREMENTS_PER_CHILD = 31  # ~31 measurements per child over 36 months (demo.py)


def kosongkan(*, posyandu_juga: bool = False) -> None:
    lingkungan.kosongkan(
        ["posyandu_kegiatan_layanan", "posyandu_historicalkegiatan_layanan",
         "posyandu_kegiatan", "posyandu_historicalkegiatan", "posyandu_posyandu",
         "posyandu_cakupanpetugas_posyandu", "posyandu_imporeppgbm"] if posyandu_juga else [])


def waktu(fungsi):
    mulai = time.perf_counter()
    hasil = fungsi()
    return time.perf_counter() - mulai, hasil


def halaman(client, url, kali=3):
    from django.test.utils import override_settings

    detik = []
    statis = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": statis}):
        return _halaman(client, url, kali, detik)


def _halaman(client, url, kali, detik):
    for _ in range(kali):
        mulai = time.perf_counter()
        r = client.get(url)
        detik.append(time.perf_counter() - mulai)
        assert r.status_code == 200, (url, r.status_code)
    return statistics.median(detik)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--xlsx-max", type=int, default=100_000)
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "jalankan dengan DATABASE_URL PostgreSQL"
    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    user, _ = User.objects.get_or_create(username="bench.sekretariat", defaults={"is_staff": True})
    from django.contrib.auth.models import Group
    user.groups.add(Group.objects.get(name=roles.SEKRETARIAT))
    client = Client()
    client.force_login(user)
    hasil = []
    tmp = Path(tempfile.mkdtemp(prefix="tpps-bench-"))

    def catat(ukuran, langkah, baris, detik):
        hasil.append((ukuran, langkah, baris, detik))
        print(f"{ukuran:>9} | {langkah:<45} | {baris:>9} | {detik:8.2f} s | "
              f"{baris / detik if baris and detik else 0:>10,.0f} baris/s", flush=True)

    for ukuran in args.sizes:
        kosongkan(posyandu_juga=True)
        anak = max(1, round(ukuran / MEASUREMENTS_PER_CHILD))
        detik, demo = waktu(lambda anak=anak: buat_demo(anak=anak, bulan=36, seed=1, sampai=SAMPAI))
        catat(ukuran, f"demo_data --children {anak} --months 36", demo.pengukuran, detik)
        with connection.cursor() as c:
            c.execute("ANALYZE")
        csv = tmp / f"eppgbm-{ukuran}.csv"
        detik, n = waktu(lambda csv=csv: tulis_berkas(pengukuran_untuk_ekspor(None), csv))
        catat(ukuran, "export_eppgbm (CSV, kota)", n, detik)
        xlsx = None
        if ukuran <= args.xlsx_max:
            xlsx = tmp / f"eppgbm-{ukuran}.xlsx"
            detik, n = waktu(lambda xlsx=xlsx: tulis_berkas(pengukuran_untuk_ekspor(None), xlsx))
            catat(ukuran, "export_eppgbm (XLSX, kota)", n, detik)

        kosongkan()
        detik, h = waktu(lambda csv=csv: impor_berkas(csv, user=user))
        assert h.hitung()["ditolak"] == 0, h.hitung()
        catat(ukuran, "import_eppgbm CSV (kosong → semua baru)", h.jumlah, detik)
        detik, h = waktu(lambda csv=csv: impor_berkas(csv, user=user))
        assert h.hitung()["baru"] == 0 and h.hitung()["sama"] == h.jumlah, h.hitung()
        catat(ukuran, "import_eppgbm CSV lagi (tidak ada yang ditambah)", h.jumlah, detik)
        if xlsx is not None:
            kosongkan()
            detik, h = waktu(lambda xlsx=xlsx: impor_berkas(xlsx, user=user))
            catat(ukuran, "import_eppgbm XLSX (kosong → semua baru)", h.jumlah, detik)
        with connection.cursor() as c:
            c.execute("ANALYZE")

        jumlah = Pengukuran.objects.count()
        detik, _n = waktu(lambda: hitung_ulang_semua())
        catat(ukuran, "hitung ulang semua z-score, kategori, N/T", jumlah, detik)

        besar = Posyandu.objects.annotate(n=Count("balita")).order_by("-n").first()
        catat(ukuran, "halaman Posyandu (beranda, semua Posyandu)", 0,
              halaman(client, reverse("posyandu:beranda")))
        catat(ukuran, f"daftar balita Posyandu terbesar ({besar.n} balita)", 0,
              halaman(client, reverse("posyandu:posyandu-detail", args=[besar.pk])))
        catat(ukuran, "daftar balita, filter pendek", 0,
              halaman(client, reverse("posyandu:posyandu-detail", args=[besar.pk]) + "?status=pendek"))
        catat(ukuran, "SKDN Posyandu terbesar", 0,
              halaman(client, reverse("posyandu:skdn", args=[besar.pk]) + "?bulan=2025-08"))

    print("\n| measurements | step | rows | seconds | rows/s |\n|---:|---|---:|---:|---:|")
    for ukuran, langkah, baris, detik in hasil:
        laju = f"{baris / detik:,.0f}" if baris and detik else ""
        print(f"| {ukuran:,} | {langkah} | {baris or ''} | {detik:.2f} | {laju} |")


if __name__ == "__main__":
    main()
