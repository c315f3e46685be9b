from django.urls import path

from . import cetak, views

app_name = "rapat"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("tambah/", views.tambah, name="tambah"),
    path("kehadiran/", views.rekap_kehadiran, name="rekap-kehadiran"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/ubah/", views.ubah, name="ubah"),
    path("<int:pk>/catat/", views.catat, name="catat"),
    path("<int:pk>/batalkan/", views.batalkan, name="batalkan"),
    path("<int:pk>/bawa-tindak-lanjut/", views.bawa_tindak_lanjut, name="bawa-tindak-lanjut"),
    path("<int:pk>/keputusan/tambah/", views.keputusan_tambah, name="keputusan-tambah"),
    path("keputusan/<int:pk>/ubah/", views.keputusan_ubah, name="keputusan-ubah"),
    path("keputusan/<int:pk>/hapus/", views.keputusan_hapus, name="keputusan-hapus"),
    path("<int:pk>/undangan/", cetak.undangan, name="undangan"),
    path("<int:pk>/undangan.ics", cetak.undangan_ics, name="undangan-ics"),
    path("<int:pk>/daftar-hadir/", cetak.daftar_hadir, name="daftar-hadir"),
    path("<int:pk>/notulen/", cetak.notulen, name="notulen"),
]
