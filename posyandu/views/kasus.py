"""Case follow-up: every child found stunted, wasted, severely underweight or 2T."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access
from ..forms import KasusForm
from ..models import Kasus

#: Cases per page: a city-wide list (Dinkes) holds hundreds; a phone shows a card per case.
PER_HALAMAN = 50


def kasus_daftar(request):
    """The cases of the user's scope, the latest found first, a page at a time."""
    status = request.GET.get("status", "terbuka")
    daftar = Kasus.objects.filter(balita__in=access.balita_for_user(request.user)).select_related(
        "balita__posyandu__desa"
    ).order_by("-tanggal_ditemukan", "-pk")
    if status == "terbuka":
        daftar = daftar.terbuka()
    elif status in Kasus.Status.values:
        daftar = daftar.filter(status=status)
    else:
        status = ""
    halaman = Paginator(daftar, PER_HALAMAN).get_page(request.GET.get("halaman"))
    return render(
        request,
        "posyandu/kasus_daftar.html",
        {
            "daftar_kasus": halaman,
            "halaman": halaman,
            "status": status,
            "pilihan_status": Kasus.Status.choices,
        },
    )


def kasus_ubah(request, pk):
    kasus = access.get_kasus_for_user(request.user, pk)
    form = KasusForm(request.POST or None, instance=kasus)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Status kasus disimpan."))
        return redirect(kasus.balita)
    return render(request, "posyandu/kasus_form.html", {"form": form, "kasus": kasus})
