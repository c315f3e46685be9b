import time

from django.core.management.base import BaseCommand, CommandError

from posyandu.models import Balita
from tpps.demo import buat_demo_lengkap


class Command(BaseCommand):
    help = (
        "Membuat data demo lengkap (Kota Batu rekaan): data Posyandu dan balita, lalu "
        "semester evaluasi dengan laporan OPD, rapat dan tindak lanjut, evaluasi BPKP, "
        "kontribusi mitra, serta satu akun demo untuk setiap peran. Sama untuk seed dan "
        "tanggal yang sama. Semua nama rekaan. Jalankan `seed_reference` dulu."
    )

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=600, help="Jumlah balita (600).")
        parser.add_argument("--months", type=int, default=12, help="Jumlah bulan (12).")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--jika-kosong", action="store_true",
                            help="Hanya bila belum ada balita sama sekali (untuk `make run`).")

    def handle(self, *args, children, months, seed, jika_kosong, **options):
        if jika_kosong and Balita.objects.exists():
            self.stdout.write("Sudah ada data balita: data demo tidak dibuat.")
            return
        if children < 1 or not 1 <= months <= 120:
            raise CommandError("--children minimal 1 dan --months antara 1 dan 120.")
        mulai = time.perf_counter()
        try:
            hasil = buat_demo_lengkap(anak=children, bulan=months, seed=seed)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        p = hasil.posyandu
        self.stdout.write(self.style.SUCCESS(
            f"Data demo: {p.posyandu} Posyandu, {p.balita} balita, {p.pengukuran} pengukuran, "
            f"{p.kegiatan} kegiatan, {p.kasus} kasus; {hasil.semester} semester, "
            f"{hasil.laporan} laporan OPD, {hasil.rapat} rapat, {hasil.tindak_lanjut} tindak "
            f"lanjut, {hasil.rekomendasi} rekomendasi BPKP, {hasil.kontribusi} kontribusi mitra "
            f"({time.perf_counter() - mulai:.1f} s)."
        ))
        if not hasil.akun:
            return
        self.stdout.write(self.style.SUCCESS("Akun demo dibuat:"))
        for akun in hasil.akun:
            self.stdout.write(f"  {akun.peran:<17} nama pengguna : {akun.username}")
            self.stdout.write(f"  {'':<17} kata sandi    : {akun.sandi}")
        self.stdout.write("Simpan kata sandi ini sekarang: tidak akan ditampilkan lagi.")
