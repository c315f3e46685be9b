"""The checks before parsing (tpps.lib.spreadsheet): what an .xlsx inflates to, and a
CSV's encoding and NUL bytes. Every refusal is a SpreadsheetError in Indonesian."""

import codecs
import io
import re

import pytest
from openpyxl import Workbook

from tests.korpus_berkas import buat
from tpps.lib import spreadsheet
from tpps.lib.spreadsheet import (
    SpreadsheetError,
    open_table,
    periksa_csv,
    periksa_tabel,
    periksa_xlsx,
)


def _xlsx(rows, header=("a", "b")) -> bytes:
    return buat.xlsx(list(header), [list(r) for r in rows])


_ganti_lembar = buat.ganti_lembar


def test_a_real_workbook_passes_and_is_described():
    info = periksa_xlsx(io.BytesIO(_xlsx([[1, 2], [3, 4]])), nama="a.xlsx")
    assert info.baris == {"xl/worksheets/sheet1.xml": 3} and info.rumus_tanpa_nilai == 0
    assert info.terurai_byte > 0


def test_an_open_file_is_put_back_where_it_was():
    f = io.BytesIO(_xlsx([[1, 2]]))
    f.seek(7)
    periksa_xlsx(f)
    assert f.tell() == 7


def test_a_member_deflated_absurdly_is_refused():
    with pytest.raises(SpreadsheetError, match=r"dipadatkan secara tidak wajar \(20 MB dalam"):
        periksa_xlsx(io.BytesIO(buat.bom_zip(["a"], [["1"]], mb=20)), nama="bom.xlsx")


def test_what_inflates_beyond_the_setting_is_refused(settings):
    settings.UKURAN_XLSX_TERURAI_MAKS_MB = 1
    data = _xlsx([[f"baris {i}", "x" * 50] for i in range(20_000)])
    with pytest.raises(SpreadsheetError, match=r"isinya \d+ MB, batasnya 1 MB"):
        periksa_xlsx(io.BytesIO(data), nama="besar.xlsx")


def test_a_directory_that_lies_about_sizes_is_refused():
    data = _xlsx([[1, 2], [3, 4]])
    for ukuran in (10, 10**6):
        palsu = buat.ubah_ukuran_terurai(data, "xl/worksheets/sheet1.xml", ukuran)
        with pytest.raises(SpreadsheetError, match="bukan berkas .xlsx yang utuh"):
            periksa_xlsx(io.BytesIO(palsu))


@pytest.mark.parametrize("data", [b"", b"bukan zip", b"PK\x03\x04 terpotong",
                                  _xlsx([[1, 2]])[:-30]])
def test_what_is_no_whole_zip_is_refused(data):
    with pytest.raises(SpreadsheetError, match="tidak dapat dibaca sebagai Excel"):
        periksa_xlsx(io.BytesIO(data), nama="a.xlsx")


def test_a_declared_dimension_beyond_the_rows_limit_is_refused():
    data = _ganti_lembar(_xlsx([[1, 2]]), lambda x: re.sub(
        rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', x))
    with pytest.raises(SpreadsheetError, match=r"lebih dari 300\.000 baris \(1\.048\.576\)"):
        periksa_xlsx(io.BytesIO(data), nama="a.xlsx")


@pytest.mark.parametrize("potongan", [7, 64, 1024 * 1024])
def test_rows_and_formulas_are_counted_across_pieces(monkeypatch, potongan):
    monkeypatch.setattr(spreadsheet, "_POTONGAN", potongan)
    wb = Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    for i in range(50):
        ws.append([i, f"=A{i + 2}*2" if i % 5 == 0 else i])
    keluar = io.BytesIO()
    wb.save(keluar)
    info = periksa_xlsx(io.BytesIO(keluar.getvalue()))
    assert info.baris == {"xl/worksheets/sheet1.xml": 51} and info.rumus_tanpa_nilai == 10
    assert info.kolom_rumus == {1: 10}  # column B
    # as Excel saves a formula: with its value, "" included — nothing missing
    excel = _ganti_lembar(keluar.getvalue(), lambda x: x.replace(b"<v />", b"<v>0</v>", 5)
                          .replace(b"<v />", b'<v></v>'))
    assert periksa_xlsx(io.BytesIO(excel)).rumus_tanpa_nilai == 0


@pytest.mark.parametrize("potongan", [7, 1024 * 1024])
def test_a_far_cell_that_would_make_calamine_allocate_a_gigabyte_is_refused(monkeypatch,
                                                                           potongan):
    monkeypatch.setattr(spreadsheet, "_POTONGAN", potongan)
    data = buat.bom_lebar(["a"], [["1"]])
    assert len(data) < 30_000
    with pytest.raises(SpreadsheetError, match=r"\d baris × 16\.384 kolom"):
        periksa_xlsx(io.BytesIO(data), nama="lebar.xlsx")


def test_the_last_rows_number_counts_even_with_few_rows():
    data = _ganti_lembar(_xlsx([[1, 2]]), lambda x: re.sub(
        rb'<dimension ref="[^"]+" ?/>', b"", x).replace(
        b"</sheetData>", b'<row r="900000"><c r="A900000" t="n"><v>1</v></c></row></sheetData>'))
    with pytest.raises(SpreadsheetError, match=r"lebih dari 300\.000 baris \(900\.000\)"):
        periksa_xlsx(io.BytesIO(data))


def test_counted_rows_beyond_the_limit_are_refused(settings):
    settings.BARIS_XLSX_MAKS = 5
    with pytest.raises(SpreadsheetError, match=r"'berkas' berisi lebih dari 5 baris"):
        periksa_xlsx(io.BytesIO(_xlsx([[i, i] for i in range(8)])))


def test_too_many_members_are_refused(monkeypatch):
    monkeypatch.setattr(spreadsheet, "ANGGOTA_ZIP_MAKS", 3)
    with pytest.raises(SpreadsheetError, match="bagian di dalamnya"):
        periksa_xlsx(io.BytesIO(_xlsx([[1, 2]])))


def test_open_table_checks_before_calamine(tmp_path, monkeypatch):
    import python_calamine

    def jangan(*args, **kwargs):
        raise AssertionError("calamine dipanggil")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", jangan)
    f = tmp_path / "bom.xlsx"
    f.write_bytes(buat.bom_zip(["a"], [["1"]], mb=20))
    with pytest.raises(SpreadsheetError, match="tidak wajar"), open_table(f):
        pass


def test_formulas_without_a_value_are_refused_where_a_reader_needs_them(tmp_path):
    f = tmp_path / "rumus.xlsx"
    f.write_bytes(buat.rumus(["a", "b", "c"], [["1", "2", "3"], ["4", "5", "6"]], kolom=(1,)))
    with open_table(f) as tabel:  # read, as empty cells, where nobody needs them
        assert tabel.rumus_tanpa_nilai == {1: 2}
        tabel.tolak_rumus([0, 2])
        with pytest.raises(SpreadsheetError, match="kolom b berisi 2 sel rumus tanpa nilai"):
            tabel.tolak_rumus([0, 1])
    periksa_tabel(io.BytesIO(f.read_bytes()), nama="rumus.xlsx")  # no formula check there


def test_formula_columns_count_from_the_first_used_column(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws["B1"], ws["C1"], ws["D1"] = "a", "b", "c"
    ws["B2"], ws["C2"], ws["D2"] = 1, 2, "=B2+C2"
    f = tmp_path / "geser.xlsx"
    wb.save(f)
    with open_table(f) as tabel:
        assert tabel.header == ["a", "b", "c"] and tabel.rumus_tanpa_nilai == {2: 1}


def test_calamines_english_never_reaches_the_user(tmp_path):
    f = tmp_path / "a.xlsx"
    f.write_bytes(_ganti_lembar(_xlsx([[1, 2]]), lambda x: x[: len(x) // 2]))  # broken XML
    with pytest.raises(SpreadsheetError) as galat, open_table(f) as tabel:
        list(tabel.rows)
    assert "tidak dapat dibaca sebagai Excel" in str(galat.value)


# --- CSV -----------------------------------------------------------------------------

def _baca(path):
    with open_table(path) as tabel:
        return tabel.header, list(tabel.rows)


@pytest.mark.parametrize("bom, kode", [(codecs.BOM_UTF16_LE, "utf-16-le"),
                                       (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_its_bom_is_read(tmp_path, bom, kode):
    f = tmp_path / "a.txt"
    f.write_bytes(bom + "nama\tberat\r\nAurélie\t8,1\r\n".encode(kode))
    assert _baca(f) == (["nama", "berat"], [["Aurélie", "8,1"]])
    assert periksa_csv(f) == "utf-16"


@pytest.mark.parametrize("data, pesan", [
    ("nama\n".encode("utf-16-le"), "bita NUL \\(baris ke-1\\)"),
    (codecs.BOM_UTF32_LE + "nama\n".encode("utf-32-le"), "bita NUL"),
    (b"nama;berat\nA;1\nB\x00;2\n", "bita NUL \\(baris ke-3\\)"),
    (codecs.BOM_UTF16_LE + "nama\n".encode("utf-16-le") + b"\x00", "bukan teks UTF-16 yang utuh"),
    (b"nama;berat\n\x81\x8d;1\n", "bukan teks UTF-8 yang utuh"),
])
def test_what_does_not_decode_is_refused(tmp_path, data, pesan):
    f = tmp_path / "a.csv"
    f.write_bytes(data)
    with pytest.raises(SpreadsheetError, match=pesan):
        _baca(f)
    with pytest.raises(SpreadsheetError, match=pesan):
        periksa_csv(io.BytesIO(data), nama="a.csv")


def test_a_nul_beyond_the_sample_is_found_while_reading(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(b"nama;berat\n" + b"A;1\n" * 30_000 + b"B\x00;2\n")
    with pytest.raises(SpreadsheetError, match="bita NUL \\(baris ke-30002\\)"):
        _baca(f)
    with pytest.raises(SpreadsheetError, match="baris ke-30002"):
        periksa_csv(f)


def test_latin1_is_read_as_windows_1252(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes("nama;kota\nAurélie;Bumiaji\n".encode("latin-1"))
    assert _baca(f)[1] == [["Aurélie", "Bumiaji"]]


def test_a_cell_beyond_the_csv_field_limit_is_named_in_indonesian(tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(b'nama;catatan\nA;"' + b"x" * 200_000 + b'"\n')
    with pytest.raises(SpreadsheetError, match=r"sel lebih dari 131\.072 karakter"):
        _baca(f)
