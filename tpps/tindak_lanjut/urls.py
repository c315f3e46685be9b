from django.urls import path

from . import views

app_name = "tindak_lanjut"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("rekap/", views.rekap, name="rekap"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
]
