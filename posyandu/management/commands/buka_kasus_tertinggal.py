from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from posyandu import alur
from posyandu.models import Kasus


class Command(BaseCommand):
    @property
    def help(self):  # translated when shown (argparse takes no lazy text)
        return _(
            "Membuka kasus yang tertinggal: setiap balita aktif yang statusnya kini pendek atau "
            "sangat pendek, gizi kurang/buruk, berat badan sangat kurang atau 2T tanpa kasus "
            "terbuka (dan tanpa kasus yang diselesaikan pada atau setelah pengukuran itu) "
            "mendapat kasus. Tidak mengirim pemberitahuan apa pun; menjalankannya lagi tidak "
            "membuka kasus baru."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true",
            help=_("Hanya menghitung kasus yang akan dibuka; tidak ada yang ditulis."),
        )

    def handle(self, *args, **options):
        dry_run = options["dry_run"]
        jumlah = alur.buka_kasus_tertinggal(dry_run=dry_run)
        for jenis, label in Kasus.Jenis.choices:
            self.stdout.write(_("%(label)s: %(n)d kasus") % {"label": label, "n": jumlah[jenis]})
        total = sum(jumlah.values())
        if dry_run:
            pesan = _("Pratinjau: %(n)d kasus akan dibuka; tidak ada yang ditulis.")
        else:
            pesan = _("%(n)d kasus dibuka.")
        self.stdout.write(self.style.SUCCESS(pesan % {"n": total}))
