"""Every child whose status calls for a case has an open one, or a visible reason: the rule
(``BalitaQuerySet.perlu_kasus`` / ``kasus_tertinggal`` / ``kasus_selesai_menunggu``), the
command that opens the missed cases, and the migration that did it once."""

import importlib
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core import mail
from django.core.management import call_command

from posyandu import alur
from posyandu.models import Balita, Kasus
from posyandu.models.pengukuran import STATUS_KASUS
from tests.posyandu.factories import make_balita, ukur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]
migrasi = importlib.import_module("posyandu.migrations.0010_buka_kasus_tertinggal")

J = Kasus.Jenis
FEB, APRIL, MEI, AGUSTUS = (date(2026, b, 10) for b in (2, 4, 5, 8))


def tanpa_kasus():
    """As data imported or entered before cases were opened at each measurement."""
    Kasus.objects.all().delete()


@pytest.fixture
def pendek_sejak_april(anak_melati):
    """Normal in February, stunted ("Pendek") in April, weighed only in May, still stunted
    in August; no case."""
    ukur(anak_melati, FEB, berat=11.0, tinggi=84.0)
    ukur(anak_melati, APRIL, berat=10.2, tinggi=79.0)
    ukur(anak_melati, MEI, berat=10.3)
    ukur(anak_melati, AGUSTUS, berat=10.6, tinggi=82.0)
    tanpa_kasus()
    return anak_melati


@pytest.fixture
def dua_t(melati):
    """Weighed without gaining three months running: 2T at the latest weighing; no case."""
    anak = make_balita(melati, nama="Dua T", tanggal_lahir=date(2024, 1, 5))
    for bulan, berat in ((7, 12.5), (8, 12.55), (9, 12.6)):
        ukur(anak, date(2026, bulan, 5), berat=berat, tinggi=91.0)
    tanpa_kasus()
    return anak


def kebutuhan(balita, qs=None) -> dict:
    """{condition: its row of ``Balita.kebutuhan_kasus``} of ``balita`` in ``qs``."""
    qs = Balita.objects.kasus_tertinggal() if qs is None else qs
    b = qs.filter(pk=balita.pk).first()
    return {} if b is None else {k["jenis"]: k for k in b.kebutuhan_kasus()}


def selesai(balita, tanggal_selesai, jenis=J.STUNTING, ditemukan=APRIL):
    return Kasus.objects.create(balita=balita, jenis=jenis, tanggal_ditemukan=ditemukan,
                                status=Kasus.Status.SELESAI, tanggal_selesai=tanggal_selesai)


def test_every_condition_is_read_from_the_status_columns():
    assert set(STATUS_KASUS) == set(J.values)


def test_stunted_since_april_without_a_case_needs_one_found_in_april(pendek_sejak_april):
    april = pendek_sejak_april.pengukuran.get(tanggal_ukur=APRIL)
    assert list(Balita.objects.perlu_kasus()) == [pendek_sejak_april]
    k = kebutuhan(pendek_sejak_april)
    assert set(k) == {J.STUNTING}
    assert k[J.STUNTING]["tertinggal"] and not k[J.STUNTING]["terbuka"]
    # The status is August's length (May's weighing has none); the run began in April.
    assert k[J.STUNTING]["tanggal_ukur"] == AGUSTUS
    assert (k[J.STUNTING]["sejak"], k[J.STUNTING]["ukur_sejak"]) == (APRIL, april.pk)


def test_an_open_case_is_enough(pendek_sejak_april):
    Kasus.objects.create(balita=pendek_sejak_april, jenis=J.STUNTING, tanggal_ditemukan=APRIL,
                         status=Kasus.Status.DIRUJUK, tanggal_dirujuk=MEI)
    assert kebutuhan(pendek_sejak_april) == {}
    assert kebutuhan(pendek_sejak_april, Balita.objects.perlu_kasus())[J.STUNTING]["terbuka"]


@pytest.mark.parametrize("tanggal_selesai", [AGUSTUS, date(2026, 8, 20)])
def test_a_case_resolved_on_or_after_the_measurement_is_the_reason(pendek_sejak_april,
                                                                   tanggal_selesai):
    selesai(pendek_sejak_april, tanggal_selesai)
    assert kebutuhan(pendek_sejak_april) == {}
    (alasan,) = Balita.objects.kasus_selesai_menunggu()
    k = {c["jenis"]: c for c in alasan.kebutuhan_kasus()}[J.STUNTING]
    assert k["menunggu"] and not k["tertinggal"]
    assert (k["tanggal_ukur"], k["selesai"]) == (AGUSTUS, tanggal_selesai)


def test_a_case_resolved_before_a_later_measurement_still_stunted_leaves_a_gap(
        pendek_sejak_april):
    selesai(pendek_sejak_april, date(2026, 5, 1))
    k = kebutuhan(pendek_sejak_april)[J.STUNTING]
    # The new case starts at the first measurement after the resolution that shows it.
    assert k["tertinggal"] and k["sejak"] == AGUSTUS
    assert not Balita.objects.kasus_selesai_menunggu().exists()


def test_2t_at_the_latest_weighing_needs_a_case(dua_t):
    k = kebutuhan(dua_t)
    assert set(k) == {J.DUA_T} and k[J.DUA_T]["sejak"] == date(2026, 9, 5)


def test_a_later_normal_measurement_needs_none(pendek_sejak_april, dua_t):
    ukur(pendek_sejak_april, date(2026, 11, 10), berat=11.2, tinggi=88.0)  # Normal
    ukur(dua_t, date(2026, 10, 5), berat=13.2)                            # gained (N)
    tanpa_kasus()
    assert not Balita.objects.perlu_kasus().exists()


def test_a_child_who_moved_away_needs_none(pendek_sejak_april):
    Balita.objects.filter(pk=pendek_sejak_april.pk).update(
        status=Balita.Status.PINDAH, tanggal_status=date(2026, 9, 1))
    assert not Balita.objects.perlu_kasus().exists()


def test_the_rule_is_one_query(pendek_sejak_april, dua_t, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert len([b.kebutuhan_kasus() for b in Balita.objects.kasus_tertinggal()]) == 2


def test_the_command_opens_the_missed_cases_once(pendek_sejak_april, dua_t):
    def jalankan(*args):
        out = StringIO()
        call_command("buka_kasus_tertinggal", *args, stdout=out)
        return out.getvalue()

    pratinjau = jalankan("--dry-run")
    assert "Stunting (pendek/sangat pendek): 1 kasus" in pratinjau
    assert "Dua kali tidak naik (2T): 1 kasus" in pratinjau
    assert "Wasting (gizi kurang/buruk): 0 kasus" in pratinjau
    assert "Pratinjau: 2 kasus akan dibuka; tidak ada yang ditulis." in pratinjau
    assert not Kasus.objects.exists()

    teks = jalankan()
    assert "Stunting (pendek/sangat pendek): 1 kasus" in teks and "2 kasus dibuka." in teks
    april = pendek_sejak_april.pengukuran.get(tanggal_ukur=APRIL)
    assert set(Kasus.objects.values_list("balita", "jenis", "pengukuran", "tanggal_ditemukan",
                                         "status")) == {
        (pendek_sejak_april.pk, J.STUNTING, april.pk, APRIL, Kasus.Status.DITEMUKAN),
        (dua_t.pk, J.DUA_T, dua_t.pengukuran.get(tanggal_ukur=date(2026, 9, 5)).pk,
         date(2026, 9, 5), Kasus.Status.DITEMUKAN),
    }
    assert not Balita.objects.kasus_tertinggal().exists()

    again = jalankan()
    assert "0 kasus dibuka." in again and Kasus.objects.count() == 2
    assert mail.outbox == []  # nothing is sent


def test_the_workflow_leaves_a_resolved_reason_alone(pendek_sejak_april):
    selesai(pendek_sejak_april, date(2026, 8, 20))
    assert sum(alur.buka_kasus_tertinggal().values()) == 0
    assert Kasus.objects.count() == 1


def test_the_migration_rule_on_one_history():
    def baris(hari, tinggi, kat_tb_u, berat=10.0, dua_t=False):
        return {"tanggal_ukur": date(2026, 1, 1).replace(day=hari), "pk": hari,
                "tinggi_cm": tinggi, "berat_kg": berat, "kategori_tb_u": kat_tb_u,
                "kategori_bb_tb": "Gizi baik" if tinggi else "", "dua_t": dua_t,
                "kategori_bb_u": "Berat badan normal"}

    riwayat = [baris(20, 82, "Pendek"), baris(15, None, ""), baris(10, 79, "Sangat pendek"),
               baris(5, 84, "Normal")]  # newest first
    assert migrasi.kasus_tertinggal(riwayat, set(), {}) == [("stunting", 10, date(2026, 1, 10))]
    assert migrasi.kasus_tertinggal(riwayat, {"stunting"}, {}) == []
    assert migrasi.kasus_tertinggal(riwayat, set(), {"stunting": date(2026, 1, 20)}) == []
    assert migrasi.kasus_tertinggal(riwayat, set(), {"stunting": date(2026, 1, 12)}) == [
        ("stunting", 20, date(2026, 1, 20))]
    assert migrasi.kasus_tertinggal([baris(20, 88, "Normal"), *riwayat[1:]], set(), {}) == []


def test_the_migration_opens_what_the_command_opens_and_is_idempotent(
        pendek_sejak_april, dua_t, mawar):
    wasting = make_balita(mawar, nama="Kurus", tanggal_lahir=date(2024, 6, 1))
    ukur(wasting, date(2026, 3, 3), berat=7.0, tinggi=80.0)
    tanpa_kasus()
    selesai(dua_t, date(2026, 9, 30), jenis=J.DUA_T, ditemukan=date(2026, 9, 5))  # a reason

    def kasus_baru():
        return set(Kasus.objects.exclude(status=Kasus.Status.SELESAI).values_list(
            "balita", "jenis", "pengukuran", "tanggal_ditemukan"))

    alur.buka_kasus_tertinggal()
    dari_perintah = kasus_baru()
    assert {(b, j) for b, j, _p, _t in dari_perintah} >= {
        (pendek_sejak_april.pk, J.STUNTING), (wasting.pk, J.WASTING)}
    assert dua_t.pk not in {b for b, *_ in dari_perintah}
    Kasus.objects.exclude(status=Kasus.Status.SELESAI).delete()

    migrasi.buka_kasus_tertinggal(apps, None)
    assert kasus_baru() == dari_perintah
    migrasi.buka_kasus_tertinggal(apps, None)
    assert kasus_baru() == dari_perintah
    assert sum(alur.buka_kasus_tertinggal().values()) == 0
