"""Every malformed file of the corpus (``buat.py``) through every upload path: the e-PPGBM
import page (and its worker), ``manage.py import_eppgbm``, ``manage.py zscore``, the
semester workbook upload, and the decree (SK) and evidence uploads (``validasi_dokumen``).

Whatever the file, the user gets a clear Indonesian message (no traceback, no English), a
web path answers below 500 (a refused upload 400), a command ends in ``CommandError``, no
row is written from a refused file, no import is left running, and the zip bombs
(deflated padding; one far cell making calamine allocate a gigabyte) are refused
before any parsing (calamine is never reached) with a small memory peak."""

import html
import io
import re
import tracemalloc
from contextlib import contextmanager
from functools import cache

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from evaluasi.models import Capaian
from opd.models import SK
from posyandu.models import Balita, ImporEppgbm, Pengukuran
from posyandu.views import impor as impor_views
from tests.evaluasi.factories import data_halaman, make_capaian, make_laporan
from tests.korpus_berkas import buat
from tests.posyandu.eppgbm_berkas import HEADER, baris

pytestmark = pytest.mark.django_db

TERIMA, BARIS, TOLAK = "terima", "baris ditolak", "tolak"
#: Words that would show English text reached the user (Django's, Python's, calamine's).
INGGRIS = re.compile(
    r"\b(the|is|not|invalid|error|file|could|cannot|field|line|codec|found|archive|"
    r"password|encrypted|traceback|expected|zip)\b", re.IGNORECASE)
BERJALAN = ("menunggu", "memeriksa", "menyimpan")

# --- the tables each path is given, made malformed by the corpus --------------------------

E_ROWS = [[r.get(h, "") for h in HEADER] for r in (
    baris(Nama="Aurélie Putri"),
    baris(Nama="Budi Santoso", JK="L", NIK="3579015003240002"),
)]
E_OPSI = {"rumus": {"kolom": (HEADER.index("Berat"), HEADER.index("Tinggi"))}}
#: What the e-PPGBM import does with each (the page and the command alike).
EPPGBM = dict.fromkeys(buat.KORPUS, TOLAK) | {
    "utf16_bom": TERIMA, "latin1": TERIMA, "nama_1mb": BARIS}

Z_HEADER = ["sex", "age_days", "weight_kg", "catatan"]
Z_ROWS = [["1", "100", "6,1", "Aurélie"], ["2", "200", "7,2", "Budi"]]
Z_OPSI = {"rumus": {"kolom": (2,)}, "nama_1mb": {"kolom": 3}}
ZSCORE = dict.fromkeys(buat.KORPUS, TOLAK) | {
    "utf16_bom": TERIMA, "latin1": TERIMA, "nama_1mb": TERIMA}

S_HEADER = ["Kode", "Pembilang", "Penyebut", "Versi"]
S_ROWS = [["S1", "90", "100", "1"]]


@cache
def _berkas(nama: str, jalur: str) -> tuple[str, bytes]:
    header, rows, opsi = {
        "eppgbm": (HEADER, E_ROWS, E_OPSI), "zscore": (Z_HEADER, Z_ROWS, Z_OPSI),
        "semester": (S_HEADER, S_ROWS, {}),
    }[jalur]
    return buat.buat(nama, header, rows, **opsi.get(nama, {}))


def indonesia(teks: str) -> None:
    """A message for the user: there, Indonesian, no traceback."""
    assert teks and teks.strip(), "tidak ada pesan"
    assert "Traceback" not in teks and not INGGRIS.search(teks), teks


@contextmanager
def diawasi(nama: str, monkeypatch):
    """For the bombs: calamine must never be reached, and memory stays small."""
    if not nama.startswith("bom_"):
        yield
        return
    import python_calamine

    def jangan(*args, **kwargs):
        raise AssertionError("calamine dipanggil: bom zip tidak ditolak sebelum dibaca")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", jangan)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", jangan)
    tracemalloc.start()
    try:
        yield
    finally:
        _ukuran, puncak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert puncak < 50 * 1024 * 1024, puncak


def _tak_ada_yang_berjalan():
    assert not ImporEppgbm.objects.filter(status__in=BERJALAN).exists()


# --- the e-PPGBM import page --------------------------------------------------------------

@pytest.mark.parametrize("nama", list(buat.KORPUS))
def test_the_import_page(client_as, sekretariat, melati, nama, monkeypatch):
    monkeypatch.setattr(impor_views, "LANGSUNG_MAKS_BYTE", 4 * 1024 * 1024)  # in the request
    akhiran, data = _berkas(nama, "eppgbm")
    c = client_as(sekretariat)
    c.raise_request_exception = False
    with diawasi(nama, monkeypatch):
        resp = c.post(reverse("posyandu:impor-unggah"),
                      {"berkas": SimpleUploadedFile("korpus" + akhiran, data)})
    assert resp.status_code < 500 and b"Traceback" not in resp.content
    harapan = EPPGBM[nama]
    if resp.status_code == 400:  # refused at upload: no job at all
        assert harapan == TOLAK
        for pesan in resp.context["form"].errors["berkas"]:
            indonesia(pesan)
        assert not ImporEppgbm.objects.exists()
    else:
        assert resp.status_code == 302
        impor = ImporEppgbm.objects.get()
        halaman = c.get(impor.get_absolute_url())
        assert halaman.status_code == 200
        if harapan == TOLAK:
            assert impor.status == "gagal"
            indonesia(impor.pesan)
            assert impor.pesan in html.unescape(halaman.content.decode())
        else:
            assert impor.status == "pratinjau", impor.pesan
            for b in impor.baris:
                if b["status"] == "ditolak":
                    indonesia(b["alasan"])
            c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
            impor.refresh_from_db()
            assert impor.status == "selesai"
    _tak_ada_yang_berjalan()
    ditulis = {TOLAK: 0, BARIS: 1, TERIMA: 2}[harapan]
    assert Pengukuran.objects.count() == ditulis and Balita.objects.count() == ditulis
    if harapan == TERIMA:
        assert Balita.objects.filter(nama="Aurélie Putri").exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("nama", ["judul_saja", "sel_raksasa"])
def test_the_import_worker_ends_every_job(client_as, sekretariat, melati, nama, monkeypatch):
    """Files that pass the upload's checks but not the reading: the worker's job ends
    failed, with the message, and writes nothing."""
    monkeypatch.setattr(impor_views, "LANGSUNG_MAKS_BYTE", 0)
    akhiran, data = _berkas(nama, "eppgbm")
    c = client_as(sekretariat)
    c.post(reverse("posyandu:impor-unggah"), {"berkas": SimpleUploadedFile("k" + akhiran, data)})
    assert ImporEppgbm.objects.get().status == "menunggu"
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                 stderr=io.StringIO())
    impor = ImporEppgbm.objects.get()
    assert impor.status == "gagal"
    indonesia(impor.pesan)
    assert not Pengukuran.objects.exists()


# --- the commands -------------------------------------------------------------------------

@pytest.mark.parametrize("nama", list(buat.KORPUS))
def test_import_eppgbm(tmp_path, melati, nama, monkeypatch):
    akhiran, data = _berkas(nama, "eppgbm")
    f = tmp_path / ("korpus" + akhiran)
    f.write_bytes(data)
    out = io.StringIO()
    harapan = EPPGBM[nama]
    with diawasi(nama, monkeypatch):
        if harapan == TOLAK:
            with pytest.raises(CommandError) as galat:
                call_command("import_eppgbm", str(f), stdout=out, stderr=io.StringIO())
            indonesia(str(galat.value))
        else:
            call_command("import_eppgbm", str(f), stdout=out, stderr=io.StringIO())
    ditulis = {TOLAK: 0, BARIS: 1, TERIMA: 2}[harapan]
    assert Pengukuran.objects.count() == ditulis and Balita.objects.count() == ditulis
    if harapan == BARIS:
        (ditolak,) = [b for b in out.getvalue().splitlines() if b.startswith("Baris 2:")]
        indonesia(ditolak)


@pytest.mark.parametrize("nama", list(buat.KORPUS))
def test_zscore(tmp_path, nama, monkeypatch):
    akhiran, data = _berkas(nama, "zscore")
    masuk, keluar = tmp_path / ("korpus" + akhiran), tmp_path / "hasil.csv"
    masuk.write_bytes(data)
    out = io.StringIO()
    with diawasi(nama, monkeypatch):
        if ZSCORE[nama] == TOLAK:
            with pytest.raises(CommandError) as galat:
                call_command("zscore", str(masuk), "-o", str(keluar), stdout=out,
                             stderr=io.StringIO())
            indonesia(str(galat.value))
        else:
            call_command("zscore", str(masuk), "-o", str(keluar), stdout=out,
                         stderr=io.StringIO())
    if ZSCORE[nama] == TOLAK:
        assert not keluar.exists() and list(tmp_path.iterdir()) == [masuk]  # no half file
    else:
        assert "2 baris dinilai, 0 baris ditolak" in out.getvalue()


# --- the semester workbook upload ---------------------------------------------------------

@pytest.fixture
def laporan(semester, dinkes, katalog):
    laporan = make_laporan(semester, dinkes)
    make_capaian(laporan, katalog["S1"], pembilang=70, penyebut=100)
    return laporan


@pytest.mark.parametrize("nama", list(buat.KORPUS))
def test_the_semester_upload(client_as, operator_dinkes, laporan, nama, monkeypatch):
    akhiran, data = _berkas(nama, "semester")
    c = client_as(operator_dinkes)
    c.raise_request_exception = False
    url = f"/evaluasi/semester/{laporan.semester.kode}/opd/{laporan.opd_id}/unggah/"
    with diawasi(nama, monkeypatch):
        resp = c.post(url, {"berkas": SimpleUploadedFile("capaian" + akhiran, data)})
    assert resp.status_code < 500 and b"Traceback" not in resp.content
    if resp.status_code == 302:  # the empty file: the form's own message
        pesan = [str(m) for m in resp.wsgi_request._messages]
    else:
        assert resp.status_code == 400
        pesan = list(resp.context["pesan"])
    for p in pesan:
        indonesia(p)
    assert Capaian.objects.get().pembilang == 70


# --- the decree (SK) and evidence uploads -------------------------------------------------

#: name → (uploaded as, content, the message of the SK upload, of the evidence upload;
#: None: accepted). A decree's name is kept by its model field (100 characters); evidence
#: is stored under a short unique name whatever it was called.
DOKUMEN = {
    "pdf": ("sk.pdf", buat.PDF, None, None),
    "png_sebagai_pdf": ("sk.pdf", buat.PNG, "bukan PDF yang sah", "bukan PDF yang sah"),
    "pdf_sebagai_png": ("sk.png", buat.PDF, "bukan PNG yang sah", "bukan PNG yang sah"),
    "xlsx_sebagai_pdf": ("sk.pdf", buat.xlsx(S_HEADER, S_ROWS), "bukan PDF", "bukan PDF"),
    "html_sebagai_jpg": ("sk.jpg", b"<html><script>alert(1)</script></html>", "bukan JPG",
                         "bukan JPG"),
    "tanpa_akhiran": ("sk", buat.PDF, "tidak diterima", "tidak diterima"),
    "kosong": ("sk.pdf", b"", "kosong", "kosong"),
    "nama_panjang": ("Surat Keputusan Walikota " * 6 + ".pdf", buat.PDF, "100 karakter", None),
    **{f"korpus_{n}": ("korpus" + _berkas(n, "semester")[0], _berkas(n, "semester")[1],
                       *(["kosong"] * 2 if n == "kosong" else ["tidak diterima"] * 2))
       for n in buat.KORPUS},
}


def _unggah_sk(c, nama, data):
    return c.post("/admin/opd/sk/add/", {
        "nomor": "188.45/1/2026", "tanggal": "15/01/2026", "perihal": "TPPS Kota Batu",
        "berkas": SimpleUploadedFile(nama, data), "bidang-TOTAL_FORMS": "0",
        "bidang-INITIAL_FORMS": "0",
    })


def _unggah_bukti(c, semester, opd, katalog, nama, data):
    url = f"/evaluasi/semester/{semester.kode}/opd/{opd.pk}/"
    isian = data_halaman(c.get(url))
    s1 = katalog["S1"].pk
    isian.update({f"c{s1}-pembilang": "85", f"c{s1}-penyebut": "100",
                  f"c{s1}-berkas": SimpleUploadedFile(nama, data), "aksi": "simpan"})
    return c.post(url, isian)


def _pesan_berkas(resp, potongan: str) -> str:
    """The message on the page that holds ``potongan`` (escaped HTML unescaped)."""
    teks = html.unescape(resp.content.decode())
    i = teks.index(potongan)
    awal = max(teks.rfind(">", 0, i), teks.rfind("\n", 0, i)) + 1
    return teks[awal:teks.index("<", i)]


@pytest.mark.parametrize("nama", list(DOKUMEN))
def test_the_decree_upload(client_as, sekretariat, nama, monkeypatch):
    berkas, data, pesan, _bukti = DOKUMEN[nama]
    c = client_as(sekretariat)
    c.raise_request_exception = False
    with diawasi(nama, monkeypatch):
        resp = _unggah_sk(c, berkas, data)
    assert resp.status_code < 500
    if pesan is None:
        assert resp.status_code == 302 and SK.objects.get().berkas.name.endswith(".pdf")
        return
    assert resp.status_code == 200 and not SK.objects.exists()
    indonesia(_pesan_berkas(resp, pesan))


@pytest.mark.parametrize("nama", list(DOKUMEN))
def test_the_evidence_upload(client_as, operator_dinkes, semester, dinkes, katalog, nama,
                             monkeypatch):
    berkas, data, _sk, pesan = DOKUMEN[nama]
    c = client_as(operator_dinkes)
    c.raise_request_exception = False
    with diawasi(nama, monkeypatch):
        resp = _unggah_bukti(c, semester, dinkes, katalog, berkas, data)
    assert resp.status_code < 500
    if pesan is None:
        assert resp.status_code == 302 and Capaian.objects.get().berkas
        return
    assert resp.status_code == 200 and not Capaian.objects.exists()
    indonesia(_pesan_berkas(resp, pesan))
