"""In a real browser: an Operator OPD fills and submits a semester report, the Sekretariat
returns it with a comment, the operator corrects and resubmits, the Sekretariat verifies,
and the figures are locked."""

import re

import pytest

from evaluasi import reference
from evaluasi.models import Capaian, LaporanSemester, ProgramKegiatan
from opd import roles
from tests.browser.peramban import masuk
from tests.evaluasi.factories import make_indikator, make_semester, make_target
from tests.factories import make_user
from tpps.reference import muat_sumber

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def test_fill_submit_return_correct_resubmit_verify_and_lock(chromium, live_server, page, peran,
                                                             dinkes, bappelitbangda):
    muat_sumber(reference.SUMBER[2])  # the bands
    semester = make_semester("2025S1")
    s1 = make_indikator("S1", dinkes, nama="Ibu hamil KEK mendapat tambahan asupan gizi",
                        urutan=1)
    s2 = make_indikator("S2", dinkes, nama="Ibu hamil mengonsumsi TTD", urutan=2)
    make_target(s1, target_kota=80)
    make_target(s2, target_kota=90)
    make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes)
    make_user("sari", peran=roles.SEKRETARIAT, opd=bappelitbangda, is_staff=True)

    # The operator fills the grid and a programme, with Indonesian number formats.
    masuk(page, "okta")
    page.get_by_role("link", name="Evaluasi Semester").click()
    page.get_by_role("link", name="Buka laporan").click()
    page.wait_for_url(re.compile(rf"/evaluasi/semester/2025S1/opd/{dinkes.pk}/$"))
    page.get_by_label("Pembilang S1").fill("1.250")
    page.get_by_label("Penyebut S1").fill("1.500")
    page.get_by_label("Tautan bukti S1").fill("https://data.batukota.go.id/s1")
    page.get_by_label("Pembilang S2").fill("95")
    page.get_by_label("Penyebut S2").fill("100")
    page.locator('[name="program-0-program"]').fill("Program Pemenuhan Upaya Kesehatan")
    page.locator('[name="program-0-kegiatan"]').fill("PMT ibu hamil KEK")
    page.locator('[name="program-0-indikator"]').select_option(label="S1")
    page.locator('[name="program-0-pagu_rp"]').fill("1.250.000")
    page.locator('[name="program-0-realisasi_rp"]').fill("500.000")
    page.get_by_role("button", name="Simpan dan ajukan").click()
    page.get_by_text("Laporan diajukan ke Sekretariat TPPS").wait_for()
    assert page.get_by_label("Pembilang S1").count() == 0  # read-only while waiting
    assert "83,33 %" in page.locator("#indikator-S1").inner_text()

    # The Sekretariat returns it with a comment.
    sari_ctx = chromium.new_context(locale="id-ID", base_url=live_server.url)
    sari = sari_ctx.new_page()
    try:
        masuk(sari, "sari")
        sari.goto("/evaluasi/")
        sari.get_by_role("link", name="Antrean verifikasi").first.click()
        sari.get_by_role("row").filter(has_text="Dinkes").get_by_role("link",
                                                                      name="Periksa").click()
        sari.get_by_label("Komentar untuk OPD").fill("S2: lampirkan bukti konsumsi TTD.")
        sari.get_by_role("button", name="Kembalikan dengan komentar").click()
        sari.get_by_text("dikembalikan dengan komentar").wait_for()

        # The operator sees the comment, corrects and resubmits.
        page.reload()
        assert "S2: lampirkan bukti konsumsi TTD." in page.locator(
            "#komentar-pengembalian").inner_text()
        page.get_by_label("Tautan bukti S2").fill("https://data.batukota.go.id/s2")
        page.get_by_label("Pembilang S1").fill("1.260")
        page.get_by_role("button", name="Simpan dan ajukan").click()
        page.get_by_text("Laporan diajukan ke Sekretariat TPPS").wait_for()

        # The Sekretariat verifies.
        sari.goto("/evaluasi/antrean/")
        sari.get_by_role("row").filter(has_text="Dinkes").get_by_role("link",
                                                                      name="Periksa").click()
        sari.get_by_role("button", name="Verifikasi", exact=True).click()
        sari.get_by_text("angkanya kini terkunci").wait_for()
    finally:
        sari_ctx.close()

    # The figures are locked for the operator.
    page.reload()
    assert "Terverifikasi" in page.locator("#status-laporan").inner_text()
    assert "sudah diverifikasi" in page.locator("#alasan-kunci").inner_text()
    assert page.get_by_role("button", name="Simpan draf").count() == 0
    laporan = LaporanSemester.objects.get(semester=semester, opd=dinkes)
    assert laporan.status == "diverifikasi" and laporan.diverifikasi_oleh.username == "sari"
    s1_capaian = Capaian.objects.get(indikator=s1)
    assert (s1_capaian.pembilang, s1_capaian.penyebut) == (1260, 1500)
    assert ProgramKegiatan.objects.get().pagu_rp == 1_250_000
    assert s1_capaian.history.count() == 2  # 1.250 → 1.260 kept with who and when
