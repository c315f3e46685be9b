"""The kader's lists and the monthly SKDN recap; case follow-up."""

from datetime import date

import pytest
from django.utils import timezone

from posyandu.laporan import rekap_skdn
from posyandu.models import Kasus
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import make_balita, ukur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]


@pytest.fixture
def bulan_ini():
    return timezone.localdate().replace(day=1)


def test_skdn_counts_by_the_rules(melati, mawar):
    agustus = date(2025, 8, 1)
    a = make_balita(melati, nama="A", tanggal_lahir=date(2024, 1, 1))
    b = make_balita(melati, nama="B", tanggal_lahir=date(2024, 1, 1))
    c = make_balita(melati, nama="C", tanggal_lahir=date(2024, 1, 1))
    make_balita(melati, nama="Tua", tanggal_lahir=date(2020, 1, 1))   # not in S
    make_balita(mawar, nama="Lain", tanggal_lahir=date(2024, 1, 1))
    for anak, juli, agu in ((a, 9.0, 9.3), (b, 9.0, 9.05)):
        ukur(anak, date(2025, 7, 10), berat=juli)
        ukur(anak, date(2025, 8, 10), berat=agu)
    ukur(c, date(2025, 8, 10), berat=9.0)                              # B: neither N nor T
    rekap = rekap_skdn([melati], agustus)[0]
    assert (rekap.s, rekap.d, rekap.n, rekap.t) == (3, 3, 1, 1)
    assert rekap.d_per_s == 100.0 and rekap.n_per_d == 33.3


def test_s_of_a_past_month_counts_children_who_left_after_it(client_as, kader_melati, melati):
    from posyandu.models import Balita

    agustus = date(2025, 8, 1)
    lahir = date(2024, 1, 1)
    make_balita(melati, nama="Tetap", tanggal_lahir=lahir)
    make_balita(melati, nama="Pindah September", tanggal_lahir=lahir, status="pindah",
                tanggal_status=date(2025, 9, 15))
    make_balita(melati, nama="Meninggal Oktober", tanggal_lahir=lahir, status="meninggal",
                tanggal_status=date(2025, 10, 2))
    make_balita(melati, nama="Pindah Juli", tanggal_lahir=lahir, status="pindah",
                tanggal_status=date(2025, 7, 20))
    make_balita(melati, nama="Pindah 1 Agustus", tanggal_lahir=lahir, status="pindah",
                tanggal_status=agustus)
    make_balita(melati, nama="Lulus Juni", tanggal_lahir=date(2020, 6, 1), status="lulus",
                tanggal_status=date(2025, 6, 1))
    assert {b.nama for b in Balita.objects.sasaran(agustus)} == {
        "Tetap", "Pindah September", "Meninggal Oktober"}
    assert Balita.objects.jumlah_sasaran_per_posyandu(agustus) == {melati.pk: 3}
    assert rekap_skdn([melati], agustus)[0].s == 3
    assert {b.nama for b in Balita.objects.sasaran()} == {"Tetap"}  # today: only the active
    teks = client_as(kader_melati).get(f"/posyandu/posyandu/{melati.pk}/skdn/",
                                       {"bulan": "2025-08"}).content.decode()
    assert '<td class="text-end fs-5">3</td>' in teks


def test_skdn_page_is_printable_and_scoped(client_as, kader_melati, melati, mawar):
    c = client_as(kader_melati)
    resp = c.get(f"/posyandu/posyandu/{melati.pk}/skdn/", {"bulan": "2025-08"})
    assert resp.status_code == 200 and "Agustus 2025" in resp.content.decode()
    assert tidak_ditemukan(c.get(f"/posyandu/posyandu/{mawar.pk}/skdn/"))
    # A malformed month falls back to this month instead of failing.
    assert c.get(f"/posyandu/posyandu/{melati.pk}/skdn/", {"bulan": "abc"}).status_code == 200


def test_children_list_filters_by_latest_status(client_as, kader_melati, melati, bulan_ini):
    pendek = make_balita(melati, nama="Pendek", tanggal_lahir=date(2023, 1, 5))
    ukur(pendek, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    normal = make_balita(melati, nama="Normal", tanggal_lahir=date(2023, 1, 5))
    ukur(normal, date(2025, 2, 5), berat=12.0, tinggi=88.0)
    c = client_as(kader_melati)

    def nama(status):
        resp = c.get(f"/posyandu/posyandu/{melati.pk}/", {"status": status})
        return {b.nama for b in resp.context["daftar_balita"]}

    assert nama("pendek") | nama("sangat_pendek") == {"Pendek"}
    assert nama("belum_diukur") == {"Pendek", "Normal"}
    assert nama("") == {"Pendek", "Normal"}


def test_visit_list_prints_with_a_notes_column(client_as, kader_melati, melati, anak_melati):
    teks = client_as(kader_melati).get(f"/posyandu/posyandu/{melati.pk}/",
                                       {"cetak": "1"}).content.decode()
    assert "Catatan kunjungan" in teks and "Aisyah Putri" in teks


def test_case_moves_from_found_to_resolved_with_dates(client_as, kader_melati, melati):
    anak = make_balita(melati, nama="Citra", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    kasus = Kasus.objects.get()
    c = client_as(kader_melati)
    resp = c.post(f"/posyandu/kasus/{kasus.pk}/", {"status": "dirujuk"})
    assert "Wajib diisi untuk status ini" in resp.content.decode()
    resp = c.post(f"/posyandu/kasus/{kasus.pk}/", {"status": "dirujuk",
                                                   "tanggal_dirujuk": "2025-01-01"})
    assert "sebelum tanggal kasus ditemukan" in resp.content.decode()
    kasus.refresh_from_db()
    assert kasus.status == "ditemukan"
    resp = c.post(f"/posyandu/kasus/{kasus.pk}/", {
        "status": "ditangani", "tanggal_dirujuk": "2025-02-06", "tanggal_ditangani": "2025-02-10",
        "penanganan": "pmt"})
    assert resp.status_code == 302
    kasus.refresh_from_db()
    assert (kasus.status, kasus.penanganan) == ("ditangani", ["pmt"])
    assert "Citra" in c.get("/posyandu/kasus/").content.decode()
    c.post(f"/posyandu/kasus/{kasus.pk}/", {
        "status": "selesai", "tanggal_dirujuk": "2025-02-06", "tanggal_ditangani": "2025-02-10",
        "penanganan": "pmt", "tanggal_selesai": "2025-05-01"})
    assert "Citra" not in c.get("/posyandu/kasus/").content.decode()


def test_another_posyandus_cases_are_out_of_reach(client_as, kader_melati, mawar):
    anak = make_balita(mawar, nama="Jauh", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    kasus = Kasus.objects.get()
    c = client_as(kader_melati)
    assert "Jauh" not in c.get("/posyandu/kasus/").content.decode()
    assert tidak_ditemukan(c.post(f"/posyandu/kasus/{kasus.pk}/", {
        "status": "selesai", "tanggal_selesai": "2025-03-01"}))


def test_posyandu_home_counts_expected_and_measured_this_month(client_as, kader_melati, melati,
                                                               anak_melati, bulan_ini):
    make_balita(melati, nama="Belum", tanggal_lahir=date(2024, 5, 1))
    make_balita(melati, nama="Pindah", tanggal_lahir=date(2024, 5, 1), status="pindah",
                tanggal_status=date(2025, 1, 1))
    ukur(anak_melati, bulan_ini, berat=9.5, tinggi=78)
    posyandu = client_as(kader_melati).get("/posyandu/").context["daftar_posyandu"][0]
    assert (posyandu.jumlah_s, posyandu.diukur_bulan_ini) == (2, 1)


def test_skdn_s_is_the_month_s_of_the_dashboard_so_d_never_exceeds_it(melati):
    """A child born on 20 August and weighed on the 25th is in August's D, so in its S too
    (as on the dashboard's coverage): D/S stays at 100 %, not above."""
    from posyandu import sasaran_bulan

    agustus = date(2025, 8, 1)
    lahir = make_balita(melati, nama="Lahir Agustus", tanggal_lahir=date(2025, 8, 20))
    ukur(lahir, date(2025, 8, 25), berat=3.4)
    rekap = rekap_skdn([melati], agustus)[0]
    assert (rekap.s, rekap.d, rekap.d_per_s) == (1, 1, 100.0)
    assert sasaran_bulan.jumlah_sasaran_per("posyandu", agustus) == {melati.pk: rekap.s}
