"""The Sekda dashboard (`/` for Pimpinan and Sekretariat TPPS) and each role's home."""

from datetime import date

from django.shortcuts import render
from django.utils import timezone

from posyandu import access as posyandu_access
from posyandu.models import Desa, Kecamatan
from tpps.lib.numbers import parse_bulan, parse_id

from . import gizi
from .semester import ringkasan_semester


def _bulan(request, hari_ini: date) -> date:
    return parse_bulan(request.GET.get("bulan")) or gizi.periode_bawaan(hari_ini)


def dasbor(request):
    hari_ini = timezone.localdate()
    bulan = _bulan(request, hari_ini)
    kecamatan = Kecamatan.objects.filter(pk=parse_id(request.GET.get("kecamatan"))).first()
    desa = Desa.objects.filter(pk=parse_id(request.GET.get("desa")),
                               kecamatan=kecamatan).first() if kecamatan else None
    utama = gizi.angka_utama(bulan, kecamatan, desa=desa,
                             target=gizi.target_kota(bulan.year) if not kecamatan else None)
    tren = gizi.tren(bulan, kecamatan, desa=desa)
    wilayah = gizi.per_wilayah(bulan, kecamatan, desa)
    return render(request, "dasbor/dasbor.html", {
        "bulan": bulan, "kecamatan": kecamatan, "desa": desa, "hari_ini": hari_ini,
        "pilihan_bulan": gizi.bulan_tersedia(), "pilihan_kecamatan": Kecamatan.objects.all(),
        "utama": utama, "wilayah": wilayah,
        "tren": tren, "angka_resmi": gizi.angka_resmi(), "cakupan": gizi.cakupan(bulan, kecamatan)[:15],
        "mutu": gizi.mutu(bulan, kecamatan)[:15], "sumber": gizi.SUMBER,
        "boleh_data_balita": posyandu_access.boleh_data_balita(request.user),
        "smt": ringkasan_semester(request.GET.get("semester")),
        "grafik": {
            "tren": tren,
            "wilayah": [{"nama": b["nama"], "stunting": b["prev"]["stunting"].proporsi.persen
                         if b["prev"] else None} for b in wilayah],
        },
    })
