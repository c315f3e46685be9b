"""Every figure of the Sekda dashboard leads to the list behind it — for the month shown,
the desa drilled into, and only for viewers allowed (and scoped) to open that list."""

import html
from datetime import date

import pytest

from evaluasi.models import LaporanSemester
from opd import roles
from posyandu.models import Balita, CakupanPetugas
from tests.factories import make_user
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import (
    beri_cakupan,
    make_balita,
    make_melati_dan_mawar,
    make_posyandu,
    ukur,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]
AGUSTUS = {"bulan": "2025-08"}


@pytest.fixture
def kota(db):
    w, melati, mawar = make_melati_dan_mawar()
    for i in range(4):
        anak = make_balita(melati, nama=f"Anak Melati {i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2025, 8, 6), berat=11.5, tinggi=78.0 if i == 0 else 90.0)
    anak = make_balita(mawar, nama="Anak Mawar 0", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 8, 6), berat=11.0, tinggi=79.0)
    make_balita(mawar, nama="Anak Mawar 1", tanggal_lahir=date(2023, 3, 5))       # not weighed
    return {"melati": melati, "mawar": mawar, "w": w}


def teks(resp) -> str:
    return html.unescape(resp.content.decode())


def nama_anak(resp):
    assert resp.status_code == 200
    return {b.nama for b in resp.context["daftar_balita"]}


def kader_di(posyandu):
    kader = make_user(f"kader-{posyandu.pk}", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[posyandu])
    return kader


# --- 1. "Belum diukur" of the month shown, the desa drilled into, the children behind a rate


def test_belum_diukur_link_carries_the_month_and_lists_that_months_children(
        client_as, sekretariat, kota, hari_uji):
    c = client_as(sekretariat)
    resp = c.get("/dasbor/", AGUSTUS)
    mawar = next(b for b in resp.context["cakupan"] if b["posyandu"] == kota["mawar"])
    assert mawar["tautan"] == f"/posyandu/posyandu/{kota['mawar'].pk}/?bulan=2025-08"
    assert f"{mawar['tautan']}&status=belum_diukur" in teks(resp)
    # Later: Anak Mawar 1 is weighed this month and a new child is born after August 2025.
    ukur(Balita.objects.get(nama="Anak Mawar 1"), hari_uji.replace(day=2), berat=12.0,
         tinggi=88.0)
    make_balita(kota["mawar"], nama="Lahir 2026", tanggal_lahir=date(2026, 1, 10))
    url = f"/posyandu/posyandu/{kota['mawar'].pk}/"
    assert nama_anak(c.get(url, {**AGUSTUS, "status": "belum_diukur"})) == {"Anak Mawar 1"}
    assert nama_anak(c.get(url, {"status": "belum_diukur"})) == {"Anak Mawar 0", "Lahir 2026"}
    # The list's length is the dashboard's "belum" figure.
    assert mawar["belum"] == 1


def test_children_born_or_ageing_out_in_the_month_keep_d_per_s_within_100(client_as, pimpinan,
                                                                         kota):
    p = make_posyandu("Kenanga", desa=kota["w"]["sisir"], puskesmas=kota["w"]["pkm_sisir"])
    bayi = make_balita(p, nama="Bayi", tanggal_lahir=date(2025, 8, 15))
    ukur(bayi, date(2025, 8, 20), berat=3.4, tinggi=50.0)
    tua = make_balita(p, nama="Genap 60 bulan", tanggal_lahir=date(2020, 8, 10))
    ukur(tua, date(2025, 8, 5), berat=17.0, tinggi=108.0)
    baris = client_as(pimpinan).get("/dasbor/", AGUSTUS).context["cakupan"]
    kenanga = next(b for b in baris if b["posyandu"] == p)
    assert (kenanga["s"], kenanga["d"], kenanga["persen"]) == (2, 2, 100.0)
    desa = next(b for b in client_as(pimpinan).get("/dasbor/", AGUSTUS).context["cakupan_desa"]
                if b["desa"] == kota["w"]["sisir"])
    assert (desa["s"], desa["d"]) == (6, 6)


def test_a_child_who_died_after_being_weighed_counts_in_s_of_that_month(client_as, pimpinan,
                                                                       kota):
    # Relies on Balita.sasaran(pada) counting a child active until their status date.
    p = make_posyandu("Kenanga", desa=kota["w"]["sisir"], puskesmas=kota["w"]["pkm_sisir"])
    anak = make_balita(p, nama="Almarhum", tanggal_lahir=date(2024, 1, 5))
    ukur(anak, date(2025, 8, 5), berat=9.0, tinggi=75.0)
    Balita.objects.filter(pk=anak.pk).update(status=Balita.Status.MENINGGAL,
                                             tanggal_status=date(2025, 8, 20))
    baris = client_as(pimpinan).get("/dasbor/", AGUSTUS).context["cakupan"]
    kenanga = next(b for b in baris if b["posyandu"] == p)
    assert (kenanga["s"], kenanga["d"], kenanga["persen"]) == (1, 1, 100.0)


@pytest.fixture
def tamu_di_sisir(kota):
    """A Melati child living in Bumiaji: counted under Bumiaji, not Sisir."""
    anak = make_balita(kota["melati"], nama="Tamu", tanggal_lahir=date(2023, 1, 5),
                       desa=kota["w"]["bumiaji"])
    ukur(anak, date(2025, 8, 6), berat=9.0, tinggi=76.0)
    return anak


def test_desa_level_links_carry_the_desa_and_the_list_keeps_to_it(client_as, sekretariat, kota,
                                                                 tamu_di_sisir):
    sisir = kota["w"]["sisir"]
    c = client_as(sekretariat)
    resp = c.get("/dasbor/", {**AGUSTUS, "kecamatan": sisir.kecamatan_id, "desa": sisir.pk})
    url = f"/posyandu/posyandu/{kota['melati'].pk}/"
    [melati] = resp.context["cakupan"]
    assert (melati["s"], melati["d"]) == (4, 4)
    assert melati["tautan"] == f"{url}?bulan=2025-08&desa={sisir.pk}"
    [baris] = resp.context["wilayah"]
    assert baris["tautan"] == melati["tautan"]
    assert nama_anak(c.get(url, {**AGUSTUS, "desa": sisir.pk})) == {
        f"Anak Melati {i}" for i in range(4)}
    assert "Tamu" in nama_anak(c.get(url, AGUSTUS))
    # Data quality at desa level counts only the desa's children too.
    assert [m["m"].n for m in resp.context["mutu"]] == [4]


def test_a_prevalence_cell_links_to_its_children_for_child_readers_only(
        client_as, sekretariat, pimpinan, kota, tamu_di_sisir):
    sisir = kota["w"]["sisir"]
    params = {**AGUSTUS, "kecamatan": sisir.kecamatan_id, "desa": sisir.pk}
    tautan = (f"/posyandu/posyandu/{kota['melati'].pk}/?bulan=2025-08&desa={sisir.pk}"
              "&status=stunting")
    assert tautan in teks(client_as(sekretariat).get("/dasbor/", params))
    assert "status=stunting" not in client_as(pimpinan).get("/dasbor/", params).content.decode()
    resp = client_as(sekretariat).get(f"/posyandu/posyandu/{kota['melati'].pk}/",
                                      {**AGUSTUS, "desa": sisir.pk, "status": "stunting"})
    assert nama_anak(resp) == {"Anak Melati 0"}   # 1 of the 4 the rate counts (Tamu is not)
    # Pimpinan cannot open the list by URL either.
    assert client_as(pimpinan).get(f"/posyandu/posyandu/{kota['melati'].pk}/",
                                   {**AGUSTUS, "status": "stunting"}).status_code == 403


# --- 2. Coverage: per desa, all rows on request --------------------------------------------


def test_coverage_per_desa_and_all_rows_on_request(client_as, pimpinan, kota):
    for i in range(15):
        make_posyandu(f"Tambahan {i:02d}", desa=kota["w"]["sisir"], puskesmas=kota["w"]["pkm_sisir"])
    c = client_as(pimpinan)
    resp = c.get("/dasbor/", AGUSTUS)
    assert len(resp.context["cakupan"]) == 15 and resp.context["jumlah"]["cakupan"] == 17
    assert "Lihat semua (17 Posyandu)" in resp.content.decode()
    assert {(b["desa"].nama, b["s"], b["d"]) for b in resp.context["cakupan_desa"]} == {
        ("Sisir", 4, 4), ("Bumiaji", 2, 1)}
    resp = c.get("/dasbor/", {**AGUSTUS, "semua": "1"})
    assert len(resp.context["cakupan"]) == 17 and "Lihat semua" not in resp.content.decode()
    assert "D/S tidak melebihi 100%" in resp.content.decode()


# --- 4. No link that leads to a 403 --------------------------------------------------------


def test_scoped_petugas_gets_links_to_their_posyandu_only(client_as, peran, kota):
    kader = kader_di(kota["melati"])
    c = client_as(kader)
    resp = c.get("/dasbor/", AGUSTUS)
    tautan = {b["posyandu"].nama: b["tautan"] for b in resp.context["cakupan"]}
    assert tautan["Mawar"] is None and tautan["Melati"]
    teks = resp.content.decode()
    assert f"/posyandu/posyandu/{kota['mawar'].pk}/" not in teks
    assert f"/posyandu/posyandu/{kota['melati'].pk}/" in teks
    assert c.get(tautan["Melati"] + "&status=belum_diukur").status_code == 200
    assert tidak_ditemukan(c.get(f"/posyandu/posyandu/{kota['mawar'].pk}/", AGUSTUS))


def test_operator_gets_no_child_links(client_as, operator_dinkes, kota):
    resp = client_as(operator_dinkes).get("/dasbor/", AGUSTUS)
    assert all(b["tautan"] is None for b in resp.context["cakupan"])
    assert "/posyandu/posyandu/" not in resp.content.decode()


@pytest.fixture
def belum_lapor(dinkes, dinsos):
    from tests.evaluasi.factories import make_semester

    return make_semester("2025S1")  # neither Dinkes nor Dinsos has submitted


@pytest.mark.parametrize("siapa,terbuka", [
    ("pimpinan", set()), ("operator_dinkes", {"Dinkes"}), ("sekretariat", {"Dinkes", "Dinsos"}),
])
def test_not_yet_submitted_opd_link_only_when_the_viewer_may_open_the_report(
        request, client_as, belum_lapor, dinkes, dinsos, siapa, terbuka):
    c = client_as(request.getfixturevalue(siapa))
    resp = c.get("/dasbor/", {"semester": "2025S1"})
    teks = resp.content.decode()
    for opd in (dinkes, dinsos):
        url = f"/evaluasi/semester/2025S1/opd/{opd.pk}/"
        assert (url in teks) == (opd.singkatan in terbuka), (siapa, opd.singkatan)
        assert opd.singkatan in teks.split("Belum mengajukan:")[1].split("</div>")[0]
        if opd.singkatan in terbuka:
            assert c.get(url).status_code == 200


# --- 5. Pending figures: one definition ------------------------------------------------------


def test_pending_figures_are_counted_alike_on_dashboard_and_report(client_as, pimpinan, dinkes,
                                                                  dinsos, peran):
    from tests.evaluasi.factories import make_capaian, make_indikator, make_laporan, make_semester
    from tpps.laporan_semester import isi

    s = make_semester("2025S1")
    k1, k2, k3 = (make_indikator(k, dinsos) for k in ("K1", "K2", "K3"))
    draf = make_laporan(s, dinsos, status=LaporanSemester.Status.DIAJUKAN)
    make_capaian(draf, k1, pembilang=1, penyebut=2)
    make_capaian(draf, k2, pembilang=5)
    make_capaian(draf, k3)                      # a blank draft row: no figure
    skor = client_as(pimpinan).get("/dasbor/", {"semester": "2025S1"}).context["smt"]["skor"]
    laporan = isi.susun(s)
    assert skor["tertunda"] == laporan["ringkasan"]["indikator_tertunda"] == 2


# --- 6. Underweight by wilayah ---------------------------------------------------------------


def test_underweight_is_shown_by_wilayah(client_as, pimpinan, kota):
    anak = make_balita(kota["mawar"], nama="Kurus", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 8, 7), berat=8.0, tinggi=85.0)
    resp = client_as(pimpinan).get("/dasbor/", AGUSTUS)
    bumiaji = next(b for b in resp.context["wilayah"] if b["nama"] == "Bumiaji")
    uw = bumiaji["prev"]["underweight"].proporsi
    assert (uw.k, uw.n) == (1, 2)
    tabel = resp.content.decode().split('id="judul-wilayah"')[1].split("</table>")[0]
    assert "Underweight" in tabel and "50,0%" in tabel
