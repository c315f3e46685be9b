"""Child identity in an import: which registered child a row is about, or which new one.

A child is NIK + birth date + name, else name + birth date + mother's name (a parent's
NIK can be on several children, so NIK alone is not an identity); names are compared
without case or extra spaces. Rows of one child the file brings new share one new record,
made from the first of them. A registered child of another sex, or registered at a
Posyandu outside the user's scope, refuses the row.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from posyandu.models import Balita

from .baca import Baris, kunci_nama
from .tempat import Tempat


@dataclass(frozen=True, slots=True)
class AnakBaru:
    """The ``indeks``-th child the file brings new (``Identitas.baru``)."""

    indeks: int


#: Whom a row is about: a registered child's pk, or a child new in the file.
Anak = int | AnakBaru


@dataclass(frozen=True, slots=True)
class BalitaBaru:
    """A child the file brings new: their first row, and where they are registered."""

    baris: Baris
    desa_id: int
    posyandu_id: int


@dataclass(frozen=True, slots=True)
class Terdaftar:
    """What an import reads of a registered child; ``sidik``: a digest of every field the
    preview relied on (NIK, name, birth date, mother, sex, Posyandu, KIA book), so that
    the commit can tell that the child changed since."""

    jenis_kelamin: str
    posyandu_id: int
    punya_buku_kia: bool | None
    sidik: str = ""


def sidik_balita(*nilai) -> str:
    """A short digest of a registered child's fields as the preview read them."""
    return hashlib.blake2b(repr(nilai).encode(), digest_size=6).hexdigest()


class Identitas:
    """The children a file is about: the registered ones who could be in it (by birth
    date), and the new ones as the rows bring them (``baru``)."""

    def __init__(self, baris: list[Baris]):
        tanggal = sorted({b.tgl_lahir for b in baris if not b.alasan})
        self._per_nik: dict[tuple, int] = {}
        self._per_ibu: dict[tuple, int] = {}
        self.terdaftar: dict[int, Terdaftar] = {}
        for awal in range(0, len(tanggal), 500):
            for pk, nik, nama, lahir, ibu, jk, posyandu_id, kia in (
                Balita.objects.filter(tanggal_lahir__in=tanggal[awal:awal + 500])
                .order_by("pk")
                .values_list("pk", "nik", "nama", "tanggal_lahir", "nama_ibu", "jenis_kelamin",
                             "posyandu_id", "punya_buku_kia")
            ):
                nama_k = kunci_nama(nama)
                if nik:
                    self._per_nik.setdefault((nik, lahir, nama_k), pk)
                if ibu:
                    self._per_ibu.setdefault((nama_k, lahir, kunci_nama(ibu)), pk)
                self.terdaftar[pk] = Terdaftar(
                    jk, posyandu_id, kia, sidik_balita(nik, nama, lahir, ibu, jk, posyandu_id, kia))
        self.baru: list[BalitaBaru] = []
        self._baru_per_nik: dict[tuple, AnakBaru] = {}
        self._baru_per_ibu: dict[tuple, AnakBaru] = {}

    def kunci(self, pks: set[int]) -> None:
        """Lock the registered children ``pks`` until the transaction ends (the commit, on
        PostgreSQL: a manual save of one of them waits; SQLite's writers take turns anyway)
        and take their fields again as they are now, so that a change made since they were
        first read shows in the trace."""
        urut, ada = sorted(pks), set()
        for awal in range(0, len(urut), 5000):
            for pk, nik, nama, lahir, ibu, jk, posyandu_id, kia in (
                Balita.objects.select_for_update().filter(pk__in=urut[awal:awal + 5000])
                .order_by("pk")
                .values_list("pk", "nik", "nama", "tanggal_lahir", "nama_ibu", "jenis_kelamin",
                             "posyandu_id", "punya_buku_kia")
            ):
                self.terdaftar[pk] = Terdaftar(
                    jk, posyandu_id, kia, sidik_balita(nik, nama, lahir, ibu, jk, posyandu_id, kia))
                ada.add(pk)
        for pk in pks - ada:  # deleted since they were read
            self.terdaftar[pk] = Terdaftar(self.terdaftar[pk].jenis_kelamin,
                                           self.terdaftar[pk].posyandu_id, None, "dihapus")

    def tentukan(self, b: Baris, desa_id: int, posyandu_id: int, tempat: Tempat) -> Anak | None:
        """The child of the row (a new one is added to ``baru``); None when the row is
        refused, the reason given to it."""
        nama_k = kunci_nama(b.nama)
        k_nik = (b.nik, b.tgl_lahir, nama_k) if b.nik else None
        k_ibu = (nama_k, b.tgl_lahir, kunci_nama(b.nama_ortu)) if b.nama_ortu else None
        pk = (k_nik and self._per_nik.get(k_nik)) or (k_ibu and self._per_ibu.get(k_ibu))
        if pk:
            anak = self.terdaftar[pk]
            if anak.jenis_kelamin != b.jk:
                b.tolak(
                    _("Jenis kelamin %(file)s berbeda dengan data balita terdaftar (%(db)s); "
                      "periksa datanya.") % {"file": b.jk, "db": anak.jenis_kelamin},
                    "jk",
                )
                return None
            if not tempat.boleh(anak.posyandu_id):
                b.tolak(
                    _("Balita ini terdaftar di Posyandu %(posyandu)s, di luar cakupan Anda.")
                    % {"posyandu": tempat.nama_posyandu.get(anak.posyandu_id, "?")}
                )
                return None
            return pk
        ref = (k_nik and self._baru_per_nik.get(k_nik)) or (k_ibu and self._baru_per_ibu.get(k_ibu))
        if ref is None:
            ref = AnakBaru(len(self.baru))
            self.baru.append(BalitaBaru(b, desa_id, posyandu_id))
            if k_nik:
                self._baru_per_nik[k_nik] = ref
            if k_ibu:
                self._baru_per_ibu[k_ibu] = ref
        elif self.baru[ref.indeks].baris.jk != b.jk:
            b.tolak(_("Jenis kelamin berbeda dengan baris %(n)s untuk balita yang sama.")
                    % {"n": self.baru[ref.indeks].baris.nomor}, "jk")
            return None
        return ref
