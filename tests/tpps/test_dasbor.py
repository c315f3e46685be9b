"""The Sekda dashboard: where the city stands, from aggregates only."""

from datetime import date

import pytest

from tests.posyandu.factories import (
    make_balita,
    make_melati_dan_mawar,
    make_posyandu,
    ukur,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_gizi(db):
    w, melati, mawar = make_melati_dan_mawar()
    for i in range(4):
        anak = make_balita(melati, nama=f"Anak Melati {i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2024, 8, 6), berat=9.0, tinggi=71.0)           # all stunted a year ago
        ukur(anak, date(2025, 8, 6), berat=11.5, tinggi=78.0 if i == 0 else 90.0)
    anak = make_balita(mawar, nama="Anak Mawar 0", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 8, 6), berat=11.0, tinggi=79.0)
    make_balita(mawar, nama="Anak Mawar 1", tanggal_lahir=date(2023, 3, 5))       # not weighed
    return {"melati": melati, "mawar": mawar, "w": w}


def test_headline_shows_prevalence_ci_n_and_change(client_as, pimpinan, data_gizi):
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "2025-08"})
    assert resp.status_code == 200
    angka = {a.kode: a for a in resp.context["utama"]["angka"]}
    stunting = angka["stunting"]
    assert (stunting.kini.proporsi.k, stunting.kini.proporsi.n) == (2, 5)
    assert stunting.kini.proporsi.persen == 40
    assert stunting.setahun_lalu.proporsi.persen == 100 and stunting.selisih == -60
    assert resp.context["utama"]["diukur"] == 5
    teks = resp.content.decode()
    assert "Sumber:" in teks and "bukan survei" in teks
    assert "Aisyah" not in teks and "Anak Melati" not in teks and "Anak Mawar" not in teks  # no child is named on the dashboard


def test_default_period_is_the_latest_weighing_month(client_as, pimpinan, data_gizi):
    ukur(make_balita(data_gizi["melati"], nama="Okt", tanggal_lahir=date(2024, 1, 1)),
         date(2025, 10, 3), berat=9.0, tinggi=76.0)
    resp = client_as(pimpinan).get("/dasbor/")
    assert resp.context["bulan"] == date(2025, 8, 1)


def test_by_kecamatan_then_desa(client_as, pimpinan, data_gizi):
    c = client_as(pimpinan)
    resp = c.get("/dasbor/", {"bulan": "2025-08"})
    nama = [b["nama"] for b in resp.context["wilayah"]]
    assert nama == ["Bumiaji", "Batu"]          # 100 % before 25 %
    kec = data_gizi["w"]["sisir"].kecamatan
    resp = c.get("/dasbor/", {"bulan": "2025-08", "kecamatan": kec.pk})
    assert [b["nama"] for b in resp.context["wilayah"]] == ["Sisir"]
    assert resp.context["utama"]["diukur"] == 4


def test_coverage_lists_the_lowest_first_and_links_only_for_child_readers(
    client_as, pimpinan, sekretariat, data_gizi
):
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "2025-08"})
    baris = resp.context["cakupan"]
    assert [(b["posyandu"].nama, b["s"], b["d"], b["persen"]) for b in baris] == [
        ("Mawar", 2, 1, 50.0), ("Melati", 4, 4, 100.0)]
    url = f"/posyandu/posyandu/{data_gizi['mawar'].pk}/?bulan=2025-08&status=belum_diukur"
    assert "/posyandu/posyandu/" not in resp.content.decode()
    teks = client_as(sekretariat).get("/dasbor/", {"bulan": "2025-08"}).content.decode()
    assert url in __import__("html").unescape(teks)


def test_bad_filters_fall_back_instead_of_failing(client_as, pimpinan, data_gizi):
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "13-2025", "kecamatan": "abc"})
    assert resp.status_code == 200 and resp.context["kecamatan"] is None


def test_empty_city_still_renders(client_as, pimpinan):
    resp = client_as(pimpinan).get("/dasbor/")
    assert resp.status_code == 200
    assert resp.context["utama"]["diukur"] == 0


@pytest.fixture
def data_semester(dinkes, dinsos, peran):
    from evaluasi.reference import SUMBER
    from tpps.reference import muat_sumber

    for sumber in SUMBER:
        if "predikat" in sumber.nama:
            muat_sumber(sumber)
    from datetime import timedelta

    from django.utils import timezone

    from evaluasi.models import LaporanSemester
    from tests.evaluasi.factories import (
        make_capaian,
        make_indikator,
        make_laporan,
        make_program,
        make_semester,
        make_target,
    )
    from tpps.models import TindakLanjut

    s = make_semester("2025S1")
    s1 = make_indikator("S1", dinkes)
    s2 = make_indikator("S2", dinkes)
    k1 = make_indikator("K1", dinsos, kelompok="sensitif")
    make_target(s1, target_kota=80)
    make_target(s2, target_kota=90)
    verif = make_laporan(s, dinkes, status=LaporanSemester.Status.DIVERIFIKASI)
    make_capaian(verif, s1, pembilang=72, penyebut=100)   # 90 % of target: baik
    make_capaian(verif, s2, pembilang=50, penyebut=100)   # 55.6 %: kurang
    make_program(verif, pagu_rp=200_000_000, realisasi_rp=150_000_000)
    draf = make_laporan(s, dinsos, status=LaporanSemester.Status.DIAJUKAN)
    make_capaian(draf, k1, pembilang=1, penyebut=2)
    make_program(draf, pagu_rp=999, realisasi_rp=1)
    from tests.rapat.factories import make_tindak_lanjut
    lalu = timezone.localdate() - timedelta(days=3)
    make_tindak_lanjut(dinsos, tenggat=lalu)
    make_tindak_lanjut(dinkes, tenggat=lalu, status=TindakLanjut.Status.SELESAI)
    return s


def test_semester_scorecard_shows_verified_figures_and_counts_pending(client_as, pimpinan,
                                                                      data_semester):
    resp = client_as(pimpinan).get("/dasbor/")
    smt = resp.context["smt"]
    assert smt["semester"] == data_semester
    kode = {c.indikator.kode: (c.persen_capaian, c.predikat_nama) for c in smt["skor"]["capaian"]}
    assert kode == {"S1": (90.0, "Baik"), "S2": (55.55, "Kurang")}  # cut to 2 places
    assert smt["skor"]["tertunda"] == 1
    assert [(a["laporan__opd__singkatan"], a["persen"]) for a in smt["anggaran"]] == [("Dinkes", 75.0)]
    assert smt["kelengkapan"]["masuk"] == 2 and smt["kelengkapan"]["terverifikasi"] == 1
    assert smt["jumlah_terlambat"] == 1
    assert [r["opd_penanggung_jawab__singkatan"] for r in smt["terlambat"]] == ["Dinsos"]
    teks = resp.content.decode()
    assert "K1" not in teks.split("Kartu skor indikator")[1].split("</table>")[0]


def test_dashboard_query_count_does_not_grow_with_the_data(client_as, pimpinan, sekretariat,
                                                          data_gizi, data_semester):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from opd import roles
    from posyandu.models import CakupanPetugas
    from tests.factories import make_user
    from tests.posyandu.factories import beri_cakupan

    kader = make_user("kader-melati", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(kader, CakupanPetugas.Tingkat.POSYANDU, posyandu=[data_gizi["melati"]])
    bumiaji = data_gizi["w"]["bumiaji"]
    tampilan = [
        (pimpinan, {"bulan": "2025-08"}),
        (pimpinan, {"bulan": "2025-08", "semua": "1"}),
        (sekretariat, {"bulan": "2025-08", "semua": "1"}),
        (kader, {"bulan": "2025-08"}),
        (sekretariat, {"bulan": "2025-08", "kecamatan": bumiaji.kecamatan_id}),
        (sekretariat, {"bulan": "2025-08", "kecamatan": bumiaji.kecamatan_id,
                       "desa": bumiaji.pk}),
    ]

    def hitung():
        jumlah = []
        for user, params in tampilan:
            c = client_as(user)
            with CaptureQueriesContext(connection) as q:
                assert c.get("/dasbor/", params).status_code == 200
            jumlah.append(len(q))
        return jumlah

    sebelum = hitung()
    for n in range(3):
        posyandu = make_posyandu(f"Kenanga {n}", desa=bumiaji,
                                 puskesmas=data_gizi["w"]["pkm_bumiaji"])
        for i in range(6):
            anak = make_balita(posyandu, nama=f"K{n}{i}", tanggal_lahir=date(2023, 2, 1 + i))
            ukur(anak, date(2025, 8, 7), berat=11, tinggi=84 + i)
            ukur(anak, date(2025, 7, 7), berat=10.8, tinggi=83 + i)
    assert hitung() == sebelum


def test_drill_down_from_kecamatan_to_desa_to_posyandu(client_as, pimpinan, sekretariat,
                                                       data_gizi):
    kec = data_gizi["w"]["sisir"].kecamatan
    sisir = data_gizi["w"]["sisir"]
    params = {"bulan": "2025-08", "kecamatan": kec.pk, "desa": sisir.pk}
    resp = client_as(pimpinan).get("/dasbor/", params)
    assert [b["nama"] for b in resp.context["wilayah"]] == ["Melati"]
    assert resp.context["utama"]["diukur"] == 4
    url_anak = f"/posyandu/posyandu/{data_gizi['melati'].pk}/"
    assert url_anak not in resp.content.decode()  # Pimpinan sees no child
    assert url_anak in client_as(sekretariat).get("/dasbor/", params).content.decode()
    # A desa of another kecamatan is ignored rather than mixed in.
    resp = client_as(pimpinan).get("/dasbor/", {**params, "desa": data_gizi["w"]["bumiaji"].pk})
    assert resp.context["desa"] is None


def test_city_target_and_published_figures_with_their_sources(client_as, pimpinan, data_gizi):
    from django.core.management import call_command

    call_command("seed_reference", stdout=__import__("io").StringIO())
    resp = client_as(pimpinan).get("/dasbor/", {"bulan": "2025-08"})
    angka = {a.kode: a for a in resp.context["utama"]["angka"]}
    assert angka["stunting"].target == 8.0 and angka["wasting"].target is None
    teks = resp.content.decode()
    assert "25,20% — SSGI" in teks and "10,13% — e-PPGBM" in teks


def test_default_semester_is_the_latest_with_verified_reports(client_as, pimpinan, data_semester):
    from tests.evaluasi.factories import make_semester

    make_semester("2025S2")  # open now, nothing verified yet
    resp = client_as(pimpinan).get("/dasbor/")
    assert resp.context["smt"]["semester"].kode == "2025S1"
    resp = client_as(pimpinan).get("/dasbor/", {"semester": "2025S2"})
    assert resp.context["smt"]["semester"].kode == "2025S2"


# --- Each figure read once: the parts share what they read -------------------------------


def test_shared_reads_give_the_figures_each_part_reads_alone(data_gizi):
    """The dashboard reads the months' prevalences, the kecamatan, the Posyandu and the
    desa once and hands them to the parts that show them too; each part gives the same
    figures as when it reads for itself."""
    from tpps.dasbor import gizi

    bulan = date(2025, 8, 1)
    kec = data_gizi["w"]["bumiaji"].kecamatan  # its children were not measured a year before
    for saring in ({}, {"kecamatan": kec}, {"kecamatan": kec, "desa": data_gizi["w"]["bumiaji"]}):
        bulanan = gizi.prevalensi_bulanan(bulan, **saring)
        assert gizi.angka_utama(bulan, bulanan=bulanan, **saring) == gizi.angka_utama(
            bulan, **saring)
        assert gizi.tren(bulan, bulanan=bulanan, **saring) == gizi.tren(bulan, **saring)
        dimuat = {c["posyandu"].pk: c["posyandu"] for c in gizi.cakupan(bulan, **saring)}
        assert gizi.mutu(bulan, posyandu=dimuat, **saring) == gizi.mutu(bulan, **saring)
    lalu = gizi.angka_utama(bulan, kec, bulanan=gizi.prevalensi_bulanan(bulan, kec))
    assert [a.setahun_lalu.proporsi.n for a in lalu["angka"]] == [0, 0, 0, 0]
    from posyandu.models import Kecamatan

    semua = list(Kecamatan.objects.all())
    assert gizi.per_wilayah(bulan, semua_kecamatan=semua) == gizi.per_wilayah(bulan)
    desa = gizi.desa_per_kecamatan(bulan)
    for k in semua:
        assert desa.get(k.pk, []) == gizi.per_wilayah(bulan, k)


def test_default_period_from_the_months_offered(data_gizi):
    from tpps.dasbor import gizi

    hari = date(2026, 1, 15)
    assert gizi.periode_bawaan(hari, gizi.bulan_tersedia()) == gizi.periode_bawaan(hari) == (
        date(2025, 8, 1))
    # Months offered that are all later than the day (36 of them, so maybe not all there
    # are): the months up to the day are read instead.
    nanti = [date(2030 + i // 12, 12 - i % 12, 1) for i in range(gizi.BULAN_TERSEDIA)]
    assert gizi.periode_bawaan(hari, nanti) == date(2025, 8, 1)
    assert gizi.periode_bawaan(hari, []) == date(2026, 1, 1)


def test_the_dashboard_sends_no_query_twice(client_as, pimpinan, sekretariat, data_gizi,
                                            data_semester):
    """Nothing is read twice: the overdue follow-ups (work box and semester part), the
    OPD not yet submitted (the Sekretariat's queue and the semester part, for an open
    semester), the kecamatan, the months."""
    from collections import Counter

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tpps.models import TindakLanjut

    bumiaji = data_gizi["w"]["bumiaji"]
    for user, params in [
        (pimpinan, {"bulan": "2025-08"}),
        (pimpinan, {}),
        (sekretariat, {"semester": data_semester.kode}),   # open: also in the queue
        (sekretariat, {"bulan": "2025-08", "kecamatan": bumiaji.kecamatan_id}),
        (sekretariat, {"bulan": "2025-08", "kecamatan": bumiaji.kecamatan_id,
                       "desa": bumiaji.pk}),
    ]:
        c = client_as(user)
        with CaptureQueriesContext(connection) as q:
            resp = c.get("/", params)
        assert resp.status_code == 200
        ulang = [sql for sql, n in Counter(x["sql"] for x in q.captured_queries).items()
                 if n > 1]
        assert ulang == [], (params, ulang)
        smt = resp.context["smt"]
        assert smt["jumlah_terlambat"] == TindakLanjut.objects.terlambat().count()
    kerja = resp.context  # the last one is the Sekretariat's kecamatan view: no work box
    assert kerja["kerja"] is None
    belum = client_as(sekretariat).get("/", {"semester": data_semester.kode}).context
    [antre] = [b for b in belum["kerja"]["sekretariat"]["belum_lapor"]
               if b["semester"] == data_semester]
    assert [o.singkatan for o in antre["opd"]] == [o.singkatan for o in belum["smt"]["opd_belum"]]
