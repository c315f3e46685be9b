"""Roster pages under /opd/: every signed-in user reads; edits go through opd.access."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, roster
from .forms import AkhiriMasaForm, AnggotaTimForm
from .models import OPD, SK, AnggotaTim, Mitra


def _anggota_kini(to_attr: str, *, focal: bool) -> Prefetch:
    qs = AnggotaTim.objects.aktif().menurut_peran().select_related("bidang")
    qs = qs.filter(peran=AnggotaTim.Peran.FOCAL_PERSON) if focal else qs.exclude(
        peran=AnggotaTim.Peran.FOCAL_PERSON
    )
    return Prefetch("anggota", queryset=qs, to_attr=to_attr)


def daftar(request):
    """Every member agency with its current representatives and focal persons."""
    cari = request.GET.get("q", "").strip()
    jenis = request.GET.get("jenis", "")
    status = request.GET.get("status", "aktif")
    daftar_opd = OPD.objects.prefetch_related(
        _anggota_kini("perwakilan_kini", focal=False),
        _anggota_kini("focal_kini", focal=True),
    )
    if cari:
        daftar_opd = daftar_opd.filter(Q(singkatan__icontains=cari) | Q(nama__icontains=cari))
    if jenis in OPD.Jenis.values:
        daftar_opd = daftar_opd.filter(jenis=jenis)
    if status == "aktif":
        daftar_opd = daftar_opd.filter(aktif=True)
    elif status == "nonaktif":
        daftar_opd = daftar_opd.filter(aktif=False)
    return render(
        request,
        "opd/daftar.html",
        {
            "daftar_opd": daftar_opd,
            "cari": cari,
            "jenis": jenis,
            "status": status,
            "pilihan_jenis": OPD.Jenis.choices,
        },
    )


def detail(request, pk):
    opd = get_object_or_404(OPD, pk=pk)
    anggota = opd.anggota.select_related("bidang", "sk")
    return render(
        request,
        "opd/detail.html",
        {
            "opd": opd,
            "anggota_kini": anggota.aktif().menurut_peran(),
            "anggota_lalu": anggota.selesai().order_by("-sampai", "nama"),
            "anggota_mendatang": anggota.filter(mulai__gt=timezone.localdate()),
            "can_kelola": access.can_kelola_anggota(request.user, opd),
        },
    )


def perwakilan_tambah(request, pk):
    opd = access.get_opd_for_kelola(request.user, pk)
    form = AnggotaTimForm(request.POST or None, opd=opd)
    if request.method == "POST" and form.is_valid():
        try:
            baru = roster.tambah_perwakilan(
                baru=form.save(commit=False), menggantikan=form.cleaned_data["menggantikan"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("%(nama)s ditambahkan sebagai perwakilan %(opd)s.")
                % {"nama": baru.nama, "opd": opd.singkatan},
            )
            return redirect(opd)
    return render(
        request,
        "opd/perwakilan_form.html",
        {"form": form, "opd": opd, "judul": _("Tambah perwakilan")},
    )


def perwakilan_ubah(request, pk):
    anggota = access.get_anggota_for_kelola(request.user, pk)
    form = AnggotaTimForm(request.POST or None, instance=anggota, opd=anggota.opd)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Data %(nama)s disimpan.") % {"nama": anggota.nama})
        return redirect(anggota.opd)
    return render(
        request,
        "opd/perwakilan_form.html",
        {"form": form, "opd": anggota.opd, "anggota": anggota, "judul": _("Ubah perwakilan")},
    )


@require_POST
def perwakilan_akhiri(request, pk):
    anggota = access.get_anggota_for_kelola(request.user, pk)
    form = AkhiriMasaForm(request.POST, anggota=anggota)
    if form.is_valid():
        roster.akhiri_masa(anggota=anggota, sampai=form.cleaned_data["sampai"])
        messages.success(
            request,
            _("Masa jabatan %(nama)s diakhiri; riwayatnya tetap tersimpan.")
            % {"nama": anggota.nama},
        )
    else:
        for kesalahan in form.errors.get("sampai", [_("Tanggal tidak sah.")]):
            messages.error(request, kesalahan)
    return redirect(anggota.opd)


def sk_daftar(request):
    daftar_sk = SK.objects.prefetch_related("bidang")
    return render(request, "opd/sk_daftar.html", {"daftar_sk": daftar_sk})


def mitra_daftar(request):
    return render(request, "opd/mitra_daftar.html", {"daftar_mitra": Mitra.objects.all()})

