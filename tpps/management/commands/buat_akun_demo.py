import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from opd.roles import SEKRETARIAT

NAMA_PENGGUNA = "admin"


class Command(BaseCommand):
    help = (
        "Membuat akun administrator demo bila belum ada pengguna sama sekali, dan "
        "mencetak nama pengguna serta kata sandinya sekali saja."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("Sudah ada pengguna; akun demo tidak dibuat.")
            return
        sandi = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(
            username=NAMA_PENGGUNA, password=sandi, first_name="Administrator", last_name="Demo"
        )
        grup = Group.objects.filter(name=SEKRETARIAT).first()
        if grup:
            user.groups.add(grup)
        self.stdout.write(self.style.SUCCESS("Akun administrator demo dibuat:"))
        self.stdout.write(f"  nama pengguna : {NAMA_PENGGUNA}")
        self.stdout.write(f"  kata sandi    : {sandi}")
        self.stdout.write("Simpan kata sandi ini sekarang: tidak akan ditampilkan lagi.")
