"""Decree files: uploaded through the admin, checked, served only to signed-in users."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from opd.models import SK

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def unggah_sk(client, berkas, nomor="188.45/1/2026"):
    return client.post("/admin/opd/sk/add/", {
        "nomor": nomor, "tanggal": "15/01/2026", "perihal": "TPPS Kota Batu",
        "berkas": berkas, "bidang-TOTAL_FORMS": "0", "bidang-INITIAL_FORMS": "0",
    })


def test_uploaded_decree_is_served_only_through_the_checking_view(client_as, sekretariat,
                                                                   petugas, client):
    resp = unggah_sk(client_as(sekretariat), SimpleUploadedFile("SK TPPS.pdf", PDF))
    assert resp.status_code == 302, resp.content.decode()[:2000]
    sk = SK.objects.get()
    assert sk.berkas.name.startswith("sk/") and sk.berkas.name.endswith("-sk-tpps.pdf")
    assert sk.berkas.url == f"/berkas/{sk.berkas.name}"

    client.logout()
    assert client.get(sk.berkas.url).status_code == 302  # anonymous → login

    c = client_as(petugas)
    resp = c.get(sk.berkas.url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert "Unduh berkas SK" in c.get("/opd/sk/").content.decode()


@pytest.mark.parametrize("nama", ["sk/tidak-ada.pdf", "../settings.py", "sk/../../etc/passwd",
                                  "lain/berkas.pdf"])
def test_names_no_record_holds_are_not_served(client_as, petugas, nama):
    assert client_as(petugas).get(f"/berkas/{nama}").status_code == 404


@pytest.mark.parametrize(
    "berkas, pesan",
    [
        (SimpleUploadedFile("sk.pdf", b"MZ\x90\x00 bukan pdf"), "bukan PDF yang sah"),
        (SimpleUploadedFile("sk.exe", b"MZ\x90\x00"), "Jenis berkas .exe tidak diterima"),
        (SimpleUploadedFile("sk.docx", b"PK\x03\x04"), "Jenis berkas .docx tidak diterima"),
    ],
)
def test_a_file_that_is_not_what_it_claims_is_refused(client_as, sekretariat, berkas, pesan):
    resp = unggah_sk(client_as(sekretariat), berkas)
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not SK.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client_as, sekretariat, settings):
    settings.UKURAN_BERKAS_MAKS_MB = 1
    besar = SimpleUploadedFile("sk.pdf", PDF + b"0" * (1024 * 1024))
    resp = unggah_sk(client_as(sekretariat), besar)
    assert "Berkas terlalu besar" in resp.content.decode()
    assert not SK.objects.exists()


def test_a_duplicate_decree_number_is_refused(client_as, sekretariat):
    c = client_as(sekretariat)
    assert unggah_sk(c, "").status_code == 302
    resp = unggah_sk(c, "")
    assert resp.status_code == 200 and "SK keanggotaan dengan Nomor telah ada" in resp.content.decode()
    assert SK.objects.count() == 1
