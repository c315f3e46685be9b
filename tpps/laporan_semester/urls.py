from django.urls import path

from . import views

app_name = "laporan_semester"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<str:kode>/", views.laporan, name="laporan"),
    path("<str:kode>/excel/", views.unduh, name="excel"),
    path("<str:kode>/sahkan/", views.sahkan, name="sahkan"),
    path("<str:kode>/disahkan/", views.disahkan, name="disahkan"),
    path("<str:kode>/disahkan/excel/", views.unduh_disahkan, name="excel-disahkan"),
    path("<str:kode>/disahkan/pdf/", views.unduh_pdf_disahkan, name="pdf-disahkan"),
]
