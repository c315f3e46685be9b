"""Semester evidence files are downloads (tpps.views.berkas): attachment, a type from the
short list, nosniff, a sandbox CSP."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from evaluasi.models import Capaian
from tests.evaluasi.factories import data_halaman
from tests.tpps.test_berkas_unduhan import JPG, PDF, PNG, periksa_unduhan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("nama, isi, jenis", [("Bukti S1.pdf", PDF, "application/pdf"),
                                              ("Foto kegiatan.png", PNG, "image/png"),
                                              ("Foto kegiatan.jpg", JPG, "image/jpeg")])
def test_semester_evidence_is_a_download(client_as, operator_dinkes, semester, dinkes, katalog,
                                         nama, isi, jenis):
    c = client_as(operator_dinkes)
    halaman = f"/evaluasi/semester/{semester.kode}/opd/{dinkes.pk}/"
    data = data_halaman(c.get(halaman))
    s1 = katalog["S1"].pk
    data.update({f"c{s1}-pembilang": "85", f"c{s1}-penyebut": "100",
                 f"c{s1}-berkas": SimpleUploadedFile(nama, isi), "aksi": "simpan"})
    assert c.post(halaman, data).status_code == 302
    berkas = Capaian.objects.get().berkas
    periksa_unduhan(c.get(berkas.url), jenis=jenis, nama=berkas.name.rsplit("/", 1)[-1],
                    isi=isi)
