"""Who sees which children: a Petugas only their scope, by list and by URL; Sekretariat
all; Pimpinan and Operator OPD no child at all."""

from datetime import date

import pytest

from opd import roles
from posyandu.models import Balita, CakupanPetugas, Kegiatan, Pengukuran
from tests.factories import make_user
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import beri_cakupan, make_balita, ukur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]


def test_kader_lists_only_their_posyandu(client_as, kader_melati, melati, mawar, anak_melati,
                                         anak_mawar):
    c = client_as(kader_melati)
    resp = c.get("/posyandu/")
    assert [p.nama for p in resp.context["daftar_posyandu"]] == ["Melati"]
    assert "Aisyah Putri" in c.get(f"/posyandu/posyandu/{melati.pk}/").content.decode()
    # Another Posyandu answers as a missing one does: its ids cannot be probed.
    assert tidak_ditemukan(c.get(f"/posyandu/posyandu/{mawar.pk}/"))


def test_kader_cannot_open_or_change_another_posyandus_child_by_url(client_as, kader_melati,
                                                                    anak_mawar, mawar):
    c = client_as(kader_melati)
    pk = anak_mawar.pk
    assert tidak_ditemukan(c.get(f"/posyandu/balita/{pk}/"))
    assert tidak_ditemukan(c.get(f"/posyandu/balita/{pk}/ubah/"))
    assert tidak_ditemukan(c.post(f"/posyandu/balita/{pk}/ubah/", {"nama": "Diganti"}))
    assert tidak_ditemukan(c.post(f"/posyandu/balita/{pk}/ukur/", {"tanggal_ukur": "2025-08-01",
                                                                   "berat_kg": "11"}))
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 5), posyandu=mawar)
    assert tidak_ditemukan(c.get(f"/posyandu/kegiatan/{kegiatan.pk}/"))
    assert tidak_ditemukan(c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{pk}/",
                                  {"berat_kg": "11"}))
    # A child id that does not exist gets the very same answer.
    assert tidak_ditemukan(c.get("/posyandu/balita/999999/"))
    anak_mawar.refresh_from_db()
    assert anak_mawar.nama == "Bima Sakti" and not Pengukuran.objects.exists()


def test_a_search_on_an_event_page_does_not_reach_outside_the_scope(client_as, kader_melati,
                                                                   melati, anak_mawar):
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 5), posyandu=melati)
    resp = client_as(kader_melati).get(f"/posyandu/kegiatan/{kegiatan.pk}/", {"cari": "Bima"})
    assert "Bima Sakti" not in resp.content.decode()


def test_city_scope_and_sekretariat_see_every_child(client_as, dinkes_kota, sekretariat,
                                                    anak_melati, anak_mawar):
    for user in (dinkes_kota, sekretariat):
        c = client_as(user)
        assert c.get(f"/posyandu/balita/{anak_mawar.pk}/").status_code == 200
        assert c.get(f"/posyandu/balita/{anak_melati.pk}/").status_code == 200


@pytest.mark.parametrize("tingkat", ["desa", "puskesmas"])
def test_desa_and_puskesmas_scopes(client_as, peran, wilayah, anak_melati, anak_mawar, tingkat):
    user = make_user("bidan", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, tingkat, desa=wilayah["sisir"], puskesmas=wilayah["pkm_sisir"])
    c = client_as(user)
    assert c.get(f"/posyandu/balita/{anak_melati.pk}/").status_code == 200
    assert tidak_ditemukan(c.get(f"/posyandu/balita/{anak_mawar.pk}/"))


@pytest.mark.parametrize("pengguna", ["pimpinan", "operator_dinkes"])
def test_aggregate_roles_see_no_child(request, client_as, pengguna, anak_melati, melati):
    # A refusal by role (no permission to read children) stays a 403.
    c = client_as(request.getfixturevalue(pengguna))
    assert c.get(f"/posyandu/balita/{anak_melati.pk}/").status_code == 403
    assert c.get(f"/posyandu/posyandu/{melati.pk}/").status_code == 403
    resp = c.get("/posyandu/")
    assert resp.status_code == 200 and "angka ringkasan saja" in resp.content.decode()


def test_a_petugas_without_scope_sees_nothing(client_as, peran, anak_melati):
    user = make_user("baru", peran=roles.PETUGAS_POSYANDU)
    c = client_as(user)
    assert tidak_ditemukan(c.get(f"/posyandu/balita/{anak_melati.pk}/"))
    assert list(c.get("/posyandu/").context["daftar_posyandu"]) == []


def test_scope_validation_in_the_model(peran):
    user = make_user("x", peran=roles.PETUGAS_POSYANDU)
    cakupan = CakupanPetugas(user=user, tingkat="desa")
    with pytest.raises(Exception, match="Pilih desa"):
        cakupan.full_clean()


def test_a_superuser_sets_a_petugas_scope_in_the_admin(client_as, peran, melati):
    from opd.models import User

    petugas = make_user("kader.baru", peran=roles.PETUGAS_POSYANDU)
    c = client_as(User.objects.create_superuser("teknis", password="x-Very-Long-1"))
    form = c.get(f"/admin/opd/user/{petugas.pk}/change/")
    assert form.status_code == 200 and "cakupan" in form.content.decode()
    data = {
        "username": "kader.baru", "first_name": "Kader", "is_active": "on",
        "groups": [g.pk for g in petugas.groups.all()],
        "cakupan-TOTAL_FORMS": "1", "cakupan-INITIAL_FORMS": "0",
        "cakupan-MIN_NUM_FORMS": "0", "cakupan-MAX_NUM_FORMS": "1",
        "cakupan-0-tingkat": "posyandu", "cakupan-0-posyandu": [melati.pk],
    }
    resp = c.post(f"/admin/opd/user/{petugas.pk}/change/", data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    assert list(petugas.cakupan.posyandu_qs()) == [melati]


def test_posyandu_page_query_count_is_constant(client_as, kader_melati, melati,
                                               django_assert_num_queries):
    c = client_as(kader_melati)
    for i in range(3):
        ukur(make_balita(melati, nama=f"Anak {i}"), date(2025, 8, 1), berat=9, tinggi=75)
    c.get(f"/posyandu/posyandu/{melati.pk}/")
    with django_assert_num_queries(7):
        c.get(f"/posyandu/posyandu/{melati.pk}/")
    for i in range(5):
        ukur(make_balita(melati, nama=f"Anak lagi {i}"), date(2025, 8, 1), berat=9, tinggi=75)
    with django_assert_num_queries(7):
        resp = c.get(f"/posyandu/posyandu/{melati.pk}/")
    assert len(resp.context["daftar_balita"]) == Balita.objects.count() == 8
