"""In the field with no signal, on a phone: an event page opened once online opens again
offline; entries typed then wait on the phone, survive a reload, and go by themselves when
the connection returns — each stored once."""

from datetime import date

import pytest

from opd import roles
from posyandu.models import CakupanPetugas, EntriPerangkat, Kegiatan, Pengukuran
from tests.browser.peramban import TanpaSinyal, masuk
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu
from tpps.lib.pesan_skrip import PESAN_SKRIP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def posyandu_hari(peran):
    melati = make_posyandu("Melati", rw="03")
    kader = make_user("kader", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    anak = [make_balita(melati, nama=f"Anak {i}", tanggal_lahir=date(2024, 1 + i, 10))
            for i in range(6)]
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=melati)
    return {"kader": kader, "anak": anak, "kegiatan": kegiatan}


def _siap_luring(page, url):
    """Open the page online until the worker controls it and keeps it."""
    page.goto(url)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    page.reload()  # this visit goes through the worker, which keeps the page
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.wait_for_function("""async () => {
        const nama = await caches.keys();
        for (const n of nama.filter(n => n.startsWith('tpps-halaman-'))) {
          if (await (await caches.open(n)).match(location.pathname)) return true;
        }
        return false; }""")


def test_five_children_entered_offline_reach_the_server_once(page, sinyal, posyandu_hari):
    d = posyandu_hari
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, "kader")
    url = d["kegiatan"].get_absolute_url()
    _siap_luring(page, url)

    with TanpaSinyal(page, sinyal):
        for i, anak in enumerate(d["anak"][:5]):
            berat = page.get_by_label(f"Berat (kg) {anak.nama}")
            berat.fill(f"8,{i}")
            page.get_by_label(f"PB/TB (cm) {anak.nama}").fill(f"7{i},5")
            berat.press("Enter")
            page.locator("tr.baris-ukur", has_text=anak.nama).get_by_text(
                str(PESAN_SKRIP["tersimpan_di_ponsel"])).wait_for()
        banner = page.locator("#antrean-banner")
        assert banner.get_attribute("data-jumlah") == "5"
        assert banner.inner_text() == str(PESAN_SKRIP["antrean_n"]) % {"n": 5}
        assert Pengukuran.objects.count() == 0

        # Reloaded with no signal: the page comes from the phone, with what was typed.
        page.reload()
        page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '5'")
        assert page.get_by_label(f"Berat (kg) {d['anak'][3].nama}").input_value() == "8,3"
        assert Pengukuran.objects.count() == 0

    # The signal returns: everything goes by itself, once.
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '0'",
                           timeout=30_000)
    assert Pengukuran.objects.count() == 5
    assert EntriPerangkat.objects.count() == 5
    assert sorted(str(p.berat_kg) for p in Pengukuran.objects.all()) == [
        "8.00", "8.10", "8.20", "8.30", "8.40"]
    assert page.locator("tr.baris-ukur.table-success").count() == 5
    assert page.locator("tr.baris-ukur", has_text=d["anak"][3].nama).locator(".badge").count() > 0


def test_a_refused_entry_stays_with_its_message_until_the_kader_acts(page, posyandu_hari):
    d = posyandu_hari
    masuk(page, "kader")
    page.goto(d["kegiatan"].get_absolute_url())
    anak = d["anak"][0]
    berat = page.get_by_label(f"Berat (kg) {anak.nama}")
    berat.fill("abc")
    berat.press("Enter")
    baris = page.locator("tr.baris-ukur", has_text=anak.nama)
    baris.locator(".hasil .text-danger").wait_for()
    assert page.locator("#antrean-banner").get_attribute("data-jumlah") == "1"
    page.reload()  # still there, with its message
    baris.locator(".hasil .text-danger").wait_for()
    assert page.get_by_label(f"Berat (kg) {anak.nama}").input_value() == "abc"
    baris.get_by_role("button", name=str(PESAN_SKRIP["buang_entri"])).click()
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '0'")
    assert Pengukuran.objects.count() == 0


def test_signing_out_with_entries_waiting_asks_and_keeps_them_for_that_user(page, posyandu_hari):
    d = posyandu_hari
    kader2 = make_user("kader2", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader2, CakupanPetugas.Tingkat.POSYANDU, posyandu=[d["kegiatan"].posyandu])
    url = d["kegiatan"].get_absolute_url()
    masuk(page, "kader")
    _siap_luring(page, url)
    anak = d["anak"][0]
    page.get_by_label(f"Berat (kg) {anak.nama}").fill("abc")  # refused: it waits for the kader
    page.get_by_label(f"Berat (kg) {anak.nama}").press("Enter")
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '1'")

    def keluar(jawab=None):
        """Sign out from the menu; ``jawab``: the answer to the question expected first."""
        page.locator("a.dropdown-toggle", has_text="Kader").click()
        if jawab is None:
            page.get_by_role("button", name="Keluar").click()
            return None
        # Answered as it comes (the question follows the click once the phone's entries are
        # read), so the click never waits on an open question.
        ditanya = []

        def jawab_pertanyaan(dlg):
            ditanya.append(dlg.message)
            dlg.accept() if jawab else dlg.dismiss()

        page.once("dialog", jawab_pertanyaan)
        page.get_by_role("button", name="Keluar").click()
        page.wait_for_function("() => true")  # let the page's own promises run
        for _ in range(50):
            if ditanya:
                break
            page.wait_for_timeout(100)
        return ditanya[0] if ditanya else None

    # Asked first; saying no keeps the user signed in, on the page.
    assert keluar(False) == str(PESAN_SKRIP["keluar_masih_ada"]) % {"n": 1}
    page.wait_for_timeout(300)
    assert page.url.endswith(url)
    # Saying yes signs out and keeps the entry, for this user only.
    assert keluar(True)
    page.wait_for_url("**/akun/masuk/**")
    masuk(page, "kader2")
    page.goto(url)
    page.wait_for_function("() => document.getElementById('antrean-banner') !== null")
    page.wait_for_timeout(300)
    assert page.locator("#antrean-banner").get_attribute("data-jumlah") == "0"
    masuk(page, "kader")
    page.goto(url)
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '1'")
    # Nothing waiting any more: signing out asks nothing and clears the kept pages.
    page.locator("tr.baris-ukur", has_text=anak.nama).get_by_role(
        "button", name=str(PESAN_SKRIP["buang_entri"])).click()
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '0'")
    keluar()
    page.wait_for_url("**/akun/masuk/**")
    disimpan = page.evaluate("""async () => {
        let n = 0;
        for (const nama of (await caches.keys()).filter(n => n.startsWith('tpps-halaman-')))
          n += (await (await caches.open(nama)).keys()).length;
        return n; }""")
    assert disimpan == 0
