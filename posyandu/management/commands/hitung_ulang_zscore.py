from django.core.management.base import BaseCommand
from django.db import transaction

from posyandu.models import Balita
from posyandu.ringkasan import segarkan_semua
from posyandu.skor import hitung_ulang_semua


class Command(BaseCommand):
    help = (
        "Menghitung ulang z-score, kategori dan status N/T semua pengukuran dengan mesin WHO "
        "(mis. setelah pembaruan tabel atau aturan)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ukuran-kelompok", type=int, default=100_000,
                            help="Jumlah pengukuran per kelompok (bawaan 100000).")

    def handle(self, *args, ukuran_kelompok=100_000, **options):
        with transaction.atomic():
            jumlah = hitung_ulang_semua(ukuran=ukuran_kelompok)
            segarkan_semua()
        anak = Balita.objects.count()
        self.stdout.write(self.style.SUCCESS(
            f"{jumlah} pengukuran dari {anak} balita dihitung ulang."
        ))
