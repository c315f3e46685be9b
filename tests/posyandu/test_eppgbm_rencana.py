"""The import's pieces: place matching (``tempat``), child identity (``identitas``) and the
typed plan (``Rencana``) that the commit writes."""

from datetime import date

import pytest
from django.db import transaction

from posyandu.eppgbm.baca import Baris
from posyandu.eppgbm.identitas import AnakBaru, BalitaBaru, Identitas
from posyandu.eppgbm.impor import BARU, Rencana, pratinjau, simpan
from posyandu.eppgbm.tempat import Tempat, kunci_tempat
from posyandu.models import Balita, Pengukuran
from tests.posyandu.eppgbm_berkas import baris, tulis_csv
from tests.posyandu.factories import make_balita

pytestmark = pytest.mark.django_db
LAHIR = date(2024, 3, 10)


def _baris(nomor=2, **nilai) -> Baris:
    dasar = {"nama": "Aisyah Putri", "nik": "3579015003240001", "jk": "P", "tgl_lahir": LAHIR,
             "nama_ortu": "Siti Rahma", "kec": "BATU", "desa": "SISIR", "posyandu": "Melati"}
    return Baris(nomor=nomor, **{**dasar, **nilai})


# --- place matching ----------------------------------------------------------------------

def test_place_names_are_compared_without_prefix_case_or_punctuation():
    assert kunci_tempat(" Kec. Batu ") == kunci_tempat("BATU") == "batu"
    assert kunci_tempat("Desa Sumber-Gondo") == "sumbergondo"
    assert kunci_tempat("Posyandu Melati 1") == kunci_tempat("melati-1") == "melati1"


def test_a_row_is_matched_to_its_desa_and_posyandu(melati, mawar):
    tempat = Tempat(None)
    assert tempat.cocokkan(_baris(kec="Kec. Batu", desa="Kel. Sisir", posyandu="POS MELATI")) == (
        melati.desa_id, melati.pk)
    # Bumiaji is a kecamatan and a desa: the desa is the one in that kecamatan
    assert tempat.cocokkan(_baris(kec="Bumiaji", desa="Bumiaji", posyandu="Mawar")) == (
        mawar.desa_id, mawar.pk)


@pytest.mark.parametrize("nilai, kolom, pesan", [
    ({"desa": "Sisir", "kec": "Bumiaji"}, ("desa",),
     "Desa/kelurahan 'Sisir' tidak ada di Kecamatan 'Bumiaji'."),
    ({"posyandu": "Anggrek"}, ("posyandu",),
     "Posyandu 'Anggrek' tidak terdaftar di SISIR (Kec. BATU)"),
    ({"kec": "Bumiaji", "desa": "Bumiaji", "posyandu": "Mawar"}, ("posyandu",),
     "Posyandu Mawar di luar cakupan wilayah Anda."),
])
def test_an_unknown_or_out_of_scope_place_refuses_the_row(kader_melati, mawar, nilai, kolom,
                                                          pesan):
    b = _baris(**nilai)
    assert Tempat(kader_melati).cocokkan(b) is None
    assert b.kolom_alasan == [kolom] and b.alasan[0].startswith(pesan)


# --- child identity ----------------------------------------------------------------------

def test_a_registered_child_is_found_by_nik_or_by_name_birth_date_and_mother(melati):
    anak = make_balita(melati, nik="3579015003240001")
    tempat, identitas = Tempat(None), Identitas([_baris()])
    ids = (melati.desa_id, melati.pk, tempat)
    assert identitas.tentukan(_baris(nama_ortu="Lain"), *ids) == anak.pk  # NIK+birth+name
    assert identitas.tentukan(_baris(nik="", nama="AISYAH  putri"), *ids) == anak.pk  # mother
    assert identitas.terdaftar[anak.pk].posyandu_id == melati.pk
    assert identitas.baru == []


def test_a_parents_nik_alone_is_not_an_identity(melati):
    make_balita(melati, nik="3579015003240001")
    identitas = Identitas([_baris()])
    ref = identitas.tentukan(_baris(nama="Adiknya", nama_ortu="Lain"), melati.desa_id,
                             melati.pk, Tempat(None))
    assert ref == AnakBaru(0) and identitas.baru[0].baris.nama == "Adiknya"


def test_rows_of_one_new_child_share_one_new_record_made_from_the_first(melati):
    identitas, tempat = Identitas([]), Tempat(None)
    pertama, kedua = _baris(nomor=2), _baris(nomor=3, nik="")
    assert identitas.tentukan(pertama, melati.desa_id, melati.pk, tempat) == AnakBaru(0)
    assert identitas.tentukan(kedua, melati.desa_id, melati.pk, tempat) == AnakBaru(0)
    assert identitas.baru == [BalitaBaru(pertama, melati.desa_id, melati.pk)]
    lain_jk = _baris(nomor=4, jk="L")
    assert identitas.tentukan(lain_jk, melati.desa_id, melati.pk, tempat) is None
    assert lain_jk.alasan == ["Jenis kelamin berbeda dengan baris 2 untuk balita yang sama."]


def test_a_registered_child_of_another_sex_or_outside_the_scope_refuses_the_row(
        kader_melati, melati, mawar):
    make_balita(melati, nik="3579015003240001")
    make_balita(mawar, nama="Bima", jenis_kelamin="L", nik="3579015003240002")
    identitas, tempat = Identitas([_baris()]), Tempat(kader_melati)
    b = _baris(jk="L")
    assert identitas.tentukan(b, melati.desa_id, melati.pk, tempat) is None
    assert b.kolom_alasan == [("jk",)] and "berbeda dengan data balita terdaftar (P)" in b.alasan[0]
    b = _baris(nama="Bima", jk="L", nik="3579015003240002")
    assert identitas.tentukan(b, melati.desa_id, melati.pk, tempat) is None
    assert b.alasan == ["Balita ini terdaftar di Posyandu Mawar, di luar cakupan Anda."]


# --- the plan ----------------------------------------------------------------------------

def test_the_plan_creates_only_the_new_children_a_written_row_needs():
    rencana = Rencana(anak=[7, AnakBaru(0), AnakBaru(1), None, AnakBaru(2)],
                      balita_baru=[], baru=[0, 2], berubah=[(4, 99)])
    assert rencana.ditulis() == [0, 2, 4]
    assert rencana.balita_dipakai() == [1, 2]


def test_the_commit_writes_the_plan_the_preview_made(tmp_path, melati, sekretariat):
    anak = make_balita(melati, nik="3579015003240001")
    f = tulis_csv(tmp_path / "r.csv", [
        baris(), baris(NIK="", Nama="Bima", JK="L", **{"Nama Ortu": "Dewi"}),
    ])
    hasil = pratinjau(f, user=sekretariat)
    r = hasil.rencana
    assert hasil.status == [BARU, BARU] and Pengukuran.objects.count() == 0
    assert r.anak == [anak.pk, AnakBaru(0)] and r.baru == [0, 1] and r.berubah == []
    assert [(b.baris.nama, b.desa_id, b.posyandu_id) for b in r.balita_baru] == [
        ("Bima", melati.desa_id, melati.pk)]
    assert r.posisi == {0: 0, 1: 1} and len(r.skor["zwei"]) == 2

    r.balita_baru[0].baris.nama = "Bima Sakti"  # what is written is the plan, not the file
    with transaction.atomic():
        simpan(hasil, user=sekretariat)
    bima = Balita.objects.get(nama="Bima Sakti")
    assert (bima.desa_id, bima.posyandu_id) == (melati.desa_id, melati.pk)
    assert sorted(Pengukuran.objects.values_list("balita_id", "zwei")) == sorted(
        [(anak.pk, r.skor["zwei"][0]), (bima.pk, r.skor["zwei"][1])])
