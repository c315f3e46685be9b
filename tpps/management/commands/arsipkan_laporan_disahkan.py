"""Archive the signed PDF of every sign-off made before PDFs were archived at signing,
from its frozen content (``tpps.laporan_semester.alur.arsipkan_pdf``). Safe to run again:
a sign-off that has its PDF is left as it is."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from tpps.laporan_semester import alur
from tpps.models import PengesahanLaporan


class Command(BaseCommand):
    help = ("Membuat dan mengarsipkan berkas PDF laporan semester yang disahkan sebelum PDF "
            "dibuat saat pengesahan, dari isi bekunya. Aman dijalankan ulang.")

    def handle(self, *args, **options):
        belum = (PengesahanLaporan.objects.filter(berkas="").select_related("semester")
                 .order_by("semester__tahun", "semester__nomor"))
        gagal = 0
        jumlah = 0
        for pengesahan in belum:
            kode = pengesahan.semester.kode
            try:
                dibuat = alur.arsipkan_pdf(pengesahan)
            except ValidationError as exc:
                gagal += 1
                for pesan in exc.messages:
                    self.stderr.write(f"{kode}: {pesan}")
                continue
            if dibuat:
                jumlah += 1
                self.stdout.write(_("%(kode)s: berkas PDF diarsipkan.") % {"kode": kode})
        self.stdout.write(_("%(n)s berkas PDF laporan yang disahkan diarsipkan.") % {"n": jumlah})
        if gagal:
            raise CommandError(_("%(n)s laporan yang disahkan tidak diarsipkan: isinya tidak "
                                 "cocok lagi dengan sidiknya.") % {"n": gagal})
