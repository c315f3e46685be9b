"""Children expected in a month (S of D/S), those weighed in it (D), those not weighed, and
those behind a prevalence figure: the numbers of the Sekda dashboard's coverage table and
the lists its links open (``posyandu-detail?bulan=…``), counted by one rule.

* **S of a month**: ``Balita.objects.sasaran_bulan`` — children expected at any time in
  it (on its first day or its last); the SKDN page counts S the same way.
* **D**: ``Balita.objects.ditimbang_bulan`` — the children of S with a weight recorded in
  the month at any event, aged 0–59 months, each once (stored as
  ``RingkasanBulanan.ditimbang``, read from the summary rows here); the SKDN page counts D
  the same way. D never exceeds S.
* **Belum ditimbang**: the children of S who are not in D — S − D of the same group.

Children are grouped by their home Posyandu and home desa (as the summary rows are).
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Sum

from .models import Balita, Pengukuran, RingkasanBulanan
from .prevalensi import INDEKS, pengukuran_terakhir

KODE_INDEKS = {i.kode: i for i in INDEKS}


def rentang(bulan: date) -> tuple[date, date]:
    """The first and the last day of ``bulan``'s month."""
    awal = bulan.replace(day=1)
    return awal, awal + relativedelta(months=1) - timedelta(days=1)


def _terakhir_di_bulan(qs, bulan: date):
    """The latest measurement in the month of each child of ``qs`` (0–59 months): only
    those children's rows are read, not the whole city's month."""
    awal, akhir = rentang(bulan)
    ukur = Pengukuran.objects.filter(balita__in=qs.values("pk"))
    return pengukuran_terakhir(awal, akhir + timedelta(days=1), ukur)


def belum_ditimbang(qs, bulan: date):
    """The children of S among ``qs`` not weighed in the month (S − D)."""
    return qs.sasaran_bulan(bulan).exclude(pk__in=qs.ditimbang_bulan(bulan).values("pk"))


def pembilang_indeks(qs, bulan: date, kode: str):
    """The children among ``qs`` counted in the numerator of prevalence ``kode`` (e.g.
    stunted) in the month: their latest measurement in it meets the index's rule."""
    ukur = _terakhir_di_bulan(qs, bulan).filter(KODE_INDEKS[kode].pembilang)
    return qs.filter(pk__in=ukur.values("balita"))


def jumlah_sasaran_per(kelompok: str, bulan: date, **saring) -> dict[int, int]:
    """S per ``kelompok`` ("posyandu" or "desa"), children filtered by ``saring`` (e.g.
    ``desa=…``, ``desa__kecamatan=…``), in one query."""
    qs = Balita.objects.filter(**saring).sasaran_bulan(bulan)
    return dict(qs.order_by().values_list(kelompok).annotate(n=Count("pk")))


def ditimbang_per(kelompok: str, bulan: date, **saring) -> dict[int, int]:
    """D per ``kelompok`` from the monthly summary rows (same ``saring`` as above)."""
    return dict(
        RingkasanBulanan.objects.filter(bulan=bulan.replace(day=1), **saring).values(kelompok)
        .annotate(d=Sum("ditimbang")).order_by().values_list(kelompok, "d")
    )


__all__ = ["belum_ditimbang", "ditimbang_per", "jumlah_sasaran_per", "pembilang_indeks",
           "rentang"]
