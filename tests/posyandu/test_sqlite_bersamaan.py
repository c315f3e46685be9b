"""The embedded default (SQLite, what ``make run`` gives) holds several desks saving at once.

A real server on a SQLite *file* in WAL mode, as ``make run`` serves it (gunicorn, several
worker processes: the in-memory test database shares one connection and could never show a
lock): 4 desks sign in and, at one moment, save 40 children each through the fast-entry
endpoint. Every save answers 200 and 160 measurements are stored — no "database is locked".
"""

import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
MEJA, ANAK_PER_MEJA = 4, 40

SIAPKAN = f"""
from datetime import date
from opd import roles
from posyandu.models import CakupanPetugas, Kegiatan
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu
p = make_posyandu("Spesial")
k = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=p)
for m in range({MEJA}):
    u = make_user(f"meja{{m}}", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(u, CakupanPetugas.Tingkat.POSYANDU, posyandu=[p])
    for i in range({ANAK_PER_MEJA}):
        make_balita(p, nama=f"Anak {{m}}-{{i}}", tanggal_lahir=date(2023, 1 + i % 12, 1 + m))
print(k.pk)
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(berkas: Path) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{berkas}",
            "STATIC_ROOT": str(berkas.parent / "static"), "DJANGO_SETTINGS_MODULE":
            "tpps.settings", "ENV_FILE": "/nonexistent/.env", "DEBUG": "off", "HTTPS": "off",
            "SECRET_KEY": "uji-bersamaan-" + "k" * 40, "ALLOWED_HOSTS": "127.0.0.1",
            "PYTHONPATH": str(BASE)}


def _manage(env, *args, masukan=None) -> str:
    hasil = subprocess.run([sys.executable, "manage.py", *args], cwd=BASE, env=env, input=masukan,
                           capture_output=True, text=True, timeout=300)
    assert hasil.returncode == 0, hasil.stderr[-3000:]
    return hasil.stdout


class Meja:
    """One desk: a browser-like client with its own cookies."""

    def __init__(self, dasar: str):
        self.dasar = dasar
        self.kue = http.cookiejar.CookieJar()
        self.buka = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.kue))

    def csrf(self) -> str:
        return next(c.value for c in self.kue if c.name == "csrftoken")

    def get(self, jalur: str) -> str:
        with self.buka.open(self.dasar + jalur, timeout=60) as r:
            return r.read().decode()

    def post(self, jalur: str, data: dict) -> tuple[int, str]:
        req = urllib.request.Request(  # noqa: S310 (http to the local test server)
            self.dasar + jalur, data=urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": self.csrf(), "Referer": self.dasar + jalur})
        try:
            with self.buka.open(req, timeout=60) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def masuk(self, username: str) -> None:
        self.get("/akun/masuk/")
        status, teks = self.post("/akun/masuk/", {"username": username,
                                                  "password": "sandi-uji-123"})
        assert status == 200 and "Keluar" in teks, teks[:500]


@pytest.fixture
def server(tmp_path):
    berkas = tmp_path / "db.sqlite3"
    env = _env(berkas)
    _manage(env, "migrate", "--noinput", "-v0")
    _manage(env, "seed_reference")
    _manage(env, "collectstatic", "--noinput", "-v0")
    kegiatan = int(_manage(env, "shell", masukan=SIAPKAN).strip().splitlines()[-1])
    port = _port()
    proses = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "tpps.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", str(MEJA), "--timeout", "120"],
        cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dasar = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(dasar + "/sehat/", timeout=2).read()  # noqa: S310
                break
            except OSError:
                time.sleep(0.1)
        yield dasar, kegiatan, berkas
    finally:
        proses.terminate()
        proses.wait(timeout=30)


def test_four_desks_saving_at_once_on_sqlite_give_no_error(server):
    dasar, kegiatan, berkas = server
    with sqlite3.connect(berkas) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    meja = [Meja(dasar) for _ in range(MEJA)]
    baris = {}
    for m, d in enumerate(meja):
        d.masuk(f"meja{m}")
        halaman = d.get(f"/posyandu/kegiatan/{kegiatan}/")
        ids = re.findall(rf'data-url="/posyandu/kegiatan/{kegiatan}/ukur/(\d+)/"', halaman)
        assert len(ids) == MEJA * ANAK_PER_MEJA
        baris[m] = ids[m * ANAK_PER_MEJA:(m + 1) * ANAK_PER_MEJA]  # each desk its children
    mulai = threading.Barrier(MEJA)
    jawaban = {m: [] for m in range(MEJA)}

    def simpan(m):
        mulai.wait()
        for pk in baris[m]:
            jawaban[m].append(meja[m].post(f"/posyandu/kegiatan/{kegiatan}/ukur/{pk}/",
                                           {"berat_kg": "11,2", "tinggi_cm": "84,5",
                                            "cara_ukur": "h"}))

    benang = [threading.Thread(target=simpan, args=(m,)) for m in range(MEJA)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(timeout=240)
    gagal = [(s, t[:200]) for daftar in jawaban.values() for s, t in daftar
             if s != 200 or not json.loads(t)["ok"]]
    assert sum(len(d) for d in jawaban.values()) == MEJA * ANAK_PER_MEJA
    assert gagal == []
    with sqlite3.connect(berkas) as db:
        assert db.execute("SELECT COUNT(*) FROM posyandu_pengukuran").fetchone()[0] == 160
