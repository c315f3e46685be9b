"""The signed semester report's archived PDF, served by tpps.views.berkas, is a download
(attachment, application/pdf, nosniff, a sandbox CSP), never rendered in the site."""

import pytest
from django.urls import reverse

from tests.laporan_semester.test_laporan_pdf import disahkan, sekda, terkunci  # noqa: F401
from tests.tpps.test_berkas_unduhan import periksa_unduhan

pytestmark = pytest.mark.django_db


def test_the_signed_pdf_is_a_download(client_as, disahkan, operator_dinkes):  # noqa: F811
    resp = client_as(operator_dinkes).get(reverse("berkas", args=[disahkan.berkas.name]))
    periksa_unduhan(resp, jenis="application/pdf",
                    nama=disahkan.berkas.name.rsplit("/", 1)[-1], isi=disahkan.baca_pdf())
