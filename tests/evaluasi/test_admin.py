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
