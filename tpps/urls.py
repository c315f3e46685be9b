from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import lapangan, views
from .dasbor import views as dasbor_views

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
    ],
    "akun",
)

urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("dasbor/", dasbor_views.dasbor, name="dasbor"),
    path("akun/", include(akun)),
    path("opd/", include("opd.urls")),
    path("evaluasi/", include("evaluasi.urls")),
    path("posyandu/", include("posyandu.urls")),
    path("rapat/", include("tpps.rapat.urls")),
    path("tindak-lanjut/", include("tpps.tindak_lanjut.urls")),
    path("kontribusi/", include("tpps.kontribusi.urls")),
    path("laporan-semester/", include("tpps.laporan_semester.urls")),
    path("berkas/<path:nama>", views.berkas, name="berkas"),
    path("sehat/", views.sehat, name="sehat"),
    path("sw.js", lapangan.service_worker, name="pekerja-layanan"),
    path("luring/", lapangan.luring, name="luring"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]

# Refusals: HTML pages, or JSON for a script's endpoint (tpps.lib.jawaban_json).
handler403 = "tpps.views.terlarang"
handler404 = "tpps.views.tidak_ditemukan"
