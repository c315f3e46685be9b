"""Measurements are kept as written, to 2 decimals, on every path (form, fast entry, import):
stored and scored as WHO Anthro and ``manage.py zscore`` score them; more decimals are
refused with a message, and nothing changes."""

import csv
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from posyandu.eppgbm.impor import BARU, DITOLAK, impor_berkas
from posyandu.growth import score_child
from posyandu.models import Balita, Pengukuran
from tests.posyandu.eppgbm_berkas import baris, tulis_csv, tulis_xlsx

pytestmark = pytest.mark.django_db

LAHIR, DIUKUR = date(2024, 3, 10), date(2025, 8, 12)


def _zscore_command(tmp_path, **kolom) -> dict:
    """One row through ``manage.py zscore`` (decimal commas, ";"), its output row."""
    masuk, keluar = tmp_path / "survei.csv", tmp_path / "hasil.csv"
    with masuk.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(["sex", "tanggal_lahir", "tanggal_ukur", *kolom])
        w.writerow(["P", LAHIR.strftime("%d/%m/%Y"), DIUKUR.strftime("%d/%m/%Y"), *kolom.values()])
    call_command("zscore", str(masuk), "-o", str(keluar), "--titik-koma",
                 stdout=StringIO(), stderr=StringIO())
    with keluar.open(newline="", encoding="utf-8-sig") as f:
        return next(csv.DictReader(f, delimiter=";"))


@pytest.mark.parametrize("tulis", [tulis_csv, tulis_xlsx])
def test_an_imported_87_51_cm_is_stored_and_scored_as_87_51(tmp_path, melati, tulis):
    tinggi = "87,51" if tulis is tulis_csv else 87.51  # text in a CSV, a number in Excel
    hasil = impor_berkas(tulis(tmp_path / ("a.csv" if tulis is tulis_csv else "a.xlsx"), [
        baris(Tinggi=tinggi, Berat="11,25", LiLA="14,35")]))
    assert hasil.status == [BARU]
    p = Pengukuran.objects.get()
    assert (p.tinggi_cm, p.berat_kg, p.lila_cm) == (
        Decimal("87.51"), Decimal("11.25"), Decimal("14.35"))

    harapan = score_child("P", birth_date=LAHIR, measured_on=DIUKUR, weight_kg=11.25,
                          lenhei_cm=87.51, measure="l", muac_cm=14.35)
    assert (p.zlen, p.zwei, p.zwfl, p.zac) == (harapan.zlen, harapan.zwei, harapan.zwfl,
                                               harapan.zac)
    assert p.zlen != score_child("P", birth_date=LAHIR, measured_on=DIUKUR, lenhei_cm=87.5,
                                 measure="l").zlen  # the rounding this replaces
    survei = _zscore_command(tmp_path, weight_kg="11,25", lenhei_cm="87,51", measure="l",
                             muac_cm="14,35")
    for z in ("zlen", "zwei", "zwfl", "zac"):
        assert survei[z] == f"{getattr(p, z):.2f}".replace(".", ",")


def test_an_imported_value_with_3_decimals_refuses_its_row_naming_the_column(tmp_path, melati):
    f = tulis_csv(tmp_path / "b.csv", [
        baris(Tinggi="87,512"),
        baris(Nama="Anak B", Berat="11,255"),
        baris(Nama="Anak C", LiLA="14.351"),
        baris(Nama="Anak D", Tinggi="87,51"),
    ])
    hasil = impor_berkas(f)
    assert hasil.status == [DITOLAK, DITOLAK, DITOLAK, BARU]
    assert [b.alasan_per_kolom() for b in hasil.baris[:3]] == [
        [("Tinggi", "Kolom Tinggi: '87,512' memiliki lebih dari 2 angka di belakang koma; "
                    "tulis paling banyak 2 (contoh: 87,51).")],
        [("Berat", "Kolom Berat: '11,255' memiliki lebih dari 2 angka di belakang koma; "
                   "tulis paling banyak 2 (contoh: 87,51).")],
        [("LiLA", "Kolom LiLA: '14.351' memiliki lebih dari 2 angka di belakang koma; "
                  "tulis paling banyak 2 (contoh: 87,51).")],
    ]
    assert list(Balita.objects.values_list("nama", flat=True)) == ["Anak D"]
    assert Pengukuran.objects.get().tinggi_cm == Decimal("87.51")


def test_the_single_form_keeps_2_decimals_and_refuses_3(client_as, kader_melati, anak_melati):
    c = client_as(kader_melati)
    url = f"/posyandu/balita/{anak_melati.pk}/ukur/"
    resp = c.post(url, {"tanggal_ukur": "2025-08-12", "berat_kg": "11,255",
                        "tinggi_cm": "87,51"})
    assert resp.status_code == 200
    assert ("Berat (kg): tulis paling banyak 2 angka di belakang koma (contoh: 15,75)."
            in resp.content.decode())
    assert not Pengukuran.objects.exists()

    resp = c.post(url, {"tanggal_ukur": "2025-08-12", "berat_kg": "15,75", "tinggi_cm": "87,51",
                        "lingkar_kepala_cm": "45,25", "konfirmasi": "on"})
    assert resp.status_code == 302
    p = Pengukuran.objects.get()
    assert (p.berat_kg, p.tinggi_cm, p.lingkar_kepala_cm) == (
        Decimal("15.75"), Decimal("87.51"), Decimal("45.25"))
    assert p.zhc == score_child("P", birth_date=LAHIR, measured_on=DIUKUR,
                                headc_cm=45.25).zhc


@pytest.mark.parametrize("kolom, label", [
    ("berat_kg", "Berat (kg)"), ("tinggi_cm", "PB/TB (cm)"), ("lila_cm", "LiLA (cm)"),
    ("lingkar_kepala_cm", "Lingkar kepala (cm)"),
])
def test_fast_entry_keeps_2_decimals_and_refuses_3(client_as, kader_melati, anak_melati, melati,
                                                    kolom, label):
    from posyandu.models import Kegiatan

    kegiatan = Kegiatan.objects.create(jenis="bulan_penimbangan", tanggal=DIUKUR, posyandu=melati)
    c = client_as(kader_melati)
    url = f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/"
    dasar = {"berat_kg": "11,2", "konfirmasi": "on"}
    resp = c.post(url, {**dasar, kolom: "15,755"})
    assert resp.status_code == 400
    assert resp.json()["kesalahan"] == [
        f"{label}: tulis paling banyak 2 angka di belakang koma (contoh: 15,75)."]
    assert not Pengukuran.objects.exists()

    resp = c.post(url, {**dasar, kolom: "15,75"})
    assert resp.status_code == 200, resp.content
    assert getattr(Pengukuran.objects.get(), kolom) == Decimal("15.75")
