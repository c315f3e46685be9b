from django.core.management.base import BaseCommand

from posyandu.ringkasan import segarkan_semua


class Command(BaseCommand):
    help = "Membangun ulang ringkasan gizi bulanan (dasbor) dari seluruh pengukuran."

    def handle(self, *args, **options):
        jumlah = segarkan_semua()
        self.stdout.write(self.style.SUCCESS(f"{jumlah} baris ringkasan dibangun ulang."))
