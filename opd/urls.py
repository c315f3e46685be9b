from django.urls import path

from . import views

app_name = "opd"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/perwakilan/tambah/", views.perwakilan_tambah, name="perwakilan-tambah"),
    path("perwakilan/<int:pk>/ubah/", views.perwakilan_ubah, name="perwakilan-ubah"),
    path("perwakilan/<int:pk>/akhiri/", views.perwakilan_akhiri, name="perwakilan-akhiri"),
    path("sk/", views.sk_daftar, name="sk-daftar"),
    path("mitra/", views.mitra_daftar, name="mitra-daftar"),
]
