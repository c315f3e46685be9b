"""The year view: S1 and S2 of a year against the year's target; the pending count; the
"previous semester" column of the entry grid when it belongs to another year."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi import tahunan
from evaluasi.models import Capaian
from tests.evaluasi.factories import (
    make_capaian,
    make_indikator,
    make_laporan,
    make_semester,
    make_target,
)
from tests.factories import make_opd

pytestmark = pytest.mark.django_db

URL = "/evaluasi/tahun/2025/"


@pytest.fixture
def tahun_2025(semester, dinkes, dinsos, katalog):
    """2025S1: Dinkes and Dinsos verified. 2025S2: Dinkes verified; Dinsos submitted (K2
    filled, K8 left blank)."""
    s2 = make_semester("2025S2")
    lap = make_laporan(semester, dinkes, status="diverifikasi")
    make_capaian(lap, katalog["S1"], pembilang=60, penyebut=100)        # 60 % → 75 % of 80
    lap = make_laporan(semester, dinsos, status="diverifikasi")
    make_capaian(lap, katalog["K2"], pembilang=10, penyebut=100)        # 20 ÷ 10 → 200 %
    make_capaian(lap, katalog["K8"], pembilang=1_250)                   # no target
    lap = make_laporan(s2, dinkes, status="diverifikasi")
    make_capaian(lap, katalog["S1"], pembilang=72, penyebut=100)        # 72 % → 90 % of 80
    lap = make_laporan(s2, dinsos, status="diajukan")
    make_capaian(lap, katalog["K2"], pembilang=25, penyebut=100)        # pending
    make_capaian(lap, katalog["K8"])                                    # blank: no figure
    return s2


def baris_dari(resp):
    return {b.indikator.kode: b for b in resp.context["baris"]}


def test_the_year_page_shows_both_semesters_against_the_years_target(
    client_as, pimpinan, tahun_2025
):
    resp = client_as(pimpinan).get(URL)
    assert resp.status_code == 200
    baris = baris_dari(resp)
    assert list(baris) == ["S1", "S2", "K2", "K8"]
    s1 = baris["S1"]
    assert s1.target.target_acuan == Decimal("80")
    assert (s1.s1.persen_capaian, s1.s1.predikat_nama) == (75.0, "Cukup")
    assert (s1.s2.persen_capaian, s1.s2.predikat_nama) == (90.0, "Baik")
    assert (s1.perubahan, s1.arah_perubahan) == (Decimal("12"), "membaik")
    # Dinsos's S2 figure awaits verification: not shown, counted; the blank K8 row is no figure.
    k2 = baris["K2"]
    assert (k2.s1.persen_capaian, k2.s1.predikat_nama, k2.s2) == (200.0, "Sangat baik", None)
    assert k2.perubahan is None
    assert [k["tertunda"] for k in resp.context["kolom"]] == [0, 1]
    assert baris["S2"].target.target_acuan == Decimal("90")  # national, the city set none
    teks = resp.content.decode()
    assert "Semester 2025S2: 1 angka lain belum diverifikasi dan tidak ditampilkan." in teks
    assert "+12,00 poin" in teks and "membaik" in teks
    assert "75,00 %" in teks and "90,00 %" in teks and "200,00 %" in teks
    assert "25,00 %" not in teks
    assert "?semua=1" not in teks


def test_an_operator_sees_their_own_pending_figures_and_counts_the_rest(
    client_as, operator_dinsos, operator_dinkes, tahun_2025
):
    resp = client_as(operator_dinsos).get(URL)
    k2 = baris_dari(resp)["K2"]
    assert k2.s2.nilai == Decimal("25.00") and k2.s2.laporan.status == "diajukan"
    # Lower is better: 10 % → 25 % is worse.
    assert (k2.perubahan, k2.arah_perubahan) == (Decimal("15"), "memburuk")
    assert [k["tertunda"] for k in resp.context["kolom"]] == [0, 0]
    assert "belum diverifikasi" in resp.content.decode()

    resp = client_as(operator_dinkes).get(URL)
    assert baris_dari(resp)["K2"].s2 is None  # another OPD's unverified figure
    assert [k["tertunda"] for k in resp.context["kolom"]] == [0, 1]


def test_sekretariat_may_add_the_unverified_figures(client_as, sekretariat, pimpinan,
                                                    tahun_2025):
    resp = client_as(sekretariat).get(URL)
    assert baris_dari(resp)["K2"].s2 is None and "?semua=1" in resp.content.decode()
    resp = client_as(sekretariat).get(URL + "?semua=1")
    assert baris_dari(resp)["K2"].s2.nilai == Decimal("25.00")
    assert [k["tertunda"] for k in resp.context["kolom"]] == [0, 0]
    # Whoever may not see other OPDs' drafts gets the verified figures, ?semua=1 or not.
    resp = client_as(pimpinan).get(URL + "?semua=1")
    assert resp.context["semua"] is False and baris_dari(resp)["K2"].s2 is None


def test_who_may_open_the_year_page(client_as, petugas, pimpinan, operator_dinkes, tahun_2025):
    assert client_as(petugas).get(URL).status_code == 403
    assert client_as(pimpinan).get("/evaluasi/tahun/2019/").status_code == 404
    for user in (pimpinan, operator_dinkes):
        assert client_as(user).get(URL).status_code == 200


def test_the_year_page_is_linked_from_the_semester_pages(client_as, pimpinan, petugas,
                                                         tahun_2025, semester):
    c = client_as(pimpinan)
    for halaman in (semester.get_absolute_url(),
                    reverse("evaluasi:kartu-skor", args=[semester.kode]),
                    reverse("evaluasi:beranda")):
        assert f'href="{URL}"' in c.get(halaman).content.decode(), halaman


def test_a_year_with_one_semester_so_far(client_as, pimpinan, semester, katalog, dinkes):
    lap = make_laporan(semester, dinkes, status="diverifikasi")
    make_capaian(lap, katalog["S1"], pembilang=60, penyebut=100)
    resp = client_as(pimpinan).get(URL)
    assert [k["semester"] is not None for k in resp.context["kolom"]] == [True, False]
    assert "belum dibuat" in resp.content.decode()
    assert baris_dari(resp)["S1"].s2 is None


def test_year_page_query_count_does_not_grow(client_as, pimpinan, tahun_2025, semester,
                                             django_assert_num_queries):
    c = client_as(pimpinan)
    c.get(URL)
    for n in range(5):
        opd = make_opd(f"OPD{n}")
        ind = make_indikator(f"X{n}", opd)
        make_target(ind, target_kota=50)
        for smt, status in ((semester, "diverifikasi"), (tahun_2025, "diajukan")):
            make_capaian(make_laporan(smt, opd, status=status), ind, pembilang=n, penyebut=10)
    # session, user, permissions (user + group), the year's semesters, the years to choose,
    # indicators, their achievements, their targets, the pending count
    with django_assert_num_queries(10):
        resp = c.get(URL)
    assert len(resp.context["baris"]) == 9
    assert [k["tertunda"] for k in resp.context["kolom"]] == [0, 6]


def test_the_pending_queryset_counts_indicators_with_a_figure(semester, katalog, dinkes,
                                                              dinsos):
    """Unverified rows holding a numerator or a denominator; blank rows and verified rows
    are not pending."""
    lap = make_laporan(semester, dinkes, status="draf")
    make_capaian(lap, katalog["S1"], pembilang=5)           # a numerator: a figure
    make_capaian(lap, katalog["S2"])                        # blank
    lap = make_laporan(semester, dinsos, status="diverifikasi")
    make_capaian(lap, katalog["K2"], pembilang=1, penyebut=10)
    lain = make_laporan(make_semester("2025S2"), dinsos, status="diajukan")
    make_capaian(lain, katalog["K8"], pembilang=3)
    assert [c.indikator.kode for c in Capaian.objects.tertunda(semester)] == ["S1"]
    assert sorted(Capaian.objects.tertunda().values_list("indikator__kode", flat=True)) == [
        "K8", "S1"]


def test_the_scorecard_does_not_count_blank_draft_rows_as_pending(client_as, pimpinan,
                                                                  semester, katalog, dinkes):
    lap = make_laporan(semester, dinkes, status="draf")
    make_capaian(lap, katalog["S1"])
    make_capaian(lap, katalog["S2"], pembilang=50, penyebut=100)
    resp = client_as(pimpinan).get(reverse("evaluasi:kartu-skor", args=[semester.kode]))
    assert resp.context["menunggu"] == 1


def test_the_change_follows_the_indicators_direction(katalog):
    def baris(kode, a, b):
        return tahunan.BarisTahun(indikator=katalog[kode], target=None,
                                  s1=Capaian(nilai=Decimal(a)), s2=Capaian(nilai=Decimal(b)))

    assert baris("S1", 60, 72).arah_perubahan == "membaik"
    assert baris("S1", 72, 60).arah_perubahan == "memburuk"
    assert baris("K2", 25, 10).arah_perubahan == "membaik"
    assert baris("K8", 5, 5).arah_perubahan == "tetap"


# --- The entry grid's "previous semester" column --------------------------------------


def test_the_previous_semester_of_s1_is_last_year_against_last_years_target(
    client_as, operator_dinkes, semester, dinkes, katalog
):
    lalu = make_semester("2024S2")
    make_target(katalog["S1"], tahun=2024, target_kota=70)
    make_capaian(make_laporan(lalu, dinkes, status="diverifikasi"), katalog["S1"],
                 pembilang=63, penyebut=100)                  # 63 % of a 2024 target of 70
    resp = client_as(operator_dinkes).get(reverse("evaluasi:laporan",
                                                  args=[semester.kode, dinkes.pk]))
    isian = resp.context["isian"]
    assert (isian.kode_lalu, isian.tahun_lalu, isian.lalu_tahun_lain) == ("2024S2", 2024, True)
    s1 = next(b for b in isian.baris if b.indikator.kode == "S1")
    assert s1.nilai_lalu == Decimal("63.00") and s1.lalu.persen_capaian == 90.0
    teks = resp.content.decode()
    assert "2024S2 · tahun 2024: dibandingkan dengan target 2024" in teks
    assert "90,00 % dari target 2024" in teks


def test_the_previous_semester_of_s2_is_the_same_year(client_as, operator_dinkes, semester,
                                                      dinkes, katalog):
    make_capaian(make_laporan(semester, dinkes, status="diverifikasi"), katalog["S1"],
                 pembilang=60, penyebut=100)
    s2 = make_semester("2025S2")
    resp = client_as(operator_dinkes).get(reverse("evaluasi:laporan", args=[s2.kode, dinkes.pk]))
    isian = resp.context["isian"]
    assert (isian.kode_lalu, isian.lalu_tahun_lain) == ("2025S1", False)
    teks = resp.content.decode()
    assert 'id="kolom-lalu">2025S1</div>' in teks
    assert "75,00 % dari target 2025" in teks
