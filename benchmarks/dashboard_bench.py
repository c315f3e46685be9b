"""The Sekda dashboard at scale, on PostgreSQL (not part of the test run).

For each size (measurements): generate demo data (``posyandu.demo``), rebuild the monthly
summaries, then time the dashboard (server time in-process, 30 requests: p50 / p95 and the
query count), the same page for one kecamatan, and the semester report when it is
installed; also how long one kader's measurement takes to save now that it refreshes the
summary it touches.

    createdb -h 127.0.0.1 -U postgres tpps_dasbor
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpps_dasbor \\
        .venv/bin/python benchmarks/dashboard_bench.py 10000 100000 1000000
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tpps.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("HTTPS", "off")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402

from evaluasi.models import Semester  # noqa: E402
from opd.models import User  # noqa: E402
from posyandu import pencatatan  # noqa: E402
from posyandu.demo import buat_demo  # noqa: E402
from posyandu.models import Balita, Kecamatan, Pengukuran  # noqa: E402
from posyandu.ringkasan import segarkan_semua  # noqa: E402
from tpps import roles  # noqa: E402

SAMPAI = date(2025, 9, 28)
BULAN = 36
PENGUKURAN_PER_ANAK = 31  # ~31 measurements per child over 36 months (posyandu.demo)


def kosongkan() -> None:
    tabel = ["posyandu_kasus", "posyandu_historicalkasus", "posyandu_pengukuran",
             "posyandu_historicalpengukuran", "posyandu_balita", "posyandu_historicalbalita",
             "posyandu_ringkasanbulanan"]
    with connection.cursor() as c:
        c.execute("TRUNCATE " + ", ".join(tabel) + " CASCADE")


def waktu(client: Client, url: str, kali: int = 30) -> tuple[float, float, int]:
    client.get(url)  # warm caches
    hasil = []
    for _ in range(kali):
        mulai = time.perf_counter()
        resp = client.get(url)
        hasil.append((time.perf_counter() - mulai) * 1000)
        assert resp.status_code == 200, (url, resp.status_code)
    with CaptureQueriesContext(connection) as q:
        client.get(url)
    hasil.sort()
    return statistics.median(hasil), hasil[int(0.95 * (len(hasil) - 1))], len(q)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("ukuran", nargs="*", type=int, default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Jalankan pada PostgreSQL: set DATABASE_URL (lihat docstring).")
    settings.DEBUG = False
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    call_command("seed_reference", stdout=open(os.devnull, "w"))  # noqa: SIM115
    pimpinan, _ = User.objects.get_or_create(username="bench.sekda")
    pimpinan.groups.add(*Group.objects.filter(name=roles.PIMPINAN))
    client = Client()
    client.force_login(pimpinan)
    # The semester the report covers: S2 2025, its prevalence taken in August.
    Semester.objects.get_or_create(kode="2025S2", defaults={
        "tanggal_mulai": date(2025, 7, 1), "tanggal_selesai": date(2025, 12, 31),
        "pengisian_dibuka": date(2025, 7, 1), "batas_pengisian": date(2026, 1, 15)})

    print("| pengukuran | balita | buat demo (s) | ringkasan (s) | dasbor p50/p95 (ms) | "
          "kueri | dasbor 1 kecamatan p95 (ms) | laporan semester (ms) | simpan 1 ukur (ms) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ukuran in args.ukuran:
        kosongkan()
        anak = max(1, ukuran // PENGUKURAN_PER_ANAK)
        mulai = time.perf_counter()
        buat_demo(anak=anak, bulan=BULAN, seed=7, sampai=SAMPAI)
        t_demo = time.perf_counter() - mulai
        mulai = time.perf_counter()
        segarkan_semua()
        t_ringkasan = time.perf_counter() - mulai
        with connection.cursor() as c:
            c.execute("ANALYZE")
        jumlah = Pengukuran.objects.count()
        p50, p95, kueri = waktu(client, "/dasbor/?bulan=2025-08")
        kec = Kecamatan.objects.first()
        _, p95_kec, _ = waktu(client, f"/dasbor/?bulan=2025-08&kecamatan={kec.pk}")
        try:
            url_laporan = reverse("laporan_semester:laporan", args=["2025S2"])
            _, p95_lap, _ = waktu(client, url_laporan, kali=5)
            laporan = f"{p95_lap:.0f}"
        except (NoReverseMatch, AssertionError):
            laporan = "–"
        balita = Balita.objects.order_by("?").first()
        mulai = time.perf_counter()
        pencatatan.simpan_pengukuran(balita=balita, tanggal_ukur=date(2025, 9, 27), user=None,
                                     berat_kg=Decimal("11.2"), tinggi_cm=Decimal("85.0"))
        t_simpan = (time.perf_counter() - mulai) * 1000
        print(f"| {jumlah:,} | {Balita.objects.count():,} | {t_demo:.1f} | {t_ringkasan:.1f} | "
              f"{p50:.0f} / {p95:.0f} | {kueri} | {p95_kec:.0f} | {laporan} | {t_simpan:.0f} |",
              flush=True)


if __name__ == "__main__":
    main()
