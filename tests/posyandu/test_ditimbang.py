"""D of a month, one rule (``BalitaQuerySet.ditimbang_bulan``): the children of S with a
weight recorded in the month at any event, aged 0–59 months, each once, at their home
Posyandu. The SKDN page, the dashboard's stored summary and the "not weighed" list count it
alike, and the data migration that recounted the stored summaries gives the same."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from posyandu import ringkasan, sasaran_bulan
from posyandu.laporan import rekap_skdn
from posyandu.models import Balita, Kegiatan, Pengukuran, RingkasanBulanan
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db

AGUSTUS = date(2025, 8, 1)
LAHIR = date(2024, 1, 1)
migrasi = importlib.import_module("posyandu.migrations.0008_ringkasan_d_anak_sasaran")


def d_di_mana_mana(posyandu, bulan=AGUSTUS) -> dict:
    """D of ``posyandu`` as each reader counts it, and the not-weighed list's size."""
    sasaran = Balita.objects.filter(posyandu=posyandu)
    return {
        "aturan": Balita.objects.ditimbang_bulan(bulan).filter(posyandu=posyandu).count(),
        "skdn": rekap_skdn([posyandu], bulan)[0].d,
        "ringkasan": sasaran_bulan.ditimbang_per("posyandu", bulan).get(posyandu.pk, 0),
        "s_kurang_belum": sasaran.sasaran_bulan(bulan).count()
        - sasaran_bulan.belum_ditimbang(sasaran, bulan).count(),
    }


def assert_d(posyandu, d, bulan=AGUSTUS):
    assert d_di_mana_mana(posyandu, bulan) == dict.fromkeys(
        ("aturan", "skdn", "ringkasan", "s_kurang_belum"), d)


def test_a_child_weighed_twice_counts_once_and_n_t_from_the_months_first_weighing(melati):
    anak = make_balita(melati, nama="Dua kali", tanggal_lahir=LAHIR)
    ukur(anak, date(2025, 7, 10), berat=9.0)
    ukur(anak, date(2025, 8, 10), berat=9.5)   # N against July
    ukur(anak, date(2025, 8, 28), berat=9.6)   # the same month again: O
    assert list(anak.pengukuran.order_by("tanggal_ukur").values_list("naik", flat=True)) == [
        "B", "N", "O"]
    assert_d(melati, 1)
    rekap = rekap_skdn([melati], AGUSTUS)[0]
    assert (rekap.s, rekap.d, rekap.n, rekap.t, rekap.n_per_d) == (1, 1, 1, 0, 100.0)


def test_a_weighing_at_a_posyandu_spesial_counts_at_the_home_posyandu(melati, mawar):
    spesial = Kegiatan.objects.create(jenis=Kegiatan.Jenis.POSYANDU_SPESIAL,
                                      tanggal=date(2025, 8, 28), lokasi="Rumah Dinas Wali Kota")
    anak = make_balita(melati, nama="Ke Posyandu Spesial", tanggal_lahir=LAHIR)
    ukur(anak, date(2025, 8, 28), berat=9.5, tinggi=76.0, kegiatan=spesial)
    make_balita(mawar, nama="Di rumah", tanggal_lahir=LAHIR)
    assert_d(melati, 1)
    assert_d(mawar, 0)


def test_a_length_only_measurement_is_not_a_weighing(melati):
    anak = make_balita(melati, nama="Hanya panjang", tanggal_lahir=LAHIR)
    ukur(anak, date(2025, 8, 10), tinggi=76.0)
    assert_d(melati, 0)
    assert list(sasaran_bulan.belum_ditimbang(Balita.objects.all(), AGUSTUS)) == [anak]


def test_a_later_measurement_without_a_weight_keeps_the_child_in_d(melati):
    anak = make_balita(melati, nama="Ditimbang lalu diukur", tanggal_lahir=LAHIR)
    ukur(anak, date(2025, 8, 5), berat=9.5)
    ukur(anak, date(2025, 8, 20), tinggi=76.0)  # the month's latest measurement: no weight
    assert_d(melati, 1)
    assert RingkasanBulanan.objects.get(bulan=AGUSTUS).diukur == 1


def test_a_child_weighed_at_60_months_is_not_in_d(melati):
    # Turns 60 months on 15 August: in August's S (expected on its first day) …
    tua = make_balita(melati, nama="Genap 60 bulan", tanggal_lahir=date(2020, 8, 15))
    ukur(tua, date(2025, 8, 20), berat=17.0)  # … but weighed at 60 months (day 1831)
    masih = make_balita(melati, nama="Masih 59 bulan", tanggal_lahir=date(2020, 8, 15))
    ukur(masih, date(2025, 8, 10), berat=17.0)  # day 1821: in D
    assert Balita.objects.sasaran_bulan(AGUSTUS).count() == 2
    assert_d(melati, 1)
    assert set(Balita.objects.ditimbang_bulan(AGUSTUS)) == {masih}
    assert rekap_skdn([melati], AGUSTUS)[0].s == 2


def test_a_child_not_in_s_is_not_in_d(melati, sekretariat):
    """A weighing dated after the recorded move (a record error) does not count: D ⊆ S."""
    from posyandu import alur

    anak = make_balita(melati, nama="Pindah", tanggal_lahir=LAHIR)
    ukur(anak, date(2025, 8, 10), berat=9.5)
    assert_d(melati, 1)
    anak.status, anak.tanggal_status = Balita.Status.PINDAH, date(2025, 7, 20)
    alur.ubah_balita(balita=anak, user=sekretariat)  # the status change refreshes the summary
    assert_d(melati, 0)
    rekap = rekap_skdn([melati], AGUSTUS)[0]
    assert (rekap.s, rekap.d, rekap.n, rekap.t, rekap.dua_t) == (0, 0, 0, 0, 0)


def test_the_skdn_page_shows_d_by_the_rule(client_as, kader_melati, melati):
    anak = make_balita(melati, nama="Ditimbang lalu diukur", tanggal_lahir=LAHIR)
    ukur(anak, date(2025, 8, 5), berat=9.5)
    ukur(anak, date(2025, 8, 20), tinggi=76.0)
    make_balita(melati, nama="Belum", tanggal_lahir=LAHIR)
    resp = client_as(kader_melati).get(f"/posyandu/posyandu/{melati.pk}/skdn/",
                                       {"bulan": "2025-08"})
    rekap = resp.context["rekap"]
    assert (rekap.s, rekap.d, rekap.d_per_s) == (2, 1, 50.0)
    teks = resp.content.decode()
    assert '<tr><th>D</th><td>Ditimbang bulan ini</td><td class="text-end fs-5">1</td>' in teks
    assert "50,0%" in teks


def test_skdn_reads_two_queries(melati, mawar, django_assert_num_queries):
    for p in (melati, mawar):
        ukur(make_balita(p, nama=f"Anak {p.nama}", tanggal_lahir=LAHIR), date(2025, 8, 5),
             berat=9.5)
    with django_assert_num_queries(2):
        assert [r.d for r in rekap_skdn([melati, mawar], AGUSTUS)] == [1, 1]


def test_the_migration_recounts_the_stored_d_as_the_summary_rebuild_does(melati, mawar):
    for p in (melati, mawar):
        a = make_balita(p, nama=f"Ditimbang {p.nama}", tanggal_lahir=LAHIR)
        ukur(a, date(2025, 7, 5), berat=9.0)
        ukur(a, date(2025, 8, 5), berat=9.5)
        ukur(a, date(2025, 8, 20), tinggi=76.0)   # the old dashboard's D lost this child
        b = make_balita(p, nama=f"Hanya panjang {p.nama}", tanggal_lahir=LAHIR)
        ukur(b, date(2025, 8, 6), tinggi=75.0)
    ukur(make_balita(melati, nama="Genap 60 bulan", tanggal_lahir=date(2020, 8, 15)),
         date(2025, 8, 20), berat=17.0)
    segar = {(r.bulan, r.desa_id, r.posyandu_id): r.ditimbang
             for r in RingkasanBulanan.objects.all()}
    assert sorted(segar.values()) == [1, 1, 1, 1]
    RingkasanBulanan.objects.update(ditimbang=99)  # as the old rule might have left them
    migrasi.hitung_ulang_ditimbang(apps, None)
    assert {(r.bulan, r.desa_id, r.posyandu_id): r.ditimbang
            for r in RingkasanBulanan.objects.all()} == segar
    assert ringkasan.segarkan_semua() == len(segar)
    assert {(r.bulan, r.desa_id, r.posyandu_id): r.ditimbang
            for r in RingkasanBulanan.objects.all()} == segar


def test_penimbangan_d_bulan_gives_one_row_per_child_of_d(melati):
    a = make_balita(melati, nama="A", tanggal_lahir=LAHIR)
    for hari in (3, 17, 28):
        ukur(a, date(2025, 8, hari), berat=9 + hari / 100)
    b = make_balita(melati, nama="B", tanggal_lahir=LAHIR)
    ukur(b, date(2025, 8, 3), tinggi=75.0)
    baris = list(Pengukuran.objects.penimbangan_d_bulan(AGUSTUS))
    assert [(p.balita, p.tanggal_ukur) for p in baris] == [(a, date(2025, 8, 3))]
