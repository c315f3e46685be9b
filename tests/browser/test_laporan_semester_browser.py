"""In a real browser: Pimpinan opens the report of a locked semester, signs it off, and
prints the signed version to an A4 PDF (headless Chromium) that holds every section."""

import re

import pytest

from opd import roles
from tests.browser.peramban import masuk
from tests.factories import make_user
from tests.laporan_semester.conftest import buat_data, kunci
from tpps.models import PengesahanLaporan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEKSI = {
    "#ringkasan": "I. Ringkasan",
    "#capaian-spesifik": "1A. Intervensi spesifik",
    "#capaian-sensitif": "1B. Intervensi sensitif",
    "#anggaran": "III. Program dan anggaran per OPD",
    "#prevalensi": "IV. Prevalensi menurut wilayah",
    "#tindak-lanjut": "V. Tindak lanjut dan keadaannya",
    "#bpkp": "VI. Temuan BPKP dan tindak lanjutnya",
    "#pengesahan": "Pengesahan",
}




def jumlah_halaman(pdf: bytes) -> int:
    """Pages of a PDF without a PDF library: Chromium writes one /Type /Page object each."""
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


def test_pimpinan_signs_off_and_prints_the_report(page, peran, dinkes, dinsos,
                                                  bappelitbangda, tmp_path):
    data = buat_data(dinkes, dinsos)
    sari = make_user("sari", peran=roles.SEKRETARIAT, opd=bappelitbangda, is_staff=True)
    make_user("sekda", peran=roles.PIMPINAN, first_name="Budi", last_name="Santoso",
              jabatan="Sekretaris Daerah")
    kunci(data["semester"], sari)

    kesalahan = []  # console errors, Content-Security-Policy violations among them
    page.on("console", lambda m: kesalahan.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: kesalahan.append(str(e)))
    masuk(page, "sekda")
    page.goto("/evaluasi/semester/2025S1/")
    page.get_by_role("link", name="Laporan semester").click()
    page.wait_for_url(re.compile(r"/laporan-semester/2025S1/$"))
    page.get_by_role("link", name="Sahkan laporan").click()
    # A confirmation page first: what signing does, and an explicit confirmation.
    page.wait_for_url(re.compile(r"/laporan-semester/2025S1/sahkan/$"))
    assert "dibekukan untuk selamanya" in page.locator("#akibat-pengesahan").inner_text()
    assert "Budi Santoso" in page.locator("#penandatangan").inner_text()
    page.get_by_role("button", name="Ya, sahkan laporan").click()  # not ticked: stays
    assert page.url.endswith("/sahkan/") and not PengesahanLaporan.objects.exists()
    page.get_by_label("Saya telah memeriksa isi laporan ini").check()
    page.get_by_role("button", name="Ya, sahkan laporan").click()
    page.wait_for_url(re.compile(r"/laporan-semester/2025S1/disahkan/$"))
    page.get_by_text("disahkan; salinannya dibekukan").wait_for()
    assert PengesahanLaporan.objects.get().nama_pengesah == "Budi Santoso"
    assert page.locator("#unduh-pdf-disahkan").is_visible()

    # Every section is on the page, with its figures, before printing.
    for pilih, judul in SEKSI.items():
        assert judul.upper() in page.locator(pilih).inner_text().upper(), pilih  # h2 is upper case
    assert "Versi yang disahkan oleh Budi Santoso" in page.locator("#tanda-versi").inner_text()
    assert "80,00 %" in page.locator("#capaian-S1").inner_text()
    assert "Sangat baik" in page.locator("#capaian-S1").inner_text()
    assert "Februari 2025" in page.locator("#prevalensi").inner_text()
    assert "40,0" in page.locator("#prevalensi-kota").inner_text()
    assert "Rapat teknis Puskesmas" in page.locator("#tindak-lanjut").inner_text()
    assert "Terlambat" in page.locator("#bpkp").inner_text()
    assert "Sekretaris Daerah" in page.locator("#pengesahan").inner_text()

    # The print button opens the browser's print dialog (behaviour from js/tpps.js: the
    # policy allows no inline script).
    page.evaluate("() => { window.dicetak = 0; window.print = () => { window.dicetak += 1; }; }")
    page.get_by_role("button", name="Cetak / simpan PDF").click()
    assert page.evaluate("window.dicetak") == 1
    assert kesalahan == []

    # Printing hides the navigation and the buttons; the document runs over several pages.
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert not page.locator("#alat").is_visible()
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    (tmp_path / "laporan-2025S1.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF-") and len(pdf) > 20_000
    assert jumlah_halaman(pdf) >= 4  # page breaks before II, III, IV and V
