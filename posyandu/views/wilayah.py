"""The Posyandu section's home, a Posyandu's children, the kader's visit list and SKDN."""

from datetime import date
from urllib.parse import urlencode

from dateutil.relativedelta import relativedelta
from django.db.models import Q, Sum
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tpps.lib.numbers import parse_bulan, parse_id

from .. import access, sasaran_bulan
from ..laporan import rekap_skdn
from ..models import Balita, Desa, Kasus, RingkasanBulanan
from ..prevalensi import INDEKS

FILTER_STATUS = {
    "pendek": (gettext_lazy("Pendek"), Q(kat_tb_u="Pendek")),
    "sangat_pendek": (gettext_lazy("Sangat pendek"), Q(kat_tb_u="Sangat pendek")),
    "gizi_kurang": (gettext_lazy("Gizi kurang/buruk"), Q(kat_bb_tb__in=["Gizi kurang", "Gizi buruk"])),
    "2t": (gettext_lazy("2T"), Q(dua_t_terakhir=True)),
}


def _bulan(request) -> date:
    return parse_bulan(request.GET.get("bulan")) or timezone.localdate().replace(day=1)


def beranda(request):
    hari_ini = timezone.localdate()
    awal_bulan = hari_ini.replace(day=1)
    daftar = list(
        access.posyandu_for_user(request.user).select_related("desa__kecamatan", "puskesmas")
    )
    # S from the children table; measured this month from the monthly summary — counting
    # it from the measurements would scan a province's millions of rows.
    sasaran = Balita.objects.jumlah_sasaran_per_posyandu(hari_ini)
    diukur = dict(
        RingkasanBulanan.objects.filter(bulan=awal_bulan).values("posyandu")
        .annotate(n=Sum("diukur")).values_list("posyandu", "n")
    )
    for p in daftar:
        p.jumlah_s, p.diukur_bulan_ini = sasaran.get(p.pk, 0), diukur.get(p.pk, 0)
    kegiatan = access.kegiatan_for_user(request.user).select_related("posyandu", "mitra")[:10]
    kasus = Kasus.objects.terbuka().filter(balita__in=access.balita_for_user(request.user))
    return render(
        request,
        "posyandu/beranda.html",
        {
            "daftar_posyandu": daftar,
            "kegiatan_terbaru": kegiatan,
            "can_data": access.can_data_balita(request.user),
            "kasus_terbuka": kasus.values("balita").distinct().count(),
        },
    )


def _saring_daftar(request) -> dict:
    """The month and home desa a list was opened for (from the dashboard's links)."""
    desa_id = parse_id(request.GET.get("desa"))
    desa = Desa.objects.filter(pk=desa_id).first() if desa_id else None
    return {"bulan": parse_bulan(request.GET.get("bulan")), "desa": desa}


def posyandu_detail(request, pk):
    """A Posyandu's children. Without ``bulan``: those expected today. With ``bulan``
    (``?bulan=2025-08``): S of that month (posyandu.sasaran_bulan); ``status=belum_diukur``
    those of S not weighed in it, ``status=stunting`` (…) those behind that prevalence.
    ``desa``: only the children living in that desa (a dashboard row of one desa)."""
    posyandu = access.get_posyandu_for_user(request.user, pk)
    status = request.GET.get("status", "")
    hari_ini = timezone.localdate()
    saring = _saring_daftar(request)
    bulan = saring["bulan"]
    anak = Balita.objects.filter(posyandu=posyandu)
    if saring["desa"]:
        anak = anak.filter(desa=saring["desa"])
    if status in sasaran_bulan.KODE_INDEKS:
        anak = sasaran_bulan.pembilang_indeks(anak, bulan or hari_ini, status)
    elif status == "belum_diukur":
        anak = sasaran_bulan.belum_ditimbang(anak, bulan or hari_ini)
    else:
        anak = anak.sasaran_bulan(bulan) if bulan else anak.sasaran(hari_ini)
    anak = anak.dengan_status_terakhir()
    if status in FILTER_STATUS:
        anak = anak.filter(FILTER_STATUS[status][1])
    pilihan = [(k, v[0]) for k, v in FILTER_STATUS.items()]
    if bulan:
        pilihan += [(i.kode, i.nama) for i in INDEKS]
    pilihan.append(("belum_diukur", _("Belum ditimbang bulan ini") if not bulan
                    else _("Belum ditimbang pada bulan itu")))
    return render(
        request,
        "posyandu/posyandu_detail.html",
        {
            "posyandu": posyandu,
            "daftar_balita": anak.select_related("desa"),
            "status": status,
            "pilihan_status": pilihan,
            "bulan": bulan,
            "desa_saring": saring["desa"],
            "saring_qs": urlencode({k: v for k, v in (
                ("bulan", bulan.strftime("%Y-%m") if bulan else ""),
                ("desa", saring["desa"].pk if saring["desa"] else "")) if v}),
            "cetak": request.GET.get("cetak") == "1",
            "hari_ini": hari_ini,
        },
    )


def skdn(request, pk):
    posyandu = access.get_posyandu_for_user(request.user, pk)
    bulan = _bulan(request)
    return render(
        request,
        "posyandu/skdn.html",
        {
            "posyandu": posyandu,
            "bulan": bulan,
            "rekap": rekap_skdn([posyandu], bulan)[0],
            "bulan_lalu": bulan - relativedelta(months=1),
            "bulan_depan": bulan + relativedelta(months=1),
        },
    )
