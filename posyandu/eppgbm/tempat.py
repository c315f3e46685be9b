"""Place matching of an import: a row's kecamatan, desa/kelurahan and Posyandu → records.

A desa by (kecamatan, desa) — Batu, Bumiaji and Junrejo are the names of both — and a
Posyandu by name within that desa; names are compared without their "Kec."/"Desa"/
"Posyandu" prefix, case, spaces or punctuation. A Posyandu outside the importing user's
scope is refused like an unknown one, with its own reason.
"""

import re

from django.utils.translation import gettext as _

from posyandu import access
from posyandu.models import Desa, Posyandu

from .baca import Baris

_AWALAN = re.compile(r"^(kecamatan|kec|kelurahan|kel|desa|posyandu|pos)\b\.?\s*")


def kunci_tempat(nama: str) -> str:
    """A place name as compared: no "Kec."/"Desa"/"Posyandu" prefix, letters and digits."""
    teks = _AWALAN.sub("", nama.strip().lower())
    return re.sub(r"[^a-z0-9]", "", teks)


class Tempat:
    """Every desa and Posyandu by their compared names, and the user's scope."""

    def __init__(self, user):
        """``user``: whose scope applies (None: a command run by an administrator)."""
        self.desa = {}
        for d in Desa.objects.select_related("kecamatan"):
            for kec in {kunci_tempat(d.kecamatan.nama), kunci_tempat(d.kecamatan.kode)}:
                self.desa[(kec, kunci_tempat(d.nama))] = d.pk
        self.posyandu = {}
        self.nama_posyandu = {}
        for p in Posyandu.objects.all().values("pk", "desa_id", "nama"):
            self.posyandu[(p["desa_id"], kunci_tempat(p["nama"]))] = p["pk"]
            self.nama_posyandu[p["pk"]] = p["nama"]
        self.cakupan = (
            None if user is None or user.has_perm(access.SEMUA)
            else set(access.posyandu_for_user(user).values_list("pk", flat=True))
        )

    def boleh(self, posyandu_id: int) -> bool:
        """Whether the Posyandu is within the user's scope."""
        return self.cakupan is None or posyandu_id in self.cakupan

    def cocokkan(self, b: Baris) -> tuple[int, int] | None:
        """(desa, Posyandu) of the row; None when there is none in the user's scope, the
        reason given to the row."""
        desa_id = self.desa.get((kunci_tempat(b.kec), kunci_tempat(b.desa)))
        if desa_id is None:
            b.tolak(
                _("Desa/kelurahan '%(desa)s' tidak ada di Kecamatan '%(kec)s'.")
                % {"desa": b.desa, "kec": b.kec},
                "desa",
            )
            return None
        posyandu_id = self.posyandu.get((desa_id, kunci_tempat(b.posyandu)))
        if posyandu_id is None:
            b.tolak(
                _("Posyandu '%(posyandu)s' tidak terdaftar di %(desa)s (Kec. %(kec)s); "
                  "Sekretariat TPPS menambahkannya di admin.")
                % {"posyandu": b.posyandu, "desa": b.desa, "kec": b.kec},
                "posyandu",
            )
            return None
        if not self.boleh(posyandu_id):
            b.tolak(
                _("Posyandu %(posyandu)s di luar cakupan wilayah Anda.")
                % {"posyandu": self.nama_posyandu[posyandu_id]},
                "posyandu",
            )
            return None
        return desa_id, posyandu_id
