"""The probe of an event page's search, exactly: a kader types a child's 16-digit NIK into
``/posyandu/kegiatan/<pk>/?cari=`` (and the desk's ``/posyandu/kegiatan/<pk>/cari/?q=``).
Without "lihat NIK" nothing is matched by NIK and nothing tells whose NIK it is; with it the
child is found and the search is logged (LogAksesData "cari_nik")."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from opd import roles
from posyandu.models import CakupanPetugas, Kegiatan, LogAksesData
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita

pytestmark = pytest.mark.django_db

NIK = "3579015003240777"
TERSAMAR = "3579********0777"


@pytest.fixture
def kader(peran, melati, mawar):
    """A kader of two Posyandu: Mawar's children are in scope, not on Melati's event list."""
    user = make_user("kader.dua", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati, mawar])
    return user


@pytest.fixture
def kegiatan(melati):
    return Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=melati)


@pytest.fixture
def anak(mawar):
    return make_balita(mawar, nama="Citra Kirana", nama_ibu="Wulan Sari", nik=NIK,
                       tanggal_lahir=date(2024, 3, 10))


def _dengan_lihat_nik(user):
    user.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    return type(user).objects.get(pk=user.pk)


@pytest.mark.parametrize("ketikan", [NIK, "3579 0150 0324 0777", "3579.0150.0324.0777"])
def test_without_lihat_nik_the_event_page_reveals_nothing(client_as, kader, kegiatan, anak,
                                                          ketikan):
    resp = client_as(kader).get(f"/posyandu/kegiatan/{kegiatan.pk}/", {"cari": ketikan})
    assert resp.status_code == 200
    assert anak not in [b["balita"] for b in resp.context["baris"]]
    html = resp.content.decode()
    assert "Citra Kirana" not in html and "Wulan Sari" not in html and TERSAMAR not in html
    assert f'value="{ketikan}"' in html  # only what the kader typed, in the search box
    assert html.count(ketikan) == 1
    assert "hanya untuk pengguna yang berhak melihat NIK" in html
    assert not LogAksesData.objects.filter(aksi=LogAksesData.Aksi.CARI_NIK).exists()


def test_without_lihat_nik_the_desk_search_reveals_nothing(client_as, kader, kegiatan, anak):
    resp = client_as(kader).get(f"/posyandu/kegiatan/{kegiatan.pk}/cari/", {"q": NIK})
    assert resp.status_code == 200
    j = resp.json()
    assert j["jumlah"] == 0
    assert "Citra Kirana" not in j["html"] and NIK not in j["html"] and TERSAMAR not in j["html"]
    assert f'data-balita="{anak.pk}"' not in j["html"]
    assert not LogAksesData.objects.filter(aksi=LogAksesData.Aksi.CARI_NIK).exists()


def test_with_lihat_nik_the_child_is_found_and_each_search_is_logged(client_as, kader,
                                                                     kegiatan, anak):
    c = client_as(_dengan_lihat_nik(kader))
    resp = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/", {"cari": NIK})
    assert anak in [b["balita"] for b in resp.context["baris"]]
    assert "Citra Kirana" in resp.content.decode()
    log = LogAksesData.objects.get()
    assert (log.user_id, log.aksi, log.balita) == (kader.pk, LogAksesData.Aksi.CARI_NIK, anak)

    j = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/cari/", {"q": NIK}).json()
    assert j["jumlah"] == 1 and f'data-balita="{anak.pk}"' in j["html"]
    assert LogAksesData.objects.filter(aksi=LogAksesData.Aksi.CARI_NIK, balita=anak).count() == 2


def test_with_lihat_nik_a_child_outside_the_scope_is_not_found_but_the_search_is_logged(
    client_as, kader_melati, kegiatan, anak
):
    """Mawar's child for a kader of Melati only: no match, no hint, the attempt logged."""
    c = client_as(_dengan_lihat_nik(kader_melati))
    resp = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/", {"cari": NIK})
    assert anak not in [b["balita"] for b in resp.context["baris"]]
    assert "Citra Kirana" not in resp.content.decode()
    j = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/cari/", {"q": NIK}).json()
    assert j["jumlah"] == 0 and "Citra Kirana" not in j["html"]
    logs = LogAksesData.objects.filter(aksi=LogAksesData.Aksi.CARI_NIK)
    assert logs.count() == 2 and not logs.exclude(balita=None).exists()
