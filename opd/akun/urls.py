"""URLs under /akun/, spliced into the ``akun`` namespace by tpps/urls.py (beside sign-in,
sign-out and the password change)."""

from django.urls import path

from . import views

urlpatterns = [
    path("undangan/<uidb64>/<token>/", views.TerimaUndanganView.as_view(), name="undangan"),
    path("undangan/selesai/", views.UndanganSelesaiView.as_view(), name="undangan-selesai"),
    path("lupa-sandi/", views.LupaSandiView.as_view(), name="lupa-sandi"),
    path("lupa-sandi/terkirim/", views.LupaSandiTerkirimView.as_view(),
         name="lupa-sandi-terkirim"),
    path("atur-ulang/<uidb64>/<token>/", views.AturUlangSandiView.as_view(), name="atur-ulang"),
    path("atur-ulang/selesai/", views.AturUlangSelesaiView.as_view(), name="atur-ulang-selesai"),
]
