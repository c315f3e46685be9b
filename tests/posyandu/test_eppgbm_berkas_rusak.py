"""Bad files through the e-PPGBM import (page and command) and ``manage.py zscore``:
UTF-16 and NUL bytes, zip bombs, values longer than their field, children too old.

Each reproduces what a probe of the product found, through the page or the command."""

import io
import tracemalloc
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from posyandu.eppgbm import pekerjaan
from posyandu.growth import MAX_AGE_MONTHS
from posyandu.models import Balita, ImporEppgbm, Pengukuran
from posyandu.tasks import proses_impor
from tests.korpus_berkas import buat
from tests.posyandu.eppgbm_berkas import HEADER, baris, tulis_csv
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db


def _sel(*rows):
    return [[r.get(h, "") for h in HEADER] for r in rows]


def _unggah(c, nama, data):
    c.raise_request_exception = False
    return c.post(reverse("posyandu:impor-unggah"), {"berkas": SimpleUploadedFile(nama, data)})


def _impor(user, tmp_path, nama, data) -> ImporEppgbm:
    """An upload that reached the job (as if the form had let it through)."""
    from django.core.files.base import ContentFile

    impor = ImporEppgbm(user=user, nama_berkas=nama)
    impor.berkas.save(nama, ContentFile(data), save=False)
    impor.save()
    return impor


def _perintah(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_eppgbm", *map(str, args), stdout=out, stderr=err)
    return out.getvalue()


# --- A. UTF-16 and NUL bytes ---------------------------------------------------------------

@pytest.mark.parametrize("nama", ["a.csv", "a.txt"])
def test_excel_unicode_text_is_read_on_the_page(client_as, sekretariat, melati, nama):
    c = client_as(sekretariat)
    r = _unggah(c, nama, buat.utf16_bom(HEADER, _sel(baris(Nama="Aurélie Putri"))))
    impor = ImporEppgbm.objects.get()
    assert r.status_code == 302 and impor.status == "pratinjau"
    assert impor.ringkasan["jumlah"] == 1 and impor.ringkasan["baru"] == 1
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    assert Balita.objects.get().nama == "Aurélie Putri" and Pengukuran.objects.count() == 1


@pytest.mark.parametrize("jenis, pesan", [
    ("utf16_tanpa_bom", "bita NUL"), ("nul", "bita NUL"), ("nul_akhir", "bita NUL"),
    ("csv_png", "bita NUL"),
])
def test_a_file_with_nul_bytes_is_refused_on_the_page(client_as, sekretariat, melati, jenis,
                                                      pesan):
    akhiran, data = buat.buat(jenis, HEADER, _sel(baris()))
    r = _unggah(client_as(sekretariat), "a" + akhiran, data)
    assert r.status_code == 400
    teks = r.content.decode()
    assert pesan in teks and "UTF-8" in teks
    assert not ImporEppgbm.objects.exists() and not Balita.objects.exists()


def test_a_nul_beyond_the_sample_fails_the_job_with_a_message(sekretariat, melati, tmp_path):
    impor = _impor(sekretariat, tmp_path, "a.csv", buat.nul_akhir(HEADER, _sel(baris())))
    pekerjaan.jalankan_impor(impor.pk, simpan=False)
    impor.refresh_from_db()
    assert impor.status == "gagal" and "bita NUL" in impor.pesan and "baris" in impor.pesan


def test_whatever_the_job_meets_the_import_ends_failed(client_as, sekretariat, melati,
                                                       tmp_path, monkeypatch):
    """PostgreSQL refuses text with NUL (psycopg2: ValueError) when the job saves its
    outcome: the page answered 500 in English and the import stayed "Sedang diperiksa"."""
    def tolak(*args, **kwargs):
        raise ValueError("A string literal cannot contain NUL (0x00) characters.")

    monkeypatch.setattr(pekerjaan, "_simpan_ditolak", tolak)
    c = client_as(sekretariat)
    data = tulis_csv(tmp_path / "a.csv", [baris()]).read_bytes()
    r = _unggah(c, "a.csv", data)
    impor = ImporEppgbm.objects.get()
    assert r.status_code == 302 and impor.status == "gagal"
    assert "tidak ada data yang disimpan" in impor.pesan and "NUL" not in impor.pesan
    halaman = c.get(impor.get_absolute_url())
    assert halaman.status_code == 200 and impor.pesan in halaman.content.decode()


@pytest.mark.parametrize("simpan", [False, True])
@pytest.mark.parametrize("galat", [KeyboardInterrupt, SystemExit, MemoryError])
def test_an_interrupted_job_ends_failed_too(sekretariat, melati, tmp_path, monkeypatch, galat,
                                            simpan):
    """The worker's job (django-tasks) interrupted while it reads or writes: the import no
    longer stays "Sedang diperiksa" / "Sedang disimpan"."""
    def putus(*args, **kwargs):
        raise galat()

    monkeypatch.setattr(pekerjaan, "impor_berkas" if simpan else "pratinjau", putus)
    impor = _impor(sekretariat, tmp_path, "a.csv", tulis_csv(tmp_path / "a.csv", [baris()])
                   .read_bytes())
    if galat is MemoryError:  # an Exception: the job ends it with its message
        proses_impor.call(impor.pk, simpan)
    else:  # the worker is stopping: it is told, once the import is marked
        with pytest.raises(galat):
            proses_impor.call(impor.pk, simpan)
    impor.refresh_from_db()
    assert impor.status == "gagal" and "tidak ada data yang disimpan" in impor.pesan
    assert (impor.selesai_pada is not None) == simpan  # retention counts from there


def test_a_job_whose_record_cannot_be_read_ends_failed(sekretariat, melati, tmp_path,
                                                       monkeypatch):
    impor = _impor(sekretariat, tmp_path, "a.csv", b"")
    monkeypatch.setattr(pekerjaan, "Pelapor", None)  # breaks before the first try
    with pytest.raises(TypeError):
        pekerjaan.jalankan_impor(impor.pk, simpan=False)
    impor.refresh_from_db()
    assert impor.status == "gagal" and impor.pesan


def test_a_nul_character_in_an_xlsx_cell_rejects_its_row(tmp_path, melati):
    """Excel writes a control character as ``_x0000_``, which calamine reads back as NUL:
    PostgreSQL refuses such text, so the row is refused in the preview instead."""
    f = tmp_path / "a.xlsx"
    f.write_bytes(buat.xlsx(HEADER, _sel(baris(Nama="Ai_x0000_syah"), baris(Nama="Budi"))))
    keluar = _perintah(f)
    assert "Baris 2: Kolom Nama berisi karakter NUL; ketik ulang isinya." in keluar
    assert list(Balita.objects.values_list("nama", flat=True)) == ["Budi"]


def test_the_command_refuses_nul_bytes_with_a_message(tmp_path, melati):
    f = tmp_path / "a.csv"
    f.write_bytes(buat.nul(HEADER, _sel(baris())))
    with pytest.raises(CommandError, match="bita NUL"):
        _perintah(f)
    f.write_bytes(buat.utf16_tanpa_bom(HEADER, _sel(baris())))
    with pytest.raises(CommandError, match="UTF-16"):
        _perintah(f, "--dry-run")
    assert not Balita.objects.exists() and not Pengukuran.objects.exists()


def test_the_command_reads_utf16_and_counts_what_it_saved(tmp_path, melati):
    f = tmp_path / "a.txt"
    f.write_bytes(buat.utf16_bom(HEADER, _sel(baris(), baris(Nama="Budi", JK="L"))))
    keluar = _perintah(f)
    assert Pengukuran.objects.count() == 2
    assert "Disimpan: 2 pengukuran (2 baru, 0 dikoreksi) dari 2 baris" in keluar


def test_the_command_never_claims_rows_saved_when_none_were(tmp_path, melati):
    f = tulis_csv(tmp_path / "a.csv", [baris(Berat="200"), baris(Posyandu="Anggrek")])
    out = io.StringIO()
    with pytest.raises(CommandError, match="Tidak ada yang disimpan: 2 baris ditolak"):
        call_command("import_eppgbm", str(f), stdout=out)
    assert "Baris 2:" in out.getvalue() and "Disimpan" not in out.getvalue()
    assert not Pengukuran.objects.exists()
    # the same file again when everything is already stored: nothing to save, no error
    f = tulis_csv(tmp_path / "b.csv", [baris()])
    _perintah(f)
    assert "Tidak ada yang perlu disimpan" in _perintah(f)


def test_zscore_reads_utf16_and_refuses_nul(tmp_path):
    header, rows = ["sex", "age_days", "weight_kg"], [["1", "100", "6,1"]]
    masuk, keluar = tmp_path / "anak.txt", tmp_path / "hasil.csv"
    masuk.write_bytes(buat.utf16_bom(header, rows))
    out = io.StringIO()
    call_command("zscore", str(masuk), "-o", str(keluar), stdout=out, stderr=io.StringIO())
    assert "1 baris dinilai" in out.getvalue()
    masuk.write_bytes(buat.utf16_tanpa_bom(header, rows))
    with pytest.raises(CommandError, match="bita NUL") as galat:
        call_command("zscore", str(masuk), "-o", str(keluar), stdout=io.StringIO(),
                     stderr=io.StringIO())
    assert "Kolom wajib" not in str(galat.value)


# --- B. Zip bombs -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bom():
    return buat.bom_zip(HEADER, _sel(baris()))


@pytest.fixture
def tanpa_calamine(monkeypatch):
    """The check must refuse before any parsing: reaching calamine fails the test."""
    import python_calamine

    def jangan(*args, **kwargs):
        raise AssertionError("calamine dipanggil untuk berkas yang seharusnya ditolak")

    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_path", jangan)
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", jangan)


def test_a_zip_bomb_is_refused_at_upload(client_as, sekretariat, melati, bom, tanpa_calamine):
    assert len(bom) < 300 * 1024
    tracemalloc.start()
    r = _unggah(client_as(sekretariat), "bom.xlsx", bom)
    _ukuran, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert r.status_code == 400 and "tidak wajar" in r.content.decode()
    assert puncak < 50 * 1024 * 1024
    assert not ImporEppgbm.objects.exists()


@pytest.mark.parametrize("perintah", ["import_eppgbm", "zscore"])
def test_a_zip_bomb_is_refused_by_the_commands(tmp_path, melati, bom, tanpa_calamine, perintah):
    f = tmp_path / "bom.xlsx"
    f.write_bytes(bom)
    args = [str(f), "--dry-run"] if perintah == "import_eppgbm" else [str(f), "-o",
                                                                      str(tmp_path / "o.csv")]
    tracemalloc.start()
    with pytest.raises(CommandError, match="tidak wajar"):
        call_command(perintah, *args, stdout=io.StringIO(), stderr=io.StringIO())
    _ukuran, puncak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert puncak < 50 * 1024 * 1024
    assert not (tmp_path / "o.csv").exists()


def test_a_workbook_over_the_inflated_limit_is_refused(client_as, sekretariat, melati, tmp_path,
                                                       settings):
    settings.UKURAN_XLSX_TERURAI_MAKS_MB = 1
    rows = _sel(*[baris(Nama=f"Anak {i}", Alamat="Jl. Mawar " * 10) for i in range(1500)])
    data = buat.xlsx(HEADER, rows)
    r = _unggah(client_as(sekretariat), "besar.xlsx", data)
    assert r.status_code == 400 and "batasnya 1 MB" in r.content.decode()
    f = tmp_path / "besar.xlsx"
    f.write_bytes(data)
    with pytest.raises(CommandError, match="batasnya 1 MB"):
        _perintah(f)


# --- C. Values longer than their field ---------------------------------------------------

def test_a_name_longer_than_its_field_is_refused_in_the_preview(client_as, sekretariat, melati,
                                                                tmp_path, monkeypatch):
    from posyandu.views import impor as impor_views

    monkeypatch.setattr(impor_views, "LANGSUNG_MAKS_BYTE", 2 * 1024 * 1024)  # in the request
    panjang = "Aisyah" * (1024 * 1024 // 6)
    c = client_as(sekretariat)
    data = tulis_csv(tmp_path / "a.csv", [
        baris(Nama=panjang), baris(Nama="Budi", JK="L", **{"Nama Ortu": "Ibu" * 60}),
        baris(Nama="Citra", RT="0002/003"), baris(Nama="Dewi", Posyandu="Melati" * 50),
        baris(Nama="Eka"),
    ]).read_bytes()
    _unggah(c, "a.csv", data)
    impor = ImporEppgbm.objects.get()
    assert impor.status == "pratinjau"
    assert (impor.ringkasan["ditolak"], impor.ringkasan["baru"]) == (4, 1)
    alasan = {b["nomor"]: b["alasan"] for b in impor.baris if b["status"] == "ditolak"}
    assert alasan[2] == "Kolom Nama: 1048572 karakter, lebih dari batas 150 karakter."
    assert alasan[3] == "Kolom Nama Ortu: 180 karakter, lebih dari batas 150 karakter."
    assert alasan[4] == "Kolom RT: 8 karakter, lebih dari batas 5 karakter."
    assert alasan[5].startswith("Kolom Posyandu: 300 karakter, lebih dari batas")
    assert len(str(impor.baris)) < 20_000  # the long value is not echoed
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == "selesai" and list(Balita.objects.values_list("nama", flat=True)) == [
        "Eka"]


def test_the_command_reports_a_long_name_by_row_and_column(tmp_path, melati):
    f = tulis_csv(tmp_path / "a.csv", [baris(Nama="A" * 151), baris(Nama="Budi")])
    keluar = _perintah(f)
    assert "Baris 2: Kolom Nama: 151 karakter, lebih dari batas 150 karakter." in keluar
    assert list(Balita.objects.values_list("nama", flat=True)) == ["Budi"]


# --- E. Children too old ------------------------------------------------------------------

def test_a_child_of_60_months_or_more_is_refused_by_the_import(client_as, sekretariat, melati,
                                                               tmp_path):
    ukur_pada = date(2025, 8, 12)
    tepat = ukur_pada.replace(year=ukur_pada.year - MAX_AGE_MONTHS // 12)
    data = tulis_csv(tmp_path / "a.csv", [
        baris(Nama="Tua", **{"Tgl Lahir": "12/10/2017"}),  # 94 months
        baris(Nama="Tepat", **{"Tgl Lahir": tepat.strftime("%d/%m/%Y")}),
        baris(Nama="Sehari kurang", **{"Tgl Lahir": "13/08/2020"}),
    ]).read_bytes()
    _unggah(client_as(sekretariat), "a.csv", data)
    impor = ImporEppgbm.objects.get()
    alasan = {b["nama"]: b["alasan"] for b in impor.baris if b["status"] == "ditolak"}
    assert set(alasan) == {"Tua", "Tepat"}
    assert "94 bulan" in alasan["Tua"] and "60 bulan" in alasan["Tua"]
    assert impor.ringkasan["baru"] == 1


def test_a_registered_child_now_too_old_is_refused_too(tmp_path, melati):
    anak = make_balita(melati, nama="Aisyah Putri", nik="3579015003240001",
                       tanggal_lahir=date(2019, 3, 10))
    ukur(anak, date(2023, 8, 12), berat=14.0, tinggi=95.0)
    f = tulis_csv(tmp_path / "a.csv", [baris(**{"Tgl Lahir": "10/03/2019"})])
    with pytest.raises(CommandError, match="Tidak ada yang disimpan"):
        _perintah(f)
    assert anak.pengukuran.count() == 1

