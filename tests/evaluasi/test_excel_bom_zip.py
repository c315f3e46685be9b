"""The semester upload refuses a compressed workbook that would inflate beyond the limits
(a zip bomb) before anything parses it, and its form checks the size: a probe's workbook
with 300 MB of padding was processed inside the web request (428 MB)."""

import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluasi.forms import UnggahForm
from evaluasi.models import Capaian
from tests.evaluasi.factories import make_capaian, make_laporan
from tests.korpus_berkas import buat

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def laporan(semester, dinkes, katalog):
    laporan = make_laporan(semester, dinkes)
    make_capaian(laporan, katalog["S1"], pembilang=70, penyebut=100)
    return laporan


def _url(laporan, akhiran):
    return f"/evaluasi/semester/{laporan.semester.kode}/opd/{laporan.opd_id}/{akhiran}"


@pytest.fixture
def tanpa_pembaca(monkeypatch):
    """Refused before parsing: neither calamine nor openpyxl may open the file."""
    import openpyxl
    import python_calamine

    def jangan(*args, **kwargs):
        raise AssertionError("berkas dibaca padahal seharusnya sudah ditolak")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", jangan)
    monkeypatch.setattr(openpyxl, "load_workbook", jangan)
    monkeypatch.setattr("openpyxl.reader.excel.load_workbook", jangan)


def test_a_workbook_bomb_is_refused_before_parsing(client_as, operator_dinkes, laporan,
                                                   tanpa_pembaca):
    capaian = [["Kode", "Pembilang", "Penyebut", "Versi"], ["S1", "90", "100", "1"]]
    bom = buat.bom_zip(capaian[0], capaian[1:])
    tracemalloc.start()
    resp = client_as(operator_dinkes).post(_url(laporan, "unggah/"), {
        "berkas": SimpleUploadedFile("capaian.xlsx", bom, content_type=XLSX)})
    _ukuran, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert resp.status_code == 400
    assert "dipadatkan secara tidak wajar" in "\n".join(resp.context["pesan"])
    assert puncak < 50 * 1024 * 1024
    assert Capaian.objects.get().pembilang == 70


def test_the_upload_form_checks_the_size(settings):
    settings.UKURAN_BERKAS_MAKS_MB = 1
    besar = SimpleUploadedFile("capaian.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024))
    form = UnggahForm(files={"berkas": besar})
    assert not form.is_valid()
    assert "Berkas terlalu besar (1.0 MB); batasnya 1 MB." in form.errors["berkas"][0].replace(
        ",", ".")


def test_an_oversized_upload_answers_400_with_the_reason(client_as, operator_dinkes, laporan,
                                                         settings):
    settings.UKURAN_BERKAS_MAKS_MB = 1
    besar = SimpleUploadedFile("capaian.xlsx", b"PK\x03\x04" + b"0" * (1024 * 1024))
    resp = client_as(operator_dinkes).post(_url(laporan, "unggah/"), {"berkas": besar})
    assert resp.status_code == 400 and "Berkas terlalu besar" in resp.context["pesan"][0]
    assert Capaian.objects.get().pembilang == 70
