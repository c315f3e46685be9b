"""The Sekda dashboard at scale, on PostgreSQL (not part of the test run).

For each size (measurements): generate demo data (``posyandu.demo``), rebuild the monthly
summaries, then time the dashboard (server time in-process, 30 requests: p50 / p95 and the
query count), the same page for one kecamatan, and the semester report when it is
installed; also how long one kader's measurement takes to save now that it refreshes the
summary it touches.

The semester report needs a semester with something in it: once, after the first
children are generated, the semester, meeting and BPKP parts of ``tpps.demo`` (the story
``buat_demo_lengkap`` tells) fill three semesters ending with 2026S2 — OPD reports
submitted, returned, verified; 2025S2 locked and signed; programmes; meetings with their
follow-ups and progress; a BPKP evaluation with recommendations. The report timed is
2025S2 (its prevalence is taken in August 2025, inside the generated children's months);
its figures are printed so that an empty report is seen at once.

    createdb -h 127.0.0.1 -U postgres tpps_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpps_bench \\
        .venv/bin/python benchmarks/dashboard_bench.py 10000 100000 1000000
    # a quick check that it works: --quick (10 000 measurements, fewer requests)
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal

import lingkungan  # sets Django up: must come before any Django import

# isort: split

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from evaluasi.models import LaporanSemester, Semester
from opd.models import OPD, User
from posyandu import alur
from posyandu.demo import buat_demo
from posyandu.models import Balita, Kecamatan, Pengukuran
from posyandu.ringkasan import segarkan_semua
from tpps import demo, roles
from tpps.laporan_semester import isi
from tpps.models import Rapat

SAMPAI = date(2025, 9, 28)
#: The day the semester story ends: 2025S2 is then a completed, locked, signed semester.
HARI_SEMESTER = date(2026, 9, 28)
SEMESTER_LAPORAN = "2025S2"
BULAN = 36
PENGUKURAN_PER_ANAK = 31  # ~31 measurements per child over 36 months (posyandu.demo)


def kosongkan() -> None:
    lingkungan.kosongkan(["posyandu_ringkasanbulanan"])


def isi_semester(hari_ini: date = HARI_SEMESTER) -> None:
    """Semesters, OPD reports, programmes, meetings, follow-ups and BPKP from tpps.demo's
    story parts, once (kept across sizes: only the children are regenerated)."""
    if LaporanSemester.objects.exists():
        return
    Semester.objects.filter(laporan__isnull=True).delete()  # an empty one of an older run
    rng = random.Random(7)
    hasil = demo.HasilDemoLengkap(posyandu=None)
    cerita = demo._Cerita(hari_ini)
    with demo._pada(cerita.waktu(hari_ini - timedelta(days=550), 8)):
        akun = demo.buat_akun(hasil)
    demo.cerita_semester(cerita, random.Random(rng.random()), hari_ini, akun, hasil)
    opd = {o.singkatan: o for o in OPD.objects.aktif()}
    register = demo._Register(cerita, random.Random(rng.random()), hari_ini, akun, opd)
    if not Rapat.objects.exists():
        demo.cerita_rapat(cerita, random.Random(rng.random()), hari_ini, register, hasil)
    demo.cerita_bpkp(cerita, hari_ini, register, hasil)
    cerita.jalankan()


def angka_laporan(kode: str = SEMESTER_LAPORAN) -> str:
    """The report's main figures, to see that the semester timed is not empty."""
    r = isi.susun(Semester.objects.get(kode=kode))
    ring = r["ringkasan"]
    return (f"{kode}: OPD {ring['opd_masuk']}/{ring['opd_wajib']} mengajukan, "
            f"{ring['opd_terverifikasi']} terverifikasi; indikator "
            f"{ring['indikator_terverifikasi']}/{ring['indikator']} terverifikasi "
            f"({ring['indikator_tertunda']} tertunda); program {r['anggaran']['jumlah_program']}, "
            f"realisasi {ring['persen_realisasi']}%; tindak lanjut {ring['tindak_lanjut']} "
            f"({ring['tindak_lanjut_terlambat']} terlambat); rekomendasi BPKP "
            f"{ring['rekomendasi_bpkp']}; stunting {ring['stunting_persen']}% "
            f"(n={ring['stunting_n']})")


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
    parser.add_argument("--quick", action="store_true",
                        help="satu ukuran kecil (10.000 pengukuran), lebih sedikit permintaan")
    args = parser.parse_args()
    if args.quick:
        args.ukuran = [10_000]
    kali = 5 if args.quick else 30
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

    print("| pengukuran | balita | buat demo (s) | ringkasan (s) | dasbor p50/p95 (ms) | "
          "kueri | dasbor 1 kecamatan p95 (ms) | dasbor semua baris p95 (ms) | "
          "laporan semester p95 (ms) / kueri | simpan 1 ukur (ms) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for ukuran in args.ukuran:
        kosongkan()
        anak = max(1, ukuran // PENGUKURAN_PER_ANAK)
        mulai = time.perf_counter()
        buat_demo(anak=anak, bulan=BULAN, seed=7, sampai=SAMPAI)
        t_demo = time.perf_counter() - mulai
        mulai = time.perf_counter()
        segarkan_semua()
        t_ringkasan = time.perf_counter() - mulai
        isi_semester()
        with connection.cursor() as c:
            c.execute("ANALYZE")
        jumlah = Pengukuran.objects.count()
        p50, p95, kueri = waktu(client, "/dasbor/?bulan=2025-08", kali)
        kec = Kecamatan.objects.first()
        _, p95_kec, _ = waktu(client, f"/dasbor/?bulan=2025-08&kecamatan={kec.pk}", kali)
        _, p95_semua, _ = waktu(client, "/dasbor/?bulan=2025-08&semua=1", kali)
        try:
            url_laporan = reverse("laporan_semester:laporan", args=[SEMESTER_LAPORAN])
            _, p95_lap, kueri_lap = waktu(client, url_laporan, kali=5)
            laporan = f"{p95_lap:.0f} / {kueri_lap}"
        except (NoReverseMatch, AssertionError):
            laporan = "–"
        balita = Balita.objects.order_by("?").first()
        mulai = time.perf_counter()
        alur.simpan_pengukuran(balita=balita, tanggal_ukur=date(2025, 9, 27), user=None,
                                     berat_kg=Decimal("11.2"), tinggi_cm=Decimal("85.0"))
        t_simpan = (time.perf_counter() - mulai) * 1000
        print(f"| {jumlah:,} | {Balita.objects.count():,} | {t_demo:.1f} | {t_ringkasan:.1f} | "
              f"{p50:.0f} / {p95:.0f} | {kueri} | {p95_kec:.0f} | {p95_semua:.0f} | {laporan} | "
              f"{t_simpan:.0f} |", flush=True)
    print()
    print(angka_laporan(), flush=True)


if __name__ == "__main__":
    main()
