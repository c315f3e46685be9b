from django.urls import path

from . import views

app_name = "kontribusi"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("mitra/<int:pk>/", views.mitra, name="mitra"),
    path("tambah/", views.tambah, name="tambah"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/hapus/", views.hapus, name="hapus"),
]
