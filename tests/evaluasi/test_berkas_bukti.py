"""Evidence files: uploaded on the entry page, checked, served only to who may read them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluasi.models import Capaian
from tests.evaluasi.factories import data_halaman
from tests.jawaban import tidak_ditemukan

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def unggah(c, semester, opd, katalog, berkas):
    url = f"/evaluasi/semester/{semester.kode}/opd/{opd.pk}/"
    data = data_halaman(c.get(url))
    s1 = katalog["S1"].pk
    data.update({f"c{s1}-pembilang": "85", f"c{s1}-penyebut": "100", f"c{s1}-berkas": berkas,
                 "aksi": "simpan"})
    return c.post(url, data)


def test_evidence_is_served_through_the_checking_view(client_as, operator_dinkes,
                                                      operator_dinsos, pimpinan, sekretariat,
                                                      semester, dinkes, katalog):
    resp = unggah(client_as(operator_dinkes), semester, dinkes, katalog,
                  SimpleUploadedFile("Bukti S1.pdf", PDF))
    assert resp.status_code == 302
    capaian = Capaian.objects.get()
    assert capaian.berkas.name.startswith("capaian/") and capaian.berkas.url.startswith(
        "/berkas/capaian/")
    c = client_as(operator_dinkes)
    resp = c.get(capaian.berkas.url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF
    assert client_as(sekretariat).get(capaian.berkas.url).status_code == 200
    # A draft's evidence is the OPD's and the secretariat's business only.
    # Another OPD's draft is answered as a missing file: nobody learns which drafts exist.
    assert tidak_ditemukan(client_as(operator_dinsos).get(capaian.berkas.url))
    assert tidak_ditemukan(client_as(pimpinan).get(capaian.berkas.url))
    capaian.laporan.status = "diverifikasi"
    capaian.laporan.save()
    assert client_as(pimpinan).get(capaian.berkas.url).status_code == 200


def test_a_file_that_is_not_what_it_claims_is_refused(client_as, operator_dinkes, semester,
                                                      dinkes, katalog):
    resp = unggah(client_as(operator_dinkes), semester, dinkes, katalog,
                  SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 bukan pdf"))
    assert resp.status_code == 200 and "bukan PDF yang sah" in resp.content.decode()
    assert not Capaian.objects.exists()


def test_unknown_evidence_names_are_not_served(client_as, sekretariat):
    assert client_as(sekretariat).get("/berkas/capaian/tidak-ada.pdf").status_code == 404
