"""The demo partner's contributions: funds for its Posyandu Spesial, goods for children in a
focus village, and training for kader."""

import random
from datetime import date, timedelta

from opd.models import Mitra
from posyandu.models import Desa, Kegiatan
from tpps.demo.cerita import HasilDemoLengkap, _Cerita
from tpps.models import KontribusiMitra

MITRA_DEMO = "PT Gizi Sehat Nusantara (demo)"


def cerita_kontribusi(cerita: _Cerita, rng: random.Random, hari_ini: date,
                      hasil: HasilDemoLengkap) -> None:
    mitra = Mitra.objects.filter(nama=MITRA_DEMO).first()
    if mitra is None or mitra.kontribusi.exists():
        return
    spesial = (Kegiatan.objects.filter(jenis=Kegiatan.Jenis.POSYANDU_SPESIAL, mitra=mitra)
               .order_by("-tanggal", "-pk").first())
    desa = list(Desa.objects.order_by("kecamatan__kode", "nama"))
    rencana = []
    if spesial is not None:
        rencana.append((spesial.tanggal + timedelta(days=3), {
            "tahun": spesial.tanggal.year, "bentuk": KontribusiMitra.Bentuk.DANA,
            "uraian": "Posyandu Spesial: pengukuran, imunisasi, vitamin A dan kelas pijat bayi",
            "nilai_rp": 85_000_000, "sasaran": KontribusiMitra.Sasaran.BALITA,
            "jumlah_penerima": spesial.pengukuran.count() or None, "kegiatan": spesial}))
    rencana.append((hari_ini - timedelta(days=40), {
        "tahun": (hari_ini - timedelta(days=40)).year, "bentuk": KontribusiMitra.Bentuk.BARANG,
        "uraian": "PMT lokal 300 paket untuk balita gizi kurang di desa lokus",
        "nilai_rp": 45_000_000, "sasaran": KontribusiMitra.Sasaran.BALITA, "jumlah_penerima": 300,
        "desa": rng.choice(desa) if desa else None}))
    rencana.append((hari_ini - timedelta(days=300), {
        "tahun": (hari_ini - timedelta(days=300)).year, "bentuk": KontribusiMitra.Bentuk.JASA,
        "uraian": "Pelatihan antropometri bagi 120 kader Posyandu", "nilai_rp": 30_000_000,
        "sasaran": KontribusiMitra.Sasaran.KADER, "jumlah_penerima": 120}))
    for hari, nilai in rencana:
        def catat(nilai=nilai):
            k = KontribusiMitra(mitra=mitra, **nilai)
            k.full_clean()
            k.save()

        cerita.tambah(hari, 11, catat)
        hasil.kontribusi += 1

