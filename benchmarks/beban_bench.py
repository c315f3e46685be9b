"""Many users at once on PostgreSQL with gunicorn (not part of the test run).

The city's demo data (``demo_lengkap``: 600 children by default, ``--anak``; 12 months, the
semester story) plus
50 accounts: 30 kader, each with today's event at their own Posyandu, 8 Operator OPD,
6 Sekretariat TPPS, 4 Pimpinan and 2 Dinkes nutrition staff. Each simulated user signs
in once (a session made by Django's test client, sent as a cookie) and then loops over
what their role does every day, by weight:

- kader: the event page (its expected children), save a measurement (the event page's
  JSON endpoint; a new child each time, values varied), a child's page, the home page;
- Operator OPD: home, their semester report, the follow-up register;
- Sekretariat: the dashboard, the verification queue, meetings, the register;
- Pimpinan: the dashboard, the semester report;
- Dinkes: the dashboard, the cases list.

Two loads: saturation (no think time: every user sends its next request as soon as the
last answered) and a realistic one (an exponential think time, mean 5 s). Printed per load:
requests, errors (HTTP ≥ 500 or a failed connection), throughput (requests/s), p50 / p95 /
p99 latency, per kind of request.

``--vs <commit>`` serves that commit too (a git worktree, the same database and the same
gunicorn command) and measures both in this run, alternating, so their ratio is fair on a
noisy machine.

    createdb -h 127.0.0.1 -U postgres tpps_beban
    cd benchmarks && DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpps_beban \\
        ../.venv/bin/python beban_bench.py --durasi 60 --vs <commit>
"""

import argparse
import contextlib
import http.client
import json
import os
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import lingkungan  # sets Django up: must come before any Django import

# isort: split

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from evaluasi.models import Semester
from opd import roles
from opd.models import OPD, User
from posyandu.models import Balita, CakupanPetugas, Kegiatan, Posyandu

BASE = Path(settings.BASE_DIR)
SANDI = "sandi-beban-bench-1"
JUMLAH = {"kader": 30, "operator": 8, "sekretariat": 6, "pimpinan": 4, "dinkes": 2}


# --- Data and accounts --------------------------------------------------------------------


def siapkan(anak: int = 600) -> list[dict]:
    """The demo data (once, ``anak`` children) and the 50 users with what each one opens."""
    if not Balita.objects.exists():
        call_command("demo_lengkap", children=anak, months=12, verbosity=0)
    hari = timezone.localdate()
    posyandu = list(Posyandu.objects.filter(balita__isnull=False).distinct().order_by("pk"))
    opd = list(OPD.objects.wajib_lapor().order_by("pk"))
    semester = Semester.objects.order_by("-tahun", "-nomor").first()
    pengguna = []
    grup = {r: Group.objects.get(name=r) for r in (roles.PETUGAS_POSYANDU, roles.OPERATOR_OPD,
                                                  roles.SEKRETARIAT, roles.PIMPINAN)}

    def akun(nama, peran, **kw):
        user, _ = User.objects.get_or_create(username=nama, defaults=kw)
        user.groups.set([grup[peran]])
        if peran == roles.SEKRETARIAT:
            roles.beri_akses_admin(user)
        return user

    for i in range(JUMLAH["kader"]):
        p = posyandu[i % len(posyandu)]
        user = akun(f"beban.kader{i}", roles.PETUGAS_POSYANDU)
        if not CakupanPetugas.objects.filter(user=user).exists():
            CakupanPetugas.objects.create(user=user, tingkat=CakupanPetugas.Tingkat.POSYANDU
                                          ).posyandu.set([p])
        kegiatan, _ = Kegiatan.objects.get_or_create(posyandu=p, tanggal=hari,
                                                     jenis=Kegiatan.Jenis.BULANAN)
        anak = list(Balita.objects.filter(posyandu=p).sasaran(hari).values_list("pk", flat=True))
        pengguna.append({"peran": "kader", "user": user, "kegiatan": kegiatan.pk, "anak": anak})
    for i in range(JUMLAH["operator"]):
        o = opd[i % len(opd)]
        pengguna.append({"peran": "operator", "opd": o.pk, "semester": semester.kode,
                         "user": akun(f"beban.operator{i}", roles.OPERATOR_OPD, opd=o)})
    for i in range(JUMLAH["sekretariat"]):
        pengguna.append({"peran": "sekretariat",
                         "user": akun(f"beban.sekretariat{i}", roles.SEKRETARIAT)})
    for i in range(JUMLAH["pimpinan"]):
        pengguna.append({"peran": "pimpinan", "semester": semester.kode,
                         "user": akun(f"beban.pimpinan{i}", roles.PIMPINAN)})
    for i in range(JUMLAH["dinkes"]):
        user = akun(f"beban.dinkes{i}", roles.PETUGAS_POSYANDU)
        if not CakupanPetugas.objects.filter(user=user).exists():
            CakupanPetugas.objects.create(user=user, tingkat=CakupanPetugas.Tingkat.KOTA)
        pengguna.append({"peran": "dinkes", "user": user})
    for p in pengguna:  # a signed-in session, as the browser would hold it
        c = Client()
        c.force_login(p["user"])
        p["sesi"] = c.cookies[settings.SESSION_COOKIE_NAME].value
        p["csrf"] = secrets.token_hex(16)  # a 32-character secret: cookie and header
    return pengguna


# --- What each role does ------------------------------------------------------------------


def langkah(p: dict, rng: random.Random) -> tuple[str, str, str, dict | None]:
    """(kind, method, path, form) of the user's next request."""
    peran = p["peran"]
    if peran == "kader":
        k = rng.choices(["kegiatan", "ukur", "balita", "rumah"], [3, 5, 1, 1])[0]
        if k == "kegiatan":
            return k, "GET", f"/posyandu/kegiatan/{p['kegiatan']}/", None
        if k == "ukur" and p["anak"]:
            anak = p["anak"][rng.randrange(len(p["anak"]))]
            return k, "POST", f"/posyandu/kegiatan/{p['kegiatan']}/ukur/{anak}/", {
                "berat_kg": f"{rng.uniform(8, 16):.1f}".replace(".", ","),
                "tinggi_cm": f"{rng.uniform(75, 105):.1f}".replace(".", ","),
                "cara_ukur": "h", "id_entri": str(uuid.uuid4()), "konfirmasi": "on"}
        if k == "balita" and p["anak"]:
            return k, "GET", f"/posyandu/balita/{rng.choice(p['anak'])}/", None
        return "rumah", "GET", "/", None
    if peran == "operator":
        k = rng.choice(["rumah", "laporan", "tindak_lanjut"])
        return k, "GET", {"rumah": "/", "tindak_lanjut": "/tindak-lanjut/",
                          "laporan": f"/evaluasi/semester/{p['semester']}/opd/{p['opd']}/"}[k], None
    if peran == "sekretariat":
        k = rng.choice(["dasbor", "antrean", "rapat", "tindak_lanjut"])
        return k, "GET", {"dasbor": "/", "antrean": "/evaluasi/antrean/", "rapat": "/rapat/",
                          "tindak_lanjut": "/tindak-lanjut/"}[k], None
    if peran == "pimpinan":
        k = rng.choice(["dasbor", "laporan_semester"])
        return k, "GET", {"dasbor": "/",
                          "laporan_semester": f"/laporan-semester/{p['semester']}/"}[k], None
    k = rng.choice(["dasbor", "kasus"])
    return k, "GET", {"dasbor": "/dasbor/", "kasus": "/posyandu/kasus/"}[k], None


@dataclass
class Catatan:
    waktu: dict = field(default_factory=lambda: defaultdict(list))
    galat: dict = field(default_factory=lambda: defaultdict(int))
    contoh_galat: list = field(default_factory=list)
    kunci: threading.Lock = field(default_factory=threading.Lock)

    def catat(self, jenis, detik, gagal, pesan=""):
        with self.kunci:
            self.waktu[jenis].append(detik)
            if gagal:
                self.galat[jenis] += 1
                if len(self.contoh_galat) < 5:
                    self.contoh_galat.append(f"{jenis}: {pesan}")


def pengguna_maya(port, p, sampai, jeda, catatan, benih):
    rng = random.Random(benih)
    kuki = f"{settings.SESSION_COOKIE_NAME}={p['sesi']}; {settings.CSRF_COOKIE_NAME}={p['csrf']}"
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < sampai:
        jenis, metode, jalur, isian = langkah(p, rng)
        kepala = {"Cookie": kuki, "Accept-Encoding": "gzip", "Host": "localhost"}
        badan = None
        if isian is not None:
            badan = urllib.parse.urlencode(isian)
            kepala.update({"Content-Type": "application/x-www-form-urlencoded",
                           "X-CSRFToken": p["csrf"], "X-Requested-With": "fetch",
                           "Accept": "application/json"})
        mulai = time.perf_counter()
        try:
            conn.request(metode, jalur, body=badan, headers=kepala)
            r = conn.getresponse()
            r.read()
            gagal, pesan = r.status >= 500, f"HTTP {r.status}"
            if r.status in (403, 404, 400) and jenis != "ukur":
                gagal, pesan = True, f"HTTP {r.status} {jalur}"
        except (OSError, http.client.HTTPException) as exc:
            gagal, pesan = True, repr(exc)
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        catatan.catat(jenis, time.perf_counter() - mulai, gagal, pesan)
        if jeda:
            time.sleep(min(rng.expovariate(1 / jeda), 4 * jeda))


def ukur_beban(port, pengguna, durasi, jeda) -> Catatan:
    catatan = Catatan()
    sampai = time.monotonic() + durasi
    benang = [threading.Thread(target=pengguna_maya, daemon=True,
                               args=(port, p, sampai, jeda, catatan, i))
              for i, p in enumerate(pengguna)]
    for b in benang:
        b.start()
        if jeda:
            time.sleep(jeda / len(benang))  # users arrive spread over one think time
    for b in benang:
        b.join()
    catatan.durasi = durasi
    return catatan


# --- The server ---------------------------------------------------------------------------


@contextlib.contextmanager
def server(kode: Path, pekerja: int):
    statis = Path(tempfile.mkdtemp(prefix="tpps-beban-static-"))
    env = {**os.environ, "DEBUG": "off", "HTTPS": "off", "ENV_FILE": "/nonexistent/.env",
           "SECRET_KEY": os.environ["SECRET_KEY"], "STATIC_ROOT": str(statis),
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING",
           "DATABASE_URL": os.environ["DATABASE_URL"], "AXES_ENABLED": "off"}
    python = str(BASE / ".venv/bin/python")
    subprocess.run([python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=kode, env=env,
                   check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # gunicorn reads the commit's own gunicorn.conf.py from its working directory.
    perintah = [str(BASE / ".venv/bin/gunicorn"), "tpps.wsgi", "--bind", f"127.0.0.1:{port}",
                "--workers", str(pekerja), "--timeout", "120"]
    proses = subprocess.Popen(perintah, cwd=kode, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        lingkungan.tunggu_sehat(port)
        yield port
    finally:
        proses.terminate()
        proses.wait(timeout=60)
        shutil.rmtree(statis, ignore_errors=True)


@contextlib.contextmanager
def worktree(commit: str):
    tujuan = Path(tempfile.mkdtemp(prefix="tpps-beban-vs-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(tujuan), commit], cwd=BASE,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield tujuan
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tujuan)], cwd=BASE)


# --- Report -------------------------------------------------------------------------------


def persentil(data, q):
    data = sorted(data)
    return data[min(len(data) - 1, int(q * len(data)))] * 1000 if data else float("nan")


def ringkas(nama, c: Catatan) -> dict:
    semua = [t for v in c.waktu.values() for t in v]
    galat = sum(c.galat.values())
    return {"nama": nama, "n": len(semua), "galat": galat, "rps": len(semua) / c.durasi,
            "p50": persentil(semua, 0.5), "p95": persentil(semua, 0.95),
            "p99": persentil(semua, 0.99), "jenis": {
                k: (len(v), persentil(v, 0.5), persentil(v, 0.95)) for k, v in c.waktu.items()},
            "contoh": c.contoh_galat}


def cetak(h):
    print(f"  {h['nama']}: {h['n']} requests, {h['galat']} errors, {h['rps']:.1f} req/s, "
          f"p50 {h['p50']:.0f} ms, p95 {h['p95']:.0f} ms, p99 {h['p99']:.0f} ms", flush=True)
    for k, (n, p50, p95) in sorted(h["jenis"].items()):
        print(f"      {k:<16} {n:>6}  p50 {p50:>6.0f} ms  p95 {p95:>6.0f} ms")
    for contoh in h["contoh"]:
        print(f"      error: {contoh}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--durasi", type=int, default=60, help="seconds per load (60)")
    parser.add_argument("--jeda", type=float, default=5.0, help="mean think time, s (5)")
    parser.add_argument("--pekerja", type=int, default=5, help="gunicorn workers (5)")
    parser.add_argument("--vs", help="a commit to measure in the same run (worktree)")
    parser.add_argument("--ulang", type=int, default=2, help="rounds of each side (2)")
    parser.add_argument("--hanya", choices=["jenuh", "jeda"], help="only one load")
    parser.add_argument("--anak", type=int, default=600,
                        help="children of the demo data made in an empty database (600)")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "jalankan dengan DATABASE_URL PostgreSQL"
    os.environ.setdefault("SECRET_KEY", settings.SECRET_KEY)
    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    pengguna = siapkan(args.anak)
    connection.close()
    print(f"{len(pengguna)} users, {Balita.objects.count()} children; gunicorn "
          f"{args.pekerja} workers; {args.durasi} s per load", flush=True)
    sisi = [("this checkout", contextlib.nullcontext(BASE))]
    if args.vs:
        sisi.append((f"vs {args.vs[:10]}", worktree(args.vs)))
    hasil = defaultdict(list)
    with contextlib.ExitStack() as tumpuk:
        kode = [(nama, tumpuk.enter_context(k)) for nama, k in sisi]
        for putaran in range(args.ulang):
            for nama, folder in kode if putaran % 2 == 0 else list(reversed(kode)):
                with server(folder, args.pekerja) as port:
                    for beban, jeda in (("saturation", 0.0), ("think 5 s", args.jeda)):
                        if args.hanya and (beban == "saturation") != (args.hanya == "jenuh"):
                            continue
                        h = ringkas(f"{nama}, {beban}, round {putaran + 1}",
                                    ukur_beban(port, pengguna, args.durasi, jeda))
                        cetak(h)
                        hasil[(nama, beban)].append(h)
    print("\n| code | load | requests | errors | req/s | p50 (ms) | p95 (ms) | p99 (ms) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for (nama, beban), daftar in hasil.items():
        med = {k: statistics.median(h[k] for h in daftar) for k in ("rps", "p50", "p95", "p99")}
        print(f"| {nama} | {beban} | {sum(h['n'] for h in daftar)} | "
              f"{sum(h['galat'] for h in daftar)} | {med['rps']:.1f} | {med['p50']:.0f} | "
              f"{med['p95']:.0f} | {med['p99']:.0f} |")
    print(json.dumps({f"{a} / {b}": [round(h["rps"], 1) for h in d] for (a, b), d in hasil.items()}))


if __name__ == "__main__":
    main()
