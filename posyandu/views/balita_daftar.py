"""Lists of children: by Posyandu, desa or Puskesmas area within the user's scope, and the
data-cleaning list of NIK shared by several children."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import access
from ..forms import SaringBalitaForm
from ..models import Balita, LogAksesData, samarkan_nik
from .wilayah import FILTER_STATUS

PER_HALAMAN = 50


def balita_daftar(request):
    """The children expected today (0–59 months, active) in the user's scope, filtered by
    Posyandu, desa or Puskesmas area (choices limited to the scope) and status."""
    if not access.can_data_balita(request.user):
        raise PermissionDenied
    posyandu_qs = access.posyandu_for_user(request.user)
    saring = {k: v for k, v in request.GET.items() if k != "halaman"}
    form = SaringBalitaForm(saring or None, posyandu_qs=posyandu_qs, filter_status=FILTER_STATUS)
    anak = Balita.objects.none()
    if not form.is_bound or form.is_valid():
        anak = form.saring(
            access.balita_for_user(request.user).sasaran(timezone.localdate())
            .dengan_status_terakhir()
        )
    halaman = Paginator(
        anak.select_related("posyandu", "desa").order_by("nama", "pk"), PER_HALAMAN
    ).get_page(request.GET.get("halaman"))
    return render(
        request,
        "posyandu/balita_daftar.html",
        {
            "form": form,
            "halaman": halaman,
            "kueri": urlencode(saring),
            "can_bersihkan": access.can_bersihkan_data(request.user),
        },
    )


def nik_ganda(request):
    """Children whose NIK is on another child too, grouped by NIK, to clean. NIK masked;
    a user with "lihat NIK" may show the page's NIK in full (POST, each reveal logged)."""
    if not access.can_bersihkan_data(request.user):
        raise PermissionDenied
    can_lihat = request.user.has_perm("posyandu.lihat_nik")
    anak = (
        access.balita_for_user(request.user).nik_dipakai_bersama()
        .select_related("posyandu__desa").order_by("nik", "tanggal_lahir", "nama", "pk")
    )
    halaman = Paginator(anak, PER_HALAMAN).get_page(request.GET.get("halaman"))
    tampil = request.method == "POST" and can_lihat
    if request.method == "POST" and not can_lihat:
        raise PermissionDenied
    baris = list(halaman.object_list)
    if tampil:
        LogAksesData.objects.bulk_create(
            LogAksesData(user=request.user, aksi=LogAksesData.Aksi.LIHAT_NIK, balita=b,
                         keterangan=_("Daftar NIK ganda"))
            for b in baris
        )
        messages.info(request, _("NIK lengkap ditampilkan; setiap NIK tercatat di log akses."))
    sebelumnya = None
    for b in baris:
        b.nik_tampil = b.nik if tampil else samarkan_nik(b.nik)
        b.grup_baru, sebelumnya = b.nik != sebelumnya, b.nik
    return render(
        request,
        "posyandu/nik_ganda.html",
        {"halaman": halaman, "baris": baris, "can_lihat_nik": can_lihat, "tampil": tampil},
    )
