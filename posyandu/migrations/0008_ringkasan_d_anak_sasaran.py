"""D of a month, one rule: the stored monthly summaries' ``ditimbang`` recounted.

D used to be counted as "the latest measurement of the month (0–59 months) holds a weight"
on the dashboard and as "any weighing in the month" on the SKDN page. It is now the
children of S (``BalitaQuerySet.sasaran_bulan``) with a weight recorded in the month at any
event while aged 0–59 months, each once, at their home desa and Posyandu
(``BalitaQuerySet.ditimbang_bulan``). Only that column changes: the rows (one per group
with a child measured at 0–59 months in the month) and every other figure stay as they were.

The rule is written out here with the historical models, as it stands at this migration;
tests/posyandu/test_ditimbang.py checks that it gives what ``posyandu.ringkasan`` computes.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.db import migrations
from django.db.models import Count, Q

from posyandu.growth import LAST_SCORED_DAY, MAX_AGE_MONTHS


def _sasaran(pada):
    return Q(Q(status="aktif") | Q(tanggal_status__gt=pada), tanggal_lahir__lte=pada,
             tanggal_lahir__gt=pada - relativedelta(months=MAX_AGE_MONTHS))


def hitung_ulang_ditimbang(apps, schema_editor):
    Balita = apps.get_model("posyandu", "Balita")
    Pengukuran = apps.get_model("posyandu", "Pengukuran")
    RingkasanBulanan = apps.get_model("posyandu", "RingkasanBulanan")
    daftar_bulan = RingkasanBulanan.objects.order_by("bulan").values_list("bulan", flat=True)
    for bulan in daftar_bulan.distinct():
        depan = bulan + relativedelta(months=1)
        timbang = Pengukuran.objects.filter(tanggal_ukur__gte=bulan, tanggal_ukur__lt=depan,
                                            berat_kg__isnull=False,
                                            umur_hari__lte=LAST_SCORED_DAY)
        d = {
            (desa, posyandu): n
            for desa, posyandu, n in Balita.objects
            .filter(_sasaran(bulan) | _sasaran(depan - timedelta(days=1)))
            .filter(pk__in=timbang.values("balita"))
            .order_by().values_list("desa", "posyandu").annotate(n=Count("pk"))
        }
        baris = list(RingkasanBulanan.objects.filter(bulan=bulan))
        for r in baris:
            r.ditimbang = d.get((r.desa_id, r.posyandu_id), 0)
        RingkasanBulanan.objects.bulk_update(baris, ["ditimbang"], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ("posyandu", "0007_ukuran_dua_desimal"),
    ]

    operations = [
        migrations.RunPython(hitung_ulang_ditimbang, migrations.RunPython.noop),
    ]
