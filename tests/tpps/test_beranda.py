"""The landing page and the navigation every page shares."""

import re

import pytest

from opd.models import AnggotaTim
from tests.factories import make_anggota, make_opd

pytestmark = pytest.mark.django_db


def test_home_counts_members_and_names_those_without_people(client_as, operator_dinkes, dinkes,
                                                            dinsos):
    make_anggota(dinkes, nama="Kadis")
    make_anggota(dinkes, nama="Focal", peran=AnggotaTim.Peran.FOCAL_PERSON)
    make_anggota(dinsos, nama="Kadinsos")
    make_opd("BPS", wajib_lapor=False)
    make_opd("Dispora", aktif=False)
    resp = client_as(operator_dinkes).get("/")
    assert resp.status_code == 200
    assert resp.context["ringkasan"] == {"jumlah_aktif": 3, "jumlah_wajib_lapor": 2}
    assert [o.singkatan for o in resp.context["belum_lengkap"]] == ["BPS", "Dinsos"]


def test_navigation_marks_the_current_section_and_unbuilt_ones(client_as, petugas):
    teks = client_as(petugas).get("/opd/").content.decode()
    assert 'class="nav-link active fw-semibold" href="/opd/"' in teks
    for bagian in ["Dasbor", "Rapat", "Posyandu", "OPD"]:
        assert bagian in teks
    assert 'href="/admin/"' not in teks  # not staff


def test_layout_uses_vendored_assets_only(client_as, petugas):
    teks = client_as(petugas).get("/").content.decode()
    assert "/static/vendor/bootstrap-5.3.8/css/bootstrap.min.css" in teks
    # Every stylesheet and script comes from our own /static/, none from a CDN.
    sumber = re.findall(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"', teks)
    assert sumber and all(s.startswith("/static/") for s in sumber), sumber
    assert "https://" not in teks


@pytest.mark.parametrize("pengguna", ["pimpinan", "sekretariat"])
def test_leaders_land_on_the_dashboard(request, client_as, pengguna):
    resp = client_as(request.getfixturevalue(pengguna)).get("/")
    assert resp.status_code == 200 and "dasbor/dasbor.html" in [t.name for t in resp.templates]


@pytest.mark.parametrize("pengguna, tampil", [
    ("petugas", False), ("operator_dinkes", True), ("pimpinan", True), ("sekretariat", True)])
def test_navigation_shows_only_sections_the_user_may_open(request, client_as, pengguna, tampil):
    """A Petugas Posyandu has no business with semester data: no link to a refusal."""
    c = client_as(request.getfixturevalue(pengguna))
    teks = c.get("/opd/").content.decode()
    assert ('href="/evaluasi/"' in teks) is tampil
    assert c.get("/evaluasi/").status_code == (200 if tampil else 403)
