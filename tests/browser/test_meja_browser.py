"""The desks of a Posyandu Spesial on phones: one finds a child by the mother's name as it
is typed and puts her in the queue; the other desk sees her arrive; the same-day weighing at
her home Posyandu is shown, and saving asks to correct-and-move or cancel."""

import sqlite3
from datetime import date

import pytest

from opd import roles
from posyandu.models import CakupanPetugas, Kedatangan, Kegiatan, Pengukuran
from tests.browser.peramban import masuk
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu, ukur
from tests.posyandu.test_sqlite_bersamaan import server  # noqa: F401 (the SQLite-file server)
from tpps.lib.pesan_skrip import PESAN_SKRIP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HARI = date(2025, 8, 12)


@pytest.fixture
def spesial(peran):
    melati = make_posyandu("Melati", rw="03")
    petugas = make_user("meja", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(petugas, CakupanPetugas.Tingkat.KOTA)
    anak = [
        make_balita(melati, nama="Nadia Hidayat", nama_ibu="Sri Wahyuni",
                    tanggal_lahir=date(2023, 2, 1)),
        make_balita(melati, nama="Nadia Hidayat", nama_ibu="Lilis Suryani",
                    tanggal_lahir=date(2024, 6, 15)),
    ]
    rumah = Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)
    ukur(anak[1], HARI, berat=8.5, tinggi=72, kegiatan=rumah)
    kegiatan = Kegiatan.objects.create(jenis="posyandu_spesial", nama="Posyandu Spesial",
                                       tanggal=HARI, lokasi="Rumah Dinas Wali Kota")
    return {"anak": anak, "kegiatan": kegiatan, "rumah": rumah}


def test_a_desk_finds_a_child_by_her_mother_and_is_warned_of_todays_weighing(
        chromium, page, sinyal, spesial):
    d = spesial
    url = d["kegiatan"].get_absolute_url()
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, "meja")
    page.goto(url)
    # A second desk, on its own phone, has the same event open.
    meja2 = chromium.new_context(locale="id-ID", base_url=sinyal.url,
                                 viewport={"width": 360, "height": 640})
    page2 = meja2.new_page()
    masuk(page2, "meja")
    page2.goto(url)

    page.get_by_label("Cari balita").press_sequentially("lilis", delay=60)
    hasil = page.locator("#hasil-cari li.hasil-cari")
    hasil.first.wait_for()
    assert hasil.count() == 1
    teks = hasil.inner_text()
    assert "Lilis Suryani" in teks and "Sudah diukur hari ini di Penimbangan bulanan" in teks
    hasil.get_by_role("button", name="Tiba: masukkan antrean").click()

    baris = page.locator(f"tr.baris-ukur[data-balita='{d['anak'][1].pk}']")
    baris.wait_for()
    assert "BB 8,50 kg" in baris.locator(".hasil").inner_text()
    assert Kedatangan.objects.filter(kegiatan=d["kegiatan"]).count() == 1
    # The other desk sees her arrive without reloading.
    page2.locator(f"tr.baris-ukur[data-balita='{d['anak'][1].pk}']").wait_for(timeout=20_000)

    # Saving asks first; nothing moves until the desk chooses.
    berat = page.get_by_label(f"Berat (kg) {d['anak'][1].nama}")
    berat.fill("8,7")
    berat.press("Enter")
    pindah = baris.get_by_role("button", name=str(PESAN_SKRIP["pindahkan"]))
    pindah.wait_for()
    assert "Koreksi pengukuran itu dan pindahkan" in baris.locator(".hasil").inner_text()
    assert Pengukuran.objects.get(balita=d["anak"][1]).kegiatan == d["rumah"]
    pindah.click()
    page.locator(f"tr.baris-ukur.table-success[data-balita='{d['anak'][1].pk}']").wait_for()
    p = Pengukuran.objects.get(balita=d["anak"][1])
    assert (p.kegiatan, str(p.berat_kg)) == (d["kegiatan"], "8.70")
    # No sideways scroll on the phone with the queue and the results on the page.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    meja2.close()


def test_cancelling_keeps_the_other_events_measurement(page, spesial):
    d = spesial
    masuk(page, "meja")
    page.goto(d["kegiatan"].get_absolute_url())
    page.get_by_label("Cari balita").press_sequentially("lilis", delay=60)
    page.locator("#hasil-cari").get_by_role("button", name="Tiba: masukkan antrean").click()
    berat = page.get_by_label(f"Berat (kg) {d['anak'][1].nama}")
    berat.wait_for()
    berat.fill("9,9")
    berat.press("Enter")
    baris = page.locator(f"tr.baris-ukur[data-balita='{d['anak'][1].pk}']")
    baris.get_by_role("button", name=str(PESAN_SKRIP["batalkan"])).click()
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '0'")
    assert berat.input_value() == ""
    p = Pengukuran.objects.get(balita=d["anak"][1])
    assert (p.kegiatan, str(p.berat_kg)) == (d["rumah"], "8.50")


def test_two_desks_saving_at_once_on_sqlite_give_no_error(chromium, server):  # noqa: F811
    """As ``make run`` serves it: gunicorn on a SQLite file (tests/posyandu/
    test_sqlite_bersamaan.py's server); two phones press Enter row after row, in turn, so
    their saves reach the server together."""
    dasar, kegiatan, berkas = server
    meja = []
    for m in range(2):
        ctx = chromium.new_context(locale="id-ID", base_url=dasar,
                                   viewport={"width": 390, "height": 844})
        halaman = ctx.new_page()
        masuk(halaman, f"meja{m}")
        halaman.goto(f"/posyandu/kegiatan/{kegiatan}/")
        meja.append(halaman)
    n = 12
    for i in range(n):
        for m, halaman in enumerate(meja):
            nama = f"Anak {m}-{i}"
            halaman.get_by_label(f"Berat (kg) {nama}", exact=True).fill("10,5")
            halaman.get_by_label(f"PB/TB (cm) {nama}", exact=True).fill("82")
    for i in range(n):
        for m, halaman in enumerate(meja):
            halaman.get_by_label(f"Berat (kg) Anak {m}-{i}", exact=True).press("Enter")
    for halaman in meja:
        halaman.wait_for_function(
            f"() => document.querySelectorAll('tr.baris-ukur.table-success').length === {n}",
            timeout=60_000)
        assert halaman.locator("tr.baris-ukur.table-danger, tr.baris-ukur.table-warning").count() == 0
        halaman.context.close()
    with sqlite3.connect(berkas) as db:
        assert db.execute("SELECT COUNT(*) FROM posyandu_pengukuran").fetchone()[0] == 2 * n
