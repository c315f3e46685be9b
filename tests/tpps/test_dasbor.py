"""The Sekda dashboard: where the city stands, from aggregates only."""

from datetime import date

import pytest

from tests.posyandu.factories import make_balita, make_posyandu, make_wilayah, ukur

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_gizi(db):
    w = make_wilayah()
    melati = make_posyandu("Melati", desa=w["sisir"], puskesmas=w["pkm_sisir"])
    mawar = make_posyandu("Mawar", desa=w["bumiaji"], puskesmas=w["pkm_bumiaji"])
    for i in range(4):
        anak = make_balita(melati, nama=f"M{i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2024, 8, 6), berat=9.0, tinggi=71.0)           # all stunted a year ago
        ukur(anak, date(2025, 8, 6), berat=11.5, tinggi=78.0 if i == 0 else 90.0)
    anak = make_balita(mawar, nama="B0", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 8, 6), berat=11.0, tinggi=79.0)
    make_balita(mawar, nama="B1", tanggal_lahir=date(2023, 3, 5))       # not weighed
    return {"melati": melati, "mawar": mawar, "w": w}


def test_headline_shows_prevalence_ci_n_and_change(client_as, pimpinan, data_gizi):
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "2025-08"})
    assert resp.status_code == 200
    angka = {a.kode: a for a in resp.context["utama"]["angka"]}
    stunting = angka["stunting"]
    assert (stunting.kini.proporsi.k, stunting.kini.proporsi.n) == (2, 5)
    assert stunting.kini.proporsi.persen == 40
    assert stunting.setahun_lalu.proporsi.persen == 100 and stunting.selisih == -60
    assert resp.context["utama"]["diukur"] == 5
    teks = resp.content.decode()
    assert "Sumber:" in teks and "bukan survei" in teks
    assert "Aisyah" not in teks and "M0" not in teks  # no child is named on the dashboard


def test_default_period_is_the_latest_weighing_month(client_as, pimpinan, data_gizi):
    ukur(make_balita(data_gizi["melati"], nama="Okt", tanggal_lahir=date(2024, 1, 1)),
         date(2025, 10, 3), berat=9.0, tinggi=76.0)
    resp = client_as(pimpinan).get("/dasbor/")
    assert resp.context["bulan"] == date(2025, 8, 1)


def test_by_kecamatan_then_desa(client_as, pimpinan, data_gizi):
    c = client_as(pimpinan)
    resp = c.get("/dasbor/", {"bulan": "2025-08"})
    nama = [b["nama"] for b in resp.context["wilayah"]]
    assert nama == ["Bumiaji", "Batu"]          # 100 % before 25 %
    kec = data_gizi["w"]["sisir"].kecamatan
    resp = c.get("/dasbor/", {"bulan": "2025-08", "kecamatan": kec.pk})
    assert [b["nama"] for b in resp.context["wilayah"]] == ["Sisir"]
    assert resp.context["utama"]["diukur"] == 4


def test_coverage_lists_the_lowest_first_and_links_only_for_child_readers(
    client_as, pimpinan, sekretariat, data_gizi
):
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "2025-08"})
    baris = resp.context["cakupan"]
    assert [(b["posyandu"].nama, b["s"], b["d"], b["persen"]) for b in baris] == [
        ("Mawar", 2, 1, 50.0), ("Melati", 4, 4, 100.0)]
    url = f"/posyandu/posyandu/{data_gizi['mawar'].pk}/?status=belum_diukur"
    assert url not in resp.content.decode()
    assert url in client_as(sekretariat).get("/dasbor/", {"bulan": "2025-08"}).content.decode()


def test_bad_filters_fall_back_instead_of_failing(client_as, pimpinan, data_gizi):
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "13-2025", "kecamatan": "abc"})
    assert resp.status_code == 200 and resp.context["kecamatan"] is None


def test_empty_city_still_renders(client_as, pimpinan):
    resp = client_as(pimpinan).get("/dasbor/")
    assert resp.status_code == 200
    assert resp.context["utama"]["diukur"] == 0
