"""A child who moved away or aged out is anonymised RETENSI_BALITA_HARI (5 years) later by the
daily ``manage.py bersihkan_data_pribadi``: name, NIK, mother, address and RT/RW go, from the
record and its history; sex, birth month, the stored measurements and z-scores stay, so the
dashboard and every summary read the same figures before and after (and after the monthly
summaries are rebuilt from scratch)."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from posyandu import ringkasan
from posyandu.models import Balita, Pengukuran
from posyandu.prevalensi import prevalensi
from tests.posyandu.factories import make_balita, make_melati_dan_mawar, ukur

pytestmark = pytest.mark.django_db
HARI = datetime(2027, 6, 1, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
#: Months whose figures are compared: birth months, weighings, the month a child turned 60
#: months (2022-03: weighed on the 5th, 12 days before), moves.
BULAN = ["2017-03", "2019-07", "2020-02", "2020-08", "2021-01", "2021-08", "2022-02",
         "2022-03", "2027-02"]
IDENTITAS = ("nik", "nama", "nama_ibu", "alamat", "rt", "rw")


@pytest.fixture
def kota():
    with time_machine.travel(HARI, tick=False):
        w, melati, mawar = make_melati_dan_mawar()
        S = Balita.Status
        anak = {
            # Aged out on 17-03-2022 (5 years: 17-03-2027); weighed days before.
            "lulus": make_balita(melati, nama="Laras", nik="3579015703170001",
                                 nama_ibu="Wati", alamat="Jl. Anggrek 2", rt="01", rw="04",
                                 tanggal_lahir=date(2017, 3, 17), status=S.LULUS,
                                 tanggal_status=date(2022, 3, 17)),
            # Moved away on 15-01-2021.
            "pindah": make_balita(mawar, nama="Panji", jenis_kelamin="L", nik="3579022007190002",
                                  nama_ibu="Sri", alamat="Dusun Krajan", rt="03", rw="01",
                                  tanggal_lahir=date(2019, 7, 20)),
            # Past 60 months on 31-01-2021, the status job never marked him.
            "tua": make_balita(melati, nama="Tegar", jenis_kelamin="L",
                               tanggal_lahir=date(2016, 1, 31)),
            "aktif": make_balita(melati, nama="Ayu", tanggal_lahir=date(2025, 1, 12)),
            "baru_pindah": make_balita(mawar, nama="Bagas", jenis_kelamin="L",
                                       tanggal_lahir=date(2021, 1, 1), status=S.PINDAH,
                                       tanggal_status=date(2024, 5, 1)),
            "meninggal": make_balita(melati, nama="Melati", tanggal_lahir=date(2019, 1, 1),
                                     status=S.MENINGGAL, tanggal_status=date(2020, 2, 1)),
        }
        for tgl, berat, tinggi in ((date(2021, 8, 10), 15.2, 101.0),
                                   (date(2022, 2, 8), 15.9, 103.5),
                                   (date(2022, 3, 5), 16.0, 104.0)):
            ukur(anak["lulus"], tgl, berat=berat, tinggi=tinggi)
        for tgl, berat, tinggi in ((date(2020, 2, 10), 6.1, 60.0), (date(2020, 8, 11), 7.0, 64.0)):
            ukur(anak["pindah"], tgl, berat=berat, tinggi=tinggi)
        anak["pindah"].status, anak["pindah"].tanggal_status = S.PINDAH, date(2021, 1, 15)
        anak["pindah"].save()
        ukur(anak["tua"], date(2020, 8, 5), berat=14.0, tinggi=100.0)
        ukur(anak["aktif"], date(2027, 2, 10), berat=10.0, tinggi=80.0)
        ukur(anak["baru_pindah"], date(2022, 2, 9), berat=9.5, tinggi=79.0)
        ukur(anak["meninggal"], date(2019, 8, 6), berat=6.0, tinggi=63.0)
        ringkasan.segarkan_semua()  # the move above was saved directly
    return {"wilayah": w, "melati": melati, "mawar": mawar, **anak}


def angka(c, kota) -> dict:
    """What the dashboard and the SKDN pages show for each month, and the summaries."""
    hasil = {}
    for bulan in BULAN:
        dasbor = c.get("/", {"bulan": bulan}).context
        hasil[bulan] = {k: repr(dasbor[k]) for k in ("utama", "tren", "wilayah", "cakupan",
                                                      "cakupan_desa", "mutu")}
        for p in (kota["melati"], kota["mawar"]):
            skdn = c.get(f"/posyandu/posyandu/{p.pk}/skdn/", {"bulan": bulan}).context
            hasil[bulan][f"skdn-{p.pk}"] = repr(skdn["rekap"])
        tahun, bln = map(int, bulan.split("-"))
        awal = date(tahun, bln, 1)
        hasil[bulan]["s"] = Balita.objects.sasaran_bulan(awal).count()
        hasil[bulan]["d"] = Balita.objects.ditimbang_bulan(awal).count()
        hasil[bulan]["prevalensi"] = repr(prevalensi(awal, date(tahun + bln // 12, bln % 12 + 1, 1)))
    hasil["ringkasan"] = sorted(ringkasan.RingkasanBulanan.objects.values_list(
        "bulan", "desa_id", "posyandu_id", "ditimbang"))
    hasil["ukur"] = list(Pengukuran.objects.order_by("pk").values_list(
        "balita_id", "tanggal_ukur", "umur_hari", "zlen", "zwei", "zwfl", "zbmi",
        "kategori_tb_u", "naik", "dua_t"))
    return hasil


def bersihkan() -> str:
    keluar = io.StringIO()
    call_command("bersihkan_data_pribadi", stdout=keluar)
    return keluar.getvalue()


def test_the_daily_job_anonymises_children_past_retention_and_no_figure_moves(client_as,
                                                                             sekretariat, kota):
    with time_machine.travel(HARI, tick=False):
        c = client_as(sekretariat)
        sebelum = angka(c, kota)
        teks = bersihkan()
        sesudah = angka(c, kota)
        ringkasan.segarkan_semua()  # rebuilt from the records: still the same
        dibangun_ulang = angka(c, kota)
        assert "Tidak ada data pribadi" in bersihkan()  # a second run changes nothing

    for nama, status, sejak in (("lulus", "Lulus (usia 60 bulan)", "17-03-2022"),
                                ("pindah", "Pindah", "15-01-2021"),
                                ("tua", "Lulus (usia 60 bulan)", "31-01-2021")):
        assert (f"Balita #{kota[nama].pk} ({status} sejak {sejak}) dianonimkan: nama, NIK, "
                "nama ibu, alamat dan RT/RW dihapus; pengukuran tetap.") in teks
    assert "0 impor e-PPGBM, 0 berkas lama, 3 balita dianonimkan." in teks
    for nama in ("Laras", "Panji", "Tegar", "Wati", "3579015703170001"):
        assert nama not in teks  # the job's output names no child

    assert sesudah == sebelum and dibangun_ulang == sebelum
    assert sebelum["2022-03"]["s"] >= 1 and sebelum["2022-03"]["d"] >= 1  # Laras counts

    for nama, lahir in (("lulus", date(2017, 3, 2)), ("pindah", date(2019, 7, 2)),
                        ("tua", date(2016, 1, 2))):
        b = Balita.objects.get(pk=kota[nama].pk)
        assert b.dianonimkan_pada is not None and b.tanggal_lahir == lahir
        assert b.nama == f"Balita anonim #{b.pk}"
        assert (b.nik, b.nama_ibu, b.alamat, b.rt, b.rw) == ("", "", "", "", "")
        assert b.jenis_kelamin == kota[nama].jenis_kelamin and b.desa_id == kota[nama].desa_id
        for h in b.history.all():
            assert [getattr(h, k) for k in IDENTITAS] == [getattr(b, k) for k in IDENTITAS]
            assert h.tanggal_lahir == lahir
    for nama in ("aktif", "baru_pindah", "meninggal"):
        b = Balita.objects.get(pk=kota[nama].pk)
        assert b.dianonimkan_pada is None and b.nama == kota[nama].nama

    teks = client_as(sekretariat).get(kota["lulus"].get_absolute_url()).content.decode()
    assert "Laras" not in teks and "Dianonimkan" in teks


def test_the_retention_of_children_follows_the_setting(settings, kota):
    settings.RETENSI_BALITA_HARI = 10 * 365
    with time_machine.travel(HARI, tick=False):
        assert "Tidak ada data pribadi" in bersihkan()
        assert not Balita.objects.filter(dianonimkan_pada__isnull=False).exists()
        settings.RETENSI_BALITA_HARI = 365
        bersihkan()
    assert set(Balita.objects.filter(dianonimkan_pada__isnull=False).values_list(
        "pk", flat=True)) == {kota[n].pk for n in ("lulus", "pindah", "tua", "baru_pindah")}
