"""How the story is told: the clock each step runs at (``_pada``), the steps kept in date
order (``_Cerita``), and the tally the demo hands back (``HasilDemoLengkap``)."""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from unittest import mock

from django.utils import timezone

from posyandu.demo import HasilDemo

BUKTI = "https://bukti.tpps-batu.example"


@dataclass
class AkunDemo:
    username: str
    peran: str
    sandi: str


@dataclass
class HasilDemoLengkap:
    posyandu: HasilDemo
    semester: int = 0
    laporan: int = 0
    rapat: int = 0
    tindak_lanjut: int = 0
    rekomendasi: int = 0
    kontribusi: int = 0
    akun: list[AkunDemo] = field(default_factory=list)


# --- The clock -----------------------------------------------------------------------


@contextmanager
def _pada(waktu: datetime):
    """Run one step of the story as if it were ``waktu``: workflows stamp, judge lateness
    and date history with ``timezone.now()``, which is patched for this step only."""
    with mock.patch.object(timezone, "now", return_value=waktu):
        yield


class _Cerita:
    """Steps of the story, run in date order (ties: the order they were written)."""

    def __init__(self, hari_ini: date):
        self.batas = timezone.make_aware(datetime.combine(hari_ini - timedelta(days=1),
                                                          time(16, 0)))
        self.langkah: list[tuple[datetime, int, Callable]] = []

    def waktu(self, hari: date, jam: int, menit: int = 0) -> datetime:
        """That moment, or yesterday afternoon if it is later: nothing happens in the future."""
        waktu = timezone.make_aware(datetime.combine(hari, time(jam, menit)))
        return min(waktu, self.batas)

    def tambah(self, hari: date, jam: int, fn: Callable, menit: int = 0) -> None:
        self.langkah.append((self.waktu(hari, jam, menit), len(self.langkah), fn))

    def jalankan(self) -> None:
        for waktu, _urut, fn in sorted(self.langkah, key=lambda x: (x[0], x[1])):
            with _pada(waktu):
                fn()


def _hari_kerja(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d
