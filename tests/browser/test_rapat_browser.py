"""In a real browser: plan a meeting, record attendance and two decisions with follow-ups,
post progress as the responsible Operator OPD, see the overdue follow-up carried onto the
next meeting's agenda, and render the printable attendance sheet."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opd import roles
from tests.browser.peramban import masuk
from tests.factories import make_user
from tpps.models import Rapat, TindakLanjut

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]




def rencanakan(page, *, judul, tanggal, agenda):
    page.get_by_role("link", name="Rapat", exact=True).click()
    page.get_by_role("link", name="Rencanakan rapat").click()
    page.get_by_label("Jenis rapat*").select_option(label="Rapat koordinasi")
    page.get_by_label("Judul*").fill(judul)
    page.get_by_label("Tanggal*").fill(tanggal.isoformat())
    page.get_by_label("Jam mulai*").fill("09:00")
    page.get_by_label("Jam selesai").fill("12:00")
    page.get_by_label("Tempat*").fill("Ruang Rapat Utama Balai Kota Among Tani")
    page.get_by_label("Pimpinan rapat*").fill("Sekretaris Daerah")
    page.get_by_label("Agenda").fill(agenda)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("direncanakan").wait_for()


def keputusan_dengan_tindak_lanjut(page, nomor, *, keputusan, tindak_lanjut, opd, tenggat):
    page.get_by_label("Keputusan*").fill(keputusan)
    page.get_by_role("button", name="Tambah keputusan").click()
    page.get_by_text(f"Keputusan {nomor} dicatat.").wait_for()
    page.get_by_role("link", name=f"Tambah tindak lanjut keputusan {nomor}").click()
    page.get_by_label("Uraian tindak lanjut*").fill(tindak_lanjut)
    page.get_by_label("OPD penanggung jawab*").select_option(label=opd)
    page.get_by_label("Tenggat*").fill(tenggat.isoformat())
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text(f"Tindak lanjut dicatat untuk {opd}.").wait_for()


def test_meeting_to_follow_up_to_next_agenda(page, peran, dinkes, dinsos, bappelitbangda):
    make_user("sari", peran=roles.SEKRETARIAT, opd=bappelitbangda, is_staff=True)
    make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes)
    hari_ini = timezone.localdate()

    # Sekretariat records a meeting held three weeks ago.
    masuk(page, "sari")
    rencanakan(page, judul="Rapat Koordinasi TPPS Triwulan I", tanggal=hari_ini - timedelta(days=21),
               agenda="Paparan capaian semester II\nRencana Rembuk Stunting")
    page.get_by_role("link", name="Catat kehadiran dan notulen").click()
    page.get_by_label("Kehadiran Dinkes").select_option(label="Hadir (pimpinan OPD)")
    page.get_by_label("Nama yang hadir Dinkes").fill("dr. Kadis Sehat")
    page.get_by_label("Jabatan yang hadir Dinkes").fill("Kepala Dinas Kesehatan")
    page.get_by_label("Kehadiran Dinsos").select_option(label="Diwakilkan")
    page.get_by_label("Nama yang hadir Dinsos").fill("Bu Sekdin")
    page.get_by_label("Kehadiran Bappelitbangda").select_option(label="Tidak hadir")
    page.get_by_label("Notulen").fill("Rapat dibuka oleh Sekda pukul 09.00.")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Kehadiran dan notulen disimpan.").wait_for()

    keputusan_dengan_tindak_lanjut(
        page, 1, keputusan="Data balita stunting dimutakhirkan per desa",
        tindak_lanjut="Verifikasi data e-PPGBM di 24 desa", opd="Dinkes",
        tenggat=hari_ini - timedelta(days=7))
    keputusan_dengan_tindak_lanjut(
        page, 2, keputusan="Bantuan pangan untuk keluarga berisiko stunting",
        tindak_lanjut="Salurkan paket pangan ke keluarga berisiko", opd="Dinsos",
        tenggat=hari_ini + timedelta(days=30))
    rapat_lalu = Rapat.objects.get()
    assert rapat_lalu.kehadiran.get(opd=dinkes).nama_hadir == "dr. Kadis Sehat"
    assert list(rapat_lalu.keputusan.values_list("nomor", flat=True)) == [1, 2]

    # The responsible Operator OPD posts progress on their agency's follow-up.
    masuk(page, "okta")
    page.get_by_role("link", name="Rapat", exact=True).click()
    page.get_by_role("link", name="Register tindak lanjut").click()
    baris = page.locator("#register tbody tr")
    assert "Verifikasi data e-PPGBM" in baris.first.inner_text()  # overdue first
    assert "Terlambat" in baris.first.inner_text()
    page.get_by_role("link", name="Verifikasi data e-PPGBM di 24 desa").click()
    page.get_by_label("Catatan progres*").fill("12 dari 24 desa sudah diverifikasi.")
    page.get_by_label("Status sesudah progres ini").select_option(label="Berjalan")
    page.get_by_role("button", name="Simpan progres").click()
    page.get_by_text("Progres dicatat.").wait_for()
    assert "12 dari 24 desa sudah diverifikasi." in page.locator("#progres").inner_text()
    tl_dinkes = TindakLanjut.objects.get(opd_penanggung_jawab=dinkes)
    assert tl_dinkes.status == "berjalan"
    assert tl_dinkes.progres.get().dicatat_oleh.username == "okta"
    # Not their agency: no progress form.
    page.goto(TindakLanjut.objects.get(opd_penanggung_jawab=dinsos).get_absolute_url())
    assert page.get_by_role("button", name="Simpan progres").count() == 0

    # The next meeting's agenda carries both open follow-ups, the overdue one marked.
    masuk(page, "sari")
    rencanakan(page, judul="Rapat Koordinasi TPPS Triwulan II", tanggal=hari_ini + timedelta(days=7),
               agenda="Evaluasi tindak lanjut")
    terbawa = page.locator("#tindak-lanjut-terbawa + .table-responsive tbody tr")
    assert terbawa.count() == 2
    assert "Verifikasi data e-PPGBM di 24 desa" in terbawa.nth(0).inner_text()
    assert "Terlambat" in terbawa.nth(0).inner_text()
    assert "Berjalan" in terbawa.nth(0).inner_text()
    assert "Salurkan paket pangan" in terbawa.nth(1).inner_text()
    assert "Terlambat" not in terbawa.nth(1).inner_text()
    assert "1 terlambat" in page.locator("#tindak-lanjut-terbawa").inner_text()

    # The printable attendance sheet of the first meeting renders, navigation hidden in print.
    page.goto(f"/rapat/{rapat_lalu.pk}/")
    page.get_by_role("link", name="Cetak daftar hadir").click()
    tabel = page.locator("#daftar-hadir")
    assert "Tanda tangan" in tabel.inner_text()
    assert "dr. Kadis Sehat" in tabel.inner_text()
    page.emulate_media(media="print")
    assert not page.locator("nav.navbar").is_visible()
    assert tabel.is_visible()
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
