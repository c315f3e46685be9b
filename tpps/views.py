from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.db.models import Count, Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from evaluasi import access as evaluasi_access
from opd import roles
from opd.models import OPD, SK
from posyandu import access as posyandu_access

from . import access as tpps_access
from .dasbor import kotak_kerja
from .dasbor import rumah as rumah_kerja
from .dasbor import views as dasbor_views
from .galat import csrf_gagal, terlarang, tidak_ditemukan  # noqa: F401 (moved: tpps/galat.py)
from .laporan_semester import access as laporan_semester_access
from .models.pengesahan import FOLDER_PDF


def beranda(request):
    """The landing page: the dashboard for Pimpinan and Sekretariat TPPS; each other role
    lands on its own work."""
    if request.user.is_superuser or request.user.groups.filter(
        name__in=[roles.PIMPINAN, roles.SEKRETARIAT]
    ).exists():
        return dasbor_views.dasbor(request)
    return rumah(request)


def rumah(request):
    """Home of Operator OPD and Petugas Posyandu: their own work first."""
    user = request.user
    konteks = {
        "hari_ini": timezone.localdate(),
        "ringkasan": OPD.objects.aggregate(
            jumlah_aktif=Count("pk", filter=Q(aktif=True)),
            jumlah_wajib_lapor=Count("pk", filter=Q(aktif=True, wajib_lapor=True)),
        ),
        "belum_lengkap": rumah_kerja.kelengkapan_roster(),
        "sk_terbaru": SK.objects.first(),
        "kerja": {"pemberitahuan": kotak_kerja.pemberitahuan_terbaru(user)},
    }
    if user.opd_id:
        konteks["kerja_opd"] = rumah_kerja.kerja_opd(user.opd)
    if posyandu_access.can_data_balita(user):
        konteks["kerja_petugas"] = rumah_kerja.kerja_petugas(user)
    return render(request, "beranda.html", konteks)


# Protected uploads: the first folder of a stored name says which record owns the file
# and who may read it. A name that no record holds is never served.
def _pemilik_berkas(nama: str, user=None):
    if nama.startswith("sk/"):
        return SK.objects.filter(berkas=nama).first()
    if nama.startswith(("capaian/", "bpkp/")):
        # Evidence of a semester report: readable by whoever may read that report.
        return evaluasi_access.get_pemilik_berkas(user, nama)
    if nama.startswith("tindak-lanjut/"):
        # Evidence of a follow-up's progress: readable by whoever reads the register.
        return tpps_access.get_progres_pemilik_berkas(user, nama)
    if nama.startswith(f"{FOLDER_PDF}/"):
        # The signed semester report's PDF: readable by whoever reads the signed copy.
        return laporan_semester_access.get_pemilik_berkas(user, nama)
    return None


#: The type a protected upload is served as, by its extension (what validasi_dokumen lets
#: in); anything else goes out as bytes to save, never as something a browser renders.
JENIS_BERKAS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


@require_GET
def berkas(request, nama):
    """A protected upload, always as a download: never shown inside the site's origin,
    where a crafted PDF, SVG or HTML file could run script as the signed-in user."""
    pemilik = _pemilik_berkas(nama, request.user)
    if pemilik is None:
        raise Http404
    medan = pemilik.berkas
    try:
        handle = medan.storage.open(medan.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    nama_berkas = medan.name.rsplit("/", 1)[-1]
    akhiran = f".{nama_berkas.rsplit('.', 1)[-1].lower()}" if "." in nama_berkas else ""
    respons = FileResponse(
        handle, as_attachment=True, filename=nama_berkas,
        content_type=JENIS_BERKAS.get(akhiran, "application/octet-stream"),
    )
    respons["X-Content-Type-Options"] = "nosniff"
    # Opened anyway (a viewer, a link typed by hand): no script, no plugin, no origin.
    respons["Content-Security-Policy"] = "sandbox; default-src 'none'; frame-ancestors 'none'"
    return respons


@login_not_required
@never_cache
@require_GET
def sehat(request):
    """Health check for the reverse proxy / monitoring: the app answers and the DB too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def favicon(request):
    # Browsers and the admin ask for /favicon.ico; the icon itself is a static file.
    return redirect(static("img/favicon.svg"), permanent=True)

