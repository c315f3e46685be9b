"""Measurement events and their fast-entry page (one row per child, saved row by row)."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tpps.lib.jawaban_json import jawaban_json
from tpps.lib.numbers import parse_id

from .. import access, alur, pencarian
from ..forms import BalitaForm, KegiatanForm, KegiatanUbahForm, PengukuranForm
from ..models import Balita, Kedatangan, Pengukuran
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


_PENANDA_PK = 987654321987654321


def _url_per_pk(nama, *args):
    """``reverse(nama, args=[*args, pk])`` for many ``pk`` at the cost of one reverse():
    the URL is resolved once with a marker in place of ``pk``, then the marker replaced."""
    awal, akhir = reverse(nama, args=[*args, _PENANDA_PK]).rsplit(str(_PENANDA_PK), 1)
    return lambda pk: f"{awal}{pk}{akhir}"


def _baris(kegiatan, anak, diukur=None, tiba=None):
    """Rows of the entry page for ``anak``: this event's measurement of each child, their
    place in the arrivals queue, a measurement of the same day at another event, and the
    row's links (rendered by ``posyandu/_baris_ukur.html``)."""
    diukur = diukur if diukur is not None else {
        p.balita_id: p for p in kegiatan.pengukuran.filter(balita__in=anak)}
    tiba = tiba if tiba is not None else dict(
        kegiatan.kedatangan.filter(balita__in=anak).values_list("balita_id", "pk"))
    lain = {
        p.balita_id: p
        for p in Pengukuran.objects.filter(balita__in=anak, tanggal_ukur=kegiatan.tanggal)
        .exclude(kegiatan=kegiatan).select_related("kegiatan")
    }
    url_ukur = _url_per_pk("posyandu:kegiatan-ukur", kegiatan.pk)
    url_balita = _url_per_pk("posyandu:balita-detail")
    url_hapus = _url_per_pk("posyandu:pengukuran-hapus")
    baris = []
    for b in anak:
        p = diukur.get(b.pk)
        if p:
            p.balita = b  # for ringkas(): the child is at hand, no join or query for it
        cara_awal = b.cara_ukur_awal(kegiatan.tanggal)
        baris.append({
            "balita": b,
            "p": p,
            "hasil": ringkas(p) if p else None,
            "cara_awal": cara_awal,
            "cara": (p.cara_ukur if p else "") or cara_awal,  # the position selected
            "lahir": b.tanggal_lahir.strftime("%d-%m-%Y"),  # |date in the row cost more
            "tiba": tiba.get(b.pk),
            "lain": lain.get(b.pk),
            "lain_teks": alur.ukuran_teks(lain[b.pk]) if b.pk in lain else "",
            "url_ukur": url_ukur(b.pk),
            "url_balita": url_balita(b.pk),
            "url_hapus": url_hapus(p.pk) if p else "",
        })
    return baris


def _baris_anak(kegiatan, user, cari: str):
    """Children on the entry page: the arrivals queue first (in order of arrival), then
    those expected at this Posyandu and those already measured here (visitors included)
    and, for a search, any child in the user's scope (``pencarian``). Returns the rows and
    the search's notes."""
    diukur = {p.balita_id: p for p in kegiatan.pengukuran.all()}
    tiba = dict(kegiatan.kedatangan.values_list("balita_id", "pk"))
    anak = Balita.objects.filter(pk__in=set(diukur) | set(tiba))
    if kegiatan.posyandu_id:
        anak |= Balita.objects.filter(posyandu=kegiatan.posyandu_id).sasaran(kegiatan.tanggal)
    catatan = []
    if cari:
        cocok, catatan = pencarian.cari_balita(user, cari, pada=kegiatan.tanggal)
        anak |= Balita.objects.filter(pk__in=[b.pk for b in cocok])
    anak = sorted(anak.distinct().select_related("posyandu"),
                  key=lambda b: (b.pk not in tiba, tiba.get(b.pk, 0), b.nama))
    return _baris(kegiatan, anak, diukur, tiba), catatan


def kegiatan_detail(request, pk):
    kegiatan = access.get_kegiatan_for_user(request.user, pk)
    cari = request.GET.get("cari", "").strip()
    baris, catatan = _baris_anak(kegiatan, request.user, cari)
    return render(
        request,
        "posyandu/kegiatan_detail.html",
        {
            "kegiatan": kegiatan,
            "baris": baris,
            "catatan_cari": catatan,
            "kedatangan_terakhir": max((b["tiba"] or 0 for b in baris), default=0),
            "can_nik": request.user.has_perm("posyandu.lihat_nik"),
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
    form = PengukuranForm(request.POST, tanggal=False, balita=balita, pada=kegiatan.tanggal)
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
            pindahkan=request.POST.get("pindahkan") == "on",
            **form.nilai_ukur(),
        )
    except alur.SudahDiukurDiKegiatanLain as exc:
        return JsonResponse({"ok": False, "perlu_pindah": True, "kesalahan": exc.messages},
                            status=409)
    except ValidationError as exc:
        return JsonResponse({"ok": False, "kesalahan": exc.messages}, status=400)
    hasil = ringkas(p)  # as data, and as the row's result cell (the page's own template)
    # The cell reads only ``h``: rendered without the page's context processors.
    return JsonResponse({"ok": True, "hasil": hasil, "html": render_to_string(
        "posyandu/_hasil_ukur.html", {"h": hasil})})


@jawaban_json
@require_POST
def kegiatan_balita_baru(request, pk):
    """Register a child on the spot without leaving the entry page."""
    kegiatan = access.get_kegiatan_for_user(request.user, pk, izin="posyandu.add_balita")
    form = BalitaForm(request.POST, posyandu_qs=access.posyandu_for_user(request.user),
                      pada=kegiatan.tanggal)
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
    Kedatangan.objects.get_or_create(kegiatan=kegiatan, balita=balita,
                                     defaults={"dicatat_oleh": request.user})
    html = render_to_string(
        "posyandu/_baris_ukur.html",
        {"baris": _baris(kegiatan, [balita]), "kegiatan": kegiatan, "can_ukur": True},
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


@jawaban_json
def kegiatan_cari(request, pk):
    """The desk's search as you type: the matching children with desa, mother, age and last
    measurement (JSON with the results' HTML)."""
    kegiatan = access.get_kegiatan_for_user(request.user, pk)
    anak, catatan = pencarian.cari_balita(request.user, request.GET.get("q", ""),
                                          pada=kegiatan.tanggal)
    terakhir = pencarian.pengukuran_terakhir(anak)
    tiba = set(kegiatan.kedatangan.filter(balita__in=anak).values_list("balita_id", flat=True))
    hasil = [
        {
            "balita": b,
            "umur": b.umur_teks(kegiatan.tanggal),
            "terakhir": terakhir.get(b.pk),
            "terakhir_teks": alur.ukuran_teks(terakhir[b.pk]) if b.pk in terakhir else "",
            "hari_ini_lain": b.pk in terakhir and terakhir[b.pk].tanggal_ukur == kegiatan.tanggal
            and terakhir[b.pk].kegiatan_id != kegiatan.pk,
            "sudah_tiba": b.pk in tiba,
        }
        for b in anak
    ]
    html = render_to_string("posyandu/_hasil_cari.html",
                            {"hasil": hasil, "kegiatan": kegiatan, "catatan": catatan,
                             "q": request.GET.get("q", "").strip()}, request=request)
    return JsonResponse({"ok": True, "html": html, "jumlah": len(hasil)})


@jawaban_json
@require_POST
def kegiatan_tiba(request, pk, balita_pk):
    """A child has arrived: into this event's queue, seen by every desk of the event."""
    kegiatan = access.get_kegiatan_for_user(request.user, pk, izin="posyandu.add_pengukuran")
    balita = access.get_balita_for_user(request.user, balita_pk)
    if not Balita.objects.filter(pk=balita.pk).sasaran(kegiatan.tanggal).exists():
        return JsonResponse({"ok": False, "kesalahan": [
            _("%(nama)s bukan sasaran pada tanggal kegiatan ini (umur 0–59 bulan, aktif).")
            % {"nama": balita.nama}]}, status=400)
    kedatangan, _baru = Kedatangan.objects.get_or_create(
        kegiatan=kegiatan, balita=balita, defaults={"dicatat_oleh": request.user})
    return JsonResponse({"ok": True, "id": kedatangan.pk, "html": render_to_string(
        "posyandu/_baris_ukur.html",
        {"baris": _baris(kegiatan, [balita]), "kegiatan": kegiatan, "can_ukur": True},
        request=request)})


@jawaban_json
def kegiatan_kedatangan(request, pk):
    """Arrivals after ``sesudah`` (the last one a desk has): their rows, for the other desks
    of the event to add to their page."""
    kegiatan = access.get_kegiatan_for_user(request.user, pk)
    sesudah = parse_id(request.GET.get("sesudah")) or 0
    baru = list(kegiatan.kedatangan.filter(pk__gt=sesudah).select_related("balita__posyandu")[:100])
    anak = [k.balita for k in baru]
    tiba = {k.balita_id: k.pk for k in baru}
    can_ukur = request.user.has_perm("posyandu.add_pengukuran")
    return JsonResponse({
        "ok": True,
        "terakhir": max(tiba.values(), default=sesudah),
        "baris": [
            {"id": b["tiba"], "html": render_to_string(
                "posyandu/_baris_ukur.html",
                {"baris": [b], "kegiatan": kegiatan, "can_ukur": can_ukur}, request=request)}
            for b in _baris(kegiatan, anak, tiba=tiba)
        ],
    })
