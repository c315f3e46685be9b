"""Reading and writing CSV/XLSX tables."""

import csv
from datetime import date, datetime

import openpyxl
import pytest

from tpps.lib.spreadsheet import SpreadsheetError, open_table, open_writer, write_table


def _read(path, **options):
    with open_table(path, **options) as table:
        return table.header, list(table.rows)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_sniffed(tmp_path, delimiter):
    path = tmp_path / "data.csv"
    with path.open("w", newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows(
            [["nik", "nama", "berat"], ["1", "Ani", "12,5"]]
        )
    assert _read(path) == (["nik", "nama", "berat"], [["1", "Ani", "12,5"]])


def test_csv_quoted_delimiters_do_not_fool_the_sniffer(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text('"a;b",c,d\n"1;2",3,4\n')
    assert _read(path) == (["a;b", "c", "d"], [["1;2", "3", "4"]])


def test_csv_utf8_with_bom_and_padding(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("\ufeffnama;desa\nSiti Aisyah;Pendem\nÉlodie\n".encode())
    header, rows = _read(path)
    assert header == ["nama", "desa"]
    assert rows == [["Siti Aisyah", "Pendem"], ["Élodie", ""]]


def test_csv_from_excel_in_windows_1252(tmp_path):
    path = tmp_path / "data.csv"
    path.write_bytes("nama;kota\nJosé;Batu\n".encode("cp1252"))
    assert _read(path)[1] == [["José", "Batu"]]


def test_rows_longer_than_the_header_keep_their_cells(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n1,2,3\n")
    assert _read(path)[1] == [["1", "2", "3"]]


def test_chunks(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n" + "".join(f"{i},{i * 2}\n" for i in range(25)))
    with open_table(path) as table:
        chunks = list(table.chunks(10))
    assert [len(chunk) for chunk in chunks] == [10, 10, 5]
    assert chunks[2][-1] == ["24", "48"]


def test_xlsx_values_keep_their_types(tmp_path):
    path = tmp_path / "data.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["nik", "tgl_lahir", "berat", "catatan"])
    sheet.append(["3579010101010001", date(2022, 5, 1), 12.5, None])
    sheet.append(["3579010101010002", datetime(2022, 6, 1, 8, 30), 7, "12,5"])
    workbook.save(path)
    header, rows = _read(path)
    assert header == ["nik", "tgl_lahir", "berat", "catatan"]
    assert rows[0] == ["3579010101010001", date(2022, 5, 1), 12.5, ""]
    assert rows[1] == ["3579010101010002", datetime(2022, 6, 1, 8, 30), 7.0, "12,5"]


def test_xlsx_sheet_by_name(tmp_path):
    path = tmp_path / "data.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["x"])
    workbook.create_sheet("Balita").append(["nama"])
    workbook.save(path)
    assert _read(path, sheet="Balita")[0] == ["nama"]
    with pytest.raises(SpreadsheetError, match="Lembar"):
        _read(path, sheet="Tidak ada")


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("data.pdf", b"%PDF", "tidak didukung"),
        ("kosong.csv", b"", "kosong"),
        ("rusak.xlsx", b"bukan excel", "tidak dapat dibaca"),
        ("judul.csv", b",,\n1,2,3\n", "judul kolom"),
    ],
)
def test_unreadable_files_raise_a_message_for_the_user(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError, match=message):
        _read(path)


def test_missing_file(tmp_path):
    with pytest.raises(SpreadsheetError, match="tidak ditemukan"):
        _read(tmp_path / "tidak-ada.csv")


def test_write_csv_converts_cells(tmp_path):
    path = tmp_path / "out.csv"
    rows = [
        ["a", 1.0, 12.5, None, float("nan"), date(2024, 1, 31), datetime(2024, 1, 31, 8, 0), True]
    ]
    assert write_table(path, ["t", "i", "f", "n", "nan", "d", "dt", "b"], rows) == 1
    with path.open(newline="", encoding="utf-8") as f:
        assert list(csv.reader(f))[1] == [
            "a",
            "1",
            "12.5",
            "",
            "",
            "2024-01-31",
            "2024-01-31 08:00:00",
            "1",
        ]


def test_write_csv_for_indonesian_excel(tmp_path):
    path = tmp_path / "out.csv"
    write_table(path, ["berat"], [[12.5]], delimiter=";", decimal_comma=True, bom=True)
    assert path.read_bytes() == b"\xef\xbb\xbfberat\r\n12,5\r\n"


def test_write_xlsx_round_trip_and_no_formulas(tmp_path):
    path = tmp_path / "out.xlsx"
    with open_writer(path, ["nama", "z", "tanggal"]) as writer:
        writer.writerows(
            [['=HYPERLINK("x")', -1.25, date(2024, 1, 31)], ["Budi", float("nan"), None]]
        )
    assert writer.count == 2
    sheet = openpyxl.load_workbook(path).active
    values = list(sheet.values)
    assert values[0] == ("nama", "z", "tanggal")
    assert values[1][0] == '=HYPERLINK("x")' and sheet["A2"].data_type == "s"
    assert values[1][1] == -1.25
    assert values[2] == ("Budi", None, None)
    header, rows = _read(path)
    assert rows[1] == ["Budi", "", ""]


def test_write_rejects_unknown_suffix(tmp_path):
    with pytest.raises(SpreadsheetError):
        write_table(tmp_path / "out.pdf", ["a"], [])


def test_write_text_columns_reads_back_the_same_cells(tmp_path):
    columns = [
        ["1", "2", "3", "4"],
        ["12,5", "", "7", "8,25"],  # the delimiter: the column is quoted
        ['kata "kutip"', "baris\nbaru", "a,b", ""],  # quotes and line breaks: escaped
        ["", "", "", ""],
    ]
    path = tmp_path / "out.csv"
    with open_writer(path, ["a", "b", "c", "d"]) as writer:
        writer.write_text_columns(columns)
        writer.write_text_columns([["5"], ["9,5"], ["x"], ["y"]])
    assert writer.count == 5
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["a", "b", "c", "d"]
    assert rows[1:5] == [list(row) for row in zip(*columns, strict=True)]
    assert rows[5] == ["5", "9,5", "x", "y"]
    assert _read(path)[1][:4] == rows[1:5]


def test_csv_quoted_line_breaks_across_blocks(tmp_path):
    path = tmp_path / "data.csv"
    lines = ["nama,catatan"] + [f"anak {i},biasa" for i in range(5)]
    lines += ['anak 5,"dua\nbaris"', 'anak 6,"kata ""kutip"""', "anak 7,5'2\" tinggi"]
    path.write_text("\n".join(lines) + "\n")
    with open_table(path) as table:
        rows = [row for chunk in table.chunks(3) for row in chunk]
    assert rows[5] == ["anak 5", "dua\nbaris"]
    assert rows[6] == ["anak 6", 'kata "kutip"']
    assert rows[7] == ["anak 7", "5'2\" tinggi"]
    assert len(rows) == 8
