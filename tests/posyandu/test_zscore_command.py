"""``manage.py zscore INPUT -o OUTPUT`` with good and bad files."""

import csv
import importlib.resources
from io import StringIO

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from posyandu.survei import OUTPUT_COLUMNS

Z = ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")
FLAGS = ("flen", "fwei", "fwfl", "fbmi", "fhc", "fac")


def run(input_path, output_path, *args):
    stdout, stderr = StringIO(), StringIO()
    call_command(
        "zscore", str(input_path), "-o", str(output_path), *args, stdout=stdout, stderr=stderr
    )
    return stdout.getvalue(), stderr.getvalue()


def write_csv(path, rows, delimiter=","):
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter).writerows(rows)
    return path


def read_csv(path, delimiter=","):
    with path.open(newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def test_who_survey_through_the_command_matches_who(tmp_path):
    """The sample survey, renamed to our columns, with decimal commas and ';'."""
    source = importlib.resources.files("pygrowup") / "test_datasets" / "MySurvey_z_st.csv"
    with source.open(encoding="utf-8") as f:
        who = list(csv.DictReader(f))
    names = {
        "GENDER": "sex",
        "age.days": "age_days",
        "WEIGHT": "weight_kg",
        "HEIGHT": "lenhei_cm",
        "measure": "measure",
        "HEAD": "headc_cm",
        "MUAC": "muac_cm",
        "oedema": "oedema",
    }
    rows = [["id", *names.values()]]
    for child in who:
        rows.append([child["id"], *(child[name].replace(".", ",") for name in names)])
    output = tmp_path / "hasil.csv"
    stdout, stderr = run(write_csv(tmp_path / "survei.csv", rows, ";"), output)
    assert "498 baris dinilai, 0 baris ditolak" in stdout
    assert stderr == ""
    ours = read_csv(output)
    assert list(ours[0])[-len(OUTPUT_COLUMNS) :] == list(OUTPUT_COLUMNS)
    for mine, theirs in zip(ours, who, strict=True):
        assert mine["id"] == theirs["id"]
        over_60 = float(theirs["agemons"]) >= 60
        for zname, fname in zip(Z, FLAGS, strict=True):
            expected_z = "" if over_60 or not theirs[zname] else f"{float(theirs[zname]):.2f}"
            expected_f = "" if over_60 else theirs[fname]
            assert (mine[zname], mine[fname]) == (expected_z, expected_f), (theirs["id"], zname)


def test_good_csv_with_every_kind_of_age(tmp_path):
    rows = [
        [
            "No",
            "SEX",
            "Age_Days",
            "age_months",
            "tanggal_lahir",
            "tanggal_ukur",
            "weight_kg",
            "lenhei_cm",
            "measure",
            "headc_cm",
            "muac_cm",
            "oedema",
        ],
        ["1", "P", "683", "", "", "", "10,4", "84,8", "l", "", "14,9", "n"],
        ["2", "P", "", "22,45", "", "", "10,4", "84,8", "telentang", "", "14,9", "tidak"],
        ["3", "2", "", "", "01/01/2022", "15/11/2023", "10.4", "84.8", "l", "", "14.9", ""],
        ["4", "L", "", "", "", "", "9", "75", "", "", "", ""],  # no age: only BB/PB
        ["5", "M", "800", "", "", "", "12", "86", "berdiri", "48", "15", "y"],  # oedema
        ["6", "1", "2000", "", "", "", "18", "110", "h", "", "", "n"],  # 65 months: blank
    ]
    output = tmp_path / "hasil.csv"
    stdout, stderr = run(write_csv(tmp_path / "anak.csv", rows), output)
    assert "6 baris dinilai, 0 baris ditolak" in stdout
    result = read_csv(output)
    first = result[0]
    assert (first["zlen"], first["zwei"], first["zwfl"], first["zbmi"], first["zac"]) == (
        "-0.07",
        "-0.57",
        "-0.81",
        "-0.79",
        "0.11",
    )
    assert first["zhc"] == first["fhc"] == ""
    assert first["kategori_bb_u"] == "Berat badan normal"
    assert first["kategori_bb_tb"] == "Gizi baik"
    # 22.45 months = 683 days; 1 Jan 2022 to 15 Nov 2023 = 683 days.
    for other in result[1:3]:
        assert [other[z] for z in Z] == [first[z] for z in Z]
    no_age = result[3]
    assert no_age["zwfl"] and no_age["kategori_bb_tb"] and not no_age["zlen"] and not no_age["zwei"]
    oedema = result[4]
    assert (oedema["zwei"], oedema["zwfl"], oedema["zbmi"]) == ("", "", "")
    assert oedema["zlen"] and oedema["zhc"] and oedema["zac"]
    assert oedema["kategori_bb_tb"] == "Gizi buruk"
    assert all(result[5][name] == "" for name in (*Z, *FLAGS))
    # The input columns come first, unchanged.
    assert list(first)[:12] == rows[0]
    assert first["weight_kg"] == "10,4"


def test_bad_values_are_reported_by_row_and_column_and_the_rest_is_scored(tmp_path):
    rows = [
        ["sex", "age_days", "weight_kg", "lenhei_cm", "measure", "oedema"],
        ["1", "400", "9,1", "75", "l", "n"],
        ["x", "400", "9,1", "75", "l", "n"],
        ["2", "empat ratus", "9,1", "75", "l", "n"],
        ["", "", "", "", "", ""],  # empty row: skipped, not counted
        ["2", "400", "9,1,2", "75", "duduk", "n"],
        ["2", "-3", "9", "75", "l", "mungkin"],
        ["", "400", "9", "75", "l", "n"],
        ["1", "1000", "14", "92", "h", "n"],
    ]
    output = tmp_path / "hasil.csv"
    stdout, stderr = run(write_csv(tmp_path / "anak.csv", rows), output)
    assert "2 baris dinilai, 5 baris ditolak" in stdout
    messages = stderr.splitlines()
    assert messages[0].startswith("Baris 3, kolom sex: jenis kelamin 'x' tidak dikenal")
    assert messages[1].startswith("Baris 4, kolom age_days: 'empat ratus' bukan angka")
    assert messages[2].startswith("Baris 6, kolom weight_kg: '9,1,2' bukan angka yang sah")
    assert messages[3].startswith("Baris 6, kolom measure: cara ukur 'duduk' tidak dikenal")
    assert messages[4].startswith("Baris 7, kolom age_days: '-3' tidak boleh negatif")
    assert messages[5].startswith("Baris 7, kolom oedema: edema 'mungkin' tidak dikenal")
    assert messages[6].startswith("Baris 8, kolom sex: jenis kelamin kosong")
    assert len(messages) == 7
    result = read_csv(output)
    assert len(result) == 7  # every non-empty row, in order
    assert result[0]["zwei"] and result[6]["zwei"]
    for rejected in result[1:6]:
        assert all(rejected[name] == "" for name in OUTPUT_COLUMNS)
    assert result[1]["sex"] == "x"  # input kept as typed


def test_half_a_pair_of_dates_is_rejected(tmp_path):
    rows = [
        ["sex", "tanggal_lahir", "tanggal_ukur", "weight_kg"],
        ["1", "2023-01-01", "", "9"],
        ["1", "2023-01-01", "31/12/2022", "9"],
        ["1", "31/02/2023", "01/03/2024", "9"],
        ["1", "2023-01-01", "2024-01-01", "9"],
    ]
    stdout, stderr = run(write_csv(tmp_path / "anak.csv", rows), tmp_path / "hasil.csv")
    assert "1 baris dinilai, 3 baris ditolak" in stdout
    assert "Baris 2, kolom tanggal_ukur: kosong" in stderr
    assert "Baris 3, kolom tanggal_ukur: tanggal ukur sebelum tanggal lahir" in stderr
    assert "Baris 4, kolom tanggal_lahir: tanggal '31/02/2023' tidak ada di kalender" in stderr


@pytest.mark.parametrize(
    "header,missing",
    [
        (["age_days", "weight_kg"], "sex"),
        (["sex", "age_days"], "minimal satu dari weight_kg"),
        (["sex", "tanggal_lahir", "weight_kg"], "tanggal_ukur"),
    ],
)
def test_missing_columns_stop_the_run_and_write_nothing(tmp_path, header, missing):
    output = tmp_path / "hasil.csv"
    with pytest.raises(CommandError, match=f"Kolom wajib tidak ada: {missing}"):
        run(write_csv(tmp_path / "anak.csv", [header, ["1"] * len(header)]), output)
    assert not output.exists()
    assert list(tmp_path.iterdir()) == [tmp_path / "anak.csv"]


def test_duplicate_column(tmp_path):
    with pytest.raises(CommandError, match="muncul lebih dari sekali"):
        run(
            write_csv(tmp_path / "anak.csv", [["sex", "SEX", "weight_kg"], ["1", "1", "9"]]),
            tmp_path / "o.csv",
        )


def test_unreadable_input(tmp_path):
    with pytest.raises(CommandError, match="tidak ditemukan"):
        run(tmp_path / "tidak-ada.csv", tmp_path / "o.csv")
    (tmp_path / "anak.txt.pdf").write_text("x")
    with pytest.raises(CommandError, match="tidak didukung"):
        run(tmp_path / "anak.txt.pdf", tmp_path / "o.csv")


def test_output_must_not_overwrite_the_input(tmp_path):
    path = write_csv(tmp_path / "anak.csv", [["sex", "weight_kg"], ["1", "9"]])
    with pytest.raises(CommandError, match="tidak boleh sama"):
        run(path, path)


def test_xlsx_in_and_out(tmp_path):
    from datetime import date

    source = tmp_path / "anak.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    kolom = ["NIK", "Sex", "Tanggal_Lahir", "Tanggal_Ukur", "Weight_kg", "Lenhei_cm", "Measure",
             "MUAC_cm"]
    sheet.append(kolom)
    sheet.append(
        ["3579010101220001", 2, date(2022, 1, 1), date(2023, 11, 15), 10.4, 84.8, "l", 14.9]
    )
    sheet.append(["3579010101220002", "P", "01/01/2022", "15/11/2023", "10,4", "84,8", "L", "14,9"])
    sheet.append(
        ["3579010101220003", "P", date(2022, 1, 1), date(2023, 11, 15), "abc", 84.8, "l", 14.9]
    )
    workbook.save(source)
    output = tmp_path / "hasil.xlsx"
    stdout, stderr = run(source, output)
    assert "2 baris dinilai, 1 baris ditolak" in stdout
    assert "Baris 4, kolom Weight_kg: 'abc' bukan angka" in stderr
    rows = list(openpyxl.load_workbook(output).active.values)
    header = list(rows[0])
    assert header[:8] == kolom  # every input column, as written
    assert header[8:] == list(OUTPUT_COLUMNS)
    first, second, bad = (dict(zip(header, row, strict=True)) for row in rows[1:])
    assert first["NIK"] == "3579010101220001"  # text stays text
    assert (first["zlen"], first["zwei"], first["fwei"]) == (-0.07, -0.57, 0)
    assert [second[z] for z in Z] == [first[z] for z in Z]
    assert first["zhc"] is None and first["fhc"] is None
    assert first["kategori_tb_u"] == "Normal"
    assert bad["zwei"] is None and bad["kategori_bb_u"] is None


def test_csv_for_indonesian_excel(tmp_path):
    rows = [["sex", "age_days", "weight_kg", "lenhei_cm"], ["2", "683", "10,4", "84,8"]]
    output = tmp_path / "hasil.csv"
    run(write_csv(tmp_path / "anak.csv", rows), output, "--titik-koma")
    assert output.read_bytes().startswith(b"\xef\xbb\xbf")
    result = read_csv(output, delimiter=";")
    assert (result[0]["zwei"], result[0]["clenhei"]) == ("-0,57", "84,8")


def test_input_columns_named_like_results_are_replaced(tmp_path):
    rows = [["sex", "age_days", "weight_kg", "zwei"], ["2", "683", "10,4", "99"]]
    output = tmp_path / "hasil.csv"
    stdout, stderr = run(write_csv(tmp_path / "anak.csv", rows), output)
    assert "Kolom masukan 'zwei' diganti" in stderr
    result = read_csv(output)
    assert list(result[0]).count("zwei") == 1
    assert result[0]["zwei"] == "-0.57"


@pytest.mark.parametrize("kolom", ["weight_kg", "lenhei_cm", "headc_cm", "muac_cm"])
@pytest.mark.parametrize("nilai", ["-8", "0", "-0,5"])
def test_a_measurement_of_zero_or_less_is_rejected_by_row_and_column(tmp_path, kolom, nilai):
    header = ["sex", "age_days", "weight_kg", "lenhei_cm", "headc_cm", "muac_cm"]
    baik = ["1", "400", "9,1", "75", "45", "14"]
    salah = list(baik)
    salah[header.index(kolom)] = nilai
    output = tmp_path / "hasil.csv"
    stdout, stderr = run(write_csv(tmp_path / "anak.csv", [header, baik, salah]), output)
    assert "1 baris dinilai, 1 baris ditolak" in stdout
    assert f"Baris 3, kolom {kolom}: '{nilai}' harus lebih dari 0" in stderr
