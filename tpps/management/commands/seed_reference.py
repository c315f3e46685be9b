from django.core.management.base import BaseCommand

from tpps.reference import muat_semua


class Command(BaseCommand):
    help = (
        "Memuat data acuan (daftar anggota TPPS, peran pengguna, dan data acuan aplikasi "
        "lain): menambah yang belum ada, tidak menimpa perubahan admin, tidak "
        "mengembalikan yang dihapus admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Ambil alih isi berkas acuan yang sudah diperbaiki (menimpa dan "
            "mengembalikan data yang dihapus).",
        )

    def handle(self, *args, update=False, **options):
        for hasil in muat_semua(perbarui=update):
            self.stdout.write(str(hasil))
        self.stdout.write(self.style.SUCCESS("Data acuan selesai dimuat."))
