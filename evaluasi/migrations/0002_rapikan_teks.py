"""Tidy stored narratives as input is now tidied (evaluasi.alur.rapikan_teks): "\\r\\n"
from browsers becomes "\\n", trailing spaces go. Only rows holding a "\\r" or trailing
spaces change; no history row is written (the text a person sees is the same)."""

from django.db import migrations

TEKS = {
    "Capaian": ("sumber_data", "kendala", "rencana_tindak_lanjut", "penjelasan_perubahan",
                "tautan_bukti"),
    "ProgramKegiatan": ("program", "kegiatan", "sub_kegiatan", "keluaran", "satuan_keluaran"),
}


def _rapikan(teks):
    baris = teks.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(b.rstrip() for b in baris).strip()


def rapikan(apps, schema_editor):
    for nama, medan in TEKS.items():
        model = apps.get_model("evaluasi", nama)
        for obj in model.objects.only(*medan).iterator():
            baru = {f: _rapikan(getattr(obj, f)) for f in medan}
            if any(baru[f] != getattr(obj, f) for f in medan):
                model.objects.filter(pk=obj.pk).update(**baru)


class Migration(migrations.Migration):
    dependencies = [("evaluasi", "0001_initial")]

    operations = [migrations.RunPython(rapikan, migrations.RunPython.noop)]
