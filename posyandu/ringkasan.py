"""Keeping ``RingkasanBulanan`` equal to a fresh computation.

Every write that changes a child's measurement, home desa, home Posyandu, status, birth
date or sex calls ``segarkan_balita`` (or, for many children at once, ``segarkan_bulan``)
in its own transaction; ``segarkan_semua`` rebuilds everything.
"""

import threading
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.exceptions import EmptyResultSet
from django.db import connections, transaction
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Mod, Round, TruncMonth

from .models import Balita, Pengukuran, Posyandu, RingkasanBulanan
from .mutu_data import momen_z
from .prevalensi import INDEKS, baca_prevalensi, pengukuran_terakhir

_FLAG = Q(flen=True) | Q(fwei=True) | Q(fwfl=True) | Q(fbmi=True)


def _agregat() -> dict:
    agregat = {
        "diukur": Count("pk"),
        "n_flag": Count("pk", filter=_FLAG),
        "laki": Count("pk", filter=Q(balita__jenis_kelamin=Balita.JenisKelamin.LAKI_LAKI)),
        "perempuan": Count("pk", filter=Q(balita__jenis_kelamin=Balita.JenisKelamin.PEREMPUAN)),
        **momen_z("haz", "zlen", "flen"),
        **momen_z("whz", "zwfl", "fwfl"),
        **{f"db{d}": Count("pk", filter=Q(db=d)) for d in range(10)},
        **{f"dt{d}": Count("pk", filter=Q(dt=d)) for d in range(10)},
    }
    for i in INDEKS:
        agregat[f"{i.kode}_k"] = Count("pk", filter=i.pembilang)
        agregat[f"{i.kode}_n"] = Count("pk", filter=i.penyebut)
    return agregat


def _ditimbang(bulan: date, balita_qs=None):
    """D (``BalitaQuerySet.ditimbang_bulan``) per (home desa, home Posyandu): rows of
    ``desa``, ``posyandu``, ``d``."""
    qs = Balita.objects.all() if balita_qs is None else balita_qs
    return (qs.ditimbang_bulan(bulan).order_by().values("desa", "posyandu")
            .annotate(d=Count("pk")))


def _kueri(bulan: date, balita_qs=None):
    """The two queries of a month's fresh rows, for all children or those of ``balita_qs``:
    D per group (``_ditimbang``), and the counts over each child measured in the month with
    their latest measurement (``_agregat``)."""
    qs = Pengukuran.objects.all()
    if balita_qs is not None:
        qs = qs.filter(balita__in=balita_qs)
    baris = (
        pengukuran_terakhir(bulan, bulan + relativedelta(months=1), qs)
        .annotate(db=Mod(Round(F("berat_kg") * 10), 10), dt=Mod(Round(F("tinggi_cm") * 10), 10))
        .values("balita__desa", "balita__posyandu")
        .annotate(**_agregat())
        .order_by()
    )
    return _ditimbang(bulan, balita_qs), baris


def _susun(bulan: date, ditimbang, baris) -> list[RingkasanBulanan]:
    """Summary rows from the rows of the two queries of ``_kueri``. Every child of D was
    measured at 0–59 months in the month, so their group has a row."""
    per_kelompok = {(r["desa"], r["posyandu"]): r["d"] for r in ditimbang}
    hasil = []
    for b in baris:
        nilai = {k: v for k, v in b.items()
                 if not k.startswith(("db", "dt", "balita__"))}
        for k in ("haz_s1", "haz_s2", "whz_s1", "whz_s2"):
            nilai[k] = nilai[k] or 0.0
        kunci = (b["balita__desa"], b["balita__posyandu"])
        hasil.append(RingkasanBulanan(
            bulan=bulan, desa_id=kunci[0], posyandu_id=kunci[1],
            ditimbang=per_kelompok.get(kunci, 0),
            digit_berat=[b[f"db{d}"] for d in range(10)],
            digit_tinggi=[b[f"dt{d}"] for d in range(10)], **nilai,
        ))
    return hasil


def _hitung(bulan: date, balita_qs=None) -> list[RingkasanBulanan]:
    """Fresh summary rows of one month, for all children or those of ``balita_qs``: each
    child measured in it with their latest measurement, and D."""
    return _susun(bulan, *_kueri(bulan, balita_qs))


def _kueri_kelompok(bulan: date, desa_id: int, posyandu_id: int):
    """``_kueri`` of the children of one (home desa, home Posyandu)."""
    return _kueri(bulan, Balita.objects.filter(desa_id=desa_id, posyandu_id=posyandu_id))


class _KueriSiap:
    """A values() query compiled once by the ORM, run again with other keys in their places.

    Compiling the wide aggregate of ``_kueri`` costs more than running it, and every save
    refreshes a group with the same query. It is compiled twice, with two sets of stand-in
    keys (negative: no row has them), and kept only if both give the same SQL and their
    parameters differ exactly where the keys go: then other keys in those places give the
    query the ORM builds for them. Rows come back as ``values()`` returns them (the ORM's
    converters, its names)."""

    PENGGANTI = ((-1_000_001, -1_000_002), (-1_000_003, -1_000_004))

    def __init__(self, qs):
        self.using, self.query = qs.db, qs.query
        compiler = self.query.get_compiler(self.using)
        self.sql, params = compiler.as_sql()
        self.params = tuple(params)
        self.fields = [s[0] for s in compiler.select[:compiler.col_count]]
        q = self.query
        self.names = (list(q.selected) if q.selected
                      else [*q.extra_select, *q.values_select, *q.annotation_select])
        # Rows exactly as the columns of values(): nothing else in the SELECT.
        self.biasa = not (compiler.has_extra_select or compiler.has_composite_fields(self.fields)
                          or len(self.names) != compiler.col_count)
        self.tempat = []  # (position in the parameters, which key)

    @classmethod
    def buat(cls, bangun, using: str) -> "_KueriSiap | None":
        """From ``bangun(*kunci)``, a values() queryset on ``using``; None when its SQL
        depends on more than the keys' values."""
        try:
            a, b = (cls(bangun(*kunci)) for kunci in cls.PENGGANTI)
        except EmptyResultSet:
            return None
        if not (a.biasa and b.biasa and a.using == b.using == using and a.sql == b.sql
                and a.names == b.names and len(a.params) == len(b.params)):
            return None
        ka, kb = cls.PENGGANTI
        for i, (pa, pb) in enumerate(zip(a.params, b.params, strict=True)):
            if type(pa) is int and pa in ka and type(pb) is int and pb == kb[ka.index(pa)]:
                a.tempat.append((i, ka.index(pa)))
            elif pa != pb or pa in (*ka, *kb):
                return None
        return a if {j for _i, j in a.tempat} == set(range(len(ka))) else None

    def jalankan(self, *kunci: int) -> list[dict]:
        params = list(self.params)
        for i, j in self.tempat:
            params[i] = kunci[j]
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        compiler = self.query.get_compiler(connection=connection)
        converters = compiler.get_converters(self.fields)
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [dict(zip(self.names, row, strict=True)) for row in rows]


_siap: dict = {}
_siap_kunci = threading.Lock()


def _kueri_kelompok_siap(bulan: date) -> tuple | None:
    """Both queries of ``_kueri_kelompok`` for a month as ``_KueriSiap``: built once per
    database and month (the latest 24 kept), as the SQL holds nothing but the month and
    the keys (no "today" in ``_kueri``); None when they cannot be reused."""
    using = Pengukuran.objects.db
    kunci = (using, connections[using].vendor, bulan)
    with _siap_kunci:
        if kunci in _siap:
            return _siap[kunci]
    kueri = tuple(_KueriSiap.buat(lambda d, p, i=i: _kueri_kelompok(bulan, d, p)[i], using)
                  for i in (0, 1))
    kueri = None if None in kueri else kueri
    with _siap_kunci:
        _siap[kunci] = kueri
        while len(_siap) > 24:
            del _siap[next(iter(_siap))]
    return kueri


def _hitung_kelompok(bulan: date, desa_id: int, posyandu_id: int) -> list[RingkasanBulanan]:
    """``_hitung`` of one group, its two queries compiled once (``_KueriSiap``)."""
    siap = None
    if type(desa_id) is int and type(posyandu_id) is int:
        siap = _kueri_kelompok_siap(bulan)
    if siap is None:
        return _susun(bulan, *_kueri_kelompok(bulan, desa_id, posyandu_id))
    return _susun(bulan, *(k.jalankan(desa_id, posyandu_id) for k in siap))


def _kunci_posyandu(posyandu_ids=None) -> None:
    """Serialise summary refreshes: one transaction at a time rebuilds a Posyandu's rows.

    Without it two kader saving at the same Posyandu in the same month would both delete
    the group's row and both insert it again (the second insert breaks the unique
    constraint), or one would write a count computed before the other's measurement
    committed. A row lock on the Posyandu (FOR NO KEY UPDATE, so that inserts referring to
    it are not blocked) makes the second refresh wait and then recount with both. Locks
    are taken in key order so that two refreshes never wait on each other.
    """
    qs = Posyandu.objects.select_for_update(no_key=True).order_by("pk")
    if posyandu_ids is not None:
        qs = qs.filter(pk__in=posyandu_ids)
    list(qs.values_list("pk", flat=True))


@transaction.atomic
def segarkan_bulan(bulan: date) -> int:
    """Rebuild one month for the whole city (imports, recomputation)."""
    bulan = bulan.replace(day=1)
    _kunci_posyandu()
    RingkasanBulanan.objects.filter(bulan=bulan).delete()
    return len(RingkasanBulanan.objects.bulk_create(_hitung(bulan)))


def _kelompok(balita_ids) -> set[tuple[int, int]]:
    return set(Balita.objects.filter(pk__in=balita_ids).values_list("desa", "posyandu"))


_KUNCI_RINGKASAN = ("bulan", "desa", "posyandu")  # its unique constraint
_ISI_RINGKASAN = [f.name for f in RingkasanBulanan._meta.concrete_fields
                  if not f.primary_key and f.name not in _KUNCI_RINGKASAN]


@transaction.atomic(savepoint=False)
def segarkan_kelompok(kelompok: set[tuple[int, int]], bulan_set: set[date]) -> None:
    """Rebuild the rows of some (desa, Posyandu) groups in some months: cheap enough to run
    after every measurement a kader saves. A group's fresh row replaces its row in one
    statement (every column but the key), or its row goes when nobody counts any more. In
    the caller's transaction when there is one (no savepoint: an error ends it)."""
    _kunci_posyandu({posyandu_id for _desa_id, posyandu_id in kelompok})
    for bulan in bulan_set:
        bulan = bulan.replace(day=1)
        for desa_id, posyandu_id in kelompok:
            if baris := _hitung_kelompok(bulan, desa_id, posyandu_id):
                RingkasanBulanan.objects.bulk_create(
                    baris, update_conflicts=True, unique_fields=_KUNCI_RINGKASAN,
                    update_fields=_ISI_RINGKASAN)
            else:
                RingkasanBulanan.objects.filter(bulan=bulan, desa_id=desa_id,
                                                posyandu_id=posyandu_id).delete()


def bulan_pengukuran(balita_ids) -> set[date]:
    return {
        b.date() if hasattr(b, "date") else b
        for b in Pengukuran.objects.filter(balita__in=balita_ids)
        .annotate(b=TruncMonth("tanggal_ukur")).values_list("b", flat=True).distinct()
    }


def segarkan_balita(balita_ids, *, kelompok_lama: set[tuple[int, int]] = frozenset(),
                    bulan_tambahan: set[date] = frozenset()) -> None:
    """After children changed: their groups now (and before, for a move or a merge), in
    every month they were measured (and the months given, e.g. of a deleted row)."""
    ids = list(balita_ids)
    segarkan_kelompok(_kelompok(ids) | set(kelompok_lama),
                      bulan_pengukuran(ids) | set(bulan_tambahan))


@transaction.atomic
def segarkan_semua() -> int:
    _kunci_posyandu()
    RingkasanBulanan.objects.all().delete()
    jumlah = 0
    for bulan in sorted(bulan_pengukuran(Balita.objects.values("pk"))):
        jumlah += len(RingkasanBulanan.objects.bulk_create(_hitung(bulan)))
    return jumlah


# --- Reading: the same answers as posyandu.prevalensi, from the summary rows -----------

def _kolom_prevalensi() -> dict:
    return {f"{i.kode}_{x}": Sum(f"{i.kode}_{x}") for i in INDEKS for x in ("k", "n")}


def prevalensi_bulan(bulan: date, **saring) -> dict:
    """The four prevalences of a month (``saring``: e.g. ``desa__kecamatan=…``)."""
    qs = RingkasanBulanan.objects.filter(bulan=bulan, **saring)
    return baca_prevalensi(qs.aggregate(**_kolom_prevalensi()))


def prevalensi_bulan_per(kelompok: str, bulan: date, **saring) -> dict:
    """Per ``kelompok`` ("desa", "desa__kecamatan", "posyandu")."""
    qs = RingkasanBulanan.objects.filter(bulan=bulan, **saring)
    baris = qs.values(kelompok).annotate(**_kolom_prevalensi()).order_by(kelompok)
    return {b[kelompok]: baca_prevalensi(b) for b in baris}


def tren_bulanan(awal: date, akhir: date, **saring) -> dict[date, dict]:
    """Prevalences of every month in [awal, akhir], in one query."""
    qs = RingkasanBulanan.objects.filter(bulan__gte=awal, bulan__lte=akhir, **saring)
    baris = qs.values("bulan").annotate(**_kolom_prevalensi()).order_by("bulan")
    return {b["bulan"]: baca_prevalensi(b) for b in baris}


def diukur_bulan(bulan: date, **saring) -> int:
    return RingkasanBulanan.objects.filter(bulan=bulan, **saring).aggregate(
        n=Sum("diukur"))["n"] or 0


def mutu_bulan_per_posyandu(bulan: date, **saring) -> dict:
    """Data quality per Posyandu (posyandu.mutu_data's figures) from the summary rows."""
    from .mutu_data import hitung_mutu

    hasil = {}
    for r in RingkasanBulanan.objects.filter(bulan=bulan, **saring):
        m = hasil.setdefault(r.posyandu_id, {
            "diukur": 0, "n_flag": 0, "haz_n": 0, "haz_s1": 0.0, "haz_s2": 0.0, "whz_n": 0,
            "whz_s1": 0.0, "whz_s2": 0.0, "laki": 0, "perempuan": 0,
            "digit_berat": [0] * 10, "digit_tinggi": [0] * 10,
        })
        for k in ("diukur", "n_flag", "haz_n", "haz_s1", "haz_s2", "whz_n", "whz_s1",
                  "whz_s2", "laki", "perempuan"):
            m[k] += getattr(r, k)
        for k in ("digit_berat", "digit_tinggi"):
            m[k] = [a + b for a, b in zip(m[k], getattr(r, k), strict=True)]
    return {pid: hitung_mutu(pid, m) for pid, m in hasil.items()}
