from django.urls import path

from . import views

app_name = "pemberitahuan"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("<int:pk>/", views.buka, name="buka"),
    path("baca-semua/", views.baca_semua, name="baca-semua"),
    path("pengaturan/", views.pengaturan, name="pengaturan"),
    path("berhenti/<str:token>/", views.berhenti, name="berhenti"),
]
