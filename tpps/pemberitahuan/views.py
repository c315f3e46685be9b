"""Pages under /pemberitahuan/: a user reads only their own notifications (another user's
answers 404, as a missing one does)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from opd import pemberitahuan as layanan
from opd.models import Pemberitahuan, PreferensiSurel
from tpps.lib.pesan_skrip import TIDAK_DITEMUKAN

from .forms import PengaturanForm

PER_HALAMAN = 30


def daftar(request):
    """The user's notifications, newest first; unread ones marked."""
    semua = Pemberitahuan.objects.filter(penerima=request.user)
    if request.GET.get("belum"):
        semua = semua.filter(dibaca_pada__isnull=True)
    halaman = Paginator(semua, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(request, "pemberitahuan/daftar.html", {
        "halaman": halaman, "hanya_belum": bool(request.GET.get("belum")),
        "jumlah_belum": request.user.jumlah_belum_dibaca,
    })


def buka(request, pk):
    """Open a notification: it is read, and its page opens."""
    p = Pemberitahuan.objects.filter(penerima=request.user, pk=pk).first()
    if p is None:
        raise Http404(TIDAK_DITEMUKAN)
    layanan.tandai_dibaca(request.user, p)
    if p.tautan and url_has_allowed_host_and_scheme(p.tautan, allowed_hosts={request.get_host()}):
        return redirect(p.tautan)
    return redirect("pemberitahuan:daftar")


@require_POST
def baca_semua(request):
    n = layanan.tandai_dibaca(request.user)
    messages.success(request, _("%(n)s pemberitahuan ditandai sudah dibaca.") % {"n": n})
    return redirect("pemberitahuan:daftar")


def pengaturan(request):
    """The user's address and phone, and which kinds of notification come by e-mail."""
    user = request.user
    mati = set(PreferensiSurel.objects.filter(user=user).values_list("jenis", flat=True))
    awal = {"surel": [j for j in Pemberitahuan.Jenis.values if j not in mati]}
    form = PengaturanForm(request.POST or None, instance=user, initial=awal)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            hidup = set(form.cleaned_data["surel"])
            PreferensiSurel.objects.filter(user=user, jenis__in=hidup).delete()
            for jenis in set(Pemberitahuan.Jenis.values) - hidup - mati:
                PreferensiSurel.objects.create(user=user, jenis=jenis)
        messages.success(request, _("Pengaturan pemberitahuan disimpan."))
        return redirect("pemberitahuan:pengaturan")
    return render(request, "pemberitahuan/pengaturan.html", {"form": form})


@login_not_required
@csrf_exempt  # the signed token is the credential; mail clients POST it in one click (RFC 8058)
@require_http_methods(["GET", "POST"])
def berhenti(request, token):
    """Stop one kind of e-mail from the link in that e-mail, signed in or not. GET asks;
    POST (the page's button, or the mail client's one-click) does it."""
    dibaca = layanan.baca_token_berhenti(token)
    if dibaca is None:
        return render(request, "pemberitahuan/berhenti.html", {"sah": False}, status=400)
    user, jenis = dibaca
    label = Pemberitahuan.Jenis(jenis).label
    selesai = PreferensiSurel.objects.filter(user=user, jenis=jenis).exists()
    if request.method == "POST" and not selesai:
        PreferensiSurel.objects.get_or_create(user=user, jenis=jenis)
        selesai = True
    return render(request, "pemberitahuan/berhenti.html", {
        "sah": True, "selesai": selesai, "label": label, "email": user.email,
    })


