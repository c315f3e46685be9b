"""Personal data under UU 27/2022: who accessed which child (Sekretariat TPPS), and a
parent's request served — one child's whole record exported (logged)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import access, alur
from ..eppgbm.ekspor import nik_lengkap
from ..forms import SaringLogAksesForm
from ..models import LogAksesData
from ..privasi import workbook_data_anak

PER_HALAMAN = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def log_akses(request):
    """The access log: every NIK reveal, NIK search, export and opening of a child's page,
    newest first, filtered by child, user, action and date range."""
    access.wajib_riwayat_akses(request.user)
    saring = {k: v for k, v in request.GET.items() if k != "halaman"}
    form = SaringLogAksesForm(saring or None, balita_qs=access.balita_for_user(request.user))
    baris = LogAksesData.objects.none()
    if not form.is_bound or form.is_valid():
        baris = form.saring(LogAksesData.objects.all())
    halaman = Paginator(
        baris.select_related("user", "balita").order_by("-waktu", "-pk"), PER_HALAMAN
    ).get_page(request.GET.get("halaman"))
    return render(request, "posyandu/log_akses.html", {
        "form": form,
        "halaman": halaman,
        "kueri": urlencode(saring),
        "balita": form.cleaned_data.get("balita") if form.is_bound and form.is_valid() else None,
    })


@require_POST
def balita_ekspor_data(request, pk):
    """One child's whole record as a workbook (a parent's request); logged first."""
    balita = access.get_balita_for_ekspor_data(request.user, pk)
    lengkap = nik_lengkap(request.user)
    alur.catat_ekspor_anak(user=request.user, balita=balita, nik_lengkap=lengkap,
                           keterangan=request.POST.get("keterangan", "")[:200])
    respons = HttpResponse(
        workbook_data_anak(balita, user=request.user, nik_lengkap=lengkap), content_type=XLSX)
    nama = f"data-balita-{balita.pk}-{timezone.localdate():%Y%m%d}.xlsx"
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons
