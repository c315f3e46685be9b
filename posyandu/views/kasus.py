"""Case follow-up: every child found stunted, wasted, severely underweight or 2T."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import access
from ..forms import KasusForm
from ..models import Kasus


def kasus_daftar(request):
    status = request.GET.get("status", "terbuka")
    daftar = Kasus.objects.filter(balita__in=access.balita_for_user(request.user)).select_related(
        "balita__posyandu__desa"
    )
    if status == "terbuka":
        daftar = daftar.terbuka()
    elif status in Kasus.Status.values:
        daftar = daftar.filter(status=status)
    return render(
        request,
        "posyandu/kasus_daftar.html",
        {
            "daftar_kasus": daftar[:500],
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
