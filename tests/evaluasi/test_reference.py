"""seed_reference loads the indicator catalogue, the 2024 national targets and the bands."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from evaluasi.models import Indikator, PredikatCapaian, TargetIndikator

pytestmark = pytest.mark.django_db


def seed(*args):
    out = io.StringIO()
    call_command("seed_reference", *args, stdout=out)
    return out.getvalue()


def test_the_20_perpres_indicators_with_owners_targets_and_bands():
    keluaran = seed()
    assert "evaluasi/indikator.csv: 20 dibuat" in keluaran
    assert Indikator.objects.filter(kelompok="spesifik").count() == 9
    assert Indikator.objects.filter(kelompok="sensitif").count() == 11
    k2 = Indikator.objects.get(kode="K2")
    assert k2.arah == Indikator.Arah.TURUN and k2.opd_utama.singkatan == "DPPPAPPKB"
    assert Indikator.objects.get(kode="K8").satuan == Indikator.Satuan.JUMLAH
    s3 = Indikator.objects.get(kode="S3")
    assert {o.singkatan for o in s3.opd_pendukung.all()} == {"Dindik", "Kemenag"}
    # Notes are Indonesian; uncertain facts stay marked for checking.
    assert Indikator.objects.get(kode="K4").catatan.endswith("mungkin DPUPR")
    assert "(periksa)" in Indikator.objects.get(kode="S1").catatan
    assert not Indikator.objects.filter(catatan__icontains="verify").exists()

    # National 2024 targets; a blank target is no target at all.
    assert TargetIndikator.objects.filter(tahun=2024).count() == 17
    assert TargetIndikator.objects.get(indikator=k2, tahun=2024).target_nasional == Decimal(
        "15.5")
    assert not TargetIndikator.objects.filter(indikator__kode__in=["K6", "K8", "K10"]).exists()
    assert all(t.target_kota is None for t in TargetIndikator.objects.all())

    assert list(PredikatCapaian.objects.values_list("nama", "batas_bawah", "batas_atas")) == [
        ("Sangat baik", 91, None), ("Baik", 76, 91), ("Cukup", 66, 76), ("Kurang", 51, 66),
        ("Sangat kurang", None, 51),
    ]


def test_a_second_run_changes_nothing_and_keeps_administrators_edits():
    seed()
    target = TargetIndikator.objects.get(indikator__kode="S1", tahun=2024)
    target.target_kota = Decimal("95")
    target.target_nasional = Decimal("85")
    target.save()
    Indikator.objects.get(kode="K11").delete()
    keluaran = seed()
    assert "evaluasi/indikator.csv: 0 dibuat, 0 diperbarui, 19 sudah ada, 1 tidak dikembalikan" in (
        keluaran)
    target.refresh_from_db()
    assert (target.target_kota, target.target_nasional) == (95, 85)
    assert not Indikator.objects.filter(kode="K11").exists()
    seed("--update")
    assert Indikator.objects.filter(kode="K11").exists()
