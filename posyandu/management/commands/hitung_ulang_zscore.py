from django.core.management.base import BaseCommand
from django.db import transaction

from posyandu.models import Balita, Pengukuran
from posyandu.skor import KOLOM_SKOR, hitung_naik, isi_skor


class Command(BaseCommand):
    help = (
        "Menghitung ulang z-score, kategori dan status N/T semua pengukuran dengan mesin WHO "
        "(mis. setelah pembaruan tabel atau aturan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ukuran-kelompok", type=int, default=2000,
                            help="Jumlah balita per transaksi (bawaan 2000).")

    def handle(self, *args, ukuran_kelompok=2000, **options):
        ids = list(Balita.objects.order_by("pk").values_list("pk", flat=True))
        jumlah = 0
        for awal in range(0, len(ids), ukuran_kelompok):
            kelompok = ids[awal:awal + ukuran_kelompok]
            with transaction.atomic():
                daftar = list(Pengukuran.objects.filter(balita__in=kelompok).select_related("balita"))
                isi_skor(daftar)
                Pengukuran.objects.bulk_update(daftar, KOLOM_SKOR, batch_size=1000)
                for balita in Balita.objects.filter(pk__in=kelompok):
                    hitung_naik(balita)
            jumlah += len(daftar)
        self.stdout.write(self.style.SUCCESS(
            f"{jumlah} pengukuran dari {len(ids)} balita dihitung ulang."
        ))
