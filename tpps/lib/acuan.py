"""How an app describes its reference data to ``seed_reference`` (no models here).

An app lists its sources in ``<app>/reference.py`` as ``SUMBER``; each source reads the
app's own data file and yields one :class:`Baris` per record, keyed by its natural key.
``tpps.reference`` applies them: insert what is missing, remember every key it inserted.
"""

import csv
import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Baris:
    """One record of a reference file: how to find it, and what it holds."""

    kunci: tuple[str, ...]
    cari: dict[str, Any]
    nilai: dict[str, Any] = field(default_factory=dict)
    #: Many-to-many fields: name → the related objects, set when the record is written.
    m2m: dict[str, list[Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class SumberAcuan:
    nama: str
    model: Any
    berkas: Path
    baris: Callable[[], Iterable[Baris]]

    def sha256(self) -> str:
        return hashlib.sha256(self.berkas.read_bytes()).hexdigest()


def baca_csv(berkas: Path) -> Iterator[dict[str, str]]:
    """Rows of a UTF-8 CSV reference file, cells stripped."""
    with berkas.open(encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            yield {k.strip(): (v or "").strip() for k, v in row.items()}


def ya_tidak(teks: str) -> bool:
    return teks.strip().lower() in {"ya", "y", "1", "true", "benar"}
