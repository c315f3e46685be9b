"""Each index from the latest measurement that has a value for it: the kader's lists and
case opening do not let a weight-only weighing hide or "end" a child's stunting."""

from datetime import date
from decimal import Decimal

import pytest

from posyandu.alur import buka_kasus_banyak, kondisi, kondisi_baru
from posyandu.models import Balita, Kasus, Pengukuran
from posyandu.skor import hitung_naik, isi_skor
from tests.posyandu.factories import make_balita, ukur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]
STUNTING = Kasus.Jenis.STUNTING


@pytest.fixture
def pendek_lalu_ditimbang(anak_melati):
    """Stunted in July (length 70 cm at 16 months), weighed only in August."""
    ukur(anak_melati, date(2025, 7, 12), berat=7.2, tinggi=70.0)
    ukur(anak_melati, date(2025, 8, 12), berat=7.4)
    return anak_melati


def test_status_per_index_comes_from_the_latest_measurement_with_that_value(
        pendek_lalu_ditimbang):
    b = Balita.objects.dengan_status_terakhir().get(pk=pendek_lalu_ditimbang.pk)
    juli, agustus = pendek_lalu_ditimbang.pengukuran.order_by("tanggal_ukur")
    assert b.ukur_terakhir == date(2025, 8, 12)
    assert b.kat_tb_u == juli.kategori_tb_u and b.kat_tb_u in ("Pendek", "Sangat pendek")
    assert b.kat_bb_tb == juli.kategori_bb_tb  # the latest with both weight and length
    assert b.kat_bb_u == agustus.kategori_bb_u and b.naik_terakhir == agustus.naik


def test_a_weight_only_weighing_does_not_drop_a_child_from_the_stunting_filter(
        client_as, kader_melati, melati, pendek_lalu_ditimbang):
    kategori = Balita.objects.dengan_status_terakhir().get(pk=pendek_lalu_ditimbang.pk).kat_tb_u
    status = "pendek" if kategori == "Pendek" else "sangat_pendek"
    teks = client_as(kader_melati).get(f"/posyandu/posyandu/{melati.pk}/",
                                       {"status": status}).content.decode()
    assert "Aisyah Putri" in teks and kategori in teks


def test_list_annotation_is_one_query(melati, pendek_lalu_ditimbang, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(Balita.objects.dengan_status_terakhir())


def test_a_weight_only_weighing_does_not_reopen_a_closed_stunting_case(pendek_lalu_ditimbang):
    kasus = Kasus.objects.get(balita=pendek_lalu_ditimbang, jenis=STUNTING)
    kasus.status, kasus.tanggal_selesai = Kasus.Status.SELESAI, date(2025, 8, 1)
    kasus.save()
    ukur(pendek_lalu_ditimbang, date(2025, 9, 12), berat=7.6, tinggi=71.0)  # still stunted
    assert Kasus.objects.filter(balita=pendek_lalu_ditimbang, jenis=STUNTING).count() == 1


def test_newly_stunted_after_a_weight_only_weighing_opens_a_case(anak_melati):
    ukur(anak_melati, date(2025, 7, 12), berat=9.5, tinggi=80.0)   # normal
    ukur(anak_melati, date(2025, 8, 12), berat=9.6)                # weight only
    ukur(anak_melati, date(2025, 9, 12), berat=9.7, tinggi=71.0)   # stunted now
    kasus = Kasus.objects.get(balita=anak_melati, jenis=STUNTING)
    assert kasus.tanggal_ditemukan == date(2025, 9, 12)


def test_the_import_opens_cases_the_same_way(pendek_lalu_ditimbang):
    p = ukur(pendek_lalu_ditimbang, date(2025, 9, 12), berat=7.6, tinggi=71.0)
    Kasus.objects.all().update(status=Kasus.Status.SELESAI, tanggal_selesai=date(2025, 8, 1))
    assert buka_kasus_banyak({(pendek_lalu_ditimbang.pk, p.tanggal_ukur)}) == 0
    Kasus.objects.all().delete()
    ukur(pendek_lalu_ditimbang, date(2025, 7, 12), berat=9.5, tinggi=80.0)  # July: normal
    assert buka_kasus_banyak({(pendek_lalu_ditimbang.pk, p.tanggal_ukur)}) == 1
    assert Kasus.objects.get().jenis == STUNTING


def test_kondisi_unknown_values_change_nothing():
    tanpa_tb = kondisi(None, None, None, None, -1.0, False, False, False, 8.0)
    assert tanpa_tb[STUNTING] is None and tanpa_tb[Kasus.Jenis.WASTING] is None
    assert tanpa_tb[Kasus.Jenis.BB_SANGAT_KURANG] is False
    tanpa_bb = kondisi(-2.5, False, None, None, None, None, False, False, None)
    assert tanpa_bb[Kasus.Jenis.DUA_T] is None and tanpa_bb[STUNTING] is True
    pendek = {STUNTING: True}
    assert kondisi_baru(pendek, [{STUNTING: None}, {STUNTING: True}]) == set()
    assert kondisi_baru(pendek, [{STUNTING: None}, {STUNTING: False}]) == {STUNTING}
    assert kondisi_baru(pendek, [{STUNTING: None}]) == {STUNTING}


@pytest.mark.parametrize("riwayat", [
    # (month, weight, length): None = not measured
    [(7, 9.5, 80.0), (8, 9.6, None), (9, 9.7, 71.0)],    # stunted after a weight-only weighing
    [(7, 7.2, 70.0), (8, 7.4, None), (9, 7.6, 71.0)],    # stunted all along: one case
    [(7, 9.5, 80.0), (8, 6.0, 80.5), (9, 6.1, 81.0)],    # wasted and underweight from August
    [(7, 9.5, 80.0), (8, 9.5, 80.5), (9, 9.5, 81.0)],    # no weight gain twice (2T)
])
def test_single_and_batch_case_opening_agree(melati, riwayat):
    """The form's ``buka_kasus`` and the import's ``buka_kasus_banyak`` share the rule
    (``kondisi_baru``): the same history opens the same cases on the same dates."""
    satu = make_balita(melati, nama="Satu per satu")
    banyak = make_balita(melati, nama="Sekaligus")
    for bulan, berat, tinggi in riwayat:
        tanggal = date(2025, bulan, 12)
        ukur(satu, tanggal, berat=berat, tinggi=tinggi)  # alur.simpan_pengukuran → buka_kasus
        p = Pengukuran(balita=banyak, tanggal_ukur=tanggal, berat_kg=Decimal(str(berat)),
                       tinggi_cm=None if tinggi is None else Decimal(str(tinggi)))
        isi_skor([p])
        p.save()
        hitung_naik(banyak)
        buka_kasus_banyak({(banyak.pk, tanggal)})

    def kasus(b):
        return sorted(b.kasus.values_list("jenis", "tanggal_ditemukan"))

    assert kasus(satu) == kasus(banyak) and kasus(satu)
