"""Small factories for tests (style: djangoproject.com — functions with setdefault)."""

from datetime import date

from django.contrib.auth.models import Group

from opd.models import OPD, SK, AnggotaTim, Bidang, Mitra, User


def make_opd(singkatan="Dinkes", **kwargs) -> OPD:
    kwargs.setdefault("nama", f"Dinas {singkatan}")
    kwargs.setdefault("jenis", OPD.Jenis.DINAS)
    opd, _ = OPD.objects.get_or_create(singkatan=singkatan, defaults=kwargs)
    return opd


def make_user(username, *, peran=None, password="sandi-uji-123", **kwargs) -> User:
    kwargs.setdefault("first_name", username.title())
    user = User.objects.create_user(username=username, password=password, **kwargs)
    if peran:
        user.groups.add(Group.objects.get(name=peran))
    return user


def make_anggota(opd, **kwargs) -> AnggotaTim:
    kwargs.setdefault("nama", "Dr. Ratna Sari")
    kwargs.setdefault("peran", AnggotaTim.Peran.ANGGOTA)
    kwargs.setdefault("mulai", date(2025, 1, 2))
    return AnggotaTim.objects.create(opd=opd, **kwargs)


def make_sk(**kwargs) -> SK:
    kwargs.setdefault("nomor", "188.45/12/KEP/422.012/2025")
    kwargs.setdefault("tanggal", date(2025, 1, 15))
    kwargs.setdefault("perihal", "Tim Percepatan Penurunan Stunting Kota Batu")
    return SK.objects.create(**kwargs)


def make_bidang(sk=None, **kwargs) -> Bidang:
    kwargs.setdefault("nama", "Bidang Pelayanan Intervensi Spesifik dan Sensitif")
    return Bidang.objects.create(sk=sk, **kwargs)


def make_mitra(**kwargs) -> Mitra:
    kwargs.setdefault("nama", "PT Selecta Wisata Batu")
    kwargs.setdefault("sektor", "Pariwisata")
    return Mitra.objects.create(**kwargs)
