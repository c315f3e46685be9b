"""The event page on a phone over slow 3G, on PostgreSQL (not part of the test run).

A Posyandu with an event (``bulanan``) expecting N children (150 by default) and a kader
who may enter at it are created (kept between runs; ``--anak`` changes the count), the
static files are collected into a temporary folder and the app is served by gunicorn as
``make run`` serves it (DEBUG off, whitenoise), behind a relay that counts every byte
on the wire, the service worker's requests included. Each run is a phone that has never
opened the app (a fresh browser context: empty HTTP cache, no service worker):

1. it signs in through the sign-in form's request (no page loaded, so nothing is cached
   before the event page);
2. with Chromium's network throttled through CDP (``Network.emulateNetworkConditions``:
   400 kbit/s down and up, 400 ms round trip, slow 3G) it opens the event page: the bytes
   of every request (CDP ``Network.loadingFinished`` ``encodedDataLength``, headers
   included), those of the critical path (the HTML and the render-blocking CSS/JS, by
   Resource Timing's ``renderBlockingStatus``), and the time until the page can be used
   as a kader uses it: the first weight input is on the screen and the entry script has
   run (the page's scripts are deferred: they run before ``DOMContentLoaded`` ends; the
   time is read in the page, from the navigation's start);
3. once the service worker controls the page it opens the page again in a new tab (the
   kader coming back to it): the repeat visit's bytes and time.

Medians over the runs are printed as a table (README "Benchmarks").

    createdb -h 127.0.0.1 -U postgres tpps_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tpps_bench \\
        .venv/bin/python benchmarks/ponsel_bench.py --runs 5
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import lingkungan  # sets Django up: must come before any Django import

# isort: split

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from opd import roles
from opd.models import User
from posyandu import demo
from posyandu.models import Balita, CakupanPetugas, Desa, Kegiatan, Posyandu, Puskesmas

BASE = Path(settings.BASE_DIR)
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
NAMA_POSYANDU = "Bench Ponsel"
KADER, SANDI = "bench.kader", "sandi-bench-ponsel-1"
#: Slow 3G as the issue gives it: 400 kbit/s each way, 400 ms round trip.
SLOW_3G = {"offline": False, "latency": 400,
           "downloadThroughput": 400 * 1024 / 8, "uploadThroughput": 400 * 1024 / 8}
#: A mid-range phone's screen.
PONSEL = {"viewport": {"width": 393, "height": 851}, "device_scale_factor": 2.75,
          "is_mobile": True, "has_touch": True, "locale": "id-ID"}
#: Returns the time (ms from the navigation's start) once the page is usable: the first
#: weight input is laid out inside the screen and the page's scripts have run.
SIAP_DIPAKAI = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  if (!n || !n.domContentLoadedEventEnd) { return false; }  // deferred scripts not yet run
  const i = document.querySelector("tr.baris-ukur input[name=berat_kg]");
  if (!i) { return false; }
  const r = i.getBoundingClientRect();
  if (!r.width || !r.height || r.top >= innerHeight) { return false; }
  return performance.now();
}"""


def siapkan(anak: int) -> tuple[int, int]:
    """The Posyandu, its event today with ``anak`` expected children, and the kader."""
    desa = Desa.objects.order_by("pk").first()
    puskesmas = Puskesmas.objects.filter(kecamatan=desa.kecamatan).first() or \
        Puskesmas.objects.order_by("pk").first()
    posyandu, _ = Posyandu.objects.get_or_create(
        nama=NAMA_POSYANDU, defaults={"desa": desa, "puskesmas": puskesmas})
    hari = timezone.localdate()
    ada = Balita.objects.filter(posyandu=posyandu).sasaran(hari).count()
    if ada != anak:
        Balita.objects.filter(posyandu=posyandu).delete()
        rng = random.Random(1)
        Balita.objects.bulk_create(
            Balita(posyandu=posyandu, desa=desa,
                   nama=f"{rng.choice(demo.NAMA_LAKI if i % 2 else demo.NAMA_PEREMPUAN)} "
                        f"{rng.choice(demo.NAMA_BELAKANG)}",
                   jenis_kelamin="L" if i % 2 else "P",
                   tanggal_lahir=hari - timedelta(days=30 + rng.randrange(58 * 30)),
                   nama_ibu=f"{rng.choice(demo.NAMA_IBU)} {rng.choice(demo.NAMA_BELAKANG)}")
            for i in range(anak))
    kegiatan, _ = Kegiatan.objects.get_or_create(
        posyandu=posyandu, tanggal=hari, jenis=Kegiatan.Jenis.BULANAN)
    kader, _ = User.objects.get_or_create(username=KADER, defaults={"first_name": "Kader"})
    kader.set_password(SANDI)
    kader.save()
    kader.groups.add(Group.objects.get(name=roles.PETUGAS_POSYANDU))
    if not CakupanPetugas.objects.filter(user=kader, posyandu=posyandu).exists():
        cakupan = CakupanPetugas.objects.create(user=kader, tingkat=CakupanPetugas.Tingkat.POSYANDU)
        cakupan.posyandu.set([posyandu])
    return kegiatan.pk, Balita.objects.filter(posyandu=posyandu).sasaran(hari).count()


class Relai:
    """A TCP relay in front of the server that counts the bytes it carries to the browser
    (every request of the page and of its service worker, headers included)."""

    def __init__(self, port_tujuan: int):
        self.tujuan = ("127.0.0.1", port_tujuan)
        self.turun = 0
        self._kunci = threading.Lock()
        self._dengar = socket.create_server(("127.0.0.1", 0))
        self.port = self._dengar.getsockname()[1]
        threading.Thread(target=self._terima, daemon=True).start()

    def nol(self) -> None:
        with self._kunci:
            self.turun = 0

    def _terima(self):
        while True:
            try:
                klien, _ = self._dengar.accept()
            except OSError:
                return
            hulu = socket.create_connection(self.tujuan)
            threading.Thread(target=self._salur, args=(klien, hulu, False), daemon=True).start()
            threading.Thread(target=self._salur, args=(hulu, klien, True), daemon=True).start()

    def _salur(self, dari, ke, hitung):
        try:
            while data := dari.recv(65536):
                if hitung:
                    with self._kunci:
                        self.turun += len(data)
                ke.sendall(data)
        except OSError:
            pass
        for s in (dari, ke):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def tutup(self):
        self._dengar.close()


@contextlib.contextmanager
def server():
    """gunicorn serving the app as ``make run`` does (DEBUG off, collected static files)."""
    statis = Path(tempfile.mkdtemp(prefix="tpps-ponsel-static-"))
    env = {**os.environ, "DEBUG": "off", "HTTPS": "off", "ENV_FILE": "/nonexistent/.env",
           "SECRET_KEY": "benchmark-only-" + "x" * 40, "STATIC_ROOT": str(statis),
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "WARNING",
           "DATABASE_URL": os.environ["DATABASE_URL"]}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                   cwd=BASE, env=env, check=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proses = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "tpps.wsgi", "--bind",
         f"127.0.0.1:{port}", "--workers", "3", "--timeout", "60"],
        cwd=BASE, env=env, stdout=subprocess.DEVNULL)
    relai = None
    try:
        lingkungan.tunggu_sehat(port)
        relai = Relai(port)
        yield f"http://localhost:{relai.port}", relai
    finally:
        if relai:
            relai.tutup()
        proses.terminate()
        proses.wait(timeout=30)
        shutil.rmtree(statis, ignore_errors=True)


class Jaringan:
    """One tab's requests through CDP, throttled to slow 3G."""

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        self.url, self.bytes, self.sw = {}, {}, set()
        self.cdp.on("Network.requestWillBeSent",
                    lambda e: self.url.__setitem__(e["requestId"], e["request"]["url"]))
        self.cdp.on("Network.responseReceived", self._jawaban)
        self.cdp.on("Network.loadingFinished",
                    lambda e: self.bytes.__setitem__(e["requestId"], e["encodedDataLength"]))

    def _jawaban(self, e):
        if e["response"].get("fromServiceWorker") or e["response"].get("fromDiskCache"):
            self.sw.add(e["requestId"])

    def per_url(self) -> dict[str, int]:
        """Bytes received per URL (0 for what the service worker or the cache answered)."""
        hasil = {}
        for rid, n in self.bytes.items():
            url = self.url.get(rid, "?")
            hasil[url] = hasil.get(url, 0) + (0 if rid in self.sw else int(n))
        return hasil


def perlambat_pekerja(browser) -> int:
    """Slow 3G for the service workers too: CDP's emulation of a tab does not reach the
    requests its worker makes (an event page is fetched by the worker, network first).
    Returns how many workers were throttled."""
    cdp = browser.new_browser_cdp_session()
    n = 0
    for target in cdp.send("Target.getTargets")["targetInfos"]:
        if target["type"] != "service_worker":
            continue
        sesi = cdp.send("Target.attachToTarget", {"targetId": target["targetId"],
                                                  "flatten": False})["sessionId"]
        for i, (metode, param) in enumerate((("Network.enable", {}),
                                             ("Network.emulateNetworkConditions", SLOW_3G))):
            cdp.send("Target.sendMessageToTarget", {"sessionId": sesi, "message": json.dumps(
                {"id": i + 1, "method": metode, "params": param})})
        n += 1
    return n


def kunjungan(context, url: str, relai: Relai) -> dict:
    """Open ``url`` in a new throttled tab; bytes, critical bytes, time to usable."""
    page = context.new_page()
    jaringan = Jaringan(context, page)
    relai.nol()
    page.goto(url, wait_until="commit")
    siap_ms = page.wait_for_function(SIAP_DIPAKAI, polling="raf", timeout=60_000).json_value()
    page.wait_for_load_state("load")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)  # the worker's own fetches (its shell, at installation)
    sumber = page.evaluate("""() => {
      const n = performance.getEntriesByType("navigation")[0];
      return {dcl: n.domContentLoadedEventEnd, baris: document.querySelectorAll("tr.baris-ukur").length,
              blokir: performance.getEntriesByType("resource")
                .filter(r => r.renderBlockingStatus === "blocking").map(r => r.name),
              terkendali: !!navigator.serviceWorker.controller};
    }""")
    per_url = jaringan.per_url()
    dokumen = per_url.get(url, 0)
    kritis = dokumen + sum(per_url.get(u, 0) for u in sumber["blokir"])
    hasil = {"total": sum(per_url.values()), "kritis": kritis, "html": dokumen,
             "kabel": relai.turun, "siap_ms": siap_ms, "dcl_ms": sumber["dcl"],
             "baris": sumber["baris"], "per_url": per_url, "blokir": sumber["blokir"],
             "terkendali": sumber["terkendali"]}
    return page, hasil


def masuk(context, dasar: str) -> None:
    """Sign in through the form's POST only, so that the browser caches nothing before."""
    context.request.get(dasar + "/akun/masuk/")
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    r = context.request.post(dasar + "/akun/masuk/", form={
        "username": KADER, "password": SANDI, "csrfmiddlewaretoken": token},
        headers={"Referer": dasar + "/akun/masuk/"})
    assert r.ok and "sessionid" in {c["name"] for c in context.cookies()}, r.status


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--anak", type=int, default=150)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rinci", action="store_true", help="print each request's bytes")
    args = parser.parse_args()
    assert connection.vendor == "postgresql", "jalankan dengan DATABASE_URL PostgreSQL"
    call_command("migrate", verbosity=0)
    call_command("seed_reference", verbosity=0)
    kegiatan, anak = siapkan(args.anak)
    jalur = f"/posyandu/kegiatan/{kegiatan}/"
    from playwright.sync_api import sync_playwright

    pertama, ulang = [], []
    with server() as (dasar, relai), sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        for run in range(args.runs):
            context = browser.new_context(**PONSEL)
            masuk(context, dasar)
            page1, a = kunjungan(context, dasar + jalur, relai)
            assert a["baris"] == anak, (a["baris"], anak)
            assert perlambat_pekerja(browser) >= 1, "no service worker to throttle"
            page2, b = kunjungan(context, dasar + jalur, relai)
            assert b["terkendali"], "the service worker does not control the repeat visit"
            pertama.append(a)
            ulang.append(b)
            print(f"run {run + 1}: first {kb(a['total'])} KB (critical {kb(a['kritis'])} KB, "
                  f"HTML {kb(a['html'])} KB, wire {kb(a['kabel'])} KB), usable "
                  f"{a['siap_ms']:.0f} ms | repeat {kb(b['total'])} KB (wire {kb(b['kabel'])} KB), "
                  f"usable {b['siap_ms']:.0f} ms", flush=True)
            if args.rinci:
                for nama, hasil in (("first", a), ("repeat", b)):
                    for u, n in sorted(hasil["per_url"].items(), key=lambda x: -x[1]):
                        tanda = " (render-blocking)" if u in hasil["blokir"] else ""
                        print(f"    {nama:<6} {kb(n):>7} KB  {u.removeprefix(dasar)}{tanda}")
            context.close()
        browser.close()

    def med(daftar, kunci):
        return statistics.median(h[kunci] for h in daftar)

    print(f"\n{anak} children, {args.runs} runs, slow 3G (400 kbit/s, 400 ms RTT), medians:\n")
    print("| visit | critical path (KB) | all, CDP (KB) | all on the wire (KB) | HTML (KB) | usable (s) |")
    print("|---|---:|---:|---:|---:|---:|")
    for nama, daftar in (("first (after sign-in)", pertama), ("repeat", ulang)):
        print(f"| {nama} | {kb(med(daftar, 'kritis'))} | {kb(med(daftar, 'total'))} | "
              f"{kb(med(daftar, 'kabel'))} | {kb(med(daftar, 'html'))} | "
              f"{med(daftar, 'siap_ms') / 1000:.2f} |")
    print(f"\nmeasured {date.today():%Y-%m-%d}")


if __name__ == "__main__":
    main()
