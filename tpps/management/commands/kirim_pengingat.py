from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from opd.models import Pemberitahuan
from tpps.pengingat import kirim_pengingat


class Command(BaseCommand):
    help = (
        "Mengirim pengingat harian: masa pengisian laporan semester (dibuka, 7 hari dan 1 "
        "hari sebelum batas) ke OPD yang belum mengajukan, tindak lanjut yang jatuh tempo "
        "7 hari lagi atau lewat tenggat ke OPD penanggung jawab, ringkasan mingguan ke "
        "Sekretariat TPPS, lalu surel yang masih tertunda. Setiap pengingat dikirim sekali: "
        "menjalankannya lagi pada hari yang sama tidak mengirim apa pun yang baru. "
        "Jalankan sekali sehari (systemd timer atau cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--pada", metavar="YYYY-MM-DD",
            help="Hari yang diperiksa (bawaan: hari ini). Untuk mengejar hari yang terlewat.")

    def handle(self, *args, pada=None, **options):
        if pada:
            try:
                hari = date.fromisoformat(pada)
            except ValueError:
                raise CommandError(
                    f"--pada {pada!r} bukan tanggal; tulis seperti 2026-12-07.") from None
        else:
            hari = timezone.localdate()
        hasil = kirim_pengingat(pada=hari)
        label = dict(Pemberitahuan.Jenis.choices)
        for jenis, n in sorted(hasil.per_jenis.items()):
            self.stdout.write(f"  {label[jenis]}: {n} pemberitahuan baru")
        pesan = (f"Pengingat {hari:%d-%m-%Y}: {hasil.jumlah} pemberitahuan baru, "
                 f"{hasil.surel_terkirim} surel terkirim")
        if hasil.surel_gagal:
            self.stdout.write(self.style.WARNING(
                f"{pesan}, {hasil.surel_gagal} surel gagal (dicoba lagi pada proses berikutnya)."))
        else:
            self.stdout.write(self.style.SUCCESS(pesan + "."))
