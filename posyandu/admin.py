"""Wilayah, Puskesmas, Posyandu and services in the admin; a Petugas's scope on their
account. Children and measurements are kept on the Posyandu pages, where scope applies."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from opd.admin import UserAdmin as OpdUserAdmin
from opd.models import User
from tpps.lib.admin import HanyaBacaMixin

from .models import (
    AngkaResmi,
    CakupanPetugas,
    Desa,
    Kecamatan,
    Layanan,
    LogAksesData,
    Posyandu,
    Puskesmas,
    TargetPrevalensi,
)


class DesaInline(admin.TabularInline):
    model = Desa
    extra = 0
    fields = ("nama", "jenis", "kode")


@admin.register(Kecamatan)
class KecamatanAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "nama")
    search_fields = ("kode", "nama")
    inlines = [DesaInline]


@admin.register(Desa)
class DesaAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "jenis", "kecamatan", "kode")
    list_filter = ("kecamatan", "jenis")
    search_fields = ("nama", "kode")
    list_select_related = ("kecamatan",)


@admin.register(Puskesmas)
class PuskesmasAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "kecamatan", "alamat")
    list_filter = ("kecamatan",)
    filter_horizontal = ("wilayah_kerja",)


@admin.register(Posyandu)
class PosyanduAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "desa", "rw", "puskesmas", "aktif")
    list_filter = ("aktif", "puskesmas", "desa__kecamatan", "desa")
    search_fields = ("nama", "desa__nama", "alamat")
    list_select_related = ("desa__kecamatan", "puskesmas")


@admin.register(Layanan)
class LayananAdmin(admin.ModelAdmin):
    list_display = ("nama", "kode", "urutan")


@admin.register(LogAksesData)
class LogAksesDataAdmin(HanyaBacaMixin, admin.ModelAdmin):
    """Read-only: the privacy log is evidence, nobody edits it."""

    list_display = ("waktu", "user", "aksi", "balita", "keterangan")
    list_filter = ("aksi",)
    date_hierarchy = "waktu"


class CakupanInline(admin.StackedInline):
    model = CakupanPetugas
    can_delete = True
    verbose_name_plural = _("cakupan wilayah (Petugas Posyandu)")
    filter_horizontal = ("posyandu",)
    autocomplete_fields = ()


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(OpdUserAdmin):
    inlines = [CakupanInline]


@admin.register(TargetPrevalensi)
class TargetPrevalensiAdmin(SimpleHistoryAdmin):
    list_display = ("tahun", "indeks", "target_persen", "dasar")
    list_filter = ("indeks",)


@admin.register(AngkaResmi)
class AngkaResmiAdmin(admin.ModelAdmin):
    list_display = ("tahun", "indeks", "persen", "sumber", "catatan")
    list_filter = ("indeks", "sumber")
