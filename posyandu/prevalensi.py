"""Prevalence of stunting, wasting, underweight and overweight, counted as domain.md §7 says.

Each child counts once per period, with their latest measurement in it (0–59 months); if
that measurement's z-score for an index is blank or flagged, the child is left out of that
index (an earlier measurement is not used instead); a child with oedema counts as below
−3 SD for weight-for-age and weight-for-length/height. Children are placed in the desa they
live in (``Balita.desa``), not where they were weighed.

| index | numerator | denominator |
|---|---|---|
| stunting | HAZ < −2 | children with an unflagged HAZ |
| wasting | WHZ < −2, or oedema | children with an unflagged WHZ, or oedema |
| underweight | WAZ < −2, or oedema | children with an unflagged WAZ, or oedema |
| overweight | WHZ > +2 | as wasting |
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery

from tpps.lib.statistik import BATAS_STUNTING, BATAS_WASTING, Proporsi, pita, wilson

from .growth import LAST_SCORED_DAY
from .models import Pengukuran


@dataclass(frozen=True)
class Indeks:
    kode: str
    nama: str
    pembilang: Q
    penyebut: Q
    batas: tuple | None


def _ada(z: str, f: str) -> Q:
    return Q(**{f"{z}__isnull": False, f: False})


INDEKS = (
    Indeks("stunting", "Stunting (TB/U < −2 SD)", _ada("zlen", "flen") & Q(zlen__lt=-2),
           _ada("zlen", "flen"), BATAS_STUNTING),
    Indeks("wasting", "Wasting (BB/TB < −2 SD)",
           (_ada("zwfl", "fwfl") & Q(zwfl__lt=-2)) | Q(edema=True),
           _ada("zwfl", "fwfl") | Q(edema=True), BATAS_WASTING),
    Indeks("underweight", "Underweight (BB/U < −2 SD)",
           (_ada("zwei", "fwei") & Q(zwei__lt=-2)) | Q(edema=True),
           _ada("zwei", "fwei") | Q(edema=True), None),
    Indeks("overweight", "Overweight (BB/TB > +2 SD)", _ada("zwfl", "fwfl") & Q(zwfl__gt=2),
           _ada("zwfl", "fwfl") | Q(edema=True), BATAS_WASTING),
)


@dataclass(frozen=True)
class Prevalensi:
    indeks: Indeks
    proporsi: Proporsi

    @property
    def pita(self) -> str | None:
        return pita(self.proporsi.persen, self.indeks.batas) if self.indeks.batas else None


def pengukuran_terakhir(mulai: date, akhir: date, qs=None):
    """Each child's latest measurement in [mulai, akhir), aged 0–59 months."""
    dasar = Pengukuran.objects.filter(
        tanggal_ukur__gte=mulai, tanggal_ukur__lt=akhir, umur_hari__lte=LAST_SCORED_DAY
    )
    terakhir = Subquery(
        dasar.filter(balita=OuterRef("balita")).order_by("-tanggal_ukur", "-pk").values("pk")[:1]
    )
    return (qs if qs is not None else dasar).filter(
        tanggal_ukur__gte=mulai, tanggal_ukur__lt=akhir, umur_hari__lte=LAST_SCORED_DAY
    ).filter(pk=terakhir)


def _agregat():
    hasil = {}
    for i in INDEKS:
        hasil[f"{i.kode}_k"] = Count("pk", filter=i.pembilang)
        hasil[f"{i.kode}_n"] = Count("pk", filter=i.penyebut)
    return hasil


def baca_prevalensi(baris: dict) -> dict[str, Prevalensi]:
    """The four prevalences from a row of ``<kode>_k`` / ``<kode>_n`` counts (None: 0)."""
    return {i.kode: Prevalensi(i, wilson(baris[f"{i.kode}_k"] or 0, baris[f"{i.kode}_n"] or 0))
            for i in INDEKS}


def prevalensi(mulai: date, akhir: date, qs=None) -> dict[str, Prevalensi]:
    """The four prevalences over all children in ``qs`` (default: the whole city)."""
    return baca_prevalensi(pengukuran_terakhir(mulai, akhir, qs).aggregate(**_agregat()))


def prevalensi_per(kelompok: str, mulai: date, akhir: date, qs=None) -> dict:
    """The four prevalences per group, e.g. ``"balita__desa"`` or
    ``"balita__desa__kecamatan"`` (home wilayah) or ``"balita__posyandu"``."""
    baris = (
        pengukuran_terakhir(mulai, akhir, qs)
        .values(kelompok)
        .annotate(**_agregat())
        .order_by(kelompok)
    )
    return {b[kelompok]: baca_prevalensi(b) for b in baris}


__all__ = ["INDEKS", "Prevalensi", "baca_prevalensi", "pengukuran_terakhir", "prevalensi",
           "prevalensi_per"]
