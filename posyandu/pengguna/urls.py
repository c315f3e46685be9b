from django.urls import path

from . import views

app_name = "pengguna"
urlpatterns = [
    path("", views.daftar_pengguna, name="daftar"),
    path("undang/", views.undang, name="undang"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/nonaktifkan/", views.tindakan, {"aksi": "nonaktifkan"}, name="nonaktifkan"),
    path("<int:pk>/aktifkan/", views.tindakan, {"aksi": "aktifkan"}, name="aktifkan"),
    path("<int:pk>/undang-ulang/", views.tindakan, {"aksi": "undang-ulang"},
         name="undang-ulang"),
]
