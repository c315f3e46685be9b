"""Finding a child at an event's desk: by name, mother's name, birth date or desa; by NIK
only for users with the NIK permission, and every NIK search logged.

One rule for the event page's search box and the desk's search as you type
(``views.kegiatan``)."""

import re
from datetime import date, datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from . import access
from .models import Balita, LogAksesData, Pengukuran

#: What a NIK looks like: 16 digits (spaces and dots typed between groups are ignored).
BENTUK_NIK = re.compile(r"^\d{16}$")
#: Birth dates as people type them: 05-03-2024, 5/3/2024, 2024-03-05.
BENTUK_TANGGAL = ("%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")
BATAS_HASIL = 20


def _tanggal(teks: str) -> date | None:
    for bentuk in BENTUK_TANGGAL:
        try:
            return datetime.strptime(teks, bentuk).date()
        except ValueError:
            continue
    return None


def cari_balita(user, teks: str, *, pada: date, batas: int = BATAS_HASIL):
    """``(children, notes)``: the children in ``user``'s scope expected on ``pada`` who match
    ``teks``, and notes for the user (e.g. why a NIK was not searched).

    Every word must match the name, the mother's name or the desa; a birth date matches
    ``tanggal_lahir``. A NIK is searched only with ``posyandu.lihat_nik``, and logged
    (``LogAksesData.Aksi.CARI_NIK``) whatever it finds."""
    teks = " ".join(teks.split())
    if not teks:
        return [], []
    dasar = access.balita_for_user(user).sasaran(pada).select_related("desa", "posyandu")
    angka = re.sub(r"[\s.]", "", teks)
    if BENTUK_NIK.match(angka):
        if not user.has_perm("posyandu.lihat_nik"):
            return [], [_("Pencarian dengan NIK hanya untuk pengguna yang berhak melihat NIK. "
                          "Cari dengan nama, nama ibu, tanggal lahir atau desa.")]
        anak = list(dasar.filter(nik=angka)[:batas])
        for b in anak or [None]:
            LogAksesData.objects.create(
                user=user, aksi=LogAksesData.Aksi.CARI_NIK, balita=b,
                keterangan="" if b else _("tidak ada yang cocok"),
            )
        return anak, []
    lahir = _tanggal(teks)
    if lahir is not None:
        return list(dasar.filter(tanggal_lahir=lahir).order_by("nama")[:batas]), []
    syarat = Q()
    for kata in teks.split(" "):
        syarat &= Q(nama__icontains=kata) | Q(nama_ibu__icontains=kata) | Q(desa__nama__icontains=kata)
    return list(dasar.filter(syarat).order_by("nama")[:batas]), []


def pengukuran_terakhir(anak: list[Balita]) -> dict[int, Pengukuran]:
    """Each child's latest measurement (with its event), for the search's results."""
    terakhir: dict[int, Pengukuran] = {}
    for p in (
        Pengukuran.objects.filter(balita__in=anak)
        .select_related("kegiatan")
        .order_by("balita_id", "-tanggal_ukur")
    ):
        terakhir.setdefault(p.balita_id, p)
    return terakhir
