# The signed semester report's PDF beside its frozen content: the archived file and its
# SHA-256, the signer's NIP, and a unique, unguessable code for the public verification
# page. Sign-offs made before this get a code here (one each); their PDF is made from their
# frozen content by ``manage.py arsipkan_laporan_disahkan`` (tpps.laporan_semester.alur).
# The code becomes unique in 0006, in its own transaction (PostgreSQL alters no table with
# rows updated earlier in the same transaction).

import secrets

from django.db import migrations, models

import tpps.lib.berkas
import tpps.models.pengesahan


def beri_kode_verifikasi(apps, schema_editor):
    PengesahanLaporan = apps.get_model("tpps", "PengesahanLaporan")
    dipakai = set()
    for pk in PengesahanLaporan.objects.filter(kode_verifikasi__isnull=True).values_list(
            "pk", flat=True):
        kode = secrets.token_urlsafe(9)
        while kode in dipakai:
            kode = secrets.token_urlsafe(9)
        dipakai.add(kode)
        PengesahanLaporan.objects.filter(pk=pk).update(kode_verifikasi=kode)


class Migration(migrations.Migration):

    dependencies = [
        ('tpps', '0004_rapat_dibatalkan'),
    ]

    operations = [
        migrations.AddField(
            model_name='pengesahanlaporan',
            name='berkas',
            field=models.FileField(blank=True, editable=False, help_text='Laporan yang disahkan sebagai PDF, dibuat dari isi beku saat disahkan.', max_length=200, upload_to=tpps.models.pengesahan.lokasi_pdf, validators=[tpps.lib.berkas.validasi_dokumen], verbose_name='berkas PDF yang disahkan'),
        ),
        migrations.AddField(
            model_name='pengesahanlaporan',
            name='nip_pengesah',
            field=models.CharField(blank=True, help_text='NIP pengesah saat mengesahkan, dicetak di blok tanda tangan.', max_length=30, verbose_name='NIP pengesah'),
        ),
        migrations.AddField(
            model_name='pengesahanlaporan',
            name='sidik_pdf',
            field=models.CharField(blank=True, editable=False, help_text='Sidik berkas PDF; berkas yang diubah sesudah disahkan akan terlihat.', max_length=64, verbose_name='sidik SHA-256 berkas PDF'),
        ),
        migrations.AddField(
            model_name='pengesahanlaporan',
            name='kode_verifikasi',
            field=models.CharField(editable=False, max_length=32, null=True),
        ),
        migrations.RunPython(beri_kode_verifikasi, migrations.RunPython.noop),
    ]
