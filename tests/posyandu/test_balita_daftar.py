"""The children list by Posyandu / desa / Puskesmas area within the user's scope, and the
data-cleaning list of NIK shared by several children."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from opd import roles
from posyandu.models import CakupanPetugas, LogAksesData
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu, ukur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]
DAFTAR = "/posyandu/balita/"
NIK_GANDA = "/posyandu/balita/nik-ganda/"


def _lihat_nik(user):
    user.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def petugas_desa(peran, wilayah, melati):
    user = make_user("bidan.sisir", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, CakupanPetugas.Tingkat.DESA, desa=wilayah["sisir"])
    return user


@pytest.fixture
def petugas_pkm(peran, wilayah, mawar):
    user = make_user("gizi.pkm.bumiaji", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, CakupanPetugas.Tingkat.PUSKESMAS, puskesmas=wilayah["pkm_bumiaji"])
    return user


@pytest.fixture
def kamboja(wilayah):
    """A second Posyandu in Sisir, under Puskesmas Bumiaji (areas need not follow desa)."""
    return make_posyandu("Kamboja", desa=wilayah["sisir"], puskesmas=wilayah["pkm_bumiaji"])


@pytest.fixture
def anak(anak_melati, anak_mawar, kamboja):
    return {"melati": anak_melati, "mawar": anak_mawar,
            "kamboja": make_balita(kamboja, nama="Citra Kamboja")}


def nama_di(resp) -> set[str]:
    return {b.nama for b in resp.context["halaman"]}


# --- The children list (item: per desa and per Puskesmas area) -----------------------


def test_desa_scope_lists_the_children_of_its_desa(client_as, petugas_desa, anak, wilayah):
    c = client_as(petugas_desa)
    assert nama_di(c.get(DAFTAR)) == {"Aisyah Putri", "Citra Kamboja"}
    assert nama_di(c.get(DAFTAR, {"desa": wilayah["sisir"].pk})) == {"Aisyah Putri",
                                                                      "Citra Kamboja"}
    resp = c.get(DAFTAR, {"puskesmas": wilayah["pkm_bumiaji"].pk})
    assert nama_di(resp) == {"Citra Kamboja"}


def test_a_desa_outside_the_scope_is_refused_and_nothing_is_shown(client_as, petugas_desa,
                                                                 anak, wilayah, mawar):
    c = client_as(petugas_desa)
    for saring in ({"desa": wilayah["bumiaji"].pk}, {"posyandu": mawar.pk}, {"desa": "x"}):
        resp = c.get(DAFTAR, saring)
        teks = resp.content.decode()
        assert resp.status_code == 200 and "Saringan tidak sah" in teks
        assert nama_di(resp) == set() and "Bima Sakti" not in teks


def test_puskesmas_scope_lists_its_area_only(client_as, petugas_pkm, anak, wilayah):
    c = client_as(petugas_pkm)
    assert nama_di(c.get(DAFTAR)) == {"Bima Sakti", "Citra Kamboja"}
    assert nama_di(c.get(DAFTAR, {"desa": wilayah["bumiaji"].pk})) == {"Bima Sakti"}
    assert nama_di(c.get(DAFTAR, {"puskesmas": wilayah["pkm_sisir"].pk})) == set()


def test_city_scope_filters_by_any_desa_or_puskesmas(client_as, dinkes_kota, anak, wilayah):
    c = client_as(dinkes_kota)
    assert nama_di(c.get(DAFTAR)) == {"Aisyah Putri", "Bima Sakti", "Citra Kamboja"}
    assert nama_di(c.get(DAFTAR, {"puskesmas": wilayah["pkm_sisir"].pk})) == {"Aisyah Putri"}
    assert nama_di(c.get(DAFTAR, {"desa": wilayah["bumiaji"].pk, "nama": "bima"})) == {
        "Bima Sakti"}


def test_status_filter_uses_the_latest_length(client_as, dinkes_kota, anak):
    ukur(anak["melati"], date(2025, 7, 12), berat=7.2, tinggi=70.0)
    ukur(anak["melati"], date(2025, 8, 12), berat=7.4)  # weight only
    c = client_as(dinkes_kota)
    semua = nama_di(c.get(DAFTAR, {"status": "pendek"})) | nama_di(
        c.get(DAFTAR, {"status": "sangat_pendek"}))
    assert semua == {"Aisyah Putri"}


def test_the_list_needs_child_data_rights(client_as, pimpinan, petugas):
    assert client_as(pimpinan).get(DAFTAR).status_code == 403
    assert client_as(petugas).get(DAFTAR).status_code == 403  # no scope yet


def test_children_list_query_count_does_not_grow(client_as, dinkes_kota, melati,
                                                 django_assert_num_queries):
    c = client_as(dinkes_kota)
    make_balita(melati, nama="Satu")
    c.get(DAFTAR)
    saring = {"desa": melati.desa_id, "puskesmas": melati.puskesmas_id}
    with django_assert_num_queries(12):
        c.get(DAFTAR, saring)
    for i in range(8):
        anak = make_balita(melati, nama=f"Anak {i}")
        ukur(anak, date(2025, 8, 12), berat=9.0, tinggi=80.0)
    with django_assert_num_queries(12):
        resp = c.get(DAFTAR, saring)
    assert len(nama_di(resp)) == 9


# --- NIK shared by several children (data cleaning) ---------------------------------


@pytest.fixture
def kembar(melati, mawar):
    hasan = make_balita(melati, nama="Hasan", nik="3579010101800001", tanggal_lahir=date(2024, 1, 1))
    husein = make_balita(mawar, nama="Husein", nik="3579010101800001",
                         tanggal_lahir=date(2024, 1, 1))
    make_balita(melati, nama="Lain", nik="3579010101800009")
    return hasan, husein


@pytest.mark.parametrize("siapa", ["sekretariat", "dinkes_kota"])
def test_cleaning_list_shows_shared_nik_masked(client_as, request, kembar, siapa):
    c = client_as(request.getfixturevalue(siapa))
    resp = c.get(NIK_GANDA)
    teks = resp.content.decode()
    assert resp.status_code == 200 and nama_di_baris(resp) == {"Hasan", "Husein"}
    assert "3579********0001" in teks and "3579010101800001" not in teks
    assert "Lain" not in teks and not LogAksesData.objects.exists()
    assert NIK_GANDA in c.get(DAFTAR).content.decode()  # linked from the children list


def nama_di_baris(resp) -> set[str]:
    return {b.nama for b in resp.context["baris"]}


def test_cleaning_list_is_refused_to_users_without_cleaning_rights(client_as, kader_melati,
                                                                   petugas_desa, pimpinan,
                                                                   kembar):
    for user in (kader_melati, petugas_desa, pimpinan):
        c = client_as(user)
        assert c.get(NIK_GANDA).status_code == 403
    assert NIK_GANDA not in client_as(kader_melati).get(DAFTAR).content.decode()


def test_full_nik_needs_the_permission_and_every_reveal_is_logged(client_as, sekretariat,
                                                                  kembar):
    c = client_as(sekretariat)
    assert "Tampilkan NIK lengkap" not in c.get(NIK_GANDA).content.decode()
    assert c.post(NIK_GANDA).status_code == 403
    assert not LogAksesData.objects.exists()

    c = client_as(_lihat_nik(sekretariat))
    assert "Tampilkan NIK lengkap" in c.get(NIK_GANDA).content.decode()
    assert not LogAksesData.objects.exists()  # showing the button reveals nothing
    teks = c.post(NIK_GANDA).content.decode()
    assert teks.count("3579010101800001") == 2
    logs = LogAksesData.objects.all()
    assert {(log.aksi, log.balita) for log in logs} == {("lihat_nik", b) for b in kembar}
    assert all(log.user == sekretariat for log in logs)


def test_cleaning_list_query_count(client_as, sekretariat, kembar, melati,
                                   django_assert_num_queries):
    c = client_as(sekretariat)
    c.get(NIK_GANDA)
    with django_assert_num_queries(7):
        c.get(NIK_GANDA)
    for i in range(5):
        make_balita(melati, nama=f"Ganda {i}", nik="3579010101800777")
    with django_assert_num_queries(7):
        resp = c.get(NIK_GANDA)
    assert len(nama_di_baris(resp)) == 7
