"""Partner contributions under /kontribusi/: everyone signed in reads; Sekretariat TPPS
records. A partner's own page (``mitra``: its details from the roster, opd.Mitra, and what
it contributed) lives here, with the contributions, so the roster app depends on nothing
above it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opd.models import Mitra
from posyandu.access import kegiatan_terlihat
from tpps import access
from tpps.models import KontribusiMitra

from .forms import KontribusiMitraForm


def daftar(request):
    """Every contribution, filtered by year, form and partner, with totals."""
    kontribusi = KontribusiMitra.objects.all()
    tahun = request.GET.get("tahun", "")
    if tahun.isdigit():
        kontribusi = kontribusi.filter(tahun=int(tahun))
    bentuk = request.GET.get("bentuk", "")
    if bentuk in KontribusiMitra.Bentuk.values:
        kontribusi = kontribusi.filter(bentuk=bentuk)
    kontribusi = kontribusi.lengkap()
    return render(request, "kontribusi/daftar.html", {
        "kontribusi": kontribusi,
        "kegiatan_terlihat": kegiatan_terlihat(
            request.user, kontribusi.values_list("kegiatan", flat=True)),
        "per_mitra": kontribusi.ringkasan_mitra(),
        "per_tahun": kontribusi.ringkasan_per_tahun(),
        "tahun": tahun,
        "bentuk": bentuk,
        "pilihan_bentuk": KontribusiMitra.Bentuk.choices,
        "can_kelola": access.can_kelola_kontribusi(request.user),
    })


def mitra(request, pk):
    """A partner with its contributions, per year and one by one; the events it funded are
    linked only where the viewer may open them (others are named, not linked)."""
    mitra = get_object_or_404(Mitra, pk=pk)
    kontribusi = KontribusiMitra.objects.filter(mitra=mitra)
    return render(request, "kontribusi/mitra.html", {
        "mitra": mitra,
        "kontribusi": kontribusi.lengkap(),
        "per_tahun": kontribusi.ringkasan_per_tahun(),
        "kegiatan_terlihat": kegiatan_terlihat(
            request.user, kontribusi.values_list("kegiatan", flat=True)),
        "can_kelola": access.can_kelola_kontribusi(request.user),
    })


def tambah(request):
    if not access.can_kelola_kontribusi(request.user):
        raise PermissionDenied
    mitra = None
    if request.GET.get("mitra", "").isdigit():
        mitra = get_object_or_404(Mitra, pk=request.GET["mitra"])
    form = KontribusiMitraForm(request.POST or None, mitra=mitra)
    if request.method == "POST" and form.is_valid():
        kontribusi = form.save()
        messages.success(request, _("Kontribusi %(mitra)s dicatat.") % {"mitra": kontribusi.mitra})
        return redirect(kontribusi)
    return render(request, "kontribusi/form.html",
                  {"form": form, "mitra": mitra, "judul": _("Catat kontribusi mitra")})


def ubah(request, pk):
    kontribusi = access.get_kontribusi_for_kelola(request.user, pk)
    form = KontribusiMitraForm(request.POST or None, instance=kontribusi)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Kontribusi disimpan."))
        return redirect(kontribusi)
    return render(request, "kontribusi/form.html", {
        "form": form, "mitra": kontribusi.mitra, "kontribusi": kontribusi,
        "judul": _("Ubah kontribusi mitra"),
    })


@require_POST
def hapus(request, pk):
    kontribusi = access.get_kontribusi_for_kelola(request.user, pk)
    if not request.user.has_perm("tpps.delete_kontribusimitra"):
        raise PermissionDenied
    mitra = kontribusi.mitra
    kontribusi.delete()
    messages.success(request, _("Kontribusi dihapus."))
    return redirect(mitra)
