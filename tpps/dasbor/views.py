"""The Sekda dashboard (`/` for Pimpinan and Sekretariat TPPS) and each role's home."""

from datetime import date
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from posyandu import access as posyandu_access
from posyandu.models import Desa, Kecamatan
from posyandu.models.kegiatan import is_bulan_penimbangan
from tpps.lib.numbers import parse_bulan, parse_id

from . import gizi, kotak_kerja
from .semester import ringkasan_semester

BARIS_RINGKAS = 15


def _bulan(request, hari_ini: date, tersedia: list[date] | None = None) -> date:
    return parse_bulan(request.GET.get("bulan")) or gizi.periode_bawaan(hari_ini, tersedia)


def _tautan_anak(user, bulan: date, desa, posyandu_ids) -> dict[int, str]:
    """Per Posyandu the viewer may open (posyandu.access: Sekretariat all, a Petugas those
    of their scope, Pimpinan and Operator none): the URL of its children list for the
    dashboard's month (and desa). One query; none for a viewer who sees no child."""
    if not posyandu_access.can_data_balita(user) or not posyandu_ids:
        return {}
    saring = urlencode({"bulan": bulan.strftime("%Y-%m"), **({"desa": desa.pk} if desa else {})})
    terbuka = posyandu_access.posyandu_for_user(user).filter(pk__in=set(posyandu_ids))
    return {pk: f"{reverse('posyandu:posyandu-detail', args=[pk])}?{saring}"
            for pk in terbuka.values_list("pk", flat=True)}


def _kotak_kerja(user, bulan: date, kecamatan, smt: dict | None = None,
                 semua_desa: dict | None = None) -> dict | None:
    """What waits for the viewer (on the city view only): Pimpinan's signatures and
    laggards, the Sekretariat's queues, and their unread notifications. ``smt`` (the
    page's semester part) and ``semua_desa`` (every desa by pk): what the page has read
    already, not read again."""
    if kecamatan is not None:
        return None
    kerja = {"pemberitahuan": kotak_kerja.pemberitahuan_terbaru(user)}
    if user.has_perm("tpps.sahkan_laporan"):
        kerja["pimpinan"] = kotak_kerja.kerja_pimpinan(
            bulan, terlambat=smt["terlambat"] if smt else None, semua_desa=semua_desa)
    if user.has_perm("evaluasi.verifikasi_laporan"):
        kerja["sekretariat"] = kotak_kerja.kerja_sekretariat(
            opd_belum={smt["semester"].pk: smt["opd_belum"]} if smt else None)
    return kerja


def ringkas(request):
    """A one-page brief for a meeting (printed from the browser): the headline figures,
    what waits for a signature, the laggards."""
    hari_ini = timezone.localdate()
    bulan = _bulan(request, hari_ini)
    smt = ringkasan_semester(request.GET.get("semester"))
    return render(request, "dasbor/ringkas.html", {
        "bulan": bulan, "hari_ini": hari_ini,
        "utama": gizi.angka_utama(bulan, target=gizi.target_kota(bulan.year),
                                  bulanan=gizi.prevalensi_bulanan(bulan)),
        "wilayah": gizi.per_wilayah(bulan),
        "pimpinan": kotak_kerja.kerja_pimpinan(bulan, smt["terlambat"] if smt else None),
        "smt": smt,
    })


def dasbor(request):
    """Each part is read once and handed to the others that show it too (the months, the
    kecamatan, the Posyandu and desa of the coverage tables, the overdue follow-ups)."""
    hari_ini = timezone.localdate()
    pilihan_bulan = gizi.bulan_tersedia()
    bulan = _bulan(request, hari_ini, pilihan_bulan)
    semua_kecamatan = list(Kecamatan.objects.all())
    pk_kecamatan = parse_id(request.GET.get("kecamatan"))
    kecamatan = next((k for k in semua_kecamatan if k.pk == pk_kecamatan), None)
    desa = Desa.objects.filter(pk=parse_id(request.GET.get("desa")),
                               kecamatan=kecamatan).first() if kecamatan else None
    semua = request.GET.get("semua") == "1"
    bulanan = gizi.prevalensi_bulanan(bulan, kecamatan, desa)
    utama = gizi.angka_utama(bulan, kecamatan, desa=desa, bulanan=bulanan,
                             target=gizi.target_kota(bulan.year) if not kecamatan else None)
    tren = gizi.tren(bulan, kecamatan, desa=desa, bulanan=bulanan)
    wilayah = gizi.per_wilayah(bulan, kecamatan, desa, semua_kecamatan=semua_kecamatan)
    cakupan = gizi.cakupan(bulan, kecamatan, desa)
    cakupan_desa = gizi.cakupan_desa(bulan, kecamatan, desa)
    mutu = gizi.mutu(bulan, kecamatan, desa,
                     posyandu={c["posyandu"].pk: c["posyandu"] for c in cakupan})
    smt = ringkasan_semester(request.GET.get("semester"), user=request.user)
    batas = None if semua else BARIS_RINGKAS
    tautan = _tautan_anak(request.user, bulan, desa, [c["posyandu"].pk for c in cakupan[:batas]]
                          + ([b["pk"] for b in wilayah] if desa else []))
    for baris in cakupan[:batas]:
        baris["tautan"] = tautan.get(baris["posyandu"].pk)
    for baris in wilayah if desa else []:
        baris["tautan"] = tautan.get(baris["pk"])
    return render(request, "dasbor/dasbor.html", {
        "kerja": _kotak_kerja(request.user, bulan, kecamatan, smt,
                              # On the city view (the only one with the box): every desa.
                              {c["desa"].pk: c["desa"] for c in cakupan_desa}),
        "bulan": bulan, "kecamatan": kecamatan, "desa": desa, "hari_ini": hari_ini,
        "pilihan_bulan": pilihan_bulan, "pilihan_kecamatan": semua_kecamatan,
        "bulan_penimbangan": [b for b in pilihan_bulan if is_bulan_penimbangan(b)],
        "utama": utama, "wilayah": wilayah, "tren": tren, "angka_resmi": gizi.angka_resmi(),
        "cakupan": cakupan[:batas], "cakupan_desa": cakupan_desa[:batas],
        "mutu": mutu[:batas], "semua": semua, "batas": BARIS_RINGKAS,
        "jumlah": {"cakupan": len(cakupan), "cakupan_desa": len(cakupan_desa),
                   "mutu": len(mutu)},
        "dasbor_qs": urlencode({k: request.GET[k] for k in ("bulan", "kecamatan", "desa",
                                                            "semester") if request.GET.get(k)}),
        "catatan_cakupan": gizi.CATATAN_CAKUPAN, "sumber": gizi.SUMBER,
        "smt": smt,
        "grafik": {
            "tren": tren,
            "wilayah": [{"nama": b["nama"], "stunting": b["prev"]["stunting"].proporsi.persen
                         if b["prev"] else None} for b in wilayah],
        },
    })
