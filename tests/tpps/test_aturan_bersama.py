"""Rules written once and read in several places give the same answer everywhere, on the
demo city: D/S of a month (the SKDN page and the dashboard's coverage) and the bulan
penimbangan (the semester report, the dashboard's default period and the demo's events).
Recounting the stored summaries leaves the signed semester reports as they were signed."""

import importlib
import io
import re
from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command

from evaluasi.models import Semester
from opd import roles
from posyandu import ringkasan
from posyandu.models import CakupanPetugas, Kegiatan, Pengukuran, Posyandu
from posyandu.models.kegiatan import BULAN_PENIMBANGAN, bulan_penimbangan, is_bulan_penimbangan
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan
from tpps.dasbor import gizi
from tpps.demo import buat_demo_lengkap
from tpps.laporan_semester import isi
from tpps.models import PengesahanLaporan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]

#: The demo's day (``hari_uji``'s); its 14 months run from October 2025 to November 2026.
HARI_DEMO = date(2026, 11, 20)
AGUSTUS = date(2026, 8, 1)


@pytest.fixture
def demo(db):
    call_command("seed_reference", stdout=io.StringIO())
    buat_demo_lengkap(anak=500, bulan=14, seed=11, hari_ini=HARI_DEMO)


@pytest.fixture
def gizi_kota(peran):
    """A Dinkes nutrition officer: every Posyandu of the city, its children and the SKDN."""
    user = make_user("gizi.kota", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, CakupanPetugas.Tingkat.KOTA)
    return user


def test_skdn_page_and_dashboard_give_every_posyandu_the_same_s_d_and_n(client_as, demo,
                                                                        gizi_kota):
    c = client_as(gizi_kota)
    resp = c.get("/dasbor/", {"bulan": "2026-08", "semua": "1"})
    dasbor = {b["posyandu"].pk: b for b in resp.context["cakupan"]}
    semua_posyandu = list(Posyandu.objects.aktif().order_by("pk"))
    assert set(dasbor) == {p.pk for p in semua_posyandu}
    # N of SKDN: of D, by each child's first weighing of the month (one row per child of D).
    baris_d = list(Pengukuran.objects.penimbangan_d_bulan(AGUSTUS)
                   .values_list("balita__posyandu", "naik"))
    jumlah_s = jumlah_d = 0
    for p in semua_posyandu:
        rekap = c.get(f"/posyandu/posyandu/{p.pk}/skdn/", {"bulan": "2026-08"}).context["rekap"]
        baris = dasbor[p.pk]
        assert (rekap.s, rekap.d) == (baris["s"], baris["d"]), p
        assert rekap.d_per_s == baris["persen"], p
        assert rekap.n == sum(1 for pos, naik in baris_d if pos == p.pk and naik == "N"), p
        assert rekap.n + rekap.t <= rekap.d <= rekap.s, p
        jumlah_s, jumlah_d = jumlah_s + rekap.s, jumlah_d + rekap.d
    assert jumlah_d == len(baris_d) and 0.9 * jumlah_s < jumlah_d < jumlah_s
    # The Posyandu Spesial's children count at their home Posyandu, once.
    spesial = Kegiatan.objects.get(jenis=Kegiatan.Jenis.POSYANDU_SPESIAL)
    assert spesial.tanggal.replace(day=1) == AGUSTUS and spesial.pengukuran.count() == 150
    # The list behind "belum ditimbang" holds S − D children.
    for p in semua_posyandu[:8]:
        resp = c.get(f"/posyandu/posyandu/{p.pk}/", {"bulan": "2026-08", "status": "belum_diukur"})
        assert len(resp.context["daftar_balita"]) == dasbor[p.pk]["belum"], p


def test_recounting_the_summaries_keeps_the_signed_reports_as_signed(demo):
    disahkan = list(PengesahanLaporan.objects.all())
    assert disahkan and all(p.is_utuh() for p in disahkan)
    sebelum = list(ringkasan.RingkasanBulanan.objects.order_by("pk").values_list(
        "bulan", "desa", "posyandu", "ditimbang", "stunting_k", "stunting_n"))
    migrasi = importlib.import_module("posyandu.migrations.0008_ringkasan_d_anak_sasaran")
    migrasi.hitung_ulang_ditimbang(apps, None)
    assert list(ringkasan.RingkasanBulanan.objects.order_by("pk").values_list(
        "bulan", "desa", "posyandu", "ditimbang", "stunting_k", "stunting_n")) == sebelum
    ringkasan.segarkan_semua()
    for p in disahkan:
        tersimpan = PengesahanLaporan.objects.get(pk=p.pk)
        assert tersimpan.isi == p.isi and tersimpan.sidik == p.sidik and tersimpan.is_utuh()


def test_one_bulan_penimbangan_for_the_report_the_dashboard_and_the_demo(client_as, demo,
                                                                         gizi_kota):
    assert BULAN_PENIMBANGAN == {1: 2, 2: 8}
    bulan_ini = set(BULAN_PENIMBANGAN.values())
    # The semester report takes its prevalence at its semester's bulan penimbangan.
    for semester in Semester.objects.order_by("kode"):
        bulan = date.fromisoformat(isi.susun(semester)["prevalensi"]["bulan"])
        assert bulan == bulan_penimbangan(semester.tahun, semester.nomor)
        assert bulan.month in bulan_ini and is_bulan_penimbangan(bulan)
        assert (semester.tanggal_mulai <= bulan <= semester.tanggal_selesai), semester
    # The dashboard opens on the latest bulan penimbangan with measurements.
    resp = client_as(gizi_kota).get("/dasbor/")
    assert resp.context["bulan"] == AGUSTUS
    # … and its period selector stars those months, and those only.
    teks = resp.content.decode()
    bertanda = {b for b in resp.context["pilihan_bulan"]
                if re.search(rf'value="{b:%Y-%m}"[^>]*>[^<]*★', teks)}
    assert bertanda and bertanda == {b for b in resp.context["pilihan_bulan"]
                                     if b.month in bulan_ini}
    assert gizi.periode_bawaan(date(2026, 7, 31)) == date(2026, 2, 1)
    # The demo's events: bulan penimbangan in those months, monthly weighings in the others.
    jenis_per_bulan = set(Kegiatan.objects.exclude(jenis=Kegiatan.Jenis.POSYANDU_SPESIAL)
                          .values_list("tanggal__month", "jenis"))
    assert {m for m, j in jenis_per_bulan if j == Kegiatan.Jenis.BULAN_PENIMBANGAN} == bulan_ini
    assert not {m for m, j in jenis_per_bulan if j == Kegiatan.Jenis.BULANAN} & bulan_ini
