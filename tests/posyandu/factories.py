"""Factories for children, places and measurements."""

from datetime import date
from decimal import Decimal

from posyandu import alur
from posyandu.models import Balita, CakupanPetugas, Desa, Kecamatan, Posyandu, Puskesmas


def make_wilayah():
    batu = Kecamatan.objects.get_or_create(kode="35.79.01", defaults={"nama": "Batu"})[0]
    bumiaji = Kecamatan.objects.get_or_create(kode="35.79.02", defaults={"nama": "Bumiaji"})[0]
    sisir = Desa.objects.get_or_create(kecamatan=batu, nama="Sisir", defaults={"jenis": "kelurahan"})[0]
    # Bumiaji is a kecamatan and a desa name: the desa is told apart by its kecamatan.
    desa_bumiaji = Desa.objects.get_or_create(
        kecamatan=bumiaji, nama="Bumiaji", defaults={"jenis": "desa"}
    )[0]
    pkm_sisir = Puskesmas.objects.get_or_create(nama="Sisir", defaults={"kecamatan": batu})[0]
    pkm_bumiaji = Puskesmas.objects.get_or_create(nama="Bumiaji", defaults={"kecamatan": bumiaji})[0]
    return {"sisir": sisir, "bumiaji": desa_bumiaji, "pkm_sisir": pkm_sisir,
            "pkm_bumiaji": pkm_bumiaji}


def make_posyandu(nama="Melati", desa=None, puskesmas=None, **kwargs) -> Posyandu:
    w = make_wilayah()
    return Posyandu.objects.create(
        nama=nama, desa=desa or w["sisir"], puskesmas=puskesmas or w["pkm_sisir"], **kwargs
    )


def make_melati_dan_mawar():
    """Two Posyandu in two kecamatan: Melati in Sisir (Batu), Mawar in Bumiaji (Bumiaji),
    with the wilayah (``make_wilayah``)."""
    w = make_wilayah()
    melati = make_posyandu("Melati", desa=w["sisir"], puskesmas=w["pkm_sisir"])
    mawar = make_posyandu("Mawar", desa=w["bumiaji"], puskesmas=w["pkm_bumiaji"])
    return w, melati, mawar


def beri_cakupan(user, tingkat, *, posyandu=(), desa=None, puskesmas=None):
    cakupan = CakupanPetugas.objects.create(
        user=user, tingkat=tingkat, desa=desa, puskesmas=puskesmas
    )
    cakupan.posyandu.set(posyandu)
    return cakupan


def make_balita(posyandu, **kwargs) -> Balita:
    kwargs.setdefault("nama", "Aisyah Putri")
    kwargs.setdefault("jenis_kelamin", "P")
    kwargs.setdefault("tanggal_lahir", date(2024, 3, 10))
    kwargs.setdefault("nama_ibu", "Siti Rahma")
    kwargs.setdefault("desa", posyandu.desa)
    return Balita.objects.create(posyandu=posyandu, **kwargs)


def ukur(balita, tanggal, berat=None, tinggi=None, user=None, **kwargs):
    return alur.simpan_pengukuran(
        balita=balita, tanggal_ukur=tanggal, user=user,
        berat_kg=None if berat is None else Decimal(str(berat)),
        tinggi_cm=None if tinggi is None else Decimal(str(tinggi)), **kwargs,
    )
