"""A kader's pages on a phone: at 360 and 390 px nothing scrolls sideways — neither the page
nor a table inside it — and the event page shows each child as a card whose inputs show
what was typed, with the result beside them."""

from datetime import date

import pytest

from opd import roles
from posyandu.models import CakupanPetugas, Kasus, Kegiatan
from tests.browser.peramban import masuk
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu, ukur

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Elements sticking out to the right of the screen, or wider than the box they sit in
#: while that box scrolls: what a thumb would have to scroll sideways to reach.
MELEBAR = """() => {
  const lebar = document.documentElement.clientWidth;
  const keluar = [];
  if (document.documentElement.scrollWidth > lebar) keluar.push('halaman ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest('.visually-hidden, .d-none, [hidden]')) continue;
    if (r.right > lebar + 1) keluar.push((el.id || el.className || el.tagName) + ' ' + Math.round(r.right));
    if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
      keluar.push('gulir ' + (el.id || el.className || el.tagName) + ' ' + el.scrollWidth);
  }
  return keluar.slice(0, 10);
}"""


@pytest.fixture
def kader_dan_data(peran):
    melati = make_posyandu("Melati", rw="03")
    kader = make_user("kader", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    anak = [make_balita(melati, nama=f"Anak Dengan Nama Panjang Sekali {i}", nama_ibu="Ibu Rini",
                        tanggal_lahir=date(2024, 1 + i, 15)) for i in range(5)]
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=melati)
    ukur(anak[0], date(2025, 7, 10), berat=7.0, tinggi=66.0)  # stunted and wasted: a case
    ukur(anak[1], date(2025, 7, 10), berat=9.0, tinggi=76.0)
    from opd import pemberitahuan

    pemberitahuan.beri_tahu(  # the bell and the inbox hold a long notice
        [kader], jenis=pemberitahuan.Jenis.RAPAT, kunci="uji:panjang",
        judul="Undangan Rapat Koordinasi Percepatan Penurunan Stunting Triwulan Keempat "
              "di Ruang Rapat Utama Balai Kota Among Tani",
        isi="Rapat koordinasi pada Selasa, 1 Desember 2026, 09.00 WIB; " * 4, tautan="/rapat/")
    return {"kader": kader, "melati": melati, "anak": anak, "kegiatan": kegiatan,
            "kasus": Kasus.objects.first()}


@pytest.mark.parametrize("lebar, tinggi", [(360, 640), (390, 844)])
def test_no_kader_page_scrolls_sideways_on_a_phone(page, kader_dan_data, lebar, tinggi):
    d = kader_dan_data
    page.set_viewport_size({"width": lebar, "height": tinggi})
    masuk(page, "kader")
    halaman = ["/", "/posyandu/", "/posyandu/kegiatan/", d["kegiatan"].get_absolute_url(),
               d["anak"][0].get_absolute_url(), "/posyandu/balita/",
               f"/posyandu/posyandu/{d['melati'].pk}/",
               f"/posyandu/posyandu/{d['melati'].pk}/skdn/?bulan=2025-07", "/posyandu/kasus/",
               "/pemberitahuan/", "/pemberitahuan/pengaturan/"]
    if d["kasus"]:
        halaman.append(f"/posyandu/kasus/{d['kasus'].pk}/")
    salah = {}
    for url in halaman:
        page.goto(url)
        keluar = page.evaluate(MELEBAR)
        if keluar:
            salah[url] = keluar
    assert salah == {}, "\n".join(f"{u}: {k[:4]}" for u, k in salah.items())


def test_the_event_page_is_a_card_per_child_on_a_phone(page, kader_dan_data):
    d = kader_dan_data
    page.set_viewport_size({"width": 390, "height": 844})
    masuk(page, "kader")
    page.goto(d["kegiatan"].get_absolute_url())
    nama = d["anak"][2].nama
    berat = page.get_by_label(f"Berat (kg) {nama}")
    kotak = berat.bounding_box()
    assert kotak["width"] >= 80  # "15,85" shows whole
    berat.fill("15,85")
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth", berat.element_handle())
    assert berat.get_attribute("inputmode") == "decimal"
    for label in ("PB/TB (cm)", "Cara ukur", "LiLA (cm)"):
        kotak_lain = page.get_by_label(f"{label} {nama}").bounding_box()
        assert kotak_lain["x"] >= 0 and kotak_lain["x"] + kotak_lain["width"] <= 390
    berat.fill("8,1")
    page.get_by_label(f"PB/TB (cm) {nama}").fill("74,2")
    page.get_by_label(f"PB/TB (cm) {nama}").press("Enter")
    kartu = page.locator("tr.baris-ukur", has_text=nama)
    hasil = kartu.locator(".hasil")
    hasil.locator(".badge").first.wait_for()
    r = hasil.bounding_box()
    assert r["x"] >= 0 and r["x"] + r["width"] <= 390 and r["y"] < 844 * 3
    tombol = page.get_by_text("Daftarkan balita baru di tempat")
    tombol.scroll_into_view_if_needed()
    tombol.click()  # not covered by the table's cells
    assert page.locator("#form-balita-baru").is_visible()
