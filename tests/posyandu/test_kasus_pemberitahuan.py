"""A new case found at a measurement a kader saves reaches the nutrition staff of the
child's Puskesmas and of Dinkes, in the inbox and by e-mail, naming the condition and the
Posyandu, never the child; cases opened in bulk (an import, the demo, the catch-up
command) tell nobody."""

import uuid
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from opd import roles
from opd.models import Pemberitahuan
from posyandu.models import CakupanPetugas, Kasus, Kegiatan
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, ukur

pytestmark = pytest.mark.django_db

HARI = date(2025, 8, 12)
T = CakupanPetugas.Tingkat


@pytest.fixture
def staf(peran, wilayah, dinkes_kota):
    dinkes_kota.email = "gizi@dinkes.batukota.go.id"
    dinkes_kota.save()
    pkm_sisir = make_user("gizi.sisir", peran=roles.PETUGAS_POSYANDU,
                          email="gizi@pkm-sisir.batukota.go.id")
    beri_cakupan(pkm_sisir, T.PUSKESMAS, puskesmas=wilayah["pkm_sisir"])
    pkm_bumiaji = make_user("gizi.bumiaji", peran=roles.PETUGAS_POSYANDU,
                            email="gizi@pkm-bumiaji.batukota.go.id")
    beri_cakupan(pkm_bumiaji, T.PUSKESMAS, puskesmas=wilayah["pkm_bumiaji"])
    return {"kota": dinkes_kota, "sisir": pkm_sisir, "bumiaji": pkm_bumiaji}


@pytest.fixture
def raka(melati):
    return make_balita(melati, nama="Raka Pratama", nik="3579011004230002",
                       nama_ibu="Siti Aminah", jenis_kelamin="L", tanggal_lahir=date(2023, 4, 10))


def test_a_stunted_child_saved_at_the_event_tells_the_puskesmas_and_dinkes(
        client_as, kader_melati, melati, staf, raka, mailoutbox,
        django_capture_on_commit_callbacks):
    kader_melati.email = "kader@melati.example"
    kader_melati.save()
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client_as(kader_melati).post(
            f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{raka.pk}/",
            {"berat_kg": "10,1", "tinggi_cm": "80,0", "cara_ukur": "h",
             "id_entri": str(uuid.uuid4())})
    assert resp.status_code == 200 and resp.json()["ok"]
    kasus = Kasus.objects.get(balita=raka, jenis=Kasus.Jenis.STUNTING)
    told = Pemberitahuan.objects.filter(jenis=Pemberitahuan.Jenis.KASUS_BARU)
    assert sorted(p.penerima.username for p in told) == ["gizi.dinkes", "gizi.sisir"]
    p = told.first()
    assert p.judul == "Kasus baru di Posyandu Melati (Sisir): Stunting (pendek/sangat pendek)"
    assert p.tautan == f"/posyandu/kasus/{kasus.pk}/"
    assert sorted(m.to[0] for m in mailoutbox) == ["gizi@dinkes.batukota.go.id",
                                                   "gizi@pkm-sisir.batukota.go.id"]
    # No name, mother's name or NIK anywhere it travels.
    for teks in [*(m.subject + m.body for m in mailoutbox), *(x.judul + x.isi for x in told)]:
        for rahasia in ("Raka", "Pratama", "Siti Aminah", "3579011004230002"):
            assert rahasia not in teks
    # The link opens the case for those whose scope holds it, and no one else.
    assert client_as(staf["sisir"]).get(p.tautan).status_code == 200
    assert client_as(staf["bumiaji"]).get(p.tautan).status_code == 404


def test_a_condition_already_followed_is_not_told_again(staf, raka):
    ukur(raka, date(2025, 7, 10), berat=10.0, tinggi=80.0)
    ukur(raka, HARI, berat=10.2, tinggi=80.5)  # still stunted: the open case continues
    assert Kasus.objects.filter(balita=raka, jenis=Kasus.Jenis.STUNTING).count() == 1
    assert Pemberitahuan.objects.filter(penerima=staf["sisir"]).count() == 1


@pytest.mark.usefixtures("hari_uji")  # the catch-up reads children under five today
def test_cases_opened_in_bulk_tell_nobody(staf, raka, melati):
    ukur(raka, HARI, berat=10.1, tinggi=80.0)
    Kasus.objects.all().delete()
    Pemberitahuan.objects.all().delete()
    call_command("buka_kasus_tertinggal", stdout=StringIO())
    assert Kasus.objects.filter(balita=raka).exists()
    assert not Pemberitahuan.objects.exists()
