"""Demo data: realistic, deterministic for a seed, stored scores equal a fresh computation."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.db.models import Count

from posyandu.demo import buat_demo
from posyandu.models import Balita, Desa, Kasus, Kegiatan, Pengukuran, Posyandu
from posyandu.skor import INDEKS_Z, hitung_naik, isi_skor

SAMPAI = date(2025, 9, 28)


@pytest.fixture
def acuan(db):
    call_command("seed_reference", stdout=io.StringIO())


def _potret():
    return (
        list(Balita.objects.order_by("nama", "tanggal_lahir", "nik").values_list(
            "nama", "tanggal_lahir", "nik", "jenis_kelamin", "posyandu__nama")),
        list(Pengukuran.objects.order_by("balita__nama", "balita__nik", "tanggal_ukur")
             .values_list("balita__nama", "tanggal_ukur", "berat_kg", "tinggi_cm", "zlen")),
    )


def test_demo_is_realistic_and_deterministic(acuan):
    hasil = buat_demo(anak=800, bulan=12, seed=7, sampai=SAMPAI)
    assert hasil.pengukuran == Pengukuran.objects.count() > 800 * 8
    assert not Desa.objects.filter(posyandu__isnull=True).exists()
    assert Kegiatan.objects.filter(jenis="bulan_penimbangan", tanggal__month__in=[2, 8]).exists()
    spesial = Kegiatan.objects.get(jenis="posyandu_spesial")
    assert spesial.mitra and spesial.posyandu is None and spesial.pengukuran.count() == 150
    assert not Pengukuran.objects.filter(tanggal_ukur__gt=SAMPAI).exists()
    terbaru = Pengukuran.objects.filter(tanggal_ukur__month=8, tanggal_ukur__year=2025,
                                        zlen__isnull=False, flen=False)
    stunting = terbaru.filter(zlen__lt=-2).count() / terbaru.count()
    assert 0.05 < stunting < 0.16
    assert Pengukuran.objects.filter(flen=True).exists()  # the noise of real data
    assert Kasus.objects.exists()
    # Handled cases name their treatments, some more than one (PMT with counselling).
    ditangani = list(Kasus.objects.filter(status="ditangani"))
    assert {tuple(k.penanganan) for k in ditangani} == {("pmt",), ("pmt", "konseling")}
    for k in ditangani:
        k.clean()
    # K of SKDN: most children hold a KIA book, some do not, some are not recorded.
    kia = dict(Balita.objects.values_list("punya_buku_kia").annotate(n=Count("pk")))
    assert kia[True] > 0.7 * 800 and 0 < kia[False] < 0.2 * 800 and 0 < kia[None] < 0.2 * 800
    for p in Pengukuran.objects.select_related("balita").order_by("?")[:200]:
        segar = Pengukuran.objects.select_related("balita").get(pk=p.pk)
        isi_skor([segar])
        for k in (*INDEKS_Z, "kategori_tb_u", "kategori_bb_tb"):
            assert getattr(p, k) == getattr(segar, k)
    for b in Balita.objects.order_by("pk")[:30]:
        sebelum = list(b.pengukuran.order_by("tanggal_ukur").values_list("naik", "dua_t"))
        hitung_naik(b)
        assert list(b.pengukuran.order_by("tanggal_ukur").values_list("naik", "dua_t")) == sebelum

    potret = _potret()
    Kasus.objects.all().delete()
    Pengukuran.objects.all().delete()
    Balita.objects.all().delete()
    Kegiatan.objects.all().delete()
    Posyandu.objects.all().delete()
    buat_demo(anak=800, bulan=12, seed=7, sampai=SAMPAI)
    assert _potret() == potret


def test_demo_command_only_when_empty(acuan):
    out = io.StringIO()
    call_command("demo_data", "--children", "50", "--months", "6", "--sampai", "2025-09",
                 "--jika-kosong", stdout=out)
    assert "50 balita" in out.getvalue()
    n = Pengukuran.objects.count()
    call_command("demo_data", "--jika-kosong", stdout=out)
    assert "tidak dibuat" in out.getvalue() and Pengukuran.objects.count() == n
