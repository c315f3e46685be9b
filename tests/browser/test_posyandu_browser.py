"""In a real browser: a kader enters a whole event with the keyboard."""

from datetime import date
from decimal import Decimal

import pytest

from opd import roles
from posyandu.models import CakupanPetugas, Kegiatan, Pengukuran
from tests.browser.peramban import TanpaSinyal, masuk
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu
from tpps.lib.pesan_skrip import PESAN_SKRIP

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_kader_enters_an_event_registers_a_child_and_sees_the_growth_chart(page, sinyal, peran):
    melati = make_posyandu("Melati", rw="03")
    kader = make_user("kader", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    anak = [
        make_balita(melati, nama="Ayu", tanggal_lahir=date(2024, 1, 15)),
        make_balita(melati, nama="Bagus", jenis_kelamin="L", tanggal_lahir=date(2023, 5, 2)),
        make_balita(melati, nama="Cinta", tanggal_lahir=date(2025, 2, 20)),
        make_balita(melati, nama="Dimas", jenis_kelamin="L", tanggal_lahir=date(2022, 11, 30)),
    ]
    kegiatan = Kegiatan.objects.create(jenis="bulan_penimbangan", tanggal=date(2025, 8, 12),
                                       posyandu=melati)

    masuk(page, "kader")
    page.goto(kegiatan.get_absolute_url())

    ukuran = {"Ayu": ("9,2", "77,5"), "Bagus": ("12,4", "88"), "Cinta": ("6,9", "63,1"),
              "Dimas": ("11,0", "86,0")}
    for nama, (berat, tinggi) in ukuran.items():
        page.get_by_label(f"Berat (kg) {nama}").click()
        page.keyboard.type(berat)
        page.keyboard.press("Tab")
        page.keyboard.type(tinggi)
        page.keyboard.press("Enter")
        baris = page.locator("tr.baris-ukur", has_text=nama)
        baris.locator(".hasil .badge").first.wait_for()
        assert "PB/U–TB/U" in baris.locator(".hasil").inner_text()

    page.get_by_text("Daftarkan balita baru di tempat").click()
    form = page.locator("#form-balita-baru")
    form.get_by_label("Nama*").fill("Eka")
    form.get_by_label("Jenis kelamin*").select_option("L")
    form.get_by_label("Tanggal lahir*").fill("2024-10-01")
    form.get_by_label("Nama ibu").fill("Rini")
    form.get_by_role("button", name="Daftarkan dan tambahkan ke daftar").click()
    baris_eka = page.locator("tr.baris-ukur", has_text="Eka")
    baris_eka.wait_for()
    page.keyboard.type("8,3")  # the new row's first field has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("71")
    page.keyboard.press("Enter")
    baris_eka.locator(".hasil .badge").first.wait_for()

    assert Pengukuran.objects.filter(kegiatan=kegiatan).count() == 5
    dimas = Pengukuran.objects.get(balita=anak[3])
    assert dimas.kategori_tb_u == "Pendek"  # 86 cm at 32 months
    baris_dimas = page.locator("tr.baris-ukur", has_text="Dimas")
    assert "Pendek" in baris_dimas.inner_text()
    # The row shows its z-scores in the words the server gave the page (#pesan-skrip).
    assert "Z: TB/U " in baris_dimas.locator(".hasil .z-skor").inner_text()

    # The signal drops while a row is saved: the row says the entry waits on the phone …
    with TanpaSinyal(page, sinyal):
        page.get_by_label("Berat (kg) Ayu").fill("9,3")
        page.get_by_label("Berat (kg) Ayu").press("Enter")
        baris_ayu = page.locator("tr.baris-ukur", has_text="Ayu")
        baris_ayu.get_by_text(str(PESAN_SKRIP["tersimpan_di_ponsel"])).wait_for()
        assert Pengukuran.objects.get(kegiatan=kegiatan, balita=anak[0]).berat_kg == Decimal("9.2")
    # … and it goes by itself when the signal returns.
    page.wait_for_function("() => document.getElementById('antrean-banner').dataset.jumlah === '0'",
                           timeout=30_000)
    assert Pengukuran.objects.get(kegiatan=kegiatan, balita=anak[0]).berat_kg == Decimal("9.3")

    page.goto(anak[3].get_absolute_url())
    grafik = page.locator("#grafik-tb_u")
    page.wait_for_function("document.getElementById('grafik-tb_u').dataset.tergambar === '1'")
    assert grafik.get_attribute("data-titik") == "1"
    assert page.locator("text=Kasus Stunting").count() == 1
