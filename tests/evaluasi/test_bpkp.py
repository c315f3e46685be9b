"""BPKP evaluation pages: aspects, findings, recommendations and the link to follow-ups."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.evaluasi.factories import make_capaian, make_laporan, make_rekomendasi

pytestmark = pytest.mark.django_db


def test_the_years_evaluation_with_findings_and_recommendations(client_as, pimpinan, dinkes,
                                                                dinsos):
    rekomendasi = make_rekomendasi(opd=[dinkes, dinsos], batas_waktu="2025-12-31")
    c = client_as(pimpinan)
    resp = c.get("/evaluasi/bpkp/")
    assert [(e.tahun, e.jumlah_temuan, e.jumlah_rekomendasi) for e in resp.context["daftar"]] == [
        (2024, 1, 1)]
    teks = c.get("/evaluasi/bpkp/2024/").content.decode()
    assert "Desain kebijakan dan strategi" in teks and "Memadai" in teks
    assert "Belum sepenuhnya memadai" in teks and "Belum memadai" in teks
    assert "Data sasaran belum padan" in teks and "Dinkes, Dinsos" in teks
    assert rekomendasi.get_absolute_url() in teks
    assert c.get("/evaluasi/bpkp/2023/").status_code == 404


def test_filter_by_the_opd_that_must_act(client_as, operator_dinkes, dinkes, dinsos):
    make_rekomendasi(opd=[dinkes], uraian="Rekomendasi untuk Dinkes")
    make_rekomendasi(opd=[dinsos], uraian="Rekomendasi untuk Dinsos")
    teks = client_as(operator_dinkes).get(f"/evaluasi/bpkp/2024/?opd={dinkes.pk}").content.decode()
    assert "Rekomendasi untuk Dinkes" in teks and "Rekomendasi untuk Dinsos" not in teks


def test_a_recommendation_links_to_the_follow_up_register(client_as, sekretariat, dinkes):
    rekomendasi = make_rekomendasi(opd=[dinkes])
    teks = client_as(sekretariat).get(rekomendasi.get_absolute_url()).content.decode()
    assert "Berita acara pemadanan data" in teks  # the evidence BPKP asked for
    try:
        tambah = reverse("tindak_lanjut:tambah")
        daftar = reverse("tindak_lanjut:daftar")
    except NoReverseMatch:  # the register is not installed: the page still renders
        assert "Buat tindak lanjut" not in teks
        return
    assert f'{tambah}?rekomendasi={rekomendasi.pk}' in teks
    assert f'{daftar}?rekomendasi={rekomendasi.pk}' in teks


def test_an_achievement_below_target_links_to_a_new_follow_up(client_as, sekretariat, pimpinan,
                                                               semester, dinkes, katalog):
    laporan = make_laporan(semester, dinkes, status="diverifikasi")
    rendah = make_capaian(laporan, katalog["S1"], pembilang=60, penyebut=100)
    tinggi = make_capaian(laporan, katalog["S2"], pembilang=95, penyebut=100)
    c = client_as(sekretariat)
    teks = c.get(rendah.get_absolute_url()).content.decode()
    assert "di bawah target" in teks and "75,00 %" in teks
    try:
        tambah = reverse("tindak_lanjut:tambah")
    except NoReverseMatch:
        assert "Buat tindak lanjut" not in teks
    else:
        assert f"{tambah}?capaian={rendah.pk}" in teks
    assert "Buat tindak lanjut" not in c.get(tinggi.get_absolute_url()).content.decode()
    # The Pimpinan reads the figure but does not own its follow-up.
    assert "Buat tindak lanjut" not in client_as(pimpinan).get(
        rendah.get_absolute_url()).content.decode()


def test_templates_render_without_the_register(client_as, sekretariat, dinkes, settings):
    """evaluasi links by URL name only: without the register's URLs the pages still work."""
    from django.urls import clear_url_caches

    import tpps.urls

    urls = [p for p in tpps.urls.urlpatterns if getattr(p, "namespace", None) != "tindak_lanjut"]
    modul = type("Urls", (), {"urlpatterns": urls})
    settings.ROOT_URLCONF = modul
    clear_url_caches()
    try:
        rekomendasi = make_rekomendasi(opd=[dinkes])
        resp = client_as(sekretariat).get(f"/evaluasi/rekomendasi/{rekomendasi.pk}/")
        assert resp.status_code == 200 and "Buat tindak lanjut" not in resp.content.decode()
    finally:
        clear_url_caches()


def test_readers_and_non_readers(client_as, petugas, operator_dinsos, dinkes):
    rekomendasi = make_rekomendasi(opd=[dinkes])
    assert client_as(operator_dinsos).get(rekomendasi.get_absolute_url()).status_code == 200
    assert client_as(petugas).get(rekomendasi.get_absolute_url()).status_code == 403
    assert client_as(petugas).get("/evaluasi/bpkp/2024/").status_code == 403


def test_bpkp_list_query_count(client_as, pimpinan, dinkes, django_assert_num_queries):
    c = client_as(pimpinan)
    make_rekomendasi(tahun=2023, opd=[dinkes])
    c.get("/evaluasi/bpkp/")
    for tahun in (2024, 2025):
        make_rekomendasi(tahun=tahun, opd=[dinkes])
    # session, user, permissions (user + group), the evaluations with their counts
    with django_assert_num_queries(5):
        c.get("/evaluasi/bpkp/")


def test_bpkp_detail_query_count(client_as, pimpinan, dinkes, dinsos):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_rekomendasi(opd=[dinkes])
    c = client_as(pimpinan)
    c.get("/evaluasi/bpkp/2024/")
    with CaptureQueriesContext(connection) as awal:
        c.get("/evaluasi/bpkp/2024/")
    for _ in range(4):
        make_rekomendasi(opd=[dinkes, dinsos])
    with CaptureQueriesContext(connection) as akhir:
        c.get("/evaluasi/bpkp/2024/")
    assert len(akhir.captured_queries) == len(awal.captured_queries)
