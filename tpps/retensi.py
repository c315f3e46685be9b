"""Replaced versions of uploaded files, removed after their retention (UU 27/2022).

When a record's file is replaced (an indicator's evidence uploaded again, a follow-up's
evidence, a decree or BPKP report changed or cleared in the admin), the old file stays in
storage, readable by nobody through the product (``tpps.views.berkas`` serves only a name
a record holds now) and kept for ever. The replacement marks it: the record's history
(django-simple-history) holds the old name in the row before the one that changed it, with
that row's time. ``berkas_diganti`` reads those marks for every model with a file and a
history, and ``hapus_berkas_diganti`` removes the files replaced more than
``RETENSI_BERKAS_DIGANTI_HARI`` days ago.

Never removed: a name any record holds now, in any model (a record's current file, the
evidence of a report, a signed PDF, an import's upload); the file of a deleted record (not
a replacement); a file whose record has no history (signed report PDFs,
``tpps.PengesahanLaporan``, which are never replaced). Runs again without harm: a removed
file is not listed again.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import models
from simple_history.exceptions import NotHistoricalModelError
from simple_history.models import HistoricalChanges
from simple_history.utils import get_history_model_for_model


@dataclass(frozen=True)
class BerkasDiganti:
    nama: str
    model: type[models.Model]
    diganti_pada: datetime
    storage: object


def _medan_berkas(model) -> list[models.FileField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]


def model_berkas_berriwayat() -> list[type[models.Model]]:
    """The models holding an uploaded file whose changes are kept in a history."""
    hasil = []
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges) or not _medan_berkas(model):
            continue
        try:
            get_history_model_for_model(model)
        except NotHistoricalModelError:
            continue
        hasil.append(model)
    return hasil


def nama_berkas_terpakai() -> set[str]:
    """Every file name a record holds now, in every model with a file field."""
    nama = set()
    for model in apps.get_models():
        if issubclass(model, HistoricalChanges):
            continue
        for medan in _medan_berkas(model):
            nama.update(model._default_manager.exclude(**{medan.name: ""})
                        .exclude(**{f"{medan.name}__isnull": True})
                        .values_list(medan.name, flat=True))
    return nama


def berkas_diganti(sebelum: datetime) -> list[BerkasDiganti]:
    """Files replaced (or cleared) by a change recorded before ``sebelum``, that no record
    holds now and that storage still has, oldest replacement first."""
    terpakai = nama_berkas_terpakai()
    hasil = {}
    for model in model_berkas_berriwayat():
        medan = _medan_berkas(model)
        riwayat = get_history_model_for_model(model).objects.order_by(
            "id", "history_date", "history_id"
        ).values_list("id", "history_date", "history_type", *(m.name for m in medan))
        lalu = {}
        for pk, waktu, jenis, *nilai in riwayat.iterator(chunk_size=2000):
            sebelumnya = lalu.get(pk)
            lalu[pk] = nilai
            if sebelumnya is None or jenis != "~":
                continue
            for m, lama, baru in zip(medan, sebelumnya, nilai, strict=True):
                if lama and lama != baru and lama not in terpakai and (
                        lama not in hasil or hasil[lama].diganti_pada < waktu):
                    hasil[lama] = BerkasDiganti(lama, model, waktu, m.storage)
    return sorted(
        (b for b in hasil.values() if b.diganti_pada < sebelum and b.storage.exists(b.nama)),
        key=lambda b: (b.diganti_pada, b.nama),
    )


def hapus_berkas_diganti(*, sekarang: datetime, coba: bool = False) -> list[BerkasDiganti]:
    """Remove the files replaced more than ``RETENSI_BERKAS_DIGANTI_HARI`` days before
    ``sekarang``; returns them (``coba``: only list them)."""
    daftar = berkas_diganti(sekarang - timedelta(days=settings.RETENSI_BERKAS_DIGANTI_HARI))
    if not coba:
        for b in daftar:
            b.storage.delete(b.nama)
    return daftar
