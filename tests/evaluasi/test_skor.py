"""% of target achieved and its band, computed in the database (CapaianQuerySet)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from evaluasi.models import Capaian, PredikatCapaian
from tests.evaluasi.factories import make_capaian, make_laporan, make_target

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan(semester, dinkes, dinsos):
    return {"dinkes": make_laporan(semester, dinkes), "dinsos": make_laporan(semester, dinsos)}


def skor(capaian):
    return Capaian.objects.dengan_persen_capaian().get(pk=capaian.pk)


def test_the_value_is_computed_never_typed(laporan, katalog):
    c = make_capaian(laporan["dinkes"], katalog["S1"], pembilang=1_234, penyebut=1_500)
    assert c.nilai == Decimal("82.27")  # 1234 / 1500 × 100, rounded half up
    jumlah = make_capaian(laporan["dinsos"], katalog["K8"], pembilang=1_250)
    assert jumlah.nilai == Decimal("1250")
    kosong = make_capaian(laporan["dinkes"], katalog["S2"], pembilang=5, penyebut=0)
    assert kosong.nilai is None  # no value without a denominator


@pytest.mark.parametrize(
    "pembilang, persen, nama_predikat",
    [
        (80, 100.0, "Sangat baik"),   # 80 % against a target of 80
        (7280, 91.0, "Sangat baik"),  # ≥ 91 is in the top band (the lower bound is in)
        (7272, 90.9, "Baik"),         # 90.9 is below 91
        (7279, 90.98, "Baik"),        # 90.9875 is below 91: banded unrounded, cut to 2 dp
        (7280, 91.0, "Sangat baik"),
        (6079, 75.98, "Cukup"),       # 75.9875: not "76,0 % Baik"
        (6080, 76.0, "Baik"),
        (6072, 75.9, "Cukup"),
        (5280, 66.0, "Cukup"),
        (4080, 51.0, "Kurang"),
        (4072, 50.9, "Sangat kurang"),
        (0, 0.0, "Sangat kurang"),
    ],
)
def test_higher_is_better_value_over_target_banded_half_open(laporan, katalog, pembilang,
                                                             persen, nama_predikat):
    penyebut = 100 if pembilang <= 100 else 10_000
    c = skor(make_capaian(laporan["dinkes"], katalog["S1"], pembilang=pembilang,
                          penyebut=penyebut))
    assert c.target == Decimal("80")
    assert c.persen_capaian == persen
    assert c.predikat_nama == nama_predikat


def test_lower_is_better_uses_target_over_value_and_zero_counts_as_achieved(laporan, katalog):
    k2 = katalog["K2"]  # target 20 %, lower is better
    c = make_capaian(laporan["dinsos"], k2, pembilang=25, penyebut=100)
    assert (skor(c).persen_capaian, skor(c).predikat_nama, skor(c).tercapai) == (
        80.0, "Baik", False)
    c.pembilang = 10
    c.save()
    assert (skor(c).persen_capaian, skor(c).tercapai) == (200.0, True)
    c.pembilang = 0
    c.save()
    nol = skor(c)
    assert nol.nilai == 0 and nol.tercapai is True
    assert nol.persen_capaian == 100.0 and nol.predikat_nama == "Sangat baik"


def test_no_target_means_no_band(laporan, katalog):
    c = skor(make_capaian(laporan["dinsos"], katalog["K8"], pembilang=1_000))
    assert c.target is None and c.persen_capaian is None
    assert c.predikat_nama is None and c.tercapai is None


def test_the_city_target_wins_over_the_national_one(laporan, katalog):
    s1 = skor(make_capaian(laporan["dinkes"], katalog["S1"], pembilang=85, penyebut=100))
    assert (s1.target, s1.target_kota, s1.target_nasional) == (80, 80, 90)
    s2 = skor(make_capaian(laporan["dinkes"], katalog["S2"], pembilang=45, penyebut=100))
    assert s2.target == 90 and s2.target_kota is None  # national target as fallback
    assert s2.persen_capaian == 50.0 and s2.predikat_nama == "Sangat kurang"


def test_the_target_is_the_years_own(laporan, katalog):
    make_target(katalog["S1"], tahun=2024, target_kota=50)
    c = skor(make_capaian(laporan["dinkes"], katalog["S1"], pembilang=60, penyebut=100))
    assert c.target == 80  # the 2025 target, not 2024's


def test_bands_are_data(laporan, katalog):
    PredikatCapaian.objects.filter(nama="Sangat baik").update(batas_bawah=95)
    PredikatCapaian.objects.filter(nama="Baik").update(batas_atas=95)
    c = skor(make_capaian(laporan["dinkes"], katalog["S1"], pembilang=74, penyebut=100))
    assert c.persen_capaian == 92.5 and c.predikat_nama == "Baik"
    assert PredikatCapaian.objects.untuk(Decimal("95")).nama == "Sangat baik"


def test_overlapping_bands_are_refused(predikat):
    baru = PredikatCapaian(nama="Istimewa", batas_bawah=Decimal("85"), batas_atas=None)
    with pytest.raises(ValidationError, match="bertumpang tindih"):
        baru.full_clean()
    with pytest.raises(ValidationError, match="lebih besar"):
        PredikatCapaian(nama="Aneh", batas_bawah=10, batas_atas=5).full_clean()


def test_the_figure_shown_and_its_band_agree_on_the_pages(client_as, sekretariat, laporan,
                                                          katalog):
    """72,79 against a target of 80 is 90,9875 %: shown as 90,98 % and banded "Baik" (a
    figure rounded to one decimal, "91,0 %", banded "Sangat baik" was the old mistake)."""
    c = make_capaian(laporan["dinkes"], katalog["S1"], pembilang=7279, penyebut=10_000)
    assert skor(c).persen_tepat == 90.9875
    klien = client_as(sekretariat)
    teks = klien.get(c.get_absolute_url()).content.decode()
    persen = teks[teks.index('id="persen-capaian"'):]
    assert "90,98 %" in persen[:300] and ">Baik<" in persen[:300]
    teks = klien.get(f"/evaluasi/semester/{c.semester.kode}/opd/{c.laporan.opd_id}/")
    baris = teks.content.decode()
    baris = baris[baris.index('id="indikator-S1"'):]
    assert "90,98 %" in baris and ">Baik<" in baris[:baris.index("</tbody>")]
    teks = klien.get(f"/evaluasi/semester/{c.semester.kode}/skor/?semua=1").content.decode()
    baris = teks[teks.index('id="skor-S1"'):]
    baris = baris[:baris.index("</tr>")]
    assert "90,98 %" in baris and ">Baik<" in baris
