"""Account pages under /pengguna/ for Sekretariat TPPS (posyandu.pengguna.access)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opd import roles
from opd.akun.undangan import berlaku

from . import access, alur, daftar
from .forms import PenggunaForm

PER_HALAMAN = 100


def daftar_pengguna(request):
    """Every account with its role, agency or scope, and status; grouped by agency or by
    scope, filtered by role, agency, Posyandu and status."""
    access.wajib_lihat(request.user)
    kelompok = "cakupan" if request.GET.get("kelompok") == "cakupan" else "opd"
    qs, pilih = daftar.saring(access.pengguna_for_user(request.user), request.GET)
    halaman = Paginator(daftar.urutkan(qs, kelompok), PER_HALAMAN).get_page(
        request.GET.get("halaman"))
    return render(request, "akun/pengguna_daftar.html", {
        "kelompok_baris": daftar.baris(list(halaman.object_list), kelompok),
        "halaman": halaman,
        "kelompok": kelompok,
        "pilih": pilih,
        "pilihan_peran": roles.PERAN,
        "pilihan_opd": daftar.pilihan_opd(),
        "pilihan_posyandu": daftar.pilihan_posyandu(),
        "can_undang": access.can_undang_pengguna(request.user),
        "can_ubah": access.can_ubah_pengguna(request.user),
    })


def _pesan_undangan(request, user, terkirim: bool, teks_berhasil: str) -> None:
    if terkirim:
        messages.success(request, teks_berhasil % {
            "nama": user, "email": user.email, "hari": berlaku().days})
    else:
        messages.warning(request, _(
            "Akun %(nama)s tersimpan, tetapi surel undangan gagal dikirim (server surel "
            "menolak). Coba \u201cKirim ulang undangan\u201d sebentar lagi."
        ) % {"nama": user})


@require_http_methods(["GET", "POST"])
def undang(request):
    access.wajib_undang(request.user)
    form = PenggunaForm(request.POST or None, oleh=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save(commit=False)
        terkirim = alur.undang_pengguna(oleh=request.user, user=user,
                                        peran=form.cleaned_data["peran"],
                                        cakupan=form.cleaned_data.get("cakupan"))
        _pesan_undangan(request, user, terkirim, _(
            "Undangan untuk %(nama)s dikirim ke %(email)s. Tautannya berlaku %(hari)s hari."))
        return redirect("pengguna:daftar")
    return render(request, "akun/pengguna_form.html",
                  {"form": form, "judul": _("Undang pengguna")})


@require_http_methods(["GET", "POST"])
def ubah(request, pk):
    akun = access.get_pengguna_for_ubah(request.user, pk)
    form = PenggunaForm(request.POST or None, instance=akun, oleh=request.user)
    if request.method == "POST" and form.is_valid():
        alur.ubah_pengguna(oleh=request.user, user=form.save(commit=False),
                           peran=form.cleaned_data["peran"],
                           cakupan=form.cleaned_data.get("cakupan"))
        messages.success(request, _("Data akun %(nama)s disimpan.") % {"nama": akun})
        return redirect("pengguna:daftar")
    return render(request, "akun/pengguna_form.html", {
        "form": form, "akun": akun, "judul": _("Ubah akun"),
        "riwayat": daftar.riwayat(akun), "diri_sendiri": akun.pk == request.user.pk,
    })


#: The confirmed actions on one account: the URL's action → the workflow in alur.
TINDAKAN = {
    "nonaktifkan": "nonaktifkan_pengguna",
    "aktifkan": "aktifkan_pengguna",
    "undang-ulang": "kirim_ulang_undangan",
}


@require_http_methods(["GET", "POST"])
def tindakan(request, pk, aksi):
    """Deactivate, reactivate or invite again, after a confirmation page."""
    akun = access.get_pengguna_for_ubah(request.user, pk)
    if request.method == "POST":
        try:
            hasil = getattr(alur, TINDAKAN[aksi])(oleh=request.user, user=akun)
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
            return redirect("pengguna:daftar")
        if aksi == "undang-ulang":
            _pesan_undangan(request, akun, hasil, _(
                "Undangan baru untuk %(nama)s dikirim ke %(email)s (berlaku %(hari)s hari); "
                "tautan sebelumnya tidak berlaku lagi."))
        elif aksi == "nonaktifkan":
            messages.success(request, _("Akun %(nama)s dinonaktifkan: ia tidak dapat masuk "
                                        "lagi.") % {"nama": akun})
        else:
            messages.success(request, _("Akun %(nama)s aktif kembali.") % {"nama": akun})
        return redirect("pengguna:daftar")
    return render(request, "akun/pengguna_konfirmasi.html", {
        "akun": akun, "aksi": aksi, "diri_sendiri": akun.pk == request.user.pk,
    })
