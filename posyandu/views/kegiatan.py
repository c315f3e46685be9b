"""Measurement events and their fast-entry page (one row per child, saved row by row)."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tpps.lib.jawaban_json import jawaban_json
from tpps.lib.numbers import parse_id

from .. import access, alur
from ..forms import BalitaForm, KegiatanForm, KegiatanUbahForm, PengukuranForm
from ..models import Balita
from ..tampilan import ringkas
from .balita import duplikat_untuk


def kegiatan_daftar(request):
    daftar = access.kegiatan_for_user(request.user).select_related("posyandu__desa", "mitra")
    return render(request, "posyandu/kegiatan_daftar.html", {"daftar_kegiatan": daftar[:200]})


def kegiatan_tambah(request):
    if not request.user.has_perm("posyandu.add_kegiatan"):
        raise PermissionDenied
    form = KegiatanForm(
        request.POST or None,
        posyandu_qs=access.posyandu_for_user(request.user),
        can_tingkat_kota=access.lingkup_kota(request.user),
        initial={"posyandu": parse_id(request.GET.get("posyandu"))},
    )
    if request.method == "POST" and form.is_valid():
        kegiatan = form.save(commit=False)
        kegiatan.dibuat_oleh = request.user
        kegiatan.save()
        form.save_m2m()
        messages.success(request, _("Kegiatan dibuat. Mulai mencatat pengukuran."))
        return redirect(kegiatan)
    return render(request, "posyandu/kegiatan_form.html", {"form": form})


def _baris_anak(kegiatan, user, cari: str):
    """Children on the entry page: those expected at this Posyandu, those already measured
    here (visitors included) and, for a search, any child in the user's scope."""
    diukur = {p.balita_id: p for p in kegiatan.pengukuran.select_related("balita")}
    anak = Balita.objects.filter(pk__in=diukur)
    if kegiatan.posyandu_id:
        anak |= Balita.objects.filter(posyandu=kegiatan.posyandu_id).sasaran(kegiatan.tanggal)
    if cari:
        cocok = (
            access.balita_for_user(user)
            .sasaran(kegiatan.tanggal)
            .filter(Q(nama__icontains=cari) | Q(nik=cari) | Q(nama_ibu__icontains=cari))
            .values_list("pk", flat=True)[:20]
        )
        anak |= Balita.objects.filter(pk__in=list(cocok))
    anak = anak.distinct().select_related("posyandu").order_by("nama")
    return [
        {
            "balita": b,
            "p": diukur.get(b.pk),
            "hasil": ringkas(diukur[b.pk]) if b.pk in diukur else None,
            "cara_awal": b.cara_ukur_awal(kegiatan.tanggal),
        }
        for b in anak
    ]


def kegiatan_detail(request, pk):
    kegiatan = access.get_kegiatan_for_user(request.user, pk)
    cari = request.GET.get("cari", "").strip()
    return render(
        request,
        "posyandu/kegiatan_detail.html",
        {
            "kegiatan": kegiatan,
            "baris": _baris_anak(kegiatan, request.user, cari),
            "cari": cari,
            "can_ukur": request.user.has_perm("posyandu.add_pengukuran"),
            "form_balita": BalitaForm(
                posyandu_qs=access.posyandu_for_user(request.user),
                initial={
                    "posyandu": kegiatan.posyandu,
                    "desa": getattr(kegiatan.posyandu, "desa", None),
                },
            ),
        },
    )


@jawaban_json
@require_POST
def kegiatan_ukur(request, pk, balita_pk):
    """Save one row of the entry page; answers JSON for the page's script."""
    kegiatan = access.get_kegiatan_for_user(request.user, pk, izin="posyandu.add_pengukuran")
    balita = access.get_balita_for_user(request.user, balita_pk)
    try:
        id_entri = uuid.UUID(request.POST["id_entri"]) if request.POST.get("id_entri") else None
    except ValueError:
        return JsonResponse({"ok": False, "kesalahan": [
            _("Penanda entri dari perangkat tidak sah; muat ulang halaman.")]}, status=400)
    form = PengukuranForm(request.POST, tanggal=False)
    if not form.is_valid():
        return JsonResponse(
            {
                "ok": False,
                "kesalahan": [m for ms in form.errors.values() for m in ms],
                "perlu_konfirmasi": bool(form.perlu_konfirmasi),
            },
            status=400,
        )
    try:
        p = alur.simpan_pengukuran(
            balita=balita,
            tanggal_ukur=kegiatan.tanggal,
            kegiatan=kegiatan,
            user=request.user,
            id_entri=id_entri,
            **form.nilai_ukur(),
        )
    except ValidationError as exc:
        return JsonResponse({"ok": False, "kesalahan": exc.messages}, status=400)
    hasil = ringkas(p)  # as data, and as the row's result cell (the page's own template)
    return JsonResponse({"ok": True, "hasil": hasil, "html": render_to_string(
        "posyandu/_hasil_ukur.html", {"h": hasil}, request=request)})


@jawaban_json
@require_POST
def kegiatan_balita_baru(request, pk):
    """Register a child on the spot without leaving the entry page."""
    kegiatan = access.get_kegiatan_for_user(request.user, pk, izin="posyandu.add_balita")
    form = BalitaForm(request.POST, posyandu_qs=access.posyandu_for_user(request.user))
    if not form.is_valid():
        return JsonResponse(
            {
                "ok": False,
                "kesalahan": [
                    f"{form.fields[k].label if k in form.fields else ''}: {m}".lstrip(": ")
                    for k, ms in form.errors.items()
                    for m in ms
                ],
            },
            status=400,
        )
    dalam, luar = duplikat_untuk(request.user, form.cleaned_data)
    if (dalam or luar) and not request.POST.get("tetap_simpan"):
        pesan = [
            _("Sudah terdaftar: %(nama)s, %(posyandu)s.") % {"nama": b.nama, "posyandu": b.posyandu}
            for b in dalam
        ]
        pesan += [
            _("Anak dengan data sama terdaftar di %(posyandu)s.") % {"posyandu": p} for p in luar
        ]
        return JsonResponse({"ok": False, "duplikat": True, "kesalahan": pesan}, status=409)
    balita = form.save()
    baris = {
        "balita": balita,
        "p": None,
        "hasil": None,
        "cara_awal": balita.cara_ukur_awal(kegiatan.tanggal),
    }
    html = render_to_string(
        "posyandu/_baris_ukur.html",
        {"b": baris, "kegiatan": kegiatan, "can_ukur": True},
        request=request,
    )
    return JsonResponse({"ok": True, "html": html, "nama": balita.nama})


def kegiatan_ubah(request, pk):
    kegiatan = access.get_kegiatan_for_user(request.user, pk, izin="posyandu.change_kegiatan")
    form = KegiatanUbahForm(request.POST or None, instance=kegiatan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Kegiatan diperbarui."))
        return redirect(kegiatan)
    return render(request, "posyandu/kegiatan_form.html", {"form": form, "kegiatan": kegiatan})


def pengukuran_hapus(request, pk):
    """Confirm (GET), then delete (POST) a wrong measurement."""
    p = access.get_pengukuran_for_hapus(request.user, pk)
    if request.method == "POST":
        kegiatan = p.kegiatan if request.POST.get("kembali") == "kegiatan" else None
        balita = alur.hapus_pengukuran(pengukuran=p, user=request.user)
        messages.success(request, _("Pengukuran %(tgl)s dihapus.")
                         % {"tgl": p.tanggal_ukur.strftime("%d-%m-%Y")})
        return redirect(kegiatan or balita)
    return render(request, "posyandu/pengukuran_hapus.html", {
        "p": p, "hasil": ringkas(p), "kembali": request.GET.get("kembali", ""),
        "n_kasus": p.kasus.count(),
    })
