"""Where a request spends its CPU: each kind of request of ``beban_bench.py``, served
in-process by Django's test client against the bench database and profiled with cProfile
(not part of the test run). Run ``beban_bench.py`` once first (it makes the users).

    cd benchmarks && DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpps_beban \\
        ../.venv/bin/python profil_permintaan.py --kali 30 [--jenis kegiatan]
"""

import argparse
import cProfile
import io
import pstats
import random
import time

import lingkungan  # noqa: F401  (sets Django up: must come before any Django import)

# isort: split

import beban_bench
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kali", type=int, default=30, help="requests per kind (30)")
    parser.add_argument("--jenis", help="only this kind")
    parser.add_argument("--baris", type=int, default=25, help="functions listed (25)")
    parser.add_argument("--urut", default="cumulative", help="cumulative or tottime")
    parser.add_argument("--waktu", action="store_true",
                        help="only the time per request, without the profiler's overhead")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the pages' manifest
    pengguna = beban_bench.siapkan()
    rng = random.Random(1)
    contoh = {}
    for _ in range(2000):
        p = rng.choice(pengguna)
        jenis, metode, jalur, isian = beban_bench.langkah(p, rng)
        contoh.setdefault(jenis, []).append((p, metode, jalur, isian))
    for jenis, daftar in sorted(contoh.items()):
        if args.jenis and jenis != args.jenis:
            continue
        klien = {}
        daftar = daftar[: args.kali]
        for p, *_ in daftar:  # warm: sign-in and first render outside the profile
            if p["user"].pk not in klien:
                c = Client()
                c.force_login(p["user"])
                c.get("/sehat/")  # the handler and its middleware load on the first request
                klien[p["user"].pk] = c
        profil = cProfile.Profile()
        mulai = time.perf_counter()
        with CaptureQueriesContext(connection) as q:
            if not args.waktu:
                profil.enable()
            for p, metode, jalur, isian in daftar:
                c = klien[p["user"].pk]
                r = c.post(jalur, isian) if metode == "POST" else c.get(jalur)
                assert r.status_code == 200, (jalur, r.status_code)
            profil.disable()
        ms = (time.perf_counter() - mulai) * 1000 / len(daftar)
        print(f"\n=== {jenis}: {ms:.1f} ms per request, {len(q) / len(daftar):.1f} queries")
        if args.waktu:
            continue
        keluar = io.StringIO()
        pstats.Stats(profil, stream=keluar).sort_stats(args.urut).print_stats(args.baris)
        print("\n".join(keluar.getvalue().splitlines()[6:]))


if __name__ == "__main__":
    main()
