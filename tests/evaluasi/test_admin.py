"""The catalogue, targets, semesters and bands are kept in the admin by Sekretariat TPPS;
reports are read-only there."""

import pytest

from evaluasi.models import Semester, TargetIndikator
from tests.evaluasi.factories import make_capaian, make_laporan

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["indikator", "targetindikator", "semester", "predikatcapaian",
                                   "evaluasibpkp", "temuanbpkp", "rekomendasibpkp"])
def test_sekretariat_manages_the_catalogue(client_as, sekretariat, katalog, semester, model):
    c = client_as(sekretariat)
    assert c.get(f"/admin/evaluasi/{model}/").status_code == 200
    assert c.get(f"/admin/evaluasi/{model}/add/").status_code == 200


def test_a_city_target_is_set_in_the_admin(client_as, sekretariat, katalog):
    resp = client_as(sekretariat).post("/admin/evaluasi/targetindikator/add/", {
        "indikator": katalog["K8"].pk, "tahun": "2025", "target_kota": "1250",
        "target_nasional": "",
    })
    assert resp.status_code == 302, resp.content.decode()[:2000]
    target = TargetIndikator.objects.get(indikator=katalog["K8"])
    assert target.target_kota == 1250 and target.target_nasional is None


def test_a_semester_is_created_in_the_admin_and_its_state_is_then_read_only(client_as,
                                                                            sekretariat):
    c = client_as(sekretariat)
    resp = c.post("/admin/evaluasi/semester/add/", {
        "kode": "2025S2", "tanggal_mulai": "01/07/2025", "tanggal_selesai": "31/12/2025",
        "pengisian_dibuka": "01/01/2026", "batas_pengisian": "15/01/2026", "status": "dibuka",
        "pembukaan_kunci-TOTAL_FORMS": "0", "pembukaan_kunci-INITIAL_FORMS": "0",
    })
    assert resp.status_code == 302, resp.content.decode()[:3000]
    semester = Semester.objects.get()
    assert (semester.tahun, semester.nomor) == (2025, 2)
    halaman = c.get(f"/admin/evaluasi/semester/{semester.pk}/change/").content.decode()
    assert 'name="status"' not in halaman


def test_reports_are_read_only_in_the_admin(client_as, sekretariat, semester, dinkes, katalog):
    capaian = make_capaian(make_laporan(semester, dinkes), katalog["S1"], pembilang=1,
                           penyebut=2)
    c = client_as(sekretariat)
    assert c.get("/admin/evaluasi/capaian/").status_code == 200
    assert c.get("/admin/evaluasi/capaian/add/").status_code == 403
    resp = c.post(f"/admin/evaluasi/capaian/{capaian.pk}/change/", {"pembilang": "2"})
    assert resp.status_code == 403
    capaian.refresh_from_db()
    assert capaian.pembilang == 1


def test_an_operator_has_no_admin(client_as, operator_dinkes):
    assert client_as(operator_dinkes).get("/admin/evaluasi/indikator/").status_code == 302


@pytest.mark.parametrize("ketik, nilai", [("12,5", "12.50"), ("12.5", "12.50"), ("90", "90.00")])
def test_a_target_takes_a_comma_or_a_dot(client_as, sekretariat, katalog, ketik, nilai):
    resp = client_as(sekretariat).post("/admin/evaluasi/targetindikator/add/", {
        "indikator": katalog["K8"].pk, "tahun": "2026", "target_kota": ketik,
        "target_nasional": ketik,
    })
    assert resp.status_code == 302, resp.content.decode()[:2000]
    target = TargetIndikator.objects.get(indikator=katalog["K8"], tahun=2026)
    assert (str(target.target_kota), str(target.target_nasional)) == (nilai, nilai)


def test_a_bad_target_is_refused_with_an_indonesian_message(client_as, sekretariat, katalog):
    resp = client_as(sekretariat).post("/admin/evaluasi/targetindikator/add/", {
        "indikator": katalog["K8"].pk, "tahun": "2026", "target_kota": "dua belas",
    })
    assert resp.status_code == 200
    assert "koma atau titik sebagai tanda desimal" in resp.content.decode()
    assert not TargetIndikator.objects.filter(tahun=2026).exists()


def test_targets_typed_in_the_indicator_page_take_a_comma(client_as, sekretariat, katalog):
    from evaluasi.models import Indikator

    s1 = katalog["S1"]
    target = s1.target.get()
    c = client_as(sekretariat)
    url = f"/admin/evaluasi/indikator/{s1.pk}/change/"
    assert c.get(url).status_code == 200
    resp = c.post(url, {
        "kode": s1.kode, "nama": s1.nama, "kelompok": s1.kelompok, "satuan": s1.satuan,
        "arah": s1.arah, "aktif": "on", "urutan": "1", "ambang_perubahan": "12,5",
        "opd_utama": s1.opd_utama_id,
        "target-TOTAL_FORMS": "2", "target-INITIAL_FORMS": "1",
        "target-MIN_NUM_FORMS": "0", "target-MAX_NUM_FORMS": "1000",
        "target-0-id": target.pk, "target-0-indikator": s1.pk, "target-0-tahun": "2025",
        "target-0-target_kota": "82,5", "target-0-target_nasional": "90",
        "target-1-indikator": s1.pk, "target-1-tahun": "2026",
        "target-1-target_kota": "85,25", "target-1-target_nasional": "",
    })
    assert resp.status_code == 302, resp.content.decode()[:3000]
    assert Indikator.objects.get(pk=s1.pk).ambang_perubahan == 12.5
    assert {t.tahun: str(t.target_kota) for t in s1.target.all()} == {2025: "82.50",
                                                                     2026: "85.25"}


def _semester_baru(**ubah):
    data = {
        "kode": "2025S1", "tanggal_mulai": "01/01/2025", "tanggal_selesai": "30/06/2025",
        "pengisian_dibuka": "01/07/2025", "batas_pengisian": "20/07/2025", "status": "dibuka",
        "pembukaan_kunci-TOTAL_FORMS": "0", "pembukaan_kunci-INITIAL_FORMS": "0",
    }
    data.update(ubah)
    return data


@pytest.mark.parametrize("ubah, medan", [
    ({"tanggal_mulai": "01/02/2025"}, "tanggal_mulai"),
    ({"tanggal_selesai": "31/12/2025"}, "tanggal_selesai"),
    ({"kode": "2025S2"}, "tanggal_mulai"),
    ({"kode": "2024S1"}, "tanggal_selesai"),
])
def test_a_semesters_dates_must_match_its_code(client_as, sekretariat, ubah, medan):
    resp = client_as(sekretariat).post("/admin/evaluasi/semester/add/", _semester_baru(**ubah))
    assert resp.status_code == 200
    assert medan in resp.context["adminform"].form.errors
    assert "berlangsung" in resp.content.decode()
    assert not Semester.objects.exists()


def test_the_period_rule_on_the_model():
    from datetime import date

    from django.core.exceptions import ValidationError

    semester = Semester(kode="2025S1", tanggal_mulai=date(2025, 1, 1),
                        tanggal_selesai=date(2025, 6, 30), pengisian_dibuka=date(2025, 7, 1),
                        batas_pengisian=date(2025, 7, 20))
    semester.full_clean()
    semester.tanggal_selesai = date(2025, 7, 31)
    with pytest.raises(ValidationError) as exc:
        semester.full_clean()
    assert exc.value.message_dict["tanggal_selesai"] == [
        "Semester 2025S1 berlangsung 01-01-2025 sampai 30-06-2025; isi 30-06-2025 di sini."]
    assert "tanggal_mulai" not in exc.value.message_dict


# --- Sekretariat TPPS reaches the admin pages its work sends it to ----------------------

TANPA_INLINE = {"cakupan-TOTAL_FORMS": "0", "cakupan-INITIAL_FORMS": "0"}


def test_an_account_given_the_sekretariat_role_can_record_a_bpkp_evaluation(client_as, peran):
    from django.contrib.auth.models import Group

    from opd import roles
    from opd.models import User

    c = client_as(User.objects.create_superuser("teknis", password="x-Very-Long-1"))
    resp = c.post("/admin/opd/user/add/", {
        "username": "rina", "password1": "Sandi-Rahasia-9871", "password2": "Sandi-Rahasia-9871",
        "usable_password": "true", "first_name": "Rina", "last_name": "Wati",
        "groups": [Group.objects.get(name=roles.SEKRETARIAT).pk], **TANPA_INLINE,
    })
    assert resp.status_code == 302, resp.content.decode()[:3000]
    rina = User.objects.get(username="rina")
    assert rina.is_staff  # the role, not a separate tick, gives admin access
    c = client_as(rina)
    assert "Catat evaluasi BPKP" in c.get("/evaluasi/bpkp/").content.decode()
    assert c.get("/admin/evaluasi/evaluasibpkp/add/").status_code == 200
    assert c.get("/admin/evaluasi/semester/add/").status_code == 200


def test_other_roles_get_no_admin_access(client_as, peran, dinkes):
    from django.contrib.auth.models import Group

    from opd import roles
    from opd.models import User

    resp = client_as(User.objects.create_superuser("teknis", password="x-Very-Long-1")).post("/admin/opd/user/add/", {
        "username": "okti", "password1": "Sandi-Rahasia-9871", "password2": "Sandi-Rahasia-9871",
        "usable_password": "true", "opd": dinkes.pk,
        "groups": [Group.objects.get(name=roles.OPERATOR_OPD).pk], **TANPA_INLINE,
    })
    assert resp.status_code == 302, resp.content.decode()[:3000]
    okti = User.objects.get(username="okti")
    assert not okti.is_staff
    assert client_as(okti).get("/admin/evaluasi/evaluasibpkp/add/").status_code == 302


def test_the_role_given_later_or_before_the_rule_also_gives_admin_access(peran):
    from django.contrib.auth.models import Group

    from opd import roles
    from tests.factories import make_user
    from tpps.reference import muat_peran

    lama = make_user("lama", peran=roles.SEKRETARIAT)  # given the role outside the admin
    operator = make_user("operator", peran=roles.OPERATOR_OPD)
    assert not lama.is_staff
    muat_peran()  # seed_reference brings older accounts in line
    lama.refresh_from_db()
    operator.refresh_from_db()
    assert lama.is_staff and not operator.is_staff
    operator.groups.add(Group.objects.get(name=roles.SEKRETARIAT))
    assert roles.beri_akses_admin(operator) and operator.is_staff
    assert not roles.beri_akses_admin(operator)  # already staff: nothing to do
