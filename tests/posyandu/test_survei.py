"""The survey scorer behind ``manage.py zscore``, without Django: chunking and row numbers."""

import csv

from posyandu.survei import score_file


def test_chunks_do_not_change_results_or_row_numbers(tmp_path):
    rows = [["sex", "age_days", "weight_kg", "lenhei_cm", "measure"]]
    for i in range(40):
        rows.append(
            [str(1 + i % 2), str(30 * i), f"{3 + i * 0.4:.1f}".replace(".", ","), str(50 + i), "l"]
        )
    rows[7] = ["", "", "", "", ""]
    rows[12][2] = "dua belas"
    rows[33][0] = "?"
    source = tmp_path / "anak.csv"
    with source.open("w", newline="") as f:
        csv.writer(f).writerows(rows)
    outputs = {}
    for size in (3, 7, 1000):
        messages = []
        summary = score_file(
            source, tmp_path / f"hasil-{size}.csv", report=messages.append, chunk_rows=size
        )
        assert (summary.scored, summary.rejected) == (37, 2)
        assert [m.split(":")[0] for m in messages] == [
            "Baris 13, kolom weight_kg",
            "Baris 34, kolom sex",
        ]
        outputs[size] = (tmp_path / f"hasil-{size}.csv").read_text()
    assert outputs[3] == outputs[7] == outputs[1000]
    assert outputs[3].count("\n") == 40  # header + 39 non-empty rows


def test_extreme_z_scores_are_written_in_full(tmp_path):
    source = tmp_path / "anak.csv"
    source.write_text("sex,age_days,weight_kg\n1,100,80\n", encoding="utf-8")
    score_file(source, tmp_path / "hasil.csv", report=lambda message: None)
    with (tmp_path / "hasil.csv").open(newline="") as f:
        rows = list(csv.DictReader(f))
    zwei = float(rows[0]["zwei"])
    assert zwei > 20 and rows[0]["zwei"] == f"{zwei:.2f}" and rows[0]["fwei"] == "1"


def test_xlsx_in_csv_out_writes_cells_as_text(tmp_path):
    from datetime import date

    import openpyxl

    source = tmp_path / "anak.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["sex", "tanggal_lahir", "tanggal_ukur", "weight_kg", "catatan"])
    workbook.active.append([2, date(2022, 1, 1), date(2023, 11, 15), 10.4, None])
    workbook.save(source)
    score_file(source, tmp_path / "hasil.csv", report=lambda message: None)
    with (tmp_path / "hasil.csv").open(newline="") as f:
        row = next(csv.DictReader(f))
    assert (row["sex"], row["tanggal_lahir"], row["weight_kg"], row["catatan"]) == (
        "2",
        "2022-01-01",
        "10.4",
        "",
    )
    assert row["zwei"] == "-0.57"
