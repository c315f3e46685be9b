"""The demo accounts: one per role (Pimpinan, operator of Dinkes, a Posyandu kader, the
city nutrition officer), each made only if missing, with a generated password returned once."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils.text import slugify

from opd import roles
from opd.models import OPD
from posyandu.models import Balita, CakupanPetugas, Posyandu
from tpps.demo.cerita import AkunDemo, HasilDemoLengkap


def _akun(hasil: HasilDemoLengkap, username: str, *, peran: str, nama: tuple[str, str],
          jabatan: str = "", opd: OPD | None = None):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    sandi = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=username, password=sandi, first_name=nama[0],
                                    last_name=nama[1], jabatan=jabatan, opd=opd)
    if grup := Group.objects.filter(name=peran).first():
        user.groups.add(grup)
    hasil.akun.append(AkunDemo(username=username, peran=peran, sandi=sandi))
    return user


def _posyandu_kader() -> Posyandu | None:
    """The demo Posyandu with the most active children (ties: the first made)."""
    return (
        Posyandu.objects.annotate(n=Count("balita", filter=Q(balita__status=Balita.Status.AKTIF)))
        .order_by("-n", "pk").first()
    )


def buat_akun(hasil: HasilDemoLengkap) -> dict:
    """One account per role, each made only if missing (passwords go into ``hasil``)."""
    dinkes = OPD.objects.filter(singkatan="Dinkes").first()
    akun = {
        "sekda": _akun(hasil, "sekda", peran=roles.PIMPINAN, nama=("Hadi", "Prasetyo"),
                       jabatan="Sekretaris Daerah Kota Batu"),
        "operator": _akun(hasil, "operator.dinkes", peran=roles.OPERATOR_OPD,
                          nama=("Okta", "Rahmawati"), jabatan="Pengelola data", opd=dinkes),
    }
    sudah = CakupanPetugas.objects.filter(
        tingkat=CakupanPetugas.Tingkat.POSYANDU, user__username__startswith="kader."
    ).select_related("user").order_by("pk").first()
    if sudah is not None:
        akun["kader"] = sudah.user
    elif posyandu := _posyandu_kader():
        kader = _akun(hasil, f"kader.{slugify(posyandu.nama)}", peran=roles.PETUGAS_POSYANDU,
                      nama=("Siti", "Aminah"), jabatan=f"Kader Posyandu {posyandu.nama}")
        if not CakupanPetugas.objects.filter(user=kader).exists():
            cakupan = CakupanPetugas(user=kader, tingkat=CakupanPetugas.Tingkat.POSYANDU)
            cakupan.full_clean()
            cakupan.save()
            cakupan.posyandu.set([posyandu])
        akun["kader"] = kader
    gizi = _akun(hasil, "gizi.dinkes", peran=roles.PETUGAS_POSYANDU, nama=("Nur", "Hidayati"),
                 jabatan="Tenaga pelaksana gizi, Dinas Kesehatan")
    if not CakupanPetugas.objects.filter(user=gizi).exists():
        cakupan = CakupanPetugas(user=gizi, tingkat=CakupanPetugas.Tingkat.KOTA)
        cakupan.full_clean()
        cakupan.save()
    akun["gizi"] = gizi
    User = get_user_model()
    akun["sekretariat"] = (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.filter(groups__name=roles.SEKRETARIAT).order_by("pk").first()
    )
    return akun
