from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from posyandu.eppgbm.impor import DITOLAK, LABEL_STATUS, impor_berkas, pratinjau
from posyandu.eppgbm.kolom import KolomError
from tpps.lib.spreadsheet import SpreadsheetError


class Command(BaseCommand):
    help = (
        "Mengimpor berkas ekspor e-PPGBM (.xlsx atau .csv): balita dan pengukuran, z-score "
        "dihitung ulang dengan mesin WHO. Semua baris yang diterima disimpan dalam satu "
        "transaksi; baris yang ditolak dilaporkan dengan alasannya."
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
        try:
            hasil = (pratinjau if dry_run else impor_berkas)(berkas, user=user)
        except (SpreadsheetError, KolomError) as exc:
            raise CommandError(str(exc)) from None
        n = hasil.hitung()
        ditolak = [b for b, s in zip(hasil.baris, hasil.status, strict=True) if s == DITOLAK]
        for b in ditolak[:tampilkan_ditolak]:
            self.stdout.write(f"Baris {b.nomor}: {' '.join(b.alasan)}")
        if len(ditolak) > tampilkan_ditolak:
            self.stdout.write(f"… dan {len(ditolak) - tampilkan_ditolak} baris ditolak lainnya.")
        ringkas = "; ".join(f"{LABEL_STATUS[s]}: {n[s]}" for s in LABEL_STATUS)
        awalan = "Pratinjau (tidak disimpan)" if dry_run else "Disimpan"
        self.stdout.write(self.style.SUCCESS(
            f"{awalan}: {n['jumlah']} baris. {ringkas}. Balita baru: {n['balita_baru']}. "
            f"Z-score berkas berbeda > 0,05 dari hitungan kami: {n['selisih_z']} baris."
        ))
