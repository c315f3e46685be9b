"""The sign-in locks page under /pengguna/kunci-masuk/ for Sekretariat TPPS
(tpps.kunci_masuk.access): the locks now, and "Buka kunci" after a confirmation."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import access, alur, kunci


def daftar(request):
    """Every address locked now, whole or for some usernames, with the usernames tried,
    the failures, since and until when; the latest unlocks below."""
    access.wajib_buka_kunci(request.user)
    pada = timezone.now()
    return render(request, "kunci_masuk/daftar.html", {
        "daftar_kunci": kunci.daftar_kunci(pada),
        "riwayat": alur.riwayat(),
        "pada": pada,
        "batas_akun": kunci.batas_akun(),
        "batas_alamat": kunci.batas_alamat(),
        "menit": round(kunci.jendela().total_seconds() / 60),
    })


@require_http_methods(["GET", "POST"])
def buka(request):
    """Unlock an address (``alamat``) or one username at it (``alamat`` and ``username``):
    a confirmation page, then the POST."""
    data = request.POST if request.method == "POST" else request.GET
    username = data.get("username") or None
    di_alamat, akun = access.get_kunci_for_buka(request.user, data.get("alamat"), username,
                                                pada=timezone.now())
    if request.method == "POST":
        gagal = alur.buka_kunci(oleh=request.user, alamat=di_alamat.alamat, username=username)
        if akun:
            pesan = _("Kunci masuk %(username)s dari alamat %(alamat)s dibuka "
                      "(%(gagal)s percobaan gagal dihapus).")
        else:
            pesan = _("Kunci masuk dari alamat %(alamat)s dibuka untuk semua nama pengguna "
                      "(%(gagal)s percobaan gagal dihapus).")
        messages.success(request, pesan % {"username": username, "alamat": di_alamat.alamat,
                                           "gagal": gagal})
        return redirect("kunci_masuk:daftar")
    return render(request, "kunci_masuk/konfirmasi.html", {
        "kunci": di_alamat, "akun": akun,
    })
