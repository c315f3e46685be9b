"""The Excel round trip: a pre-filled workbook down, a filled one up — all rows or none."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from evaluasi.models import Capaian, ProgramKegiatan
from tests.evaluasi.factories import make_capaian, make_laporan, make_program
from tests.jawaban import tidak_ditemukan

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def laporan(semester, dinkes, katalog):
    laporan = make_laporan(semester, dinkes)
    make_capaian(laporan, katalog["S1"], pembilang=70, penyebut=100, sumber_data="SIGIZI")
    make_program(laporan, program="PMT Lokal", indikator=[katalog["S1"]])
    return laporan


def url(laporan, akhiran):
    return f"/evaluasi/semester/{laporan.semester.kode}/opd/{laporan.opd_id}/{akhiran}"


def unduh(c, laporan):
    resp = c.get(url(laporan, "unduh/"))
    assert resp.status_code == 200 and resp["Content-Type"] == XLSX
    assert 'filename="capaian-2025S1-Dinkes.xlsx"' in resp["Content-Disposition"]
    return load_workbook(BytesIO(resp.content))


def baris(ws, kode):
    for row in ws.iter_rows(min_row=2):
        if row[0].value == kode:
            return row
    raise AssertionError(kode)


def kolom(ws, judul):
    return [c.value for c in ws[1]].index(judul)


def unggah(c, laporan, wb, nama="capaian.xlsx"):
    keluaran = BytesIO()
    wb.save(keluaran)
    berkas = SimpleUploadedFile(nama, keluaran.getvalue(), content_type=XLSX)
    return c.post(url(laporan, "unggah/"), {"berkas": berkas})


def test_the_workbook_is_pre_filled(client_as, operator_dinkes, laporan):
    wb = unduh(client_as(operator_dinkes), laporan)
    assert wb.sheetnames == ["Petunjuk", "Capaian", "Program"]
    info = wb["Petunjuk"]
    assert [info["A2"].value, info["B2"].value, info["B3"].value] == ["Semester", "2025S1",
                                                                     "Dinkes"]
    ws = wb["Capaian"]
    s1 = baris(ws, "S1")
    assert [s1[kolom(ws, h)].value for h in ("Pembilang", "Penyebut", "Target", "Versi",
                                             "Sumber data")] == [70, 100, 80, 1, "SIGIZI"]
    assert baris(ws, "S2")[kolom(ws, "Pembilang")].value is None
    wp = wb["Program"]
    assert wp["C2"].value == "PMT Lokal" and wp["F2"].value == "S1" and wp["G2"].value == "APBD"


def test_a_filled_workbook_comes_back_in(client_as, operator_dinkes, laporan, katalog):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    ws, wp = wb["Capaian"], wb["Program"]
    s1, s2 = baris(ws, "S1"), baris(ws, "S2")
    s1[kolom(ws, "Pembilang")].value = "1.250"  # typed as text, Indonesian style
    s1[kolom(ws, "Penyebut")].value = 1500
    s1[kolom(ws, "Kendala")].value = "Sasaran pindah domisili"
    s2[kolom(ws, "Pembilang")].value = 95
    s2[kolom(ws, "Penyebut")].value = 100
    wp.append([None, None, "Kelas Ibu Hamil", "Penyuluhan", "", "S1, S2", "Dana Desa",
               "12.500.000", 5_000_000, "Kelas", "kali", "12", "4,5", ""])
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 302
    s1 = Capaian.objects.get(indikator=katalog["S1"])
    assert (s1.pembilang, s1.penyebut, s1.kendala, s1.versi) == (
        1250, 1500, "Sasaran pindah domisili", 2)
    assert s1.history.first().history_user == operator_dinkes
    assert Capaian.objects.get(indikator=katalog["S2"]).nilai == 95
    baru = ProgramKegiatan.objects.get(program="Kelas Ibu Hamil")
    assert (baru.pagu_rp, baru.realisasi_rp, baru.sumber_dana) == (12_500_000, 5_000_000,
                                                                   "dana_desa")
    assert str(baru.realisasi_keluaran) == "4.50"
    assert {i.kode for i in baru.indikator.all()} == {"S1", "S2"}
    assert ProgramKegiatan.objects.get(program="PMT Lokal").versi == 1  # untouched


def test_a_programme_is_deleted_with_hapus(client_as, operator_dinkes, laporan):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    wb["Program"]["N2"].value = "ya"
    assert unggah(c, laporan, wb).status_code == 302
    assert not ProgramKegiatan.objects.exists()


def test_row_errors_are_listed_and_nothing_is_saved(client_as, operator_dinkes, laporan):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    ws, wp = wb["Capaian"], wb["Program"]
    s1, s2 = baris(ws, "S1"), baris(ws, "S2")
    s1[kolom(ws, "Pembilang")].value = "85"  # a valid change …
    s2[kolom(ws, "Pembilang")].value = "12,5"  # … but this row is wrong
    s2[kolom(ws, "Tautan bukti")].value = "bukan tautan"
    ws.append(["K2", "", "", "", "", 5, 10])
    ws.append(["S1", "", "", "", "", 5, 10])
    wp["G2"].value = "Hibah"
    wp["H2"].value = "satu juta"
    wp.append([9999, 1, "Program lain"])
    wp.append([None, None, "", "Kegiatan tanpa program", "", "X9"])
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 400
    pesan = resp.context["pesan"]
    teks = "\n".join(pesan)
    assert "Lembar Capaian, baris 3 (S2), kolom Pembilang: '12,5' bukan bilangan bulat" in teks
    assert "Lembar Capaian, baris 3 (S2), kolom Tautan bukti: 'bukan tautan' bukan alamat" in teks
    assert "Lembar Capaian, baris 4, kolom Kode: indikator 'K2' bukan tanggung jawab Dinkes" in teks
    assert "baris 5, kolom Kode: indikator S1 muncul lebih dari sekali" in teks
    assert "Lembar Program, baris 2, kolom Sumber dana: sumber dana 'Hibah' tidak dikenal" in teks
    assert "Lembar Program, baris 2, kolom Pagu (Rp): 'satu juta' bukan bilangan bulat" in teks
    assert "Lembar Program, baris 3, kolom ID: program dengan ID 9999 tidak ada" in teks
    assert "Lembar Program, baris 4, kolom Kode indikator: kode indikator X9 tidak dikenal" in teks
    assert "Lembar Program, baris 4, kolom Program: nama program wajib diisi" in teks
    assert "tidak ada yang disimpan" in resp.content.decode()
    assert Capaian.objects.get().pembilang == 70  # the valid change was not saved either
    assert ProgramKegiatan.objects.get().pagu_rp == 100_000_000


def test_an_upload_over_someone_elses_newer_figures_is_refused(client_as, operator_dinkes,
                                                               sekretariat, laporan, katalog):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    Capaian.objects.filter(indikator=katalog["S1"]).update(pembilang=75, versi=2,
                                                           diubah_oleh=sekretariat)
    baris(wb["Capaian"], "S1")[kolom(wb["Capaian"], "Pembilang")].value = 80
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 400
    assert "Capaian S1 telah diubah oleh Sari" in "\n".join(resp.context["pesan"])
    assert Capaian.objects.get().pembilang == 75


def test_a_workbook_of_another_opd_or_semester_is_refused(client_as, operator_dinkes, laporan):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    wb["Petunjuk"]["B3"].value = "Dinsos"
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 400
    assert "Berkas ini untuk semester 2025S1 dan OPD Dinsos, bukan semester 2025S1 dan OPD " \
           "Dinkes" in resp.context["pesan"][0]


def _wb_tanpa(lembar):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "Petunjuk"
    wb.active.append(["Kunci", "Isi"])
    wb.active.append(["Semester", "2025S1"])
    wb.active.append(["OPD", "Dinkes"])
    for nama, header in lembar.items():
        wb.create_sheet(nama).append(header)
    return wb


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        (SimpleUploadedFile("capaian.xlsx", b"PK\x03\x04 bukan zip yang utuh"),
         "tidak dapat dibaca sebagai Excel"),
        (SimpleUploadedFile("capaian.xlsx", b"%PDF-1.4 sebuah PDF"),
         "tidak dapat dibaca sebagai Excel"),
        (SimpleUploadedFile("capaian.csv", b"kode,pembilang\nS1,5\n"),
         "Unggah berkas Excel .xlsx"),
    ],
)
def test_files_that_are_not_workbooks_are_refused(client_as, operator_dinkes, laporan, berkas,
                                                  pesan):
    resp = client_as(operator_dinkes).post(url(laporan, "unggah/"), {"berkas": berkas})
    assert resp.status_code == 400
    assert pesan in "\n".join(resp.context["pesan"])
    assert Capaian.objects.get().pembilang == 70


def test_an_empty_upload_is_refused(client_as, operator_dinkes, laporan):
    resp = client_as(operator_dinkes).post(
        url(laporan, "unggah/"), {"berkas": SimpleUploadedFile("capaian.xlsx", b"")}, follow=True)
    assert "Pilih berkas Excel" in resp.content.decode()


def test_missing_sheets_or_columns_are_named(client_as, operator_dinkes, laporan):
    c = client_as(operator_dinkes)
    resp = unggah(c, laporan, _wb_tanpa({"Capaian": ["Kode", "Pembilang", "Penyebut", "Versi"]}))
    assert resp.status_code == 400
    assert "Lembar 'Program' tidak ada" in resp.context["pesan"][0]
    resp = unggah(c, laporan, _wb_tanpa({"Capaian": ["Kode", "Pembilang"],
                                         "Program": ["ID"]}))
    assert "Lembar Capaian: kolom Penyebut, Versi tidak ada" in resp.context["pesan"][0]


def test_upload_needs_the_right_to_fill_the_report(client_as, pimpinan, operator_dinsos,
                                                   laporan):
    # Another OPD's draft is out of the operator's reach: answered as a missing one.
    assert tidak_ditemukan(client_as(operator_dinsos).get(url(laporan, "unduh/")))
    # Pimpinan's role fills no report.
    assert client_as(pimpinan).post(url(laporan, "unggah/"), {}).status_code == 403


def test_a_submitted_report_takes_no_upload(client_as, operator_dinkes, laporan):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    laporan.status = "diajukan"
    laporan.save()
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 400 and "menunggu verifikasi" in resp.context["pesan"][0]


# --- Narratives typed in the browser ("\r\n") survive the round trip unchanged ----------


def _simpan_lewat_halaman(c, laporan, katalog, kendala):
    from tests.evaluasi.factories import data_halaman

    halaman = f"/evaluasi/semester/{laporan.semester.kode}/opd/{laporan.opd_id}/"
    data = data_halaman(c.get(halaman))
    s1 = katalog["S1"].pk
    data.update({f"c{s1}-kendala": kendala, f"c{s1}-rencana_tindak_lanjut": "Sweeping\r\n",
                 "aksi": "simpan"})
    assert c.post(halaman, data).status_code == 302


def test_an_untouched_workbook_changes_nothing_after_a_browser_save(client_as, operator_dinkes,
                                                                    laporan, katalog):
    c = client_as(operator_dinkes)
    _simpan_lewat_halaman(c, laporan, katalog, "Sasaran pindah  \r\nKader kurang\r\n")
    s1 = Capaian.objects.get(indikator=katalog["S1"])
    assert s1.kendala == "Sasaran pindah\nKader kurang"  # tidied on input
    versi, riwayat = s1.versi, s1.history.count()
    resp = unggah(c, laporan, unduh(c, laporan))
    assert resp.status_code == 302
    s1.refresh_from_db()
    assert (s1.versi, s1.history.count()) == (versi, riwayat)
    pesan = [str(m) for m in resp.wsgi_request._messages]
    assert "Berkas Excel diterima: 0 baris berubah." in pesan


def test_rows_stored_with_crlf_before_the_fix_count_as_untouched(client_as, operator_dinkes,
                                                                 sekretariat, laporan, katalog):
    """Old rows hold "\r\n" (and their history too): an untouched row in a workbook is not
    a change, nor a conflict when a colleague changed the row meanwhile."""
    s1 = Capaian.objects.get(indikator=katalog["S1"])
    Capaian.objects.filter(pk=s1.pk).update(kendala="Sasaran pindah\r\nKader kurang")
    s1.refresh_from_db()
    s1.save()  # a history row at version 1 holding "\r\n"
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    riwayat = s1.history.count()
    assert unggah(c, laporan, wb).status_code == 302
    assert s1.history.count() == riwayat
    # A colleague changes S1 after the download; the untouched copy is no conflict.
    s1.pembilang, s1.versi, s1.diubah_oleh = 75, 2, sekretariat
    s1.save()
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 302, resp.context and resp.context["pesan"]
    s1.refresh_from_db()
    assert (s1.pembilang, s1.versi) == (75, 2)


def test_the_data_migration_tidies_stored_text(laporan, katalog):
    import importlib

    from django.apps import apps

    migrasi = importlib.import_module("evaluasi.migrations.0002_rapikan_teks")
    Capaian.objects.update(kendala="a  \r\nb\r\n", sumber_data="SIGIZI")
    ProgramKegiatan.objects.update(keluaran="Kelas\r")
    migrasi.rapikan(apps, None)
    assert Capaian.objects.get().kendala == "a\nb"
    assert ProgramKegiatan.objects.get().keluaran == "Kelas"


# --- Errors the database would refuse are named by sheet, row and column ----------------


def test_figures_too_large_for_their_column_are_named_and_nothing_is_saved(
    client_as, operator_dinkes, laporan
):
    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    ws, wp = wb["Capaian"], wb["Program"]
    baris(ws, "S1")[kolom(ws, "Pembilang")].value = "1.000.000.000.000.000"  # nilai overflows
    baris(ws, "S1")[kolom(ws, "Penyebut")].value = 1
    baris(ws, "S2")[kolom(ws, "Pembilang")].value = "99.999.999.999.999.999.999"
    baris(ws, "S2")[kolom(ws, "Penyebut")].value = 100
    wp["L2"].value = "1000000000000000"  # target keluaran: 14 digits at most
    wp["B2"].value = 1
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 400
    teks = "\n".join(resp.context["pesan"])
    assert "Lembar Capaian, baris 2 (S1), kolom Pembilang: nilai yang dihitung dari baris ini " \
           "terlalu besar" in teks
    assert "Lembar Capaian, baris 3 (S2), kolom Pembilang: " in teks
    assert "Lembar Program, baris 2, kolom Target keluaran: " in teks
    assert Capaian.objects.get().pembilang == 70
    assert ProgramKegiatan.objects.get().target_keluaran is None


def test_a_figure_too_large_from_the_page_names_its_row(client_as, operator_dinkes, laporan,
                                                        katalog):
    from tests.evaluasi.factories import data_halaman

    c = client_as(operator_dinkes)
    halaman = url(laporan, "")
    data = data_halaman(c.get(halaman))
    s1 = katalog["S1"].pk
    data.update({f"c{s1}-pembilang": "1.000.000.000.000.000", f"c{s1}-penyebut": "1",
                 "aksi": "simpan"})
    resp = c.post(halaman, data)
    assert resp.status_code == 409
    assert "Capaian S1, nilai: " in resp.content.decode()
    assert Capaian.objects.get().pembilang == 70


def test_a_link_without_https_is_taken_alike_from_the_page_and_the_workbook(
    client_as, operator_dinkes, laporan, katalog
):
    from tests.evaluasi.factories import data_halaman

    c = client_as(operator_dinkes)
    wb = unduh(c, laporan)
    baris(wb["Capaian"], "S1")[kolom(wb["Capaian"], "Tautan bukti")].value = \
        "data.batukota.go.id/s1"
    assert unggah(c, laporan, wb).status_code == 302
    assert Capaian.objects.get().tautan_bukti == "https://data.batukota.go.id/s1"

    halaman = url(laporan, "")
    data = data_halaman(c.get(halaman))
    data.update({f"c{katalog['S2'].pk}-pembilang": "5", f"c{katalog['S2'].pk}-penyebut": "10",
                 f"c{katalog['S2'].pk}-tautan_bukti": "data.batukota.go.id/s2", "aksi": "simpan"})
    assert c.post(halaman, data).status_code == 302
    assert Capaian.objects.get(indikator=katalog["S2"]).tautan_bukti == \
        "https://data.batukota.go.id/s2"
