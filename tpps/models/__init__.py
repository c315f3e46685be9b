"""The task force's own records: reference-data bookkeeping, meetings, the follow-up
register and partner contributions."""

from .kontribusi import KontribusiMitra
from .pengesahan import PengesahanLaporan
from .rapat import AgendaRapat, KehadiranRapat, KeputusanRapat, Rapat
from .referensi import KunciReferensi, SumberReferensi
from .tindak_lanjut import ProgresTindakLanjut, TindakLanjut

__all__ = [
    "AgendaRapat",
    "KehadiranRapat",
    "KeputusanRapat",
    "KontribusiMitra",
    "KunciReferensi",
    "PengesahanLaporan",
    "ProgresTindakLanjut",
    "Rapat",
    "SumberReferensi",
    "TindakLanjut",
]
