"""Uploaded e-PPGBM files (full NIK and names) and their import records are kept for a
retention period only: the daily ``manage.py bersihkan_data_pribadi`` removes failed ones 30
days after they failed and the others 90 days after they ended (RETENSI_IMPOR_*). The
measurements they brought stay."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from posyandu.eppgbm.pekerjaan import nama_ditolak
from posyandu.models import ImporEppgbm, Pengukuran
from tests.posyandu.eppgbm_berkas import baris, tulis_csv

pytestmark = pytest.mark.django_db
AWAL = datetime(2026, 1, 5, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))


def pada(hari: int):
    return time_machine.travel(AWAL + timedelta(days=hari), tick=False)


def unggah(c, tmp_path, rows, nama, **kwargs):
    isi = tulis_csv(tmp_path / nama, rows, **kwargs).read_bytes()
    c.post(reverse("posyandu:impor-unggah"), {"berkas": SimpleUploadedFile(nama, isi)})
    return ImporEppgbm.objects.get(nama_berkas=nama)


def bersihkan(*args) -> str:
    keluar = io.StringIO()
    call_command("bersihkan_data_pribadi", *args, stdout=keluar)
    return keluar.getvalue()


def ada(nama: str) -> bool:
    return ImporEppgbm._meta.get_field("berkas").storage.exists(nama)


def test_imports_are_removed_after_their_retention(client_as, kader_melati, melati, mawar,
                                                   tmp_path):
    with pada(0):
        c = client_as(kader_melati)
        disimpan = unggah(c, tmp_path, [baris(), baris(Nama="Budi", Kec="Bumiaji",
                                                       **{"Desa/Kel": "Bumiaji"},
                                                       Posyandu="Mawar")], "januari.csv")
        gagal = unggah(c, tmp_path, [], "salah.csv", header=["Nama", "JK"])
        pratinjau = unggah(c, tmp_path, [baris(Nama="Citra", NIK="3579014101240003")],
                           "ditinggal.csv")
    assert (disimpan.status, gagal.status, pratinjau.status) == ("pratinjau", "gagal",
                                                                "pratinjau")
    berkas = {i.pk: i.berkas.name for i in (disimpan, gagal, pratinjau)}
    ditolak = nama_ditolak(disimpan)
    assert all(ada(n) for n in berkas.values()) and ada(ditolak)
    with pada(10):  # committed ten days after the upload: its clock starts now
        c = client_as(kader_melati)
        c.post(reverse("posyandu:impor-simpan", args=[disimpan.pk]))
    disimpan.refresh_from_db()
    assert disimpan.status == "selesai" and Pengukuran.objects.count() == 1

    with pada(29):
        assert "Tidak ada data pribadi yang masa retensinya lewat." in bersihkan()
    with pada(31):
        teks = bersihkan()
    assert (f"Impor e-PPGBM #{gagal.pk} \u201csalah.csv\u201d (Gagal, diunggah 05-01-2026): "
            "berkas dan catatannya dihapus.") in teks
    assert "Selesai: 1 impor e-PPGBM, 0 berkas lama, 0 balita dianonimkan." in teks
    assert not ImporEppgbm.objects.filter(pk=gagal.pk).exists() and not ada(berkas[gagal.pk])

    with pada(91):  # the preview left 91 days ago goes; the commit of day 10 stays
        teks = bersihkan()
    assert f"#{pratinjau.pk} \u201cditinggal.csv\u201d (Siap ditinjau" in teks
    assert f"#{disimpan.pk} " not in teks
    assert set(ImporEppgbm.objects.values_list("pk", flat=True)) == {disimpan.pk}
    assert not ada(berkas[pratinjau.pk]) and ada(berkas[disimpan.pk])

    with pada(101):
        teks = bersihkan()
        assert f"#{disimpan.pk} \u201cjanuari.csv\u201d (Selesai disimpan" in teks
        assert "Tidak ada data pribadi" in bersihkan()  # a second run removes nothing
    assert not ImporEppgbm.objects.exists()
    assert not ada(berkas[disimpan.pk]) and not ada(ditolak)
    assert Pengukuran.objects.count() == 1  # what the import brought stays


def test_a_trial_run_lists_and_removes_nothing(client_as, kader_melati, melati, tmp_path):
    with pada(0):
        gagal = unggah(client_as(kader_melati), tmp_path, [], "salah.csv", header=["Nama"])
    with pada(40):
        teks = bersihkan("--coba")
    assert "Percobaan: tidak ada yang dihapus." in teks and f"#{gagal.pk} " in teks
    assert "Akan dihapus: 1 impor e-PPGBM" in teks
    assert ImporEppgbm.objects.filter(pk=gagal.pk).exists() and ada(gagal.berkas.name)


@pytest.mark.parametrize("status, hari, menit, hilang", [
    ("gagal", 30, -1, False), ("gagal", 30, 1, True),
    ("selesai", 90, -1, False), ("selesai", 90, 1, True),
    ("pratinjau", 90, 1, True), ("menunggu", 90, 1, True),
    ("menyimpan", 90, 1, False), ("menyimpan", 91, 1, True),  # a running job: one day more
    ("memeriksa", 90, 1, False), ("memeriksa", 91, 1, True),
])
def test_retention_by_status(kader_melati, status, hari, menit, hilang):
    with pada(0):
        impor = ImporEppgbm.objects.create(user=kader_melati, nama_berkas="x.csv",
                                           berkas="eppgbm/x.csv", status=status)
    sekarang = AWAL + timedelta(days=hari, minutes=menit)
    assert ImporEppgbm.objects.kedaluwarsa(sekarang).filter(pk=impor.pk).exists() is hilang


def test_retention_follows_the_settings(settings, kader_melati):
    settings.RETENSI_IMPOR_HARI, settings.RETENSI_IMPOR_GAGAL_HARI = 7, 1
    with pada(0):
        selesai = ImporEppgbm.objects.create(user=kader_melati, nama_berkas="a.csv",
                                             berkas="eppgbm/a.csv", status="selesai")
        gagal = ImporEppgbm.objects.create(user=kader_melati, nama_berkas="b.csv",
                                           berkas="eppgbm/b.csv", status="gagal")
    assert list(ImporEppgbm.objects.kedaluwarsa(AWAL + timedelta(days=2))) == [gagal]
    assert set(ImporEppgbm.objects.kedaluwarsa(AWAL + timedelta(days=8))) == {gagal, selesai}
