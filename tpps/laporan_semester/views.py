"""Pages under /laporan-semester/: every object comes through laporan_semester.access;
the content is built by ``isi``, signed off by ``alur``, compared by ``selisih``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from evaluasi.models import Semester
from tpps.models import PengesahanLaporan

from . import access, alur, excel, isi, selisih
from .forms import KonfirmasiPengesahanForm

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
        "alasan_tidak_dapat_disahkan": alur.alasan_tidak_dapat_disahkan(semester, pengesahan),
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


@require_http_methods(["GET", "POST"])
def sahkan(request, kode):
    """GET: what signing does (frozen for ever, a PDF archived, corrections only as
    differences, signed as whom) with an explicit confirmation. POST: signs only with the
    confirmation ticked; without it nothing is stored and the page says why."""
    semester = access.get_semester_for_sahkan(request.user, kode)
    alasan = alur.alasan_tidak_dapat_disahkan(semester)
    if request.method == "POST" and alasan:
        messages.error(request, alasan)
        return redirect("laporan_semester:laporan", kode=semester.kode)
    form = KonfirmasiPengesahanForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            alur.sahkan_laporan(semester=semester, oleh=request.user)
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
            return redirect("laporan_semester:laporan", kode=semester.kode)
        messages.success(request, _("Laporan semester %(kode)s disahkan; salinannya dibekukan "
                                    "dan berkas PDF-nya diarsipkan.") % {"kode": semester.kode})
        return redirect("laporan_semester:disahkan", kode=semester.kode)
    user = request.user
    return render(request, "laporan_semester/sahkan.html", {
        "semester": semester, "form": form, "alasan": alasan,
        "ringkasan": None if alasan else isi.susun(semester)["ringkasan"],
        "nama": user.get_full_name() or user.get_username(),
        "jabatan": getattr(user, "jabatan", ""), "nip": getattr(user, "nip", ""),
    }, status=400 if form.is_bound else 200)


def unduh_pdf_disahkan(request, kode):
    """The signed PDF archived at the sign-off, the same file for everyone; refused (sent
    to the signed copy's page, which says why) when the file or the content no longer
    matches its fingerprint."""
    pengesahan = access.get_pengesahan(request.user, kode)
    try:
        data = pengesahan.pdf_utuh()
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        return redirect("laporan_semester:disahkan", kode=pengesahan.semester.kode)
    respons = HttpResponse(data, content_type="application/pdf")
    nama = alur.nama_berkas_pdf(pengesahan.semester.kode)
    respons["Content-Disposition"] = f'attachment; filename="{nama}"'
    return respons


@login_not_required
@never_cache
@require_GET
def verifikasi(request, kode):
    """Public (no sign-in): the page the signed PDF's QR code and short link open. Only the
    title, period, signer, date and whether the archived PDF and the content still match
    their fingerprints ("utuh") or not ("berubah"); no figure. Unknown code: 404."""
    pengesahan = access.get_pengesahan_for_verifikasi(kode)
    if pengesahan is None:
        return render(request, "laporan_semester/verifikasi.html", {"pengesahan": None},
                      status=404)
    return render(request, "laporan_semester/verifikasi.html", {
        "pengesahan": pengesahan, "semester": pengesahan.semester,
        "utuh": pengesahan.is_arsip_utuh(),
    })
