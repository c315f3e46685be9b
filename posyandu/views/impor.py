"""e-PPGBM import pages: upload, progress, preview row by row, commit."""

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import access
from ..eppgbm.forms import UnggahForm
from ..eppgbm.impor import LABEL_STATUS
from ..eppgbm.pekerjaan import gagalkan, jalankan_impor, nama_ditolak
from ..models import ImporEppgbm
from ..tasks import proses_impor

logger = logging.getLogger(__name__)
#: Files up to this size are previewed and committed in the request; larger ones by the worker.
LANGSUNG_MAKS_BYTE = 200 * 1024


def _jalankan(impor: ImporEppgbm, *, simpan: bool) -> None:
    """Run the job here or queue it. An error it met is already on the import (failed,
    with a message: ``jalankan_impor``), so the page shows it instead of answering 500."""
    try:
        if impor.berkas.size <= LANGSUNG_MAKS_BYTE:
            jalankan_impor(impor.pk, simpan=simpan)
        else:
            proses_impor.enqueue(impor.pk, simpan)
    except Exception:
        logger.exception("Impor e-PPGBM #%s tidak dapat dijalankan", impor.pk)
        gagalkan(impor.pk, simpan=simpan)


def impor_unggah(request):
    if not request.user.has_perm("posyandu.impor_eppgbm"):
        raise PermissionDenied
    form = UnggahForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        impor = ImporEppgbm.objects.create(user=request.user, berkas=berkas,
                                           nama_berkas=berkas.name[:255])
        _jalankan(impor, simpan=False)
        return redirect(impor)
    return render(request, "posyandu/impor_unggah.html", {
        "form": form,
        "riwayat": ImporEppgbm.objects.filter(user=request.user)[:10],
    }, status=400 if form.is_bound else 200)


def impor_detail(request, pk):
    impor = access.get_impor_for_user(request.user, pk)
    status = request.GET.get("status", "")
    baris = [b for b in impor.baris if not status or b["status"] == status]
    return render(request, "posyandu/impor_detail.html", {
        "impor": impor,
        "baris": baris,
        "status": status,
        "label_status": LABEL_STATUS,
        "n": impor.ringkasan,
    })


def impor_status(request, pk):
    """The progress bar's source (polled by the page while the job runs)."""
    impor = access.get_impor_for_user(request.user, pk)
    return JsonResponse({
        "status": impor.status,
        "label": impor.get_status_display(),
        "persen": impor.persen,
        "tahap": impor.tahap,
        "diproses": impor.diproses,
        "jumlah": impor.jumlah_baris,
        "berjalan": impor.berjalan,
    })


@require_POST
def impor_simpan(request, pk):
    impor = access.get_impor_for_user(request.user, pk)
    if impor.status != ImporEppgbm.Status.PRATINJAU:
        messages.error(request, _("Berkas ini tidak sedang menunggu untuk disimpan."))
        return redirect(impor)
    ImporEppgbm.objects.filter(pk=impor.pk).update(status=ImporEppgbm.Status.MENYIMPAN,
                                                   diproses=0)
    _jalankan(impor, simpan=True)
    impor.refresh_from_db()
    if impor.status == ImporEppgbm.Status.SELESAI:
        messages.success(request, _("Impor disimpan."))
    return redirect(impor)  # changed since the preview: the page shows which rows


def impor_ditolak(request, pk):
    """Every rejected row of an import as CSV: row number, column, reason."""
    impor = access.get_impor_for_user(request.user, pk)
    storage, nama = impor.berkas.storage, nama_ditolak(impor)
    if not impor.ringkasan.get("ditolak") or not storage.exists(nama):
        messages.error(request, _("Tidak ada daftar baris ditolak untuk impor ini."))
        return redirect(impor)
    return FileResponse(storage.open(nama, "rb"), as_attachment=True,
                        filename=f"ditolak-impor-{impor.pk}.csv",
                        content_type="text/csv; charset=utf-8")
