from dateutil.relativedelta import relativedelta
from django.core.management.base import BaseCommand
from django.utils import timezone

from posyandu.growth import MAX_AGE_MONTHS
from posyandu.models import Balita


class Command(BaseCommand):
    help = (
        "Menandai balita aktif yang sudah genap 60 bulan sebagai 'lulus' dengan tanggalnya "
        "(jalankan harian, mis. lewat cron). Daftar sasaran sudah mengecualikan mereka "
        "walau perintah ini belum dijalankan."
    )

    def handle(self, *args, **options):
        hari_ini = timezone.localdate()
        batas = hari_ini - relativedelta(months=MAX_AGE_MONTHS)
        jumlah = 0
        for balita in Balita.objects.filter(status=Balita.Status.AKTIF, tanggal_lahir__lte=batas):
            balita.status = Balita.Status.LULUS
            balita.tanggal_status = balita.tanggal_60_bulan
            balita._change_reason = "genap 60 bulan"
            balita.save(update_fields=["status", "tanggal_status"])
            jumlah += 1
        self.stdout.write(self.style.SUCCESS(f"{jumlah} balita ditandai lulus (60 bulan)."))
