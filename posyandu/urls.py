from django.urls import path

from .views import balita, balita_daftar, ekspor, impor, kasus, kegiatan, privasi, wilayah

app_name = "posyandu"
urlpatterns = [
    path("", wilayah.beranda, name="beranda"),
    path("posyandu/<int:pk>/", wilayah.posyandu_detail, name="posyandu-detail"),
    path("posyandu/<int:pk>/skdn/", wilayah.skdn, name="skdn"),
    path("balita/", balita_daftar.balita_daftar, name="balita-daftar"),
    path("balita/nik-ganda/", balita_daftar.nik_ganda, name="nik-ganda"),
    path("balita/tambah/", balita.balita_tambah, name="balita-tambah"),
    path("balita/<int:pk>/", balita.balita_detail, name="balita-detail"),
    path("balita/<int:pk>/ubah/", balita.balita_ubah, name="balita-ubah"),
    path("balita/<int:pk>/nik/", balita.balita_lihat_nik, name="balita-nik"),
    path("balita/<int:pk>/pindah/", balita.balita_pindah, name="balita-pindah"),
    path("balita/<int:pk>/gabung/", balita.balita_gabung, name="balita-gabung"),
    path("balita/<int:pk>/ukur/", balita.pengukuran_tambah, name="pengukuran-tambah"),
    path("balita/<int:pk>/ekspor-data/", privasi.balita_ekspor_data, name="balita-ekspor-data"),
    path("log-akses/", privasi.log_akses, name="log-akses"),
    path("kegiatan/", kegiatan.kegiatan_daftar, name="kegiatan-daftar"),
    path("kegiatan/tambah/", kegiatan.kegiatan_tambah, name="kegiatan-tambah"),
    path("kegiatan/<int:pk>/", kegiatan.kegiatan_detail, name="kegiatan-detail"),
    path("kegiatan/<int:pk>/ubah/", kegiatan.kegiatan_ubah, name="kegiatan-ubah"),
    path("pengukuran/<int:pk>/hapus/", kegiatan.pengukuran_hapus, name="pengukuran-hapus"),
    path("kegiatan/<int:pk>/ukur/<int:balita_pk>/", kegiatan.kegiatan_ukur, name="kegiatan-ukur"),
    path("kegiatan/<int:pk>/cari/", kegiatan.kegiatan_cari, name="kegiatan-cari"),
    path("kegiatan/<int:pk>/tiba/<int:balita_pk>/", kegiatan.kegiatan_tiba, name="kegiatan-tiba"),
    path("kegiatan/<int:pk>/kedatangan/", kegiatan.kegiatan_kedatangan,
         name="kegiatan-kedatangan"),
    path(
        "kegiatan/<int:pk>/balita-baru/", kegiatan.kegiatan_balita_baru, name="kegiatan-balita-baru"
    ),
    path("kasus/", kasus.kasus_daftar, name="kasus-daftar"),
    path("kasus/<int:pk>/", kasus.kasus_ubah, name="kasus-ubah"),
    path("impor/", impor.impor_unggah, name="impor-unggah"),
    path("impor/<int:pk>/", impor.impor_detail, name="impor-detail"),
    path("impor/<int:pk>/status/", impor.impor_status, name="impor-status"),
    path("impor/<int:pk>/simpan/", impor.impor_simpan, name="impor-simpan"),
    path("impor/<int:pk>/ditolak.csv", impor.impor_ditolak, name="impor-ditolak"),
    path("ekspor/", ekspor.ekspor, name="ekspor"),
]
