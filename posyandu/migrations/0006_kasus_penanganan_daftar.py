"""A case records every treatment given (PMT and counselling together), not one: the
single choice ``Kasus.penanganan`` becomes a JSON list of codes. The old value is copied
into the list ("" → []), in the cases and in their history rows, then the old column
goes and the new one takes its name."""

from django.db import migrations, models

HELP = "Centang semua yang diberikan, misalnya PMT dan konseling gizi."


def daftar_dari_lama(nilai):
    """The old single code as the new list: "" (or NULL) is no treatment."""
    return [nilai] if nilai else []


def salin_penanganan(apps, schema_editor):
    """penanganan ("pmt") → penanganan_baru (["pmt"]); one UPDATE per distinct code."""
    for nama in ("Kasus", "HistoricalKasus"):
        model = apps.get_model("posyandu", nama)
        lama = model.objects.exclude(penanganan="").values_list("penanganan", flat=True)
        for nilai in set(lama):
            model.objects.filter(penanganan=nilai).update(penanganan_baru=daftar_dari_lama(nilai))


def kembalikan_penanganan(apps, schema_editor):
    """Backwards: the first treatment of the list goes back into the single column."""
    for nama in ("Kasus", "HistoricalKasus"):
        model = apps.get_model("posyandu", nama)
        for obj in model.objects.only("pk", "penanganan_baru").iterator():
            if obj.penanganan_baru:
                model.objects.filter(pk=obj.pk).update(penanganan=str(obj.penanganan_baru[0])[:12])


class Migration(migrations.Migration):

    dependencies = [
        ("posyandu", "0005_balita_punya_buku_kia"),
    ]

    operations = [
        migrations.AddField(
            model_name="kasus",
            name="penanganan_baru",
            field=models.JSONField(blank=True, default=list, help_text=HELP,
                                   verbose_name="penanganan"),
        ),
        migrations.AddField(
            model_name="historicalkasus",
            name="penanganan_baru",
            field=models.JSONField(blank=True, default=list, help_text=HELP,
                                   verbose_name="penanganan"),
        ),
        migrations.RunPython(salin_penanganan, kembalikan_penanganan),
        migrations.RemoveField(model_name="kasus", name="penanganan"),
        migrations.RemoveField(model_name="historicalkasus", name="penanganan"),
        migrations.RenameField(model_name="kasus", old_name="penanganan_baru",
                               new_name="penanganan"),
        migrations.RenameField(model_name="historicalkasus", old_name="penanganan_baru",
                               new_name="penanganan"),
    ]
