"""In a real browser: the Sekretariat opens the dashboard and drills down to children."""

import re
from datetime import date

import pytest

from opd import roles
from tests.browser.peramban import masuk
from tests.factories import make_opd, make_user
from tests.posyandu.factories import (
    make_balita,
    make_melati_dan_mawar,
    ukur,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_drills_from_city_to_a_desas_children_without_console_errors(page, peran):
    _, melati, mawar = make_melati_dan_mawar()
    for i, (posyandu, tinggi) in enumerate([(melati, 78), (melati, 90), (mawar, 79)]):
        anak = make_balita(posyandu, nama=f"Anak {i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2025, 8, 6), berat=11.5, tinggi=tinggi)
    make_user("sari", peran=roles.SEKRETARIAT, opd=make_opd("Bappelitbangda"), is_staff=True)

    kesalahan = []
    page.on("console", lambda m: kesalahan.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: kesalahan.append(str(e)))
    masuk(page, "sari")

    page.wait_for_function("document.getElementById('grafik-tren').dataset.tergambar === '1'")
    assert "66,7%" in page.locator("main").inner_text()  # 2 of 3 children stunted
    wilayah = page.locator("#judul-wilayah").locator("..")
    wilayah.get_by_role("link", name="Batu", exact=True).click()
    wilayah.get_by_role("link", name="Sisir", exact=True).click()
    page.locator("#judul-wilayah").locator("..").get_by_role("link", name="Melati").click()
    # The list behind the row: that month, the children living in that desa.
    page.wait_for_url(re.compile(rf"/posyandu/posyandu/{melati.pk}/\?bulan=2025-08&desa=\d+$"))
    teks = page.locator("main").inner_text()
    assert "Anak 0" in teks and "Anak 1" in teks and "Anak 2" not in teks
    assert kesalahan == []


def test_choosing_another_semester_reloads_the_dashboard_without_console_errors(page, peran):
    from tests.evaluasi.factories import make_semester

    make_semester("2025S1")
    make_semester("2025S2")
    make_user("sari", peran=roles.SEKRETARIAT, opd=make_opd("Bappelitbangda"), is_staff=True)
    kesalahan = []
    page.on("console", lambda m: kesalahan.append(m.text) if m.type == "error" else None)
    masuk(page, "sari")
    page.goto("/dasbor/?semester=2025S2")
    assert "2025S2" in page.locator("#judul-semester").inner_text()
    page.get_by_label("Semester", exact=True).select_option("2025S1")  # no button: it submits itself
    page.wait_for_url(re.compile(r"semester=2025S1"))
    assert "2025S1" in page.locator("#judul-semester").inner_text()
    assert kesalahan == []
