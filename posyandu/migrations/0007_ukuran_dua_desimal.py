import django.core.validators
from django.db import migrations, models

#: Field → (max_digits, verbose_name), on the model and its history alike.
UKURAN = {
    "tinggi_cm": (6, "panjang/tinggi (cm)"),
    "lila_cm": (5, "LiLA (cm)"),
    "lingkar_kepala_cm": (5, "lingkar kepala (cm)"),
}


class Migration(migrations.Migration):
    """Measurements kept to 2 decimals, as written: length/height, LiLA and head
    circumference had 1 (weight already had 2), so an imported 87.51 cm was stored and
    scored as 87.5. One more digit in all, so that every value stored so far still fits."""

    dependencies = [
        ("posyandu", "0006_kasus_penanganan_daftar"),
    ]

    operations = [
        migrations.AlterField(
            model_name=model,
            name=nama,
            field=models.DecimalField(
                blank=True, decimal_places=2, max_digits=digit, null=True,
                validators=[django.core.validators.MinValueValidator(0)],
                verbose_name=label,
            ),
        )
        for model in ("historicalpengukuran", "pengukuran")
        for nama, (digit, label) in UKURAN.items()
    ]
