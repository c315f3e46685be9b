"""The semester workbook's cells mean what people typed: a formula is refused naming its
cell (its cached result would silently replace stored text), a text longer than its field
is refused naming its cell (never cut), nothing is saved then; text typed like a formula
goes down with a quote in front and comes back exactly, so an untouched workbook changes
nothing."""

import re
import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from evaluasi.forms import PANJANG_TEKS_MAKS
from evaluasi.models import Capaian, ProgramKegiatan
from tests.evaluasi.test_excel import (  # noqa: F401
    XLSX,
    baris,
    kolom,
    laporan,
    unduh,
    unggah,
    url,
)

pytestmark = pytest.mark.django_db

RUMUS = '=HYPERLINK("http://evil.example/x","klik")'


@pytest.fixture
def berisi_kendala(laporan):  # noqa: F811
    Capaian.objects.update(kendala="Sasaran pindah domisili")
    return laporan


def _sel(ws, kode, judul):
    return baris(ws, kode)[kolom(ws, judul)]


def _pesan(resp) -> str:
    assert resp.status_code == 400
    return "\n".join(resp.context["pesan"])


def _tidak_berubah():
    c = Capaian.objects.get()
    assert (c.kendala, c.pembilang, c.versi) == ("Sasaran pindah domisili", 70, 1)
    p = ProgramKegiatan.objects.get()
    assert (p.program, p.pagu_rp, p.versi) == ("PMT Lokal", 100_000_000, 1)


def test_a_formula_cell_is_refused_naming_the_cell_and_nothing_is_saved(
    client_as, operator_dinkes, berisi_kendala
):
    c = client_as(operator_dinkes)
    wb = unduh(c, berisi_kendala)
    ws, wp = wb["Capaian"], wb["Program"]
    kendala = _sel(ws, "S1", "Kendala")
    kendala.value = "=A1"  # no cached value: read as empty, it emptied the stored text
    _sel(ws, "S1", "Pembilang").value = 85  # a valid change beside it
    wp["H2"].value = "=100000000*2"
    resp = unggah(c, berisi_kendala, wb)
    teks = _pesan(resp)
    assert (f"Lembar Capaian, kolom Kendala: sel {kendala.coordinate} berisi rumus; tempel "
            "sebagai nilai") in teks
    assert "Lembar Program, kolom Pagu (Rp): sel H2 berisi rumus; tempel sebagai nilai" in teks
    assert "tidak ada yang disimpan" in resp.content.decode()
    _tidak_berubah()


def _dengan_hasil_tersimpan(wb, lembar: str, sel: str, rumus: str, hasil: str) -> BytesIO:
    """The workbook as Excel saves it: the formula with its last result (openpyxl writes
    none)."""
    keluaran = BytesIO()
    wb.save(keluaran)
    masuk, berkas = zipfile.ZipFile(keluaran), BytesIO()
    nomor = wb.sheetnames.index(lembar) + 1
    with zipfile.ZipFile(berkas, "w") as keluar:
        for item in masuk.infolist():
            isi = masuk.read(item)
            if item.filename == f"xl/worksheets/sheet{nomor}.xml":
                pola = f'(<c r="{sel}"[^>]*><f>{re.escape(rumus)}</f>)<v ?/>'.encode()
                isi, n = re.subn(pola, rb"\1<v>" + hasil.encode() + b"</v>", isi)
                assert n == 1
            keluar.writestr(item, isi)
    return berkas


def test_a_formula_with_its_cached_result_is_refused_too(client_as, operator_dinkes,
                                                        berisi_kendala):
    """What the probe did: Excel keeps =60+25 with its result 85; the reader saw only 85."""
    c = client_as(operator_dinkes)
    wb = unduh(c, berisi_kendala)
    pembilang = _sel(wb["Capaian"], "S1", "Pembilang")
    pembilang.value = "=60+25"
    isi = _dengan_hasil_tersimpan(wb, "Capaian", pembilang.coordinate, "60+25", "85")
    berkas = SimpleUploadedFile("capaian.xlsx", isi.getvalue(), content_type=XLSX)
    resp = c.post(url(berisi_kendala, "unggah/"), {"berkas": berkas})
    assert (f"Lembar Capaian, kolom Pembilang: sel {pembilang.coordinate} berisi rumus; "
            "tempel sebagai nilai") in _pesan(resp)
    _tidak_berubah()


def test_a_formula_in_a_column_that_is_not_read_back_is_ignored(client_as, operator_dinkes,
                                                                 berisi_kendala):
    c = client_as(operator_dinkes)
    wb = unduh(c, berisi_kendala)
    ws = wb["Capaian"]
    pembilang, penyebut = _sel(ws, "S1", "Pembilang"), _sel(ws, "S1", "Penyebut")
    _sel(ws, "S1", "Nilai (dihitung)").value = f"={pembilang.coordinate}/{penyebut.coordinate}"
    pembilang.value = 80
    assert unggah(c, berisi_kendala, wb).status_code == 302
    assert Capaian.objects.get().pembilang == 80


def test_a_text_longer_than_its_field_is_refused_naming_the_cell(client_as, operator_dinkes,
                                                                 berisi_kendala):
    c = client_as(operator_dinkes)
    wb = unduh(c, berisi_kendala)
    ws, wp = wb["Capaian"], wb["Program"]
    kendala = _sel(ws, "S1", "Kendala")
    kendala.value = "x" * 1_000_000  # the file holds Excel's 32,767 at most
    sumber = _sel(ws, "S1", "Sumber data")
    sumber.value = "s" * 201  # a CharField(max_length=200)
    rencana = _sel(ws, "S1", "Rencana tindak lanjut")
    rencana.value = "r" * PANJANG_TEKS_MAKS  # exactly the limit: fine on its own
    wp["C2"].value = "p" * 301
    resp = unggah(c, berisi_kendala, wb)
    teks = _pesan(resp)
    assert (f"Lembar Capaian, kolom Kendala: sel {kendala.coordinate} berisi teks lebih dari "
            "10.000 karakter, batas kolom ini; persingkat") in teks
    assert (f"Lembar Capaian, kolom Sumber data: sel {sumber.coordinate} berisi teks lebih "
            "dari 200 karakter") in teks
    assert "Lembar Program, kolom Program: sel C2 berisi teks lebih dari 300 karakter" in teks
    assert "Rencana tindak lanjut" not in teks
    assert len(resp.context["pesan"]) == 3  # each cell named once, nothing else
    _tidak_berubah()


def test_the_page_takes_a_narrative_up_to_the_same_limit(client_as, operator_dinkes,
                                                         berisi_kendala, katalog):
    from tests.evaluasi.factories import data_halaman

    c = client_as(operator_dinkes)
    halaman = url(berisi_kendala, "")
    data = data_halaman(c.get(halaman))
    data.update({f"c{katalog['S1'].pk}-kendala": "x" * (PANJANG_TEKS_MAKS + 1), "aksi": "simpan"})
    resp = c.post(halaman, data)
    assert resp.status_code == 200
    assert Capaian.objects.get().kendala == "Sasaran pindah domisili"


def test_text_typed_like_a_formula_goes_down_as_text_and_comes_back_unchanged(
    client_as, operator_dinkes, laporan  # noqa: F811
):
    Capaian.objects.update(kendala=RUMUS, rencana_tindak_lanjut="-", sumber_data="@SIGIZI")
    ProgramKegiatan.objects.update(program="+Kelas Ibu", keluaran="'kutip")
    c = client_as(operator_dinkes)
    resp = c.get(url(laporan, "unduh/"))
    wb = load_workbook(BytesIO(resp.content))
    ws, wp = wb["Capaian"], wb["Program"]
    assert not any(s.data_type == "f" for lembar in wb for row in lembar.iter_rows()
                   for s in row)
    kendala = _sel(ws, "S1", "Kendala")
    assert (kendala.value, kendala.data_type) == ("'" + RUMUS, "s")
    assert _sel(ws, "S1", "Rencana tindak lanjut").value == "'-"
    assert _sel(ws, "S1", "Sumber data").value == "'@SIGIZI"
    assert (wp["C2"].value, wp["J2"].value) == ("'+Kelas Ibu", "''kutip")
    assert _sel(ws, "S1", "Pembilang").value == 70  # figures stay numbers
    resp = unggah(c, laporan, wb)
    assert resp.status_code == 302
    cap = Capaian.objects.get()
    assert (cap.kendala, cap.rencana_tindak_lanjut, cap.sumber_data, cap.versi) == (
        RUMUS, "-", "@SIGIZI", 1)  # untouched: no new version
    p = ProgramKegiatan.objects.get()
    assert (p.program, p.keluaran, p.versi) == ("+Kelas Ibu", "'kutip", 1)
