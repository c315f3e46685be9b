"""Exports open safely in Excel (CSV / formula injection, OWASP): a child imported with the
name ``=HYPERLINK(...)``, a mother ``@SUM(1+1)`` and an address ``+cmd|' /C calc'!A0`` go
out with a quote in front, in the web download and ``manage.py export_eppgbm`` (CSV and
XLSX) and in ``manage.py zscore``'s copy of the input; numbers stay numbers; importing our
own export gives the text back exactly."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.urls import reverse

from posyandu.eppgbm.impor import impor_berkas
from posyandu.models import Balita, Pengukuran
from tests.posyandu.factories import make_balita, ukur
from tests.posyandu.test_eppgbm_ekspor import beri_lihat_nik

pytestmark = pytest.mark.django_db

NAMA = '=HYPERLINK("http://evil.example/x","klik")'
IBU = "@SUM(1+1)"
ALAMAT = "+cmd|' /C calc'!A0"


@pytest.fixture
def anak_jahat(melati):
    anak = make_balita(melati, nama=NAMA, nama_ibu=IBU, alamat=ALAMAT, rt="-",
                       nik="3579015003240009", tanggal_lahir=date(2024, 3, 10))
    # A small child for her age: every z-score negative.
    ukur(anak, date(2025, 8, 12), berat=7.0, tinggi=70.0)
    return anak


def _csv(teks: str) -> list[dict]:
    rows = list(csv.reader(io.StringIO(teks.lstrip("\ufeff")), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _periksa_csv(d: dict) -> None:
    assert (d["Nama"], d["Nama Ortu"], d["Alamat"], d["RT"]) == (
        "'" + NAMA, "'" + IBU, "'" + ALAMAT, "'-")
    p = Pengukuran.objects.get()
    assert p.zwei < 0 and p.zlen < 0
    # A negative z-score is a number, written as one: no quote.
    assert d["ZS BB/U"] == f"{round(p.zwei, 2):.2f}".replace(".", ",")
    assert d["ZS TB/U"].startswith("-")


def _periksa_xlsx(isi) -> None:
    sheet = openpyxl.load_workbook(isi).active
    header = [c.value for c in sheet[1]]
    d = dict(zip(header, sheet[2], strict=True))
    assert d["Nama"].value == "'" + NAMA and d["Nama"].data_type == "s"
    assert d["Nama Ortu"].value == "'" + IBU and d["Alamat"].value == "'" + ALAMAT
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    p = Pengukuran.objects.get()
    assert d["ZS BB/U"].value == round(p.zwei, 2) and d["ZS BB/U"].data_type == "n"
    assert d["Berat"].value == 7.0


def test_the_web_csv_export_neutralises_formulas(client_as, anak_jahat, sekretariat):
    r = client_as(sekretariat).get(reverse("posyandu:ekspor"), {"format": "csv"})
    assert r.status_code == 200
    teks = b"".join(r.streaming_content).decode("utf-8")
    (d,) = _csv(teks)
    _periksa_csv(d)
    assert ";=HYPERLINK" not in teks and ";@SUM" not in teks and ";+cmd" not in teks


def test_the_web_xlsx_export_neutralises_formulas(client_as, anak_jahat, sekretariat):
    r = client_as(sekretariat).get(reverse("posyandu:ekspor"), {"format": "xlsx"})
    assert r.status_code == 200
    _periksa_xlsx(io.BytesIO(b"".join(r.streaming_content)))


@pytest.mark.parametrize("akhiran", ["csv", "xlsx"])
def test_the_command_export_neutralises_and_the_import_gives_the_text_back(
    tmp_path, anak_jahat, sekretariat, akhiran
):
    beri_lihat_nik(sekretariat)
    f = tmp_path / f"e.{akhiran}"
    call_command("export_eppgbm", "-o", str(f), "--pengguna", "sari", stdout=io.StringIO())
    if akhiran == "csv":
        (d,) = _csv(f.read_text(encoding="utf-8"))
        _periksa_csv(d)
    else:
        _periksa_xlsx(f)
    # Our own export back in: the same child, matched by name, nothing added.
    hasil = impor_berkas(f)
    assert hasil.hitung()["sama"] == 1 and hasil.hitung()["ditolak"] == 0
    assert Balita.objects.count() == 1
    # And into an empty database: the text exactly as it was typed, without the quote.
    Pengukuran.objects.all().delete()
    Balita.objects.all().delete()
    hasil = impor_berkas(f)
    assert hasil.hitung()["baru"] == 1
    b = Balita.objects.get()
    assert (b.nama, b.nama_ibu, b.alamat, b.rt) == (NAMA, IBU, ALAMAT, "-")


def _zscore(masukan, keluaran, *args):
    call_command("zscore", str(masukan), "-o", str(keluaran), *args, stdout=io.StringIO(),
                 stderr=io.StringIO())


@pytest.mark.parametrize("titik_koma", [False, True])
def test_zscore_copies_input_text_safely_and_keeps_numbers(tmp_path, titik_koma):
    masukan = tmp_path / "survei.csv"
    with masukan.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["nama", "=kolom", "catatan", "z_lama", "sex", "age_days", "weight_kg"])
        w.writerow([NAMA, "x", "\t=1+1", "-2,31", "2", "683", "10,4"])
        w.writerow(["Budi", "-", "'sudah dikutip", "-2.31", "1", "700", "11"])
    keluaran = tmp_path / "hasil.csv"
    _zscore(masukan, keluaran, *(["--titik-koma"] if titik_koma else []))
    with keluaran.open(newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f, delimiter=";" if titik_koma else ","))
    assert list(rows[0])[:4] == ["nama", "'=kolom", "catatan", "z_lama"]
    assert [r["nama"] for r in rows] == ["'" + NAMA, "Budi"]
    assert [r["'=kolom"] for r in rows] == ["x", "'-"]
    assert [r["catatan"] for r in rows] == ["'\t=1+1", "''sudah dikutip"]
    assert [r["z_lama"] for r in rows] == ["-2,31", "-2.31"]  # a number is no formula
    assert rows[0]["zwei"] == ("-0,57" if titik_koma else "-0.57")  # ours: untouched


def test_zscore_xlsx_out_keeps_numbers_numeric_and_text_safe(tmp_path):
    masukan = tmp_path / "survei.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nama", "ibu", "z_lama", "sex", "age_days", "weight_kg"])
    ws.append(["x", "y", -2.31, 2, 683, 10.4])
    ws["A2"].value = NAMA  # stored as a formula by openpyxl: read as its (empty) value
    ws["B2"].value = IBU
    ws["B2"].data_type = "s"
    wb.save(masukan)
    keluaran = tmp_path / "hasil.xlsx"
    _zscore(masukan, keluaran)
    sheet = openpyxl.load_workbook(keluaran).active
    header = [c.value for c in sheet[1]]
    d = dict(zip(header, sheet[2], strict=True))
    assert d["ibu"].value == "'" + IBU and d["ibu"].data_type == "s"
    assert d["z_lama"].value == -2.31 and d["z_lama"].data_type == "n"
    assert d["zwei"].value == -0.57
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
