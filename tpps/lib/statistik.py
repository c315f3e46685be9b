"""Small statistics for prevalence and data quality (no models, no numpy needed).

Sources: Wilson score interval (Wilson 1927); public-health prevalence bands of de Onis et
al. 2019 (domain.md §7); digit preference score 100·√(χ²/(N·df)) as SMART/ENA and WHO
Anthro compute it.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Z_95 = 1.959963984540054


@dataclass(frozen=True)
class Proporsi:
    """k of n, as a percentage with its 95 % Wilson interval (None when n = 0)."""

    k: int
    n: int
    persen: float | None
    bawah: float | None
    atas: float | None


def wilson(k: int, n: int, z: float = Z_95) -> Proporsi:
    """Wilson score interval: unlike p ± z·SE it stays inside 0–100 % and is honest for
    the small n of a desa or a Posyandu."""
    if n <= 0:
        return Proporsi(k, n, None, None, None)
    if not 0 <= k <= n:
        raise ValueError("k harus di antara 0 dan n")
    p = k / n
    z2 = z * z
    pusat = (p + z2 / (2 * n)) / (1 + z2 / n)
    lebar = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return Proporsi(k, n, 100 * p, 100 * max(0.0, pusat - lebar), 100 * min(1.0, pusat + lebar))


# Public-health significance bands (de Onis et al. 2019), lower bounds in percent.
BATAS_STUNTING = ((30, "sangat tinggi"), (20, "tinggi"), (10, "sedang"), (2.5, "rendah"),
                  (0, "sangat rendah"))
BATAS_WASTING = ((15, "sangat tinggi"), (10, "tinggi"), (5, "sedang"), (2.5, "rendah"),
                 (0, "sangat rendah"))


def pita(persen: float | None, batas) -> str | None:
    """The band a prevalence falls in (half-open intervals: 10 % is 'sedang' for stunting)."""
    if persen is None:
        return None
    for bawah, nama in batas:
        if persen >= bawah:
            return nama
    return None


def skor_preferensi_digit_hitungan(hitungan: list[int]) -> float | None:
    """Digit preference from the ten counts of last digits: 100·√(χ²/(N·df)), df = 9.
    <8 excellent, <12 good, <20 acceptable, ≥20 problematic."""
    n = sum(hitungan)
    if n == 0:
        return None
    harapan = n / 10
    chi2 = sum((h - harapan) ** 2 / harapan for h in hitungan)
    return 100 * math.sqrt(chi2 / (n * 9))


def skor_preferensi_digit(nilai: Iterable[float], desimal: int = 1) -> float | None:
    """Digit preference on the last recorded decimal of the values themselves."""
    digit = Counter(int(round(abs(v) * 10**desimal)) % 10 for v in nilai)
    return skor_preferensi_digit_hitungan([digit.get(d, 0) for d in range(10)])


def nilai_p_rasio(a: int, b: int) -> float | None:
    """χ² test (df = 1) that a and b come from a 1:1 ratio (e.g. boys and girls)."""
    n = a + b
    if n == 0:
        return None
    chi2 = (a - b) ** 2 / n
    return math.erfc(math.sqrt(chi2 / 2))


def simpangan_baku_momen(n: int, jumlah: float | None, jumlah_kuadrat: float | None
                         ) -> float | None:
    """Sample SD from n, Σx and Σx² (what SQL can sum portably; SQLite has no STDDEV)."""
    if n < 2:
        return None
    jumlah, jumlah_kuadrat = jumlah or 0.0, jumlah_kuadrat or 0.0
    return math.sqrt(max(0.0, (jumlah_kuadrat - jumlah * jumlah / n) / (n - 1)))
