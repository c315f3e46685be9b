from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from posyandu.eppgbm.ekspor import catat_ekspor, pengukuran_untuk_ekspor, tulis_berkas
from posyandu.models import Desa, Kecamatan, Posyandu
from tpps.lib.numbers import parse_date
from tpps.lib.spreadsheet import SpreadsheetError


class Command(BaseCommand):
    help = (
        "Mengekspor pengukuran dalam kolom e-PPGBM (.xlsx atau .csv) dengan z-score dan "
        "kategori Permenkes hasil hitungan sistem. Setiap ekspor dicatat atas nama --pengguna."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="Berkas keluaran .csv/.xlsx")
        parser.add_argument("--pengguna", required=True,
                            help="Nama pengguna yang mengekspor (cakupannya berlaku; dicatat).")
        parser.add_argument("--kecamatan", help="Nama atau kode kecamatan.")
        parser.add_argument("--desa", help="Nama desa/kelurahan (dengan --kecamatan bila ganda).")
        parser.add_argument("--posyandu", help="Nama Posyandu (dengan --desa bila ganda).")
        parser.add_argument("--from", dest="dari", help="Tanggal ukur awal (31/01/2025).")
        parser.add_argument("--to", dest="sampai", help="Tanggal ukur akhir.")

    def _satu(self, qs, label, nilai):
        daftar = list(qs[:2])
        if not daftar:
            raise CommandError(f"{label} '{nilai}' tidak ditemukan.")
        if len(daftar) > 1:
            raise CommandError(f"{label} '{nilai}' ada lebih dari satu; sebutkan wilayahnya.")
        return daftar[0]

    def handle(self, *args, output, pengguna, kecamatan, desa, posyandu, dari, sampai, **opt):
        user = get_user_model().objects.filter(username=pengguna).first()
        if user is None:
            raise CommandError(f"Pengguna '{pengguna}' tidak ada.")
        kec = des = pos = None
        if kecamatan:
            kec = self._satu(Kecamatan.objects.filter(nama__iexact=kecamatan)
                             | Kecamatan.objects.filter(kode=kecamatan), "Kecamatan", kecamatan)
        if desa:
            qs = Desa.objects.filter(nama__iexact=desa)
            des = self._satu(qs.filter(kecamatan=kec) if kec else qs, "Desa", desa)
        if posyandu:
            qs = Posyandu.objects.filter(nama__iexact=posyandu)
            qs = qs.filter(desa=des) if des else qs.filter(desa__kecamatan=kec) if kec else qs
            pos = self._satu(qs, "Posyandu", posyandu)
        try:
            tgl_dari = parse_date(dari) if dari else None
            tgl_sampai = parse_date(sampai) if sampai else None
        except ValueError as exc:
            raise CommandError(f"Tanggal: {exc}") from None
        qs = pengukuran_untuk_ekspor(user, kecamatan=kec, desa=des, posyandu=pos,
                                     dari=tgl_dari, sampai=tgl_sampai)
        try:
            n = tulis_berkas(qs, output)
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        wilayah = pos or des or kec or "seluruh kota"
        catat_ekspor(user=user, jumlah=n, keterangan=f"{wilayah}; {dari or '…'}–{sampai or '…'}; "
                     f"perintah export_eppgbm")
        self.stdout.write(self.style.SUCCESS(f"{n} pengukuran ditulis ke {output}."))
