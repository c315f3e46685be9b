"""The Posyandu cast: Posyandu Melati (Sisir, Batu) and Mawar (Bumiaji); a kader of
Melati, a Dinkes officer for the whole city, and children in both."""

from datetime import date

import pytest

from opd import roles
from posyandu.models import CakupanPetugas
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_posyandu, make_wilayah


@pytest.fixture
def wilayah(db):
    return make_wilayah()


@pytest.fixture
def melati(wilayah):
    return make_posyandu("Melati", desa=wilayah["sisir"], puskesmas=wilayah["pkm_sisir"], rw="03")


@pytest.fixture
def mawar(wilayah):
    return make_posyandu("Mawar", desa=wilayah["bumiaji"], puskesmas=wilayah["pkm_bumiaji"])


@pytest.fixture
def kader_melati(peran, melati):
    user = make_user("kader.melati", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    return user


@pytest.fixture
def dinkes_kota(peran):
    user = make_user("gizi.dinkes", peran=roles.PETUGAS_POSYANDU)
    beri_cakupan(user, CakupanPetugas.Tingkat.KOTA)
    return user


@pytest.fixture
def anak_melati(melati):
    return make_balita(melati, nama="Aisyah Putri", nik="3579015003240001",
                       tanggal_lahir=date(2024, 3, 10))


@pytest.fixture
def anak_mawar(mawar):
    return make_balita(mawar, nama="Bima Sakti", jenis_kelamin="L", nama_ibu="Dewi",
                       tanggal_lahir=date(2023, 6, 1))
