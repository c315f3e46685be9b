from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from opd.akun import urls as akun_urls

from . import lapangan, views
from .dasbor import views as dasbor_views
from .laporan_semester import views as laporan_semester_views

akun = (
    [
        path(
            "masuk/",
            auth_views.LoginView.as_view(redirect_authenticated_user=True),
            name="masuk",
        ),
        path("keluar/", auth_views.LogoutView.as_view(), name="keluar"),
        path(
            "sandi/",
            auth_views.PasswordChangeView.as_view(success_url="/akun/sandi/selesai/"),
            name="ganti-sandi",
        ),
        path(
            "sandi/selesai/",
            auth_views.PasswordChangeDoneView.as_view(),
            name="ganti-sandi-selesai",
        ),
        # The invitation link and "Lupa kata sandi?" (opd.akun).
        *akun_urls.urlpatterns,
    ],
    "akun",
)

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/", dasbor_views.dasbor, name="dasbor"),
    path("dasbor/ringkas/", dasbor_views.ringkas, name="dasbor-ringkas"),
    path("akun/", include(akun)),
    path("opd/", include("opd.urls")),
    # Accounts of the app's users, for Sekretariat TPPS (posyandu.pengguna).
    path("pengguna/", include("posyandu.pengguna.urls")),
    # Sign-in locks and unlocking them, for Sekretariat TPPS (tpps.kunci_masuk).
    path("pengguna/kunci-masuk/", include("tpps.kunci_masuk.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("posyandu/", include("posyandu.urls")),
    path("rapat/", include("tpps.rapat.urls")),
    path("tindak-lanjut/", include("tpps.tindak_lanjut.urls")),
    path("kontribusi/", include("tpps.kontribusi.urls")),
    path("laporan-semester/", include("tpps.laporan_semester.urls")),
    # Public (no sign-in): the signed report's QR code and short link open it.
    path("verifikasi/<str:kode>/", laporan_semester_views.verifikasi, name="verifikasi"),
    path("pemberitahuan/", include("tpps.pemberitahuan.urls")),
    path("berkas/<path:nama>", views.berkas, name="berkas"),
    path("sehat/", views.sehat, name="sehat"),
    path("sw.js", lapangan.service_worker, name="pekerja-layanan"),
    path("luring/", lapangan.luring, name="luring"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]

# Error pages in Indonesian, in the site's layout (tpps/galat.py); refusals answer JSON for
# a script's endpoint (tpps.lib.jawaban_json).
handler400 = "tpps.galat.permintaan_buruk"
handler403 = "tpps.galat.terlarang"
handler404 = "tpps.galat.tidak_ditemukan"
handler500 = "tpps.galat.galat_server"
