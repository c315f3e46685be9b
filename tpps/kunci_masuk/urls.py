from django.urls import path

from . import views

app_name = "kunci_masuk"
urlpatterns = [
    path("", views.daftar, name="daftar"),
    path("buka/", views.buka, name="buka"),
]
