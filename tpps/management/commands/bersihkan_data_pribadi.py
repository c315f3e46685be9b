"""The daily retention run (UU 27/2022): e-PPGBM imports past their retention (file, CSV of
rejected rows, record), replaced versions of uploaded files, and children who moved away
or aged out long enough ago (anonymised). Never a record's current file, evidence or a
signed PDF. Safe to run again: what is gone is not listed again. The output names no
child (ids only): it ends up in the system's logs."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from posyandu import alur
from posyandu.models import Balita, ImporEppgbm
from tpps.retensi import hapus_berkas_diganti


class Command(BaseCommand):
    help = (
        "Menghapus data pribadi yang masa retensinya lewat: berkas dan catatan impor e-PPGBM "
        "(RETENSI_IMPOR_HARI, yang gagal RETENSI_IMPOR_GAGAL_HARI), versi lama berkas yang "
        "sudah diganti (RETENSI_BERKAS_DIGANTI_HARI), dan identitas balita yang pindah atau "
        "lulus (RETENSI_BALITA_HARI; pengukuran tetap). Berkas yang masih dipakai, bukti dan "
        "PDF laporan yang disahkan tidak pernah dihapus. Jalankan sekali sehari."
    )

    def add_arguments(self, parser):
        parser.add_argument("--coba", action="store_true",
                            help=_("Hanya tampilkan yang akan dihapus; tidak ada yang diubah."))

    def handle(self, *args, coba=False, **options):
        sekarang = timezone.now()
        hari_ini = timezone.localdate(sekarang)
        if coba:
            self.stdout.write(_("Percobaan: tidak ada yang dihapus."))

        impor = list(ImporEppgbm.objects.kedaluwarsa(sekarang).order_by("dibuat_pada", "pk"))
        for i in impor:
            self.stdout.write(_(
                "Impor e-PPGBM #%(pk)s \u201c%(nama)s\u201d (%(status)s, diunggah %(tgl)s): "
                "berkas dan catatannya dihapus."
            ) % {"pk": i.pk, "nama": i.nama_berkas, "status": i.get_status_display(),
                 "tgl": timezone.localtime(i.dibuat_pada).strftime("%d-%m-%Y")})
            if not coba:
                alur.hapus_impor(impor=i)

        berkas = hapus_berkas_diganti(sekarang=sekarang, coba=coba)
        for b in berkas:
            self.stdout.write(_(
                "Berkas lama %(nama)s (%(model)s, diganti %(tgl)s) dihapus."
            ) % {"nama": b.nama, "model": b.model._meta.verbose_name,
                 "tgl": timezone.localtime(b.diganti_pada).strftime("%d-%m-%Y")})

        anak = list(Balita.objects.perlu_dianonimkan(hari_ini, settings.RETENSI_BALITA_HARI)
                    .order_by("pk"))
        for b in anak:
            if b.status == Balita.Status.AKTIF:  # aged out, not marked yet
                status, sejak = Balita.Status.LULUS.label, b.tanggal_60_bulan
            else:
                status, sejak = b.get_status_display(), b.tanggal_status
            self.stdout.write(_(
                "Balita #%(pk)s (%(status)s sejak %(tgl)s) dianonimkan: nama, NIK, nama ibu, "
                "alamat dan RT/RW dihapus; pengukuran tetap."
            ) % {"pk": b.pk, "status": status, "tgl": sejak.strftime("%d-%m-%Y")})
            if not coba:
                alur.anonimkan_balita(balita=b)

        ringkas = _(
            "%(impor)s impor e-PPGBM, %(berkas)s berkas lama, %(anak)s balita dianonimkan."
        ) % {"impor": len(impor), "berkas": len(berkas), "anak": len(anak)}
        if coba:
            self.stdout.write(_("Akan dihapus: %(ringkas)s") % {"ringkas": ringkas})
        elif impor or berkas or anak:
            self.stdout.write(self.style.SUCCESS(_("Selesai: %(ringkas)s") % {"ringkas": ringkas}))
        else:
            self.stdout.write(self.style.SUCCESS(_("Tidak ada data pribadi yang masa "
                                                   "retensinya lewat.")))
