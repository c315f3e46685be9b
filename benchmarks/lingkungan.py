"""What the Django benchmarks share: settings for a run outside the server, and emptying
the children's tables between sizes. Import it first (it calls ``django.setup()``)."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tpps.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("HTTPS", "off")
os.environ.setdefault("SECRET_KEY", "benchmark-only-" + "x" * 40)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

#: Children, their measurements and cases, with their history.
TABEL_BALITA = ["posyandu_kasus", "posyandu_historicalkasus", "posyandu_pengukuran",
                "posyandu_historicalpengukuran", "posyandu_balita", "posyandu_historicalbalita"]


def tunggu_sehat(port: int, batas_detik: float = 30) -> None:
    """Wait until a server started by a benchmark answers its health check on ``port``."""
    import time
    import urllib.request

    sampai = time.monotonic() + batas_detik
    while time.monotonic() < sampai:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sehat/", timeout=2).read()  # noqa: S310
            return
        except OSError:
            time.sleep(0.1)


def kosongkan(tabel_lain: list[str] = ()) -> None:
    """TRUNCATE the children's tables (and ``tabel_lain``), then refresh the planner's
    statistics so that the next size starts from an empty, analysed database."""
    with connection.cursor() as c:
        c.execute("TRUNCATE " + ", ".join([*TABEL_BALITA, *tabel_lain]) + " CASCADE")
        c.execute("ANALYZE")
