"""Pages travel compressed: a kader on slow 3G receives the 150-child event page gzip-ed
(a third of a megabyte of HTML as written), and a client that cannot read gzip still gets
the page as written."""

import gzip
from datetime import date

import pytest

from posyandu.models import Kegiatan
from tests.posyandu.factories import make_balita

pytestmark = pytest.mark.django_db

HARI = date(2025, 8, 12)


@pytest.fixture
def kegiatan_150(melati):
    for i in range(150):
        make_balita(melati, nama=f"Anak Ke-{i:03d}", nama_ibu=f"Ibu Ke-{i:03d}",
                    tanggal_lahir=date(2021, 1, 1) + (HARI - date(2021, 1, 1)) * i // 160)
    return Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)


def test_the_150_child_event_page_is_sent_gzip_compressed(client_as, kader_melati, kegiatan_150):
    c = client_as(kader_melati)
    url = f"/posyandu/kegiatan/{kegiatan_150.pk}/"
    mentah = c.get(url)
    padat = c.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert mentah.status_code == padat.status_code == 200
    assert "Content-Encoding" not in mentah
    assert padat["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in padat["Vary"]
    html = gzip.decompress(padat.content).decode()
    assert html.count('class="baris-ukur') == mentah.content.decode().count('class="baris-ukur') == 150
    assert "Anak Ke-149" in html and "Anak Ke-000" in html
    # The rows repeat one another: the page shrinks to well under a fifth on the wire.
    assert len(padat.content) * 5 < len(mentah.content)
    assert int(padat["Content-Length"]) == len(padat.content)


def test_json_answers_are_compressed_too(client_as, kader_melati, kegiatan_150):
    resp = client_as(kader_melati).get(f"/posyandu/kegiatan/{kegiatan_150.pk}/cari/",
                                       {"q": "anak"}, HTTP_ACCEPT_ENCODING="gzip")
    assert resp["Content-Encoding"] == "gzip"
    assert "Anak Ke-" in gzip.decompress(resp.content).decode()
