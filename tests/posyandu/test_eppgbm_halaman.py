"""The import and export pages: permissions both ways, preview, commit, progress, download."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from posyandu.eppgbm.pekerjaan import Pelapor, jalankan_impor
from posyandu.models import ImporEppgbm, LogAksesData, Pengukuran
from posyandu.views import impor as impor_views
from tests.jawaban import tidak_ditemukan
from tests.posyandu.eppgbm_berkas import HEADER, baris, tulis_csv
from tests.posyandu.factories import ukur


def _unggah(client, tmp_path, rows, nama="a.csv"):
    data = tulis_csv(tmp_path / nama, rows).read_bytes()
    return client.post(reverse("posyandu:impor-unggah"),
                       {"berkas": SimpleUploadedFile(nama, data, content_type="text/csv")})


def test_upload_preview_and_commit_as_kader(client_as, kader_melati, melati, mawar, tmp_path):
    c = client_as(kader_melati)
    assert b"Impor e-PPGBM" in c.get(reverse("posyandu:beranda")).content
    r = _unggah(c, tmp_path, [baris(), baris(Nama="Budi", Kec="Bumiaji",
                                             **{"Desa/Kel": "Bumiaji"}, Posyandu="Mawar")])
    impor = ImporEppgbm.objects.get()
    assert r.status_code == 302 and r.url == impor.get_absolute_url()
    assert impor.status == "pratinjau" and impor.ringkasan["baru"] == 1
    halaman = c.get(impor.get_absolute_url()).content.decode()
    assert "di luar cakupan wilayah Anda" in halaman and "Simpan" in halaman
    assert not Pengukuran.objects.exists()
    r = c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == "selesai" and Pengukuran.objects.count() == 1
    assert c.get(reverse("posyandu:impor-status", args=[impor.pk])).json()["persen"] == 100
    # committing twice is refused
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    assert Pengukuran.objects.count() == 1


def test_bad_upload_is_refused_with_a_message(client_as, sekretariat, tmp_path):
    c = client_as(sekretariat)
    r = c.post(reverse("posyandu:impor-unggah"),
               {"berkas": SimpleUploadedFile("a.xlsx", b"bukan excel")})
    assert "Isi berkas bukan Excel yang sah" in r.content.decode()
    r = c.post(reverse("posyandu:impor-unggah"), {"berkas": SimpleUploadedFile("a.pdf", b"%PDF")})
    assert "Unggah berkas .xlsx atau .csv" in r.content.decode()
    (tmp_path / "x.csv").write_text("Nama;JK\nA;L\n")
    r = c.post(reverse("posyandu:impor-unggah"),
               {"berkas": SimpleUploadedFile("x.csv", (tmp_path / "x.csv").read_bytes())})
    impor = ImporEppgbm.objects.get()
    assert impor.status == "gagal" and "Kolom wajib tidak ditemukan" in impor.pesan
    assert "Kolom wajib" in c.get(impor.get_absolute_url()).content.decode()


@pytest.mark.parametrize("nama_peran", ["pimpinan", "operator_dinkes"])
def test_roles_without_the_permission_get_403(client_as, request, nama_peran, melati):
    c = client_as(request.getfixturevalue(nama_peran))
    assert c.get(reverse("posyandu:impor-unggah")).status_code == 403
    assert c.get(reverse("posyandu:ekspor")).status_code == 403
    assert b"Impor e-PPGBM" not in c.get(reverse("posyandu:beranda")).content


def test_an_import_is_seen_by_its_uploader_and_sekretariat_only(client_as, kader_melati,
                                                                  dinkes_kota, sekretariat,
                                                                  melati, tmp_path):
    _unggah(client_as(kader_melati), tmp_path, [baris()])
    impor = ImporEppgbm.objects.get()
    # Another user's upload answers as a missing one does, page and status alike.
    assert tidak_ditemukan(client_as(dinkes_kota).get(impor.get_absolute_url()))
    assert tidak_ditemukan(client_as(dinkes_kota).get(
        reverse("posyandu:impor-status", args=[impor.pk])))
    assert client_as(sekretariat).get(impor.get_absolute_url()).status_code == 200


# The worker closes its database connection when it ends, as a real worker does: the test
# cannot sit inside a transaction that it would cut.
@pytest.mark.django_db(transaction=True)
def test_large_upload_is_a_background_job(client_as, sekretariat, melati, tmp_path, monkeypatch):
    monkeypatch.setattr(impor_views, "LANGSUNG_MAKS_BYTE", 10)
    c = client_as(sekretariat)
    _unggah(c, tmp_path, [baris()])
    impor = ImporEppgbm.objects.get()
    # The database backend queued it: the page shows the progress bar until the worker runs.
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1
    assert impor.status == "menunggu" and "progress-bar" in c.get(impor.get_absolute_url()).content.decode()
    assert c.get(reverse("posyandu:impor-status", args=[impor.pk])).json()["berjalan"] is True
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(),
                 stderr=io.StringIO())
    impor.refresh_from_db()
    assert impor.status == "pratinjau" and impor.ringkasan["baru"] == 1


@pytest.mark.django_db(transaction=True)
def test_progress_is_written_outside_a_transaction(sekretariat, melati, tmp_path):
    impor = ImporEppgbm.objects.create(user=sekretariat, nama_berkas="a.csv",
                                       berkas="eppgbm/tidak-ada.csv")
    Pelapor(impor.pk, jeda=0)("Membaca berkas", 5, 10)
    impor.refresh_from_db()
    assert (impor.tahap, impor.persen) == ("Membaca berkas", 50)
    jalankan_impor(impor.pk, simpan=False)  # the file is gone: the job fails cleanly
    impor.refresh_from_db()
    assert impor.status == "gagal" and impor.pesan


def test_import_pages_query_counts(client_as, sekretariat, melati, tmp_path,
                                   django_assert_max_num_queries):
    c = client_as(sekretariat)
    _unggah(c, tmp_path, [baris(Nama=f"Anak {i}") for i in range(30)])
    impor = ImporEppgbm.objects.get()
    with django_assert_max_num_queries(12):
        c.get(impor.get_absolute_url())
    with django_assert_max_num_queries(12):
        c.get(reverse("posyandu:impor-unggah"))


def test_export_download_in_scope_and_logged(client_as, kader_melati, anak_melati, anak_mawar):
    from datetime import date

    ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    ukur(anak_mawar, date(2025, 8, 12), berat=11.0, tinggi=85.0, cara_ukur="h")
    c = client_as(kader_melati)
    assert c.get(reverse("posyandu:ekspor")).status_code == 200
    r = c.get(reverse("posyandu:ekspor"), {"format": "csv"})
    assert r.streaming
    teks = b"".join(r.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(teks), delimiter=";"))
    assert rows[0] == HEADER and len(rows) == 2  # Mawar's child is outside the scope
    d = dict(zip(rows[0], rows[1], strict=True))
    assert d["Nama"] == "Aisyah Putri" and d["Pukesmas"] == "Sisir"
    assert d["ZS TB/U"].count(",") == 1 and len(d["ZS TB/U"].split(",")[1]) == 2
    assert d["TB/U"] in ("Normal", "Pendek", "Sangat pendek", "Tinggi")
    log = LogAksesData.objects.get()
    assert log.aksi == "ekspor" and log.user == kader_melati and "1 pengukuran" in log.keterangan
    r = c.get(reverse("posyandu:ekspor"), {"format": "xlsx"})
    assert r["Content-Disposition"].startswith("attachment") and LogAksesData.objects.count() == 2
    r = c.get(reverse("posyandu:ekspor"), {"format": "csv", "dari": "2025-09-01",
                                           "sampai": "2025-08-01"})
    assert "Tanggal awal sesudah tanggal akhir" in r.content.decode()


def test_export_page_query_count(client_as, sekretariat, melati, django_assert_num_queries):
    c = client_as(sekretariat)
    with django_assert_num_queries(8):
        c.get(reverse("posyandu:ekspor"))


def test_large_xlsx_export_is_refused_with_a_pointer_to_csv(client_as, kader_melati, anak_melati,
                                                            monkeypatch):
    from datetime import date

    from posyandu.views import ekspor as ekspor_views

    ukur(anak_melati, date(2025, 7, 12), berat=8.0, tinggi=73.0)
    ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    monkeypatch.setattr(ekspor_views, "XLSX_MAKS_BARIS", 1)
    c = client_as(kader_melati)
    r = c.get(reverse("posyandu:ekspor"), {"format": "xlsx"})
    assert r.status_code == 200 and "Content-Disposition" not in r
    html = r.content.decode()
    assert "berisi 2 baris, lebih dari batas Excel (.xlsx) 1 baris" in html
    assert "Pilih format CSV" in html
    assert not LogAksesData.objects.exists()  # nothing was exported
    r = c.get(reverse("posyandu:ekspor"), {"format": "csv"})  # CSV streams any size
    assert r.streaming and LogAksesData.objects.count() == 1
    r = c.get(reverse("posyandu:ekspor"), {"format": "xlsx", "dari": "2025-08-01"})
    assert r["Content-Disposition"].startswith("attachment")  # narrowed: within the limit


def test_xlsx_limit_keeps_a_request_under_the_server_timeout():
    from posyandu.views.ekspor import XLSX_MAKS_BARIS

    # README: 43 s per 100,000 rows; gunicorn's timeout is 60 s.
    assert XLSX_MAKS_BARIS * 43 / 100_000 < 30


def test_all_rejected_rows_download_as_csv(client_as, kader_melati, dinkes_kota, melati,
                                           tmp_path, settings, monkeypatch):
    from posyandu.eppgbm import impor as impor_mod

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "media"}}}
    monkeypatch.setattr(impor_mod, "CONTOH_DITOLAK", 2)  # the preview shows 2 of them
    c = client_as(kader_melati)
    ditolak = [baris(Nama=f"Anak {i}", Berat="200") for i in range(4)]  # rows 2-5
    _unggah(c, tmp_path, [*ditolak, baris(**{"Tgl Lahir": "kemarin"}), baris()])
    impor = ImporEppgbm.objects.get()
    assert impor.ringkasan["ditolak"] == 5
    assert sum(b["status"] == "ditolak" for b in impor.baris) == 2
    halaman = c.get(impor.get_absolute_url()).content.decode()
    url = reverse("posyandu:impor-ditolak", args=[impor.pk])
    assert url in halaman and "Unduh semua 5 baris ditolak" in halaman

    r = c.get(url)
    assert r.status_code == 200 and r["Content-Disposition"].startswith("attachment")
    teks = b"".join(r.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(teks), delimiter=";"))
    assert rows[0] == ["Baris", "Kolom", "Alasan"]
    assert [r[0] for r in rows[1:]] == ["2", "3", "4", "5", "6"]
    assert rows[1][1] == "Berat" and "Berat 200 kg tidak masuk akal" in rows[1][2]
    assert rows[5][1] == "Tgl Lahir" and rows[5][2].startswith("Kolom Tgl Lahir:")

    # Not the uploader's nor Sekretariat's: no download.
    assert tidak_ditemukan(client_as(dinkes_kota).get(url))
    # Committing keeps the list; an import with nothing rejected offers none.
    c = client_as(kader_melati)
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    assert c.get(url).status_code == 200
    _unggah(c, tmp_path, [baris(Nama="Lain")], nama="b.csv")
    bersih = ImporEppgbm.objects.exclude(pk=impor.pk).get()
    r = c.get(reverse("posyandu:impor-ditolak", args=[bersih.pk]))
    assert r.status_code == 302 and r.url == bersih.get_absolute_url()


def test_rejection_reasons_name_their_column(tmp_path, melati, mawar, kader_melati,
                                            anak_mawar):
    """The column of each reason is recorded where the reason is raised (not guessed from
    its wording)."""
    from posyandu.eppgbm.impor import pratinjau, tulis_ditolak

    rows = [
        baris(NIK="12"),
        baris(Nama="Anak A", **{"Tanggal Pengukuran": "12/08/2099"}),
        baris(Nama="Anak B", Berat="", Tinggi=""),
        baris(Nama="Anak C", **{"Desa/Kel": "X", "Kec": "Y"}),
        baris(Nama="Anak D", Kec="Bumiaji", **{"Desa/Kel": "Bumiaji"}, Posyandu="Mawar"),
        baris(NIK="", Nama="Bima Sakti", JK="L", **{"Tgl Lahir": "01/06/2023",
                                                    "Nama Ortu": "Dewi"}),
    ]
    hasil = pratinjau(tulis_csv(tmp_path / "k.csv", rows), user=kader_melati)
    teks = io.StringIO()
    assert tulis_ditolak(hasil, teks) == 6
    kolom = {int(r[0]): (r[1], r[2]) for r in
             csv.reader(io.StringIO(teks.getvalue().lstrip("\ufeff")), delimiter=";")
             if r[0].isdigit()}
    assert kolom[2] == ("NIK", "Kolom NIK: NIK '12' harus tepat 16 angka.")
    assert kolom[3] == ("Tanggal Pengukuran", "Tanggal pengukuran di masa depan.")
    assert kolom[4] == ("Berat, Tinggi", "Berat dan tinggi kosong: tidak ada yang diukur.")
    assert kolom[5][0] == "Desa/Kel" and kolom[5][1].startswith("Desa/kelurahan 'X'")
    assert kolom[6] == ("Posyandu", "Posyandu Mawar di luar cakupan wilayah Anda.")
    assert kolom[7] == ("", "Balita ini terdaftar di Posyandu Mawar, di luar cakupan Anda.")
