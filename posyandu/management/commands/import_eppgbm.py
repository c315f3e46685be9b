import hashlib
import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from posyandu.eppgbm.impor import (
    BARU,
    BERUBAH,
    DITOLAK,
    LABEL_STATUS,
    SAMA,
    PratinjauUsang,
    impor_berkas,
    pratinjau,
)
from posyandu.eppgbm.kolom import KolomError
from tpps.lib.spreadsheet import SpreadsheetError

#: Where a --dry-run keeps what it saw (per file content and user; never served), for the
#: commit of the same file to compare with.
FOLDER_JEJAK = "eppgbm/pratinjau-perintah"


def _sidik_berkas(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while potongan := f.read(1 << 20):
            h.update(potongan)
    return h.hexdigest()


class Command(BaseCommand):
    help = (
        "Mengimpor berkas ekspor e-PPGBM (.xlsx, .csv, atau Teks Unicode .txt): balita dan "
        "pengukuran, z-score dihitung ulang dengan mesin WHO. Semua baris yang diterima "
        "disimpan dalam satu transaksi; baris yang ditolak dilaporkan dengan alasannya. "
        "Pratinjau (--dry-run) mencatat apa yang dilihatnya: penyimpanan berkas yang sama "
        "sesudahnya hanya berjalan bila data tersimpan tidak berubah sejak pratinjau itu; "
        "bila berubah, tidak ada yang disimpan dan baris yang berubah ditampilkan."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument("--dry-run", action="store_true",
                            help="Pratinjau saja: apa yang akan disimpan, tanpa menyimpan apa pun.")
        parser.add_argument("--pengguna", help="Nama pengguna yang mengimpor: cakupan "
                            "wilayahnya berlaku dan ia tercatat sebagai pencatat.")
        parser.add_argument("--tampilkan-ditolak", type=int, default=50,
                            help="Jumlah baris ditolak yang ditampilkan (bawaan 50).")

    def handle(self, *args, berkas, dry_run, pengguna, tampilkan_ditolak, **options):
        user = None
        if pengguna:
            user = get_user_model().objects.filter(username=pengguna).first()
            if user is None:
                raise CommandError(f"Pengguna '{pengguna}' tidak ada.")
        path = Path(berkas)
        try:
            jejak = f"{FOLDER_JEJAK}/{_sidik_berkas(path)}-{pengguna or '-'}.json"
            if dry_run:
                hasil = pratinjau(path, user=user)
                self._simpan_jejak(jejak, hasil)
            else:
                hasil = impor_berkas(path, user=user, jejak=self._baca_jejak(jejak))
                default_storage.delete(jejak)
        except FileNotFoundError:
            raise CommandError(f"Berkas '{berkas}' tidak ditemukan.") from None
        except OSError as exc:
            raise CommandError(f"Berkas '{berkas}' tidak dapat dibaca ({exc.strerror}).") from None
        except (SpreadsheetError, KolomError) as exc:
            raise CommandError(str(exc)) from None
        except PratinjauUsang as exc:
            self._simpan_jejak(jejak, exc.hasil)  # the fresh preview is the one seen now
            for baris in exc.daftar():
                self.stdout.write(baris)
            self._ringkas(exc.hasil, "Pratinjau baru (tidak disimpan): {jumlah} baris.",
                          tampilkan_ditolak)
            raise CommandError(str(exc)) from None
        except DatabaseError:
            raise CommandError("Basis data menolak penyimpanan; tidak ada yang disimpan (semua "
                               "baris atau tidak sama sekali). Hubungi pengelola sistem.") from None
        n = hasil.hitung()
        if dry_run:
            self._ringkas(hasil, "Pratinjau (tidak disimpan): {jumlah} baris.", tampilkan_ditolak)
            return
        ditulis = n[BARU] + n[BERUBAH]
        if ditulis == 0 and n[SAMA] == 0:
            self._ditolak(hasil, tampilkan_ditolak)
            raise CommandError(f"Tidak ada yang disimpan: {n[DITOLAK]} baris ditolak.")
        if ditulis == 0:
            self._ringkas(hasil, "Tidak ada yang perlu disimpan: {jumlah} baris sudah tersimpan "
                                 "atau ditolak.", tampilkan_ditolak)
            return
        self._ringkas(hasil, f"Disimpan: {ditulis} pengukuran ({n[BARU]} baru, {n[BERUBAH]} "
                             "dikoreksi) dari {jumlah} baris.", tampilkan_ditolak)

    def _baca_jejak(self, nama: str) -> list[str] | None:
        if not default_storage.exists(nama):
            return None
        with default_storage.open(nama, "rb") as f:
            return json.loads(f.read().decode("utf-8"))

    def _simpan_jejak(self, nama: str, hasil) -> None:
        default_storage.delete(nama)
        default_storage.save(nama, ContentFile(json.dumps(hasil.jejak).encode("utf-8")))

    def _ditolak(self, hasil, tampilkan: int) -> None:
        ditolak = [b for b, s in zip(hasil.baris, hasil.status, strict=True) if s == DITOLAK]
        for b in ditolak[:tampilkan]:
            self.stdout.write(f"Baris {b.nomor}: {' '.join(b.alasan)}")
        if len(ditolak) > tampilkan:
            self.stdout.write(f"… dan {len(ditolak) - tampilkan} baris ditolak lainnya.")

    def _ringkas(self, hasil, judul: str, tampilkan: int) -> None:
        """The rejected rows, then ``judul`` (``{jumlah}``: the file's rows) and the counts."""
        self._ditolak(hasil, tampilkan)
        n = hasil.hitung()
        ringkas = "; ".join(f"{LABEL_STATUS[s]}: {n[s]}" for s in LABEL_STATUS)
        self.stdout.write(self.style.SUCCESS(
            f"{judul.format(jumlah=n['jumlah'])} {ringkas}. Balita baru: {n['balita_baru']}. "
            f"Z-score berkas berbeda > 0,05 dari hitungan kami: {n['selisih_z']} baris."
        ))
