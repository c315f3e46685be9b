"""Meetings, the follow-up register and partner contributions in the admin (Sekretariat
TPPS), with their history. Day-to-day work happens on the pages; the admin corrects."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    AgendaRapat,
    KehadiranRapat,
    KeputusanRapat,
    KontribusiMitra,
    ProgresTindakLanjut,
    Rapat,
    TindakLanjut,
)


class AgendaInline(admin.TabularInline):
    model = AgendaRapat
    extra = 0
    fields = ("nomor", "uraian", "tindak_lanjut")
    raw_id_fields = ("tindak_lanjut",)


class KehadiranInline(admin.TabularInline):
    model = KehadiranRapat
    extra = 0
    fields = ("opd", "status", "nama_hadir", "jabatan_hadir")


class KeputusanInline(admin.TabularInline):
    model = KeputusanRapat
    extra = 0
    fields = ("nomor", "uraian")


@admin.register(Rapat)
class RapatAdmin(SimpleHistoryAdmin):
    list_display = ("judul", "jenis", "tanggal", "jam_mulai", "tempat", "pimpinan_rapat")
    list_filter = ("jenis",)
    search_fields = ("judul", "tempat", "notulen")
    date_hierarchy = "tanggal"
    inlines = [AgendaInline, KehadiranInline, KeputusanInline]


@admin.register(KeputusanRapat)
class KeputusanRapatAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "rapat", "nomor")
    search_fields = ("uraian", "rapat__judul")
    list_select_related = ("rapat",)


class ProgresInline(admin.TabularInline):
    model = ProgresTindakLanjut
    extra = 0
    fields = ("tanggal", "catatan", "status_baru", "berkas", "tautan", "dicatat_oleh")
    readonly_fields = ("dicatat_oleh",)


@admin.register(TindakLanjut)
class TindakLanjutAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "opd_penanggung_jawab", "tenggat", "status")
    list_filter = ("status", "opd_penanggung_jawab")
    search_fields = ("uraian",)
    list_select_related = ("opd_penanggung_jawab",)
    raw_id_fields = ("keputusan",)
    filter_horizontal = ("opd_pendukung",)
    date_hierarchy = "tenggat"
    inlines = [ProgresInline]


@admin.register(KontribusiMitra)
class KontribusiMitraAdmin(SimpleHistoryAdmin):
    list_display = ("mitra", "tahun", "uraian", "bentuk", "nilai_rp", "sasaran")
    list_filter = ("tahun", "bentuk", "sasaran", "mitra")
    search_fields = ("uraian", "mitra__nama")
    list_select_related = ("mitra",)
