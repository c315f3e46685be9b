"""Shared cast and switches for the whole suite.

The cast (as in healthchecks' hc/test.py): ``sekretariat`` (Sari, Bappelitbangda staff,
runs the task force's data), ``operator_dinkes`` (Okta, Operator OPD of Dinkes),
``operator_dinsos`` (Dani, Operator OPD of Dinsos), ``pimpinan`` (the Sekda) and
``petugas`` (a Petugas Posyandu).
"""

import os
import shutil
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from opd import roles
from tests.factories import make_opd, make_user

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# beside one unless told that this is a test.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    alasan = pytest.mark.skip(reason=f"butuh PostgreSQL; basis data uji ini {connection.vendor}")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(alasan)


#: The day on which the suite's dated stories happen: their children are born in 2023–2024
#: and weighed in 2025–2026, so "this month" and "under five" hold on this day and not on
#: every day the suite may run. A test that reads "today" (a page showing the current month
#: or today's ages) travels here with the ``hari_uji`` fixture; CI runs the suite again
#: with the machine's clock moved (``.ci/run``) to catch a test that forgot to.
HARI_UJI = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


@pytest.fixture
def hari_uji():
    """The clock set to ``HARI_UJI`` (and ticking) for one test; yields that day."""
    with time_machine.travel(HARI_UJI, tick=True):
        yield HARI_UJI.date()


@pytest.fixture
def peran(db):
    """The four role groups with their permissions, as seed_reference makes them."""
    from tpps.reference import muat_peran

    muat_peran()


@pytest.fixture
def dinkes(db):
    return make_opd("Dinkes", nama="Dinas Kesehatan")


@pytest.fixture
def dinsos(db):
    return make_opd("Dinsos", nama="Dinas Sosial")


@pytest.fixture
def bappelitbangda(db):
    return make_opd("Bappelitbangda", nama="Badan Perencanaan Pembangunan", jenis="badan")


@pytest.fixture
def sekretariat(peran, bappelitbangda):
    return make_user("sari", peran=roles.SEKRETARIAT, opd=bappelitbangda, is_staff=True)


@pytest.fixture
def operator_dinkes(peran, dinkes):
    return make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes)


@pytest.fixture
def operator_dinsos(peran, dinsos):
    return make_user("dani", peran=roles.OPERATOR_OPD, opd=dinsos)


@pytest.fixture
def pimpinan(peran):
    return make_user("sekda", peran=roles.PIMPINAN)


@pytest.fixture
def petugas(peran):
    return make_user("kader", peran=roles.PETUGAS_POSYANDU)


@pytest.fixture
def client_as(client):
    """``client_as(user)``: the test client signed in as ``user``."""

    def masuk(user):
        client.force_login(user)
        return client

    return masuk


# --- Browser tests -------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    if not os.path.exists(CHROMIUM):
        pesan = f"Chromium tidak ditemukan di {CHROMIUM}: uji peramban dilewati."
        if os.environ.get("CI"):
            pytest.fail(f"{pesan} Di CI uji peramban wajib berjalan (pasang paket chromium).")
        pytest.skip(pesan)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def sinyal(live_server):
    """The signal between the browser and the test server, which a test can cut
    (tests/browser/peramban.py: ``with TanpaSinyal(page, sinyal)``)."""
    from tests.browser.peramban import Sinyal

    relai = Sinyal(live_server.thread.host, live_server.thread.port)
    yield relai
    relai.tutup()


@pytest.fixture
def page(chromium, sinyal):
    """A browser tab whose every request goes through :func:`sinyal`."""
    context = chromium.new_context(locale="id-ID", base_url=sinyal.url)
    context.set_default_timeout(15_000)
    halaman = context.new_page()
    yield halaman
    context.close()
