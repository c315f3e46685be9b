"""Every child whose status calls for a case has one: the missed cases of existing data opened.

Cases were opened only for a condition new at a measurement (``posyandu.alur.buka_kasus``),
so children imported or entered before that rule, or whose case was resolved before a later
measurement that still shows the condition, have none. This opens, once, the case each of
them lacks, as ``manage.py buka_kasus_tertinggal`` does (``alur.buka_kasus_tertinggal``):

* children needing a case: active today and under 60 months, whose current status — each
  index from the latest measurement holding it (a length for PB/U–TB/U; weight and length
  for BB/PB–BB/TB; a weight for BB/U and 2T) — is pendek/sangat pendek (stunting), gizi
  kurang/gizi buruk (wasting), berat badan sangat kurang, or 2T;
* a condition is missed when the child has no open case of it and no case of it resolved
  on or after the measurement showing it;
* the case is found at the first measurement of the condition's current run: the earliest
  holding the index and showing the condition after both the latest holding it without
  the condition and the latest resolution of a case of it.

Nothing is sent. Idempotent: a condition with an open case is never opened again. The rule
is written out here with the historical models, as it stands at this migration;
tests/posyandu/test_kasus_tertinggal.py checks that it gives what the command does.
"""

from collections import defaultdict

from dateutil.relativedelta import relativedelta
from django.db import migrations
from django.db.models import Q
from django.utils import timezone

from posyandu.growth import MAX_AGE_MONTHS

#: condition → (what a measurement must hold, the field, the values that call for a case)
ATURAN = {
    "stunting": (("tinggi",), "kategori_tb_u", {"Sangat pendek", "Pendek"}),
    "wasting": (("tinggi", "berat"), "kategori_bb_tb", {"Gizi buruk", "Gizi kurang"}),
    "bb_sangat_kurang": (("berat",), "kategori_bb_u", {"Berat badan sangat kurang"}),
    "2t": (("berat",), "dua_t", {True}),
}
KOLOM = ("tanggal_ukur", "pk", "tinggi_cm", "berat_kg", "kategori_tb_u", "kategori_bb_tb",
         "kategori_bb_u", "dua_t")


def kasus_tertinggal(riwayat, terbuka, selesai):
    """The missed cases of one child: [(condition, measurement pk, date)]. ``riwayat``: the
    child's measurements as dicts of ``KOLOM``, newest first; ``terbuka``: conditions with
    an open case; ``selesai``: condition → latest resolution date."""
    hasil = []
    for jenis, (ada, kolom, nilai) in ATURAN.items():
        memegang = [r for r in riwayat
                    if all(r[{"tinggi": "tinggi_cm", "berat": "berat_kg"}[a]] is not None
                           for a in ada)]
        if not memegang or memegang[0][kolom] not in nilai or jenis in terbuka:
            continue
        batas = selesai.get(jenis)
        if batas is not None and batas >= memegang[0]["tanggal_ukur"]:
            continue  # resolved with that measurement known
        sejak = memegang[0]
        for r in memegang[1:]:
            if r[kolom] not in nilai or (batas is not None and r["tanggal_ukur"] <= batas):
                break
            sejak = r
        hasil.append((jenis, sejak["pk"], sejak["tanggal_ukur"]))
    return hasil


def buka_kasus_tertinggal(apps, schema_editor):
    Balita = apps.get_model("posyandu", "Balita")
    Pengukuran = apps.get_model("posyandu", "Pengukuran")
    Kasus = apps.get_model("posyandu", "Kasus")
    hari_ini = timezone.localdate()
    anak = list(
        Balita.objects.filter(
            Q(status="aktif") | Q(tanggal_status__gt=hari_ini), tanggal_lahir__lte=hari_ini,
            tanggal_lahir__gt=hari_ini - relativedelta(months=MAX_AGE_MONTHS),
        ).order_by("pk").values_list("pk", flat=True)
    )
    for awal in range(0, len(anak), 2000):
        kelompok = anak[awal:awal + 2000]
        riwayat = defaultdict(list)
        for baris in (Pengukuran.objects.filter(balita_id__in=kelompok)
                      .order_by("balita_id", "-tanggal_ukur").values("balita_id", *KOLOM)):
            riwayat[baris["balita_id"]].append(baris)
        terbuka, selesai = defaultdict(set), defaultdict(dict)
        for bal, jenis, status, tanggal in (
            Kasus.objects.filter(balita_id__in=kelompok)
            .values_list("balita_id", "jenis", "status", "tanggal_selesai")
        ):
            if status != "selesai":
                terbuka[bal].add(jenis)
            elif tanggal is not None and tanggal > selesai[bal].get(jenis, tanggal.min):
                selesai[bal][jenis] = tanggal
        Kasus.objects.bulk_create(
            [Kasus(balita_id=bal, jenis=jenis, pengukuran_id=pk, tanggal_ditemukan=tgl)
             for bal, rows in riwayat.items()
             for jenis, pk, tgl in kasus_tertinggal(rows, terbuka[bal], selesai[bal])],
            batch_size=2000,
        )


class Migration(migrations.Migration):

    dependencies = [
        ("posyandu", "0009_entri_perangkat"),
    ]

    operations = [
        migrations.RunPython(buka_kasus_tertinggal, migrations.RunPython.noop),
    ]
