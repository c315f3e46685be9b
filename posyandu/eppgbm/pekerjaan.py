"""An import as a job: the preview (``pratinjau``) and commit of an uploaded file, with
progress.

The progress bar reads ``ImporEppgbm.diproses``/``tahap``. The commit runs in one
transaction, so progress written through the same connection would stay invisible until
the end: on PostgreSQL it is written through a connection of its own (autocommit). A
SQLite file allows one writer at a time, so there the bar moves only between phases.
"""

import io
import logging
import time

from django.core.files.base import ContentFile
from django.db import connection, connections
from django.utils import timezone
from django.utils.translation import gettext as _

from posyandu.models import ImporEppgbm
from tpps.lib.spreadsheet import SpreadsheetError

from .impor import impor_berkas, pratinjau, tulis_ditolak
from .kolom import KolomError

logger = logging.getLogger(__name__)


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


def _simpan_ditolak(impor: ImporEppgbm, hasil) -> None:
    storage, nama = impor.berkas.storage, nama_ditolak(impor)
    if storage.exists(nama):
        storage.delete(nama)
    teks = io.StringIO()
    if tulis_ditolak(hasil, teks):
        storage.save(nama, ContentFile(teks.getvalue().encode("utf-8")))


def jalankan_impor(impor_id: int, *, simpan: bool) -> ImporEppgbm:
    """Preview (``simpan=False``: ``pratinjau``) or commit an uploaded file; the outcome goes
    on the job."""
    impor = ImporEppgbm.objects.select_related("user").get(pk=impor_id)
    status = ImporEppgbm.Status.MENYIMPAN if simpan else ImporEppgbm.Status.MEMERIKSA
    ImporEppgbm.objects.filter(pk=impor_id).update(status=status, diproses=0, pesan="")
    pelapor = Pelapor(impor_id)
    try:
        hasil = (impor_berkas if simpan else pratinjau)(impor.berkas.path, user=impor.user,
                                                        kemajuan=pelapor)
    except (SpreadsheetError, KolomError) as exc:
        impor.status, impor.pesan = ImporEppgbm.Status.GAGAL, str(exc)
    except Exception:
        logger.exception("Impor e-PPGBM #%s gagal", impor_id)
        impor.status = ImporEppgbm.Status.GAGAL
        impor.pesan = _("Terjadi kesalahan saat memproses berkas; tidak ada data yang disimpan. "
                        "Hubungi Sekretariat TPPS.")
    else:
        impor.status = ImporEppgbm.Status.SELESAI if simpan else ImporEppgbm.Status.PRATINJAU
        impor.ringkasan = hasil.hitung()
        impor.baris = hasil.contoh()
        impor.jumlah_baris = impor.diproses = hasil.jumlah
        _simpan_ditolak(impor, hasil)
    finally:
        pelapor.tutup()
    impor.tahap = ""
    impor.selesai_pada = timezone.now() if simpan else None
    impor.save(update_fields=["status", "pesan", "ringkasan", "baris", "jumlah_baris",
                              "diproses", "tahap", "selesai_pada"])
    return impor
