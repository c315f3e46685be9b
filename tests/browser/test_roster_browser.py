"""In a real browser: sign in, read the roster, add a representative through the admin."""

import re

import pytest

from opd import roles
from opd.models import AnggotaTim
from tests.browser.peramban import masuk
from tests.factories import make_anggota, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_sekretariat_signs_in_reads_the_roster_and_adds_a_representative(page, peran, dinkes,
                                                                         bappelitbangda):
    make_user("sari", peran=roles.SEKRETARIAT, opd=bappelitbangda, is_staff=True)
    make_anggota(dinkes, nama="Rina Focal", peran=AnggotaTim.Peran.FOCAL_PERSON)

    masuk(page, "sari")
    page.get_by_role("link", name="OPD", exact=True).click()
    page.wait_for_url(re.compile(r"/opd/$"))
    baris_dinkes = page.get_by_role("row").filter(has_text="Dinas Kesehatan")
    assert "Rina Focal" in baris_dinkes.inner_text()

    page.goto("/admin/opd/anggotatim/add/")
    page.locator("#id_opd").select_option(label="Dinkes")
    page.locator("#id_nama").fill("Siti Aminah")
    page.locator("#id_jabatan").fill("Kepala Bidang Kesmas")
    page.locator("#id_peran").select_option(label="Anggota")
    page.locator("#id_telepon").fill("0813-1111-2222")
    page.get_by_role("button", name="Simpan", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/opd/anggotatim/$"))
    assert "berhasil" in page.locator(".messagelist").inner_text()

    page.goto("/opd/")
    baris_dinkes = page.get_by_role("row").filter(has_text="Dinas Kesehatan")
    assert "Siti Aminah" in baris_dinkes.inner_text()
    assert AnggotaTim.objects.get(nama="Siti Aminah").history.first().history_user.username == (
        "sari"
    )


def test_operator_replaces_their_focal_person_on_a_phone(chromium, live_server, peran, dinkes):
    make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes)
    lama = make_anggota(dinkes, nama="Rina Focal", peran=AnggotaTim.Peran.FOCAL_PERSON)
    context = chromium.new_context(
        locale="id-ID", base_url=live_server.url, viewport={"width": 390, "height": 844},
        is_mobile=True, has_touch=True,
    )
    page = context.new_page()
    try:
        masuk(page, "okta")
        page.get_by_role("button", name="Buka menu").click()
        page.get_by_role("link", name="OPD", exact=True).click()
        page.get_by_role("link", name="Dinkes").click()
        page.get_by_role("link", name="Tambah / ganti perwakilan").click()
        page.get_by_label("Nama*").fill("Siti Aminah")
        page.get_by_label("Peran dalam TPPS*").select_option(label="Focal person")
        page.get_by_label("Mulai menjabat*").fill("2026-07-01")
        page.get_by_label("Menggantikan").select_option(label="Rina Focal (Dinkes)")
        page.get_by_role("button", name="Simpan").click()
        page.get_by_text("ditambahkan sebagai perwakilan Dinkes").wait_for()
        assert "Riwayat perwakilan" in page.content()
        lama.refresh_from_db()
        assert str(lama.sampai) == "2026-06-30"
    finally:
        context.close()
