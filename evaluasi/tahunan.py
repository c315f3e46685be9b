"""The year view: both semesters of a year compared with that year's target.

S1 and S2 are measured against the same yearly target (city target, else national:
``CapaianQuerySet.dengan_target``), so the two columns and the change between them are
comparable. Which figures a viewer reads is decided by evaluasi.access
(``filter_capaian_terlihat``); figures entered but not readable are counted, never shown.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from .models import Capaian, Indikator, TargetIndikator


@dataclass
class BarisTahun:
    """One indicator in the year view: the year's target and each semester's figure (an
    achievement annotated by ``dengan_persen_capaian``, or None when none is shown)."""

    indikator: Indikator
    target: TargetIndikator | None
    s1: Capaian | None
    s2: Capaian | None

    @property
    def per_semester(self) -> list[Capaian | None]:
        return [self.s1, self.s2]

    @property
    def perubahan(self) -> Decimal | None:
        """S2 value − S1 value: percentage points for a percent indicator, units for a
        count. None unless both values are shown."""
        if self.s1 is None or self.s2 is None or self.s1.nilai is None or self.s2.nilai is None:
            return None
        return self.s2.nilai - self.s1.nilai

    @property
    def arah_perubahan(self) -> str | None:
        """"membaik", "memburuk" or "tetap", by the indicator's direction (lower is better
        for ``turun``)."""
        beda = self.perubahan
        if beda is None:
            return None
        if beda == 0:
            return "tetap"
        naik = beda > 0
        return "membaik" if naik != self.indikator.is_turun else "memburuk"


def capaian_tahun(tahun: int, terlihat, semester=()) -> dict:
    """Every active indicator (and any inactive one with a figure shown this year), with
    the year's target and its S1 and S2 figures from ``terlihat`` — the achievements the
    viewer may read (``evaluasi.access.filter_capaian_terlihat``).

    ``kolom``: semester I and II, each with its code, its ``Semester`` among ``semester``
    (None when not created yet) and ``tertunda``: the number of indicators whose figure is
    entered but not verified and not among ``terlihat`` (``CapaianQuerySet.tertunda``).
    Four queries whatever the number of indicators and reports.
    """
    terlihat = terlihat.filter(semester__tahun=tahun)
    indikator = (
        Indikator.objects.filter(Q(aktif=True) | Q(pk__in=terlihat.values("indikator")))
        .select_related("opd_utama")
        .prefetch_related(
            Prefetch("capaian", to_attr="capaian_tahun",
                     queryset=terlihat.dengan_persen_capaian().select_related("laporan",
                                                                               "semester")),
            Prefetch("target", to_attr="target_tahun",
                     queryset=TargetIndikator.objects.filter(tahun=tahun)),
        )
    )
    baris = []
    for ind in indikator:
        per_nomor = {c.semester.nomor: c for c in ind.capaian_tahun}
        baris.append(BarisTahun(
            indikator=ind, target=(ind.target_tahun or [None])[0],
            s1=per_nomor.get(1), s2=per_nomor.get(2),
        ))
    tertunda = dict(
        Capaian.objects.filter(semester__tahun=tahun).tertunda()
        .exclude(pk__in=terlihat.values("pk"))
        .order_by().values_list("semester__nomor")
        .annotate(n=Count("indikator", distinct=True))
    )
    ada = {s.nomor: s for s in semester}
    kolom = [{"nomor": nomor, "kode": f"{tahun}S{nomor}", "semester": ada.get(nomor),
              "tertunda": tertunda.get(nomor, 0)} for nomor in (1, 2)]
    return {"baris": baris, "kolom": kolom}
