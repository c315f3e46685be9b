"""Pages under /laporan-semester/: every object comes through laporan_semester.access;
the content is built by ``isi``, signed off by ``alur``, compared by ``selisih``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from evaluasi.models import Semester
from tpps.models import PengesahanLaporan

from . import access, alur, excel, isi, selisih

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def daftar(request):
    """Every semester with its report's sign-off state."""
    access.require_baca(request.user)
    semester = Semester.objects.select_related("pengesahan_laporan")
    return render(request, "laporan_semester/daftar.html", {"daftar": semester})


def laporan(request, kode):
    """The report as it stands now; once signed, with its differences from the signed copy
    (and a warning when that copy no longer matches its fingerprint)."""
    semester = access.get_semester(request.user, kode)
    pengesahan = PengesahanLaporan.objects.filter(semester=semester).first()
    data = isi.susun(semester)
    return render(request, "laporan_semester/laporan.html", {
        "semester": semester, "data": data, "pengesahan": pengesahan, "versi_disahkan": False,
        "utuh": pengesahan.is_utuh() if pengesahan else True,
        "perbedaan": selisih.bandingkan(pengesahan.isi, data) if pengesahan else None,
        "can_sahkan": access.can_sahkan(request.user),
        "alasan_tidak_dapat_disahkan": alur.alasan_tidak_dapat_disahkan(semester),
    })


def disahkan(request, kode):
    """The signed copy exactly as it was signed (rendered from the stored content); if the
    stored content no longer matches its fingerprint, the page says so above it."""
    pengesahan = access.get_pengesahan(request.user, kode)
    return render(request, "laporan_semester/laporan.html", {
        "semester": pengesahan.semester, "data": pengesahan.isi, "pengesahan": pengesahan,
        "versi_disahkan": True, "utuh": pengesahan.is_utuh(),
    })


def _xlsx(data, pengesahan=None, *, disahkan=False):
    respons = HttpResponse(excel.buat_workbook(data, pengesahan), content_type=XLSX)
    nama = excel.nama_berkas(data, disahkan=disahkan)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


def unduh(request, kode):
    semester = access.get_semester(request.user, kode)
    return _xlsx(isi.susun(semester))


def unduh_disahkan(request, kode):
    """The signed copy as Excel. Stored content that no longer matches its fingerprint is
    not handed out as the signed report: the download is refused and the user is sent to
    the signed copy's page, which says why (an altered file passed on by mail would carry
    no warning; the page does)."""
    pengesahan = access.get_pengesahan(request.user, kode)
    try:
        return _xlsx(pengesahan.isi, pengesahan, disahkan=True)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        return redirect("laporan_semester:disahkan", kode=pengesahan.semester.kode)


@require_POST
def sahkan(request, kode):
    semester = access.get_semester_for_sahkan(request.user, kode)
    try:
        alur.sahkan_laporan(semester=semester, oleh=request.user)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        return redirect("laporan_semester:laporan", kode=semester.kode)
    messages.success(request, _("Laporan semester %(kode)s disahkan; salinannya dibekukan.")
                     % {"kode": semester.kode})
    return redirect("laporan_semester:disahkan", kode=semester.kode)
