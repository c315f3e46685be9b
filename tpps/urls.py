from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views

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
    path("akun/", include(akun)),
    path("opd/", include("opd.urls")),
    path("berkas/<path:nama>", views.berkas, name="berkas"),
    path("sehat/", views.sehat, name="sehat"),
    path("favicon.ico", views.favicon),
    path("admin/", admin.site.urls),
]
