import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from posyandu.demo import buat_demo
from posyandu.models import Balita


class Command(BaseCommand):
    help = (
        "Membuat data contoh yang realistis (Kota Batu rekaan): Posyandu di setiap desa, "
        "balita, penimbangan bulanan, bulan penimbangan, Posyandu Spesial dan kasus. "
        "Sama untuk seed dan bulan akhir yang sama. Semua nama rekaan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=600, help="Jumlah balita (600).")
        parser.add_argument("--months", type=int, default=12, help="Jumlah bulan (12).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--sampai", help="Bulan terakhir, YYYY-MM (bawaan: bulan ini).")
        parser.add_argument("--jika-kosong", action="store_true",
                            help="Hanya bila belum ada balita sama sekali (untuk `make run`).")

    def handle(self, *args, children, months, seed, sampai, jika_kosong, **options):
        if jika_kosong and Balita.objects.exists():
            self.stdout.write("Sudah ada data balita: data demo tidak dibuat.")
            return
        if children < 1 or not 1 <= months <= 120:
            raise CommandError("--children minimal 1 dan --months antara 1 dan 120.")
        akhir = None
        if sampai:
            try:
                tahun, bulan = map(int, sampai.split("-"))
                akhir = date(tahun, bulan, 28)
            except ValueError:
                raise CommandError("--sampai harus berbentuk YYYY-MM, mis. 2025-09.") from None
        mulai = time.perf_counter()
        try:
            hasil = buat_demo(anak=children, bulan=months, seed=seed, sampai=akhir)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(
            f"Data demo: {hasil.posyandu} Posyandu, {hasil.balita} balita, "
            f"{hasil.pengukuran} pengukuran, {hasil.kegiatan} kegiatan, {hasil.kasus} kasus "
            f"({time.perf_counter() - mulai:.1f} s)."
        ))
