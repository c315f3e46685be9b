"""An import as a job: the preview (``pratinjau``) and commit of an uploaded file, with
progress.

The progress bar reads ``ImporEppgbm.diproses``/``tahap``. The commit runs in one
transaction, so progress written through the same connection would stay invisible until
the end: on PostgreSQL it is written through a connection of its own (autocommit). A
SQLite file allows one writer at a time, so there the bar moves only between phases.

Whatever the job meets — a file it cannot read, a database refusing what it writes, an
interruption of the worker (KeyboardInterrupt, SystemExit, MemoryError) — the import ends
in a final state: failed, with a message for the user (``gagalkan``). The preview keeps its
trace (``nama_jejak``) beside the upload; the commit compares the file's rows with it and,
when something changed since, writes nothing and shows a fresh preview with the changed
rows (``PratinjauUsang``).
"""

import io
import json
import logging
import time

from django.core.files.base import ContentFile
from django.db import connection, connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from posyandu.models import ImporEppgbm
from tpps.lib.spreadsheet import SpreadsheetError

from .impor import PratinjauUsang, impor_berkas, pratinjau, tulis_ditolak
from .kolom import KolomError

logger = logging.getLogger(__name__)
#: Changed rows kept on the import to be shown with the fresh preview.
PERUBAHAN_DITAMPILKAN = 200


class Pelapor:
    """Writes a job's progress at most every ``jeda`` seconds, outside its transaction."""

    def __init__(self, impor_id: int, jeda: float = 0.5):
        self.impor_id = impor_id
        self.jeda = jeda
        self._terakhir = 0.0
        self._koneksi = None

    def __call__(self, tahap: str, diproses: int, jumlah: int) -> None:
        sekarang = time.monotonic()
        if sekarang - self._terakhir < self.jeda:
            return
        self._terakhir = sekarang
        nilai = {"tahap": tahap[:120], "diproses": diproses, "jumlah_baris": jumlah}
        if not connection.in_atomic_block:
            ImporEppgbm.objects.filter(pk=self.impor_id).update(**nilai)
        elif connection.vendor == "postgresql":
            if self._koneksi is None:
                self._koneksi = connections.create_connection("default")
            with self._koneksi.cursor() as cursor:
                cursor.execute(
                    "UPDATE posyandu_imporeppgbm SET tahap = %s, diproses = %s, "
                    "jumlah_baris = %s WHERE id = %s",
                    [nilai["tahap"], diproses, jumlah, self.impor_id],
                )

    def tutup(self) -> None:
        if self._koneksi is not None:
            self._koneksi.close()
            self._koneksi = None


def nama_ditolak(impor: ImporEppgbm) -> str:
    """Where the CSV of all rejected rows of an import is kept (beside the upload; served
    only by ``posyandu.views.impor.impor_ditolak``, with the import's access check)."""
    return f"{impor.berkas.name}.ditolak.csv"


def nama_jejak(impor: ImporEppgbm) -> str:
    """Where the trace of an import's latest preview is kept (beside the upload; never
    served): what its commit compares the rows with."""
    return f"{impor.berkas.name}.pratinjau.json"


def _simpan_ditolak(impor: ImporEppgbm, hasil) -> None:
    storage, nama = impor.berkas.storage, nama_ditolak(impor)
    if storage.exists(nama):
        storage.delete(nama)
    teks = io.StringIO()
    if tulis_ditolak(hasil, teks):
        storage.save(nama, ContentFile(teks.getvalue().encode("utf-8")))


def _simpan_jejak(impor: ImporEppgbm, hasil) -> None:
    storage, nama = impor.berkas.storage, nama_jejak(impor)
    if storage.exists(nama):
        storage.delete(nama)
    storage.save(nama, ContentFile(json.dumps(hasil.jejak).encode("utf-8")))


def _baca_jejak(impor: ImporEppgbm) -> list[str]:
    """The trace of the preview the user saw; an empty one when there is none (a preview
    made before traces were kept): the commit then shows a fresh preview first."""
    storage, nama = impor.berkas.storage, nama_jejak(impor)
    if not storage.exists(nama):
        return []
    with storage.open(nama, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


def _pratinjau_ke(impor: ImporEppgbm, hasil) -> None:
    """Put a preview's outcome on the import (and its files beside the upload)."""
    impor.status = ImporEppgbm.Status.PRATINJAU
    impor.ringkasan = hasil.hitung()
    impor.baris = hasil.contoh()
    impor.jumlah_baris = impor.diproses = hasil.jumlah
    _simpan_ditolak(impor, hasil)
    _simpan_jejak(impor, hasil)


def _pesan_gagal() -> str:
    return _("Terjadi kesalahan saat memproses berkas; tidak ada data yang disimpan. Unggah "
             "ulang berkasnya, atau hubungi Sekretariat TPPS.")


def gagalkan(impor_id: int, *, simpan: bool, pesan: str | None = None) -> None:
    """End the import as failed with ``pesan`` (default: that nothing was saved), through
    a plain update that needs nothing of the job's state. ``selesai_pada`` as for any
    failure: set for a commit, not for a preview (retention counts from the upload)."""
    if connection.in_atomic_block and connection.needs_rollback:
        return  # the caller's transaction is broken: its own handler ends the import
    ImporEppgbm.objects.filter(pk=impor_id).update(
        status=ImporEppgbm.Status.GAGAL, tahap="", pesan=pesan or _pesan_gagal(),
        selesai_pada=timezone.now() if simpan else None,
    )


def jalankan_impor(impor_id: int, *, simpan: bool) -> ImporEppgbm:
    """Preview (``simpan=False``: ``pratinjau``) or commit an uploaded file; the outcome goes
    on the job. Whatever happens, the import ends in a final state: an exception the job
    cannot turn into a message (the database refusing its outcome, an interruption) marks
    it failed, is logged, and is raised again."""
    try:
        return _jalankan(impor_id, simpan=simpan)
    except BaseException:
        logger.exception("Impor e-PPGBM #%s gagal", impor_id)
        try:
            gagalkan(impor_id, simpan=simpan)
        except Exception:  # the database itself is gone: nothing more can be done here
            logger.exception("Impor e-PPGBM #%s tidak dapat ditandai gagal", impor_id)
        raise


def _jalankan(impor_id: int, *, simpan: bool) -> ImporEppgbm:
    impor = ImporEppgbm.objects.select_related("user").get(pk=impor_id)
    status = ImporEppgbm.Status.MENYIMPAN if simpan else ImporEppgbm.Status.MEMERIKSA
    ImporEppgbm.objects.filter(pk=impor_id).update(status=status, diproses=0, pesan="")
    pelapor = Pelapor(impor_id)
    impor.pesan = ""
    try:
        if simpan:
            hasil = impor_berkas(impor.berkas.path, user=impor.user, kemajuan=pelapor,
                                 jejak=_baca_jejak(impor))
        else:
            hasil = pratinjau(impor.berkas.path, user=impor.user, kemajuan=pelapor)
    except (SpreadsheetError, KolomError) as exc:
        impor.status, impor.pesan, hasil = ImporEppgbm.Status.GAGAL, str(exc), None
    except PratinjauUsang as exc:
        # Nothing was written: the fresh preview replaces the one the user saw.
        hasil = None
        _pratinjau_ke(impor, exc.hasil)
        impor.ringkasan["berubah_sejak_pratinjau"] = exc.perubahan[:PERUBAHAN_DITAMPILKAN]
        impor.pesan = str(exc)
    except Exception:
        logger.exception("Impor e-PPGBM #%s gagal", impor_id)
        impor.status, impor.pesan, hasil = ImporEppgbm.Status.GAGAL, _pesan_gagal(), None
    finally:
        pelapor.tutup()
    if hasil is not None and simpan:
        impor.status = ImporEppgbm.Status.SELESAI
        impor.ringkasan = hasil.hitung()
        impor.baris = hasil.contoh()
        impor.jumlah_baris = impor.diproses = hasil.jumlah
        _simpan_ditolak(impor, hasil)
    elif hasil is not None:
        _pratinjau_ke(impor, hasil)
    impor.tahap = ""
    impor.selesai_pada = (
        timezone.now() if simpan and impor.status != ImporEppgbm.Status.PRATINJAU else None)
    with transaction.atomic():  # a refused save leaves the connection usable (gagalkan)
        impor.save(update_fields=["status", "pesan", "ringkasan", "baris", "jumlah_baris",
                                  "diproses", "tahap", "selesai_pada"])
    return impor
