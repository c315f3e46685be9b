"""Semester pages: completeness and timeliness, lock/reopen, the queue, the scorecard."""

from datetime import timedelta

import pytest
from django.utils import timezone

from evaluasi.models import PembukaanKunci, Semester
from tests.evaluasi.factories import make_capaian, make_laporan, make_program, make_semester
from tests.factories import make_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan_masuk(semester, dinkes, dinsos, katalog):
    """Dinkes submitted on time; Dinsos verified but late; TP-PKK does not have to report."""
    sekarang = timezone.now()
    dinkes_lap = make_laporan(semester, dinkes, status="diajukan", diajukan_pada=sekarang,
                              diajukan_pertama_pada=sekarang)
    make_capaian(dinkes_lap, katalog["S1"], pembilang=85, penyebut=100)
    dinsos_lap = make_laporan(semester, dinsos, status="diverifikasi", terlambat=True,
                              diajukan_pertama_pada=sekarang)
    make_capaian(dinsos_lap, katalog["K2"], pembilang=10, penyebut=100)
    make_capaian(dinsos_lap, katalog["K8"], pembilang=1_250)
    make_program(dinsos_lap)
    make_opd("TP-PKK", wajib_lapor=False)
    return {"dinkes": dinkes_lap, "dinsos": dinsos_lap}


def test_completeness_and_timeliness(client_as, pimpinan, semester, laporan_masuk,
                                     bappelitbangda):
    resp = client_as(pimpinan).get(f"/evaluasi/semester/{semester.kode}/")
    ringkasan = resp.context["ringkasan"]
    # Denominator: Dinkes, Dinsos, Bappelitbangda (TP-PKK does not have to report).
    assert (ringkasan["wajib"], ringkasan["masuk"], ringkasan["tepat_waktu"],
            ringkasan["terlambat"], ringkasan["terverifikasi"]) == (3, 2, 1, 1, 1)
    assert ringkasan["persen_masuk"] == 66.7
    rekap = {o.singkatan: o for o in resp.context["rekap"]}
    assert set(rekap) == {"Dinkes", "Dinsos", "Bappelitbangda"}
    assert (rekap["Dinkes"].jumlah_terisi, rekap["Dinkes"].jumlah_indikator) == (1, 2)
    assert (rekap["Dinsos"].jumlah_terisi, rekap["Dinsos"].jumlah_program) == (2, 1)
    assert rekap["Bappelitbangda"].status_laporan is None
    # The Pimpinan may open the verified report only.
    assert not rekap["Dinkes"].dapat_buka and rekap["Dinsos"].dapat_buka
    assert "2 dari 3 OPD wajib lapor sudah mengajukan (66,7 %)" in resp.content.decode()


def test_semester_page_query_count_does_not_grow_with_the_roster(
    client_as, sekretariat, semester, laporan_masuk, django_assert_num_queries
):
    c = client_as(sekretariat)
    c.get(f"/evaluasi/semester/{semester.kode}/")
    for n in range(8):
        make_laporan(semester, make_opd(f"OPD{n}"), status="draf")
    # session, user, permissions (user + group), the user's OPD (menu), semester, rekap,
    # the summary (2), unlocks
    with django_assert_num_queries(10):
        c.get(f"/evaluasi/semester/{semester.kode}/")


def test_sekretariat_locks_and_reopens_with_a_reason(client_as, sekretariat, semester,
                                                     laporan_masuk):
    c = client_as(sekretariat)
    halaman = f"/evaluasi/semester/{semester.kode}/"
    # Locking from the status form leads to the lock page, which asks for a confirmation.
    resp = c.post(halaman + "status/", {"status": "dikunci"}, follow=True)
    assert resp.redirect_chain[-1][0] == halaman + "kunci/"
    assert Semester.objects.get().status == "dibuka"
    sidik = resp.context["kurang"].sidik
    resp = c.post(halaman + "kunci/", {"mengerti": "1", "sidik": sidik})
    assert "1 laporan masih menunggu verifikasi" in resp.content.decode()
    laporan_masuk["dinkes"].status = "diverifikasi"
    laporan_masuk["dinkes"].save()
    sidik = c.get(halaman + "kunci/").context["kurang"].sidik
    resp = c.post(halaman + "kunci/", {"mengerti": "1", "sidik": sidik}, follow=True)
    assert "Dikunci (final)" in resp.content.decode()
    resp = c.post(halaman + "status/", {"status": "dibuka"}, follow=True)
    assert "wajib disertai alasan" in resp.content.decode()
    assert Semester.objects.get().status == "dikunci"
    resp = c.post(halaman + "status/", {"status": "dibuka", "alasan": "Koreksi K8 dari Dinsos"},
                  follow=True)
    assert "Koreksi K8 dari Dinsos" in resp.content.decode()  # the reopening log
    assert PembukaanKunci.objects.get().oleh == sekretariat


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan"])
def test_only_sekretariat_changes_a_semesters_state(request, client_as, semester, pengguna):
    c = client_as(request.getfixturevalue(pengguna))
    assert c.post(f"/evaluasi/semester/{semester.kode}/status/",
                  {"status": "dikunci"}).status_code == 403
    assert Semester.objects.get().status == "dibuka"
    assert "Ubah status semester" not in c.get(f"/evaluasi/semester/{semester.kode}/").content.decode()


def test_the_verification_queue(client_as, sekretariat, operator_dinkes, semester, laporan_masuk,
                                django_assert_num_queries):
    c = client_as(sekretariat)
    resp = c.get("/evaluasi/antrean/")
    assert [l.opd.singkatan for l in resp.context["daftar"]] == ["Dinkes"]
    assert client_as(operator_dinkes).get("/evaluasi/antrean/").status_code == 403
    c = client_as(sekretariat)
    c.get("/evaluasi/antrean/")
    lain = make_semester("2024S2")
    for n in range(6):
        make_laporan(lain, make_opd(f"OPD{n}"), status="diajukan",
                     diajukan_pada=timezone.now() - timedelta(days=n))
    # session, user, permissions (user + group), the user's OPD (menu), the queue, the
    # reports whose figures this user entered (four eyes)
    with django_assert_num_queries(7):
        resp = c.get("/evaluasi/antrean/")
    assert len(resp.context["daftar"]) == 7
    assert [smt.kode for smt, _isi in resp.context["kelompok"]] == ["2025S1", "2024S2"]


def test_the_scorecard_shows_verified_figures_and_counts_the_rest(client_as, pimpinan,
                                                                  sekretariat, semester,
                                                                  laporan_masuk):
    resp = client_as(pimpinan).get(f"/evaluasi/semester/{semester.kode}/skor/")
    baris = {i.kode: i for i in resp.context["daftar"]}
    assert baris["S1"].capaian_ini == []  # Dinkes's figure awaits verification
    assert resp.context["menunggu"] == 1
    k2 = baris["K2"].capaian_ini[0]
    assert k2.persen_capaian == 200.0 and k2.predikat_nama == "Sangat baik"
    teks = resp.content.decode()
    assert "Tanpa target: tidak diberi predikat" in teks  # K8 has no target
    assert "1 angka lain belum diverifikasi" in teks
    assert "?semua=1" not in teks

    resp = client_as(sekretariat).get(f"/evaluasi/semester/{semester.kode}/skor/?semua=1")
    s1 = {i.kode: i for i in resp.context["daftar"]}["S1"].capaian_ini[0]
    assert s1.persen_capaian == 106.25 and "belum diverifikasi" in resp.content.decode()
    resp = client_as(pimpinan).get(f"/evaluasi/semester/{semester.kode}/skor/?semua=1")
    assert resp.context["semua"] is False


def test_scorecard_query_count(client_as, pimpinan, semester, laporan_masuk, dinkes,
                               django_assert_num_queries):
    from tests.evaluasi.factories import make_indikator

    c = client_as(pimpinan)
    c.get(f"/evaluasi/semester/{semester.kode}/skor/")
    for n in range(5):
        make_indikator(f"X{n}", dinkes)
    # session, user, permissions (user + group), the user's OPD (menu), semester,
    # indicators, their achievements, their targets, the pending count
    with django_assert_num_queries(9):
        c.get(f"/evaluasi/semester/{semester.kode}/skor/")


def test_landing_page(client_as, operator_dinkes, sekretariat, semester, laporan_masuk):
    teks = client_as(operator_dinkes).get("/evaluasi/").content.decode()
    assert "Laporan Dinkes semester 2025S1" in teks and "Menunggu verifikasi" in teks
    teks = client_as(sekretariat).get("/evaluasi/").content.decode()
    assert "1 laporan menunggu verifikasi" in teks


def test_catalogue_page(client_as, pimpinan, katalog, django_assert_num_queries):
    c = client_as(pimpinan)
    resp = c.get("/evaluasi/indikator/?tahun=2025")
    assert [i.kode for i in resp.context["daftar"]] == ["S1", "S2", "K2", "K8"]
    assert "80,00 %" in resp.content.decode()
    # session, user, permissions (user + group), indicators, supporting OPDs, targets; the
    # Pimpinan has no OPD to show in the menu
    with django_assert_num_queries(7):
        c.get("/evaluasi/indikator/?tahun=2025")


def test_a_laporan_page_does_not_query_per_row(client_as, sekretariat, semester, dinkes,
                                               katalog):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    laporan = make_laporan(semester, dinkes)
    make_capaian(laporan, katalog["S1"], pembilang=85, penyebut=100)
    make_program(laporan, program="Program 0", indikator=[katalog["S1"]])
    c = client_as(sekretariat)
    c.get(laporan.get_absolute_url())

    def jumlah_query():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(laporan.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    sedikit = jumlah_query()
    for n in range(1, 6):
        make_program(laporan, program=f"Program {n}", indikator=[katalog["S1"], katalog["S2"]])
    assert jumlah_query() == sedikit <= 16


def test_landing_page_query_count(client_as, operator_dinkes, semester, laporan_masuk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_as(operator_dinkes)
    c.get("/evaluasi/")
    with CaptureQueriesContext(connection) as awal:
        c.get("/evaluasi/")
    for tahun in range(2019, 2024):
        make_semester(f"{tahun}S1")
    with CaptureQueriesContext(connection) as akhir:
        c.get("/evaluasi/")
    assert len(akhir.captured_queries) == len(awal.captured_queries) <= 10
