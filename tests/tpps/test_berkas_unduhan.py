"""Protected uploads (tpps.views.berkas) are always downloads: never rendered in the site's
origin, whatever a file holds. Each answer is an attachment with its name, a type chosen by
the extension from a short list (PDF, PNG, JPEG; anything else as bytes), ``nosniff`` and a
``sandbox`` Content-Security-Policy."""

from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from opd.models import SK
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 16
# A PDF that is also HTML with a script: what a crafted upload looks like.
PDF_HTML = b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>\n%%EOF\n"


def periksa_unduhan(resp, *, jenis: str, nama: str, isi: bytes) -> None:
    assert resp.status_code == 200
    assert resp["Content-Type"] == jenis
    assert resp["Content-Disposition"] == f'attachment; filename="{nama}"'
    assert resp["X-Content-Type-Options"] == "nosniff"
    arahan = [a.strip() for a in resp["Content-Security-Policy"].split(";")]
    assert "sandbox" in arahan and "default-src 'none'" in arahan
    assert b"".join(resp.streaming_content) == isi


def sk_dengan_berkas(nama: str, isi: bytes) -> SK:
    """A decree whose stored file is ``nama`` (saved directly: what an older upload, a
    restored backup or another path could have left in storage)."""
    tersimpan = default_storage.save(f"sk/{nama}", ContentFile(isi))
    return SK.objects.create(nomor=f"188.45/{tersimpan[-12:]}", tanggal=date(2026, 1, 15),
                             perihal="TPPS", berkas=tersimpan)


@pytest.mark.parametrize(
    "nama, isi, jenis",
    [
        ("sk-tpps.pdf", PDF, "application/pdf"),
        ("sk-tpps.PDF", PDF_HTML, "application/pdf"),
        ("foto-sk.png", PNG, "image/png"),
        ("foto-sk.jpg", JPG, "image/jpeg"),
        ("foto-sk.jpeg", JPG, "image/jpeg"),
        # Never rendered as what its name says: bytes to save.
        ("halaman.html", b"<script>alert(1)</script>", "application/octet-stream"),
        ("gambar.svg", b"<svg onload=alert(1)>", "application/octet-stream"),
        ("tanpa-akhiran", PDF, "application/octet-stream"),
    ],
)
def test_every_kind_of_decree_file_is_a_download(client_as, petugas, nama, isi, jenis):
    sk = sk_dengan_berkas(nama, isi)
    resp = client_as(petugas).get(sk.berkas.url)
    periksa_unduhan(resp, jenis=jenis, nama=sk.berkas.name.rsplit("/", 1)[-1], isi=isi)


def test_a_decree_uploaded_through_the_admin_is_a_download(client_as, sekretariat, petugas):
    resp = client_as(sekretariat).post("/admin/opd/sk/add/", {
        "nomor": "188.45/1/2026", "tanggal": "15/01/2026", "perihal": "TPPS Kota Batu",
        "berkas": SimpleUploadedFile("SK TPPS.pdf", PDF), "bidang-TOTAL_FORMS": "0",
        "bidang-INITIAL_FORMS": "0",
    })
    assert resp.status_code == 302
    sk = SK.objects.get()
    periksa_unduhan(client_as(petugas).get(sk.berkas.url), jenis="application/pdf",
                    nama=sk.berkas.name.rsplit("/", 1)[-1], isi=PDF)


def test_follow_up_evidence_is_a_download(client_as, operator_dinkes, petugas, dinkes):
    tl = make_tindak_lanjut(dinkes, make_keputusan(make_rapat()))
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": timezone.localdate().isoformat(), "catatan": "Berita acara", "status_baru": "selesai",
        "berkas": SimpleUploadedFile("Berita Acara.pdf", PDF)})
    assert resp.status_code == 302
    berkas = tl.progres.get().berkas
    periksa_unduhan(client_as(petugas).get(berkas.url), jenis="application/pdf",
                    nama=berkas.name.rsplit("/", 1)[-1], isi=PDF)
