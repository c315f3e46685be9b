# The verification code, given to every sign-off in 0005, is unique from now on.

from django.db import migrations, models

import tpps.models.pengesahan


class Migration(migrations.Migration):

    dependencies = [
        ('tpps', '0005_pengesahan_pdf'),
    ]

    operations = [
        migrations.AlterField(
            model_name='pengesahanlaporan',
            name='kode_verifikasi',
            field=models.CharField(default=tpps.models.pengesahan.buat_kode_verifikasi, editable=False, help_text='Kode pada tautan dan kode QR halaman verifikasi publik laporan ini.', max_length=32, unique=True, verbose_name='kode verifikasi'),
        ),
    ]
