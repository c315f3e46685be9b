"""The catalogue, targets, semesters, bands and BPKP evaluation in the admin (Sekretariat TPPS).

Reports and their figures are shown read-only here: they change only through the entry
page and the workflow (validation, lost-update guard, history, verification).
"""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from tpps.lib.admin import HanyaBacaMixin
from tpps.lib.formfields import AngkaDesimalField

from .models import (
    Capaian,
    EvaluasiBPKP,
    Indikator,
    LaporanSemester,
    PembukaanKunci,
    PredikatCapaian,
    ProgramKegiatan,
    RekomendasiBPKP,
    Semester,
    TargetIndikator,
    TemuanBPKP,
)

#: Targets, thresholds and band limits typed the Indonesian way: "12,5" or "12.5".
ANGKA_DESIMAL = {models.DecimalField: {"form_class": AngkaDesimalField}}


class TargetInline(admin.TabularInline):
    model = TargetIndikator
    formfield_overrides = ANGKA_DESIMAL
    extra = 1
    fields = ("tahun", "target_kota", "target_nasional", "catatan")


@admin.register(Indikator)
class IndikatorAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "nama", "kelompok", "satuan", "arah", "opd_utama", "aktif")
    list_filter = ("kelompok", "satuan", "arah", "aktif", "opd_utama")
    search_fields = ("kode", "nama")
    list_select_related = ("opd_utama",)
    filter_horizontal = ("opd_pendukung",)
    inlines = [TargetInline]
    formfield_overrides = ANGKA_DESIMAL
    fieldsets = (
        (None, {"fields": ("kode", "nama", "kelompok", "satuan", "arah", "aktif", "urutan")}),
        (_("Definisi"), {"fields": ("definisi_operasional", "arti_pembilang", "arti_penyebut",
                                    "sumber_data", "ambang_perubahan")}),
        (_("Penanggung jawab"), {"fields": ("opd_utama", "opd_pendukung")}),
        (_("Catatan"), {"fields": ("catatan",)}),
    )


@admin.register(TargetIndikator)
class TargetIndikatorAdmin(SimpleHistoryAdmin):
    formfield_overrides = ANGKA_DESIMAL
    list_display = ("indikator", "tahun", "target_kota", "target_nasional")
    list_editable = ("target_kota", "target_nasional")
    list_filter = ("tahun", "indikator__kelompok")
    search_fields = ("indikator__kode", "indikator__nama")
    list_select_related = ("indikator",)
    autocomplete_fields = ("indikator",)


@admin.register(PredikatCapaian)
class PredikatCapaianAdmin(SimpleHistoryAdmin):
    formfield_overrides = ANGKA_DESIMAL
    list_display = ("nama", "batas_bawah", "batas_atas", "warna", "urutan")


class PembukaanKunciInline(admin.TabularInline):
    model = PembukaanKunci
    extra = 0
    can_delete = False
    fields = ("pada", "oleh", "alasan", "status_baru")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Semester)
class SemesterAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "tanggal_mulai", "tanggal_selesai", "pengisian_dibuka",
                    "batas_pengisian", "status")
    list_filter = ("status", "tahun")
    inlines = [PembukaanKunciInline]

    def get_readonly_fields(self, request, obj=None):
        # After creation the state changes only on the semester page (locking, and a
        # reason to open a locked semester again, are recorded there).
        return ("status",) if obj is not None else ()


class HanyaBacaAdmin(HanyaBacaMixin, SimpleHistoryAdmin):
    """Reports are entered and verified on the semester pages; the admin only shows them."""


@admin.register(LaporanSemester)
class LaporanSemesterAdmin(HanyaBacaAdmin):
    list_display = ("semester", "opd", "status", "terlambat", "diajukan_pertama_pada",
                    "diverifikasi_pada")
    list_filter = ("semester", "status", "terlambat")
    list_select_related = ("semester", "opd")
    search_fields = ("opd__singkatan", "opd__nama")


@admin.register(Capaian)
class CapaianAdmin(HanyaBacaAdmin):
    list_display = ("indikator", "semester", "pembilang", "penyebut", "nilai", "versi",
                    "diubah_oleh", "diubah_pada")
    list_filter = ("semester", "indikator__kelompok", "laporan__status")
    list_select_related = ("indikator", "semester", "diubah_oleh")
    search_fields = ("indikator__kode", "indikator__nama")


@admin.register(ProgramKegiatan)
class ProgramKegiatanAdmin(HanyaBacaAdmin):
    list_display = ("program", "kegiatan", "laporan", "sumber_dana", "pagu_rp", "realisasi_rp")
    list_filter = ("sumber_dana", "laporan__semester")
    list_select_related = ("laporan__semester", "laporan__opd")
    search_fields = ("program", "kegiatan", "sub_kegiatan")


class TemuanInline(admin.StackedInline):
    model = TemuanBPKP
    extra = 1
    fields = ("nomor", "aspek", "uraian")
    show_change_link = True


@admin.register(EvaluasiBPKP)
class EvaluasiBPKPAdmin(SimpleHistoryAdmin):
    list_display = ("tahun", "nomor_laporan", "tanggal_laporan", "predikat_desain",
                    "predikat_pelaksanaan", "predikat_akuntabilitas")
    inlines = [TemuanInline]


class RekomendasiInline(admin.StackedInline):
    model = RekomendasiBPKP
    extra = 1
    fields = ("nomor", "uraian", "opd", "bukti_diminta", "batas_waktu")
    filter_horizontal = ("opd",)


@admin.register(TemuanBPKP)
class TemuanBPKPAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "aspek", "evaluasi")
    list_filter = ("evaluasi", "aspek")
    search_fields = ("uraian",)
    inlines = [RekomendasiInline]


@admin.register(RekomendasiBPKP)
class RekomendasiBPKPAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "temuan", "batas_waktu")
    list_filter = ("temuan__evaluasi", "opd")
    search_fields = ("uraian", "bukti_diminta")
    filter_horizontal = ("opd",)
    list_select_related = ("temuan__evaluasi",)
