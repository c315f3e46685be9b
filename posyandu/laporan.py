"""Monthly recaps over many children, counted in the database."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q

from .models import Balita, Pengukuran, Posyandu


@dataclass
class SKDN:
    """S children expected in the month (``BalitaQuerySet.sasaran_bulan``), K of them
    recorded as holding a KIA book/KMS (``k_belum`` of S have nothing recorded and are not
    in K), D those of S weighed in the month (``BalitaQuerySet.ditimbang_bulan``), and of D
    (by their first weighing of the month, ``PengukuranQuerySet.penimbangan_d_bulan``): N who
    gained enough (KBM), T who did not, 2T who did not twice in a row. K/S = KIA book ownership,
    D/S = participation, N/D = growth success (all in %)."""

    posyandu: Posyandu
    s: int
    d: int
    n: int
    t: int
    dua_t: int
    k: int = 0
    k_belum: int = 0

    @property
    def k_per_s(self) -> float | None:
        return round(100 * self.k / self.s, 1) if self.s else None

    @property
    def d_per_s(self) -> float | None:
        return round(100 * self.d / self.s, 1) if self.s else None

    @property
    def n_per_d(self) -> float | None:
        return round(100 * self.n / self.d, 1) if self.d else None


def rekap_skdn(daftar_posyandu, bulan: date) -> list[SKDN]:
    """SKDN of each Posyandu (the children's home Posyandu) for the month of ``bulan``
    (two queries in all)."""
    ids = [p.pk for p in daftar_posyandu]
    sk = Balita.objects.filter(posyandu__in=ids).jumlah_sasaran_dan_kia_per_posyandu(bulan)
    ukur = {
        row["balita__posyandu"]: row
        for row in Pengukuran.objects.filter(balita__posyandu__in=ids)
        .penimbangan_d_bulan(bulan)
        .values("balita__posyandu")
        .annotate(
            d=Count("pk"),
            n=Count("pk", filter=Q(naik=Pengukuran.Naik.NAIK)),
            t=Count("pk", filter=Q(naik=Pengukuran.Naik.TIDAK_NAIK)),
            dua_t=Count("pk", filter=Q(dua_t=True)),
        )
        .order_by()
    }
    kosong = {"d": 0, "n": 0, "t": 0, "dua_t": 0}
    keluar = []
    for p in daftar_posyandu:
        s, k, k_belum = sk.get(p.pk, (0, 0, 0))
        keluar.append(SKDN(posyandu=p, s=s, k=k, k_belum=k_belum,
                           **{x: ukur.get(p.pk, kosong)[x] for x in kosong}))
    return keluar
