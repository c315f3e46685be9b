"""Applies every app's reference data and the roles (``python manage.py seed_reference``).

Rules (architecture.md, "Reference data"): insert what is missing by natural key; never
overwrite what an administrator changed; never bring back what an administrator deleted or
renamed (every key ever inserted is remembered); ``perbarui=True`` (``--update``) takes the
files over: it rewrites the fields the file holds and brings back deleted records.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from evaluasi import reference as evaluasi_reference
from opd import reference as opd_reference
from opd.roles import PERAN, PERAN_ADMIN
from posyandu import reference as posyandu_reference
from tpps.lib.acuan import SumberAcuan

from .models import KunciReferensi, SumberReferensi

SUMBER_PERAN = "opd/roles.py"


def semua_sumber() -> list[SumberAcuan]:
    """Every app's sources, in dependency order (a later source may refer to an earlier)."""
    return [*opd_reference.SUMBER, *posyandu_reference.SUMBER, *evaluasi_reference.SUMBER]


@dataclass
class Hasil:
    nama: str
    dibuat: int = 0
    diperbarui: int = 0
    tetap: int = 0
    tidak_dikembalikan: int = 0

    def __str__(self):
        if self.nama == SUMBER_PERAN:
            return (
                f"{self.nama}: {self.dibuat} grup peran dibuat, {self.diperbarui} izin "
                f"diberikan, {self.tetap} izin sudah ada, {self.tidak_dikembalikan} izin "
                "tidak dikembalikan (dicabut admin)"
            )
        return (
            f"{self.nama}: {self.dibuat} dibuat, {self.diperbarui} diperbarui, "
            f"{self.tetap} sudah ada, {self.tidak_dikembalikan} tidak dikembalikan "
            "(dihapus/diubah admin)"
        )


def _kunci_dikenal(nama: str) -> tuple[SumberReferensi, set[str]]:
    catatan, _ = SumberReferensi.objects.get_or_create(nama=nama)
    return catatan, set(catatan.kunci.values_list("kunci", flat=True))


def _berbeda(obj, baris) -> bool:
    if any(getattr(obj, k) != v for k, v in baris.nilai.items()):
        return True
    return any(
        set(getattr(obj, k).values_list("pk", flat=True)) != {o.pk for o in v}
        for k, v in baris.m2m.items()
    )


def muat_sumber(sumber: SumberAcuan, *, perbarui: bool = False) -> Hasil:
    hasil = Hasil(sumber.nama)
    catatan, dikenal = _kunci_dikenal(sumber.nama)
    kunci_baru = []
    for baris in sumber.baris():
        kunci = "|".join(baris.kunci)
        obj = sumber.model.objects.filter(**baris.cari).first()
        if obj is None and kunci in dikenal and not perbarui:
            hasil.tidak_dikembalikan += 1
            continue
        if obj is None:
            obj = sumber.model(**baris.cari)
            hasil.dibuat += 1
        elif perbarui and _berbeda(obj, baris):
            hasil.diperbarui += 1
        else:
            hasil.tetap += 1
            obj = None  # exists; what an administrator made of it stays
        if obj is not None:
            for k, v in baris.nilai.items():
                setattr(obj, k, v)
            obj.full_clean()
            obj._change_reason = "seed_reference"
            obj.save()
            for k, v in baris.m2m.items():
                getattr(obj, k).set(v)
        if kunci not in dikenal:
            kunci_baru.append(KunciReferensi(sumber=catatan, kunci=kunci))
    KunciReferensi.objects.bulk_create(kunci_baru)
    catatan.sha256 = sumber.sha256()
    catatan.save()
    return hasil


def _permission(nama: str) -> Permission:
    app_label, codename = nama.split(".")
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as exc:
        raise ImproperlyConfigured(f"Izin {nama} tidak ada; jalankan migrate dulu.") from exc


def muat_peran(*, perbarui: bool = False) -> Hasil:
    """Create the role groups and grant each permission the roles list, once.

    A permission an administrator took away from a role is not granted again (its key is
    remembered), unless ``perbarui``; permissions an administrator added are kept.
    """
    hasil = Hasil(SUMBER_PERAN)
    catatan, dikenal = _kunci_dikenal(SUMBER_PERAN)
    kunci_baru = []
    for nama_grup, izin in PERAN.items():
        grup, dibuat = Group.objects.get_or_create(name=nama_grup)
        hasil.dibuat += dibuat
        dimiliki = set(
            grup.permissions.values_list("content_type__app_label", "codename")
        )
        for nama in izin:
            kunci = f"{nama_grup}|{nama}"
            if tuple(nama.split(".")) in dimiliki:
                hasil.tetap += 1
            elif kunci in dikenal and not perbarui:
                hasil.tidak_dikembalikan += 1
            else:
                grup.permissions.add(_permission(nama))
                hasil.diperbarui += 1
            if kunci not in dikenal:
                kunci_baru.append(KunciReferensi(sumber=catatan, kunci=kunci))
    KunciReferensi.objects.bulk_create(kunci_baru)
    # Accounts given a role that works in the admin before that role gave admin access.
    get_user_model().objects.filter(groups__name__in=PERAN_ADMIN, is_staff=False).update(
        is_staff=True)
    return hasil


@transaction.atomic
def muat_semua(*, perbarui: bool = False) -> list[Hasil]:
    hasil = [muat_sumber(s, perbarui=perbarui) for s in semua_sumber()]
    hasil.append(muat_peran(perbarui=perbarui))
    return hasil
