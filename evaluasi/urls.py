from django.urls import path

from . import views

app_name = "evaluasi"
laporan = "semester/<str:kode>/opd/<int:opd_pk>/"
urlpatterns = [
    path("", views.beranda, name="beranda"),
    path("antrean/", views.antrean, name="antrean"),
    path("indikator/", views.indikator_daftar, name="indikator-daftar"),
    path("semester/<str:kode>/", views.semester_detail, name="semester-detail"),
    path("semester/<str:kode>/status/", views.semester_status, name="semester-status"),
    path("semester/<str:kode>/kunci/", views.semester_kunci, name="semester-kunci"),
    path("semester/<str:kode>/antrean/", views.antrean_massal, name="antrean-massal"),
    path("semester/<str:kode>/skor/", views.kartu_skor, name="kartu-skor"),
    path(laporan, views.laporan, name="laporan"),
    path(laporan + "unduh/", views.laporan_unduh, name="laporan-unduh"),
    path(laporan + "unggah/", views.laporan_unggah, name="laporan-unggah"),
    path(laporan + "verifikasi/", views.laporan_verifikasi, name="laporan-verifikasi"),
    path(laporan + "kembalikan/", views.laporan_kembalikan, name="laporan-kembalikan"),
    path(laporan + "riwayat/", views.laporan_riwayat, name="laporan-riwayat"),
    path("tahun/<int:tahun>/", views.capaian_tahun, name="capaian-tahun"),
    path("capaian/<int:pk>/", views.capaian_detail, name="capaian-detail"),
    path("bpkp/", views.bpkp_daftar, name="bpkp-daftar"),
    path("bpkp/<int:tahun>/", views.bpkp_detail, name="bpkp-detail"),
    path("rekomendasi/<int:pk>/", views.rekomendasi_detail, name="rekomendasi-detail"),
]
