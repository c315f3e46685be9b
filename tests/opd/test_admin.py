"""The roster and accounts in the admin: Sekretariat TPPS maintains them, with history."""

import io
from datetime import date

import openpyxl
import pytest
from django.contrib.auth.models import Group

from opd import roles
from opd.models import OPD, AnggotaTim, User
from tests.factories import make_anggota, make_user

pytestmark = pytest.mark.django_db

# The user form carries the Petugas Posyandu scope inline (posyandu.admin).
INLINE_CAKUPAN = {"cakupan-TOTAL_FORMS": "0", "cakupan-INITIAL_FORMS": "0",
                  "cakupan-MIN_NUM_FORMS": "0", "cakupan-MAX_NUM_FORMS": "1"}


def test_sekretariat_adds_a_representative_in_the_admin(client_as, sekretariat, dinkes):
    c = client_as(sekretariat)
    assert c.get("/admin/opd/anggotatim/add/").status_code == 200
    resp = c.post(
        "/admin/opd/anggotatim/add/",
        {"opd": dinkes.pk, "nama": "Siti Aminah", "jabatan": "Kabid Kesmas",
         "peran": "focal_person", "telepon": "0813", "mulai": "01/03/2026"},
    )
    assert resp.status_code == 302, resp.content.decode()[:3000]
    siti = AnggotaTim.objects.get(nama="Siti Aminah")
    assert siti.opd == dinkes and siti.mulai == date(2026, 3, 1)
    assert siti.history.first().history_user == sekretariat


def test_admin_changelist_searches_and_filters(client_as, sekretariat, dinkes, dinsos):
    c = client_as(sekretariat)
    resp = c.get("/admin/opd/opd/", {"q": "sosial"})
    assert [o.singkatan for o in resp.context["cl"].result_list] == ["Dinsos"]
    make_anggota(dinkes, nama="Lama", mulai=date(2020, 1, 1), sampai=date(2021, 1, 1))
    make_anggota(dinkes, nama="Kini")
    resp = c.get("/admin/opd/anggotatim/", {"status": "aktif"})
    assert [a.nama for a in resp.context["cl"].result_list] == ["Kini"]


def test_roster_exports_to_excel_with_current_people(client_as, sekretariat, dinkes, dinsos):
    make_anggota(dinkes, nama="Rina Focal", peran="focal_person", telepon="0812")
    make_anggota(dinkes, nama="dr. Kadis", peran="anggota")
    make_anggota(dinkes, nama="Pak Lama", mulai=date(2020, 1, 1), sampai=date(2021, 1, 1))
    resp = client_as(sekretariat).post("/admin/opd/opd/export/", {
        "format": "0", "opdresource_singkatan": "on", "opdresource_nama": "on",
        "opdresource_perwakilan": "on", "opdresource_focal_person": "on",
    })
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    lembar = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    baris = {r[0]: r for r in lembar.iter_rows(values_only=True)}
    kepala = baris.pop("singkatan")
    dinkes_baris = dict(zip(kepala, baris["Dinkes"], strict=True))
    assert dinkes_baris["Perwakilan saat ini"] == "dr. Kadis (Anggota)"
    assert dinkes_baris["Focal person"] == "Rina Focal (Focal person, 0812)"
    assert "Pak Lama" not in str(baris)
    assert "Dinsos" in baris


def test_changes_keep_an_audit_history(client_as, sekretariat, dinkes):
    c = client_as(sekretariat)
    resp = c.post(f"/admin/opd/opd/{dinkes.pk}/change/", {
        "singkatan": "Dinkes", "nama": "Dinas Kesehatan Kota Batu", "jenis": "dinas",
        "aktif": "on", "wajib_lapor": "on", "urutan": "7",
        "anggota-TOTAL_FORMS": "0", "anggota-INITIAL_FORMS": "0",
    })
    assert resp.status_code == 302, resp.content.decode()[:2000]
    terakhir = dinkes.history.first()
    assert terakhir.history_user == sekretariat and terakhir.nama == "Dinas Kesehatan Kota Batu"
    riwayat = c.get(f"/admin/opd/opd/{dinkes.pk}/history/")
    assert riwayat.status_code == 200 and "Sari" in riwayat.content.decode()


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan", "petugas"])
def test_non_staff_roles_have_no_admin(request, client_as, pengguna):
    resp = client_as(request.getfixturevalue(pengguna)).get("/admin/opd/anggotatim/add/")
    assert resp.status_code == 302 and "/admin/login/" in resp["Location"]


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("teknis", password="x-Very-Long-1")


def test_a_superuser_creates_an_operator_account_with_role_and_agency(client_as, superuser,
                                                                      peran, dinkes):
    c = client_as(superuser)
    resp = c.post("/admin/opd/user/add/", {
        **INLINE_CAKUPAN,
        "username": "operator.dinkes", "password1": "Batu-Sehat-2026!",
        "password2": "Batu-Sehat-2026!", "first_name": "Okta",
        "groups": [Group.objects.get(name=roles.OPERATOR_OPD).pk], "opd": dinkes.pk,
    })
    assert resp.status_code == 302, resp.content.decode()[:3000]
    baru = User.objects.get(username="operator.dinkes")
    assert baru.opd == dinkes and baru.has_perm("opd.kelola_anggota_opd_sendiri")
    assert not baru.is_superuser


def test_the_sekretariat_manages_accounts_in_the_app_not_the_admin(client_as, sekretariat,
                                                                    dinkes):
    okta = make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes)
    c = client_as(sekretariat)
    for url in ("/admin/opd/user/", "/admin/opd/user/add/", f"/admin/opd/user/{okta.pk}/change/"):
        assert c.get(url).status_code == 403, url
    data = {**INLINE_CAKUPAN, "username": "okta", "first_name": "Diubah", "is_active": "on",
            "is_superuser": "on", "groups": [Group.objects.get(name=roles.PIMPINAN).pk]}
    assert c.post(f"/admin/opd/user/{okta.pk}/change/", data).status_code == 403
    assert c.post(f"/admin/opd/user/{okta.pk}/password/",
                  {"password1": "Diambil-Alih-1", "password2": "Diambil-Alih-1"}
                  ).status_code == 403
    okta.refresh_from_db()
    assert okta.first_name == "Okta" and not okta.is_superuser
    assert okta.groups.get().name == roles.OPERATOR_OPD and okta.check_password("sandi-uji-123")
    beranda = c.get("/admin/").content.decode()
    assert "/admin/opd/user/" not in beranda and "/admin/opd/anggotatim/" in beranda
    # The app's account pages are where the Sekretariat works.
    assert c.get("/pengguna/").status_code == 200


def test_admin_roster_counts_each_member_once(client_as, sekretariat):
    from django.core.management import call_command

    call_command("seed_reference", stdout=io.StringIO())
    resp = client_as(sekretariat).get("/admin/opd/opd/", {"all": ""})
    assert resp.context["cl"].result_count == OPD.objects.count() == 33
