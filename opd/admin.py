"""The roster in the admin, maintained by Sekretariat TPPS, with history and Excel export."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import (
    AdminUserCreationForm,
    ReadOnlyPasswordHashField,
    UserChangeForm,
)
from django.contrib.auth.hashers import is_password_usable
from django.contrib.auth.models import Group
from django.db.models import Prefetch
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.admin import ExportMixin
from import_export.formats.base_formats import CSV, XLSX
from simple_history.admin import SimpleHistoryAdmin

from opd import roles
from tpps.lib.spreadsheet import aman_untuk_sel

from .models import OPD, SK, AnggotaTim, Bidang, Mitra, User

FORMAT_EKSPOR = [XLSX, CSV]
# The roles a Sekretariat TPPS user may hand out; only a superuser makes other groups.
NAMA_PERAN = ["Sekretariat TPPS", "Operator OPD", "Pimpinan", "Petugas Posyandu"]

admin.site.site_header = _("Administrasi Sistem Informasi TPPS")
admin.site.site_title = _("Admin TPPS")
admin.site.index_title = _("Data acuan dan akun")


class SelAmanResource(resources.ModelResource):
    """Every exported cell safe to open in Excel (``aman_untuk_sel``: a quote in front of
    text typed like a formula, "@SUM(...)", "+cmd|...", "-...", "=..."). The library's own
    IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT only drops a leading "=" (the text changes and
    the rest still runs)."""

    def export_field(self, field, instance, **kwargs):
        return aman_untuk_sel(super().export_field(field, instance, **kwargs))


class OPDResource(SelAmanResource):
    """The roster as one row per agency, with who represents it today."""

    jenis = fields.Field(attribute="get_jenis_display", column_name=_("Jenis"))
    perwakilan = fields.Field(column_name=_("Perwakilan saat ini"))
    focal_person = fields.Field(column_name=_("Focal person"))

    class Meta:
        model = OPD
        fields = ("singkatan", "nama", "jenis", "aktif", "wajib_lapor", "alamat", "telepon",
                  "email", "perwakilan", "focal_person")
        export_order = fields

    @staticmethod
    def _orang(anggota):
        return "; ".join(
            f"{a.nama} ({a.get_peran_display()}{', ' + a.telepon if a.telepon else ''})"
            for a in anggota
        )

    def dehydrate_perwakilan(self, opd):
        return self._orang(a for a in opd.anggota_kini if a.peran != AnggotaTim.Peran.FOCAL_PERSON)

    def dehydrate_focal_person(self, opd):
        return self._orang(a for a in opd.anggota_kini if a.peran == AnggotaTim.Peran.FOCAL_PERSON)


class AnggotaTimResource(SelAmanResource):
    opd = fields.Field(attribute="opd__singkatan", column_name=_("OPD/instansi"))
    peran = fields.Field(attribute="get_peran_display", column_name=_("Peran"))
    bidang = fields.Field(attribute="bidang__nama", column_name=_("Bidang"))
    sk = fields.Field(attribute="sk__nomor", column_name=_("SK"))

    class Meta:
        model = AnggotaTim
        fields = ("opd", "nama", "jabatan", "peran", "bidang", "sk", "telepon", "email",
                  "mulai", "sampai")
        export_order = fields


class AnggotaTimInline(admin.TabularInline):
    model = AnggotaTim
    extra = 0
    fields = ("nama", "jabatan", "peran", "bidang", "telepon", "email", "mulai", "sampai")
    ordering = ("-sampai", "-mulai")


@admin.register(OPD)
class OPDAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [OPDResource]
    formats = FORMAT_EKSPOR
    list_display = ("singkatan", "nama", "jenis", "aktif", "wajib_lapor")
    list_filter = ("jenis", "aktif", "wajib_lapor")
    search_fields = ("singkatan", "nama")
    list_editable = ("aktif", "wajib_lapor")
    inlines = [AnggotaTimInline]

    def get_export_queryset(self, request):
        kini = AnggotaTim.objects.aktif().menurut_peran()
        return (
            super()
            .get_export_queryset(request)
            .prefetch_related(Prefetch("anggota", queryset=kini, to_attr="anggota_kini"))
        )


class StatusMasaFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("aktif", _("Masih menjabat")), ("selesai", _("Sudah selesai"))]

    def queryset(self, request, queryset):
        if self.value() == "aktif":
            return queryset.aktif()
        if self.value() == "selesai":
            return queryset.selesai()
        return queryset


@admin.register(AnggotaTim)
class AnggotaTimAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [AnggotaTimResource]
    formats = FORMAT_EKSPOR
    list_display = ("nama", "opd", "peran", "bidang", "jabatan", "telepon", "mulai", "sampai")
    list_filter = (StatusMasaFilter, "peran", "bidang", "opd__jenis", "opd")
    search_fields = ("nama", "jabatan", "opd__singkatan", "opd__nama")
    list_select_related = ("opd", "bidang")
    date_hierarchy = "mulai"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("mulai", timezone.localdate())
        return initial


class BidangInline(admin.TabularInline):
    model = Bidang
    extra = 0
    fields = ("urutan", "nama", "tugas")


@admin.register(SK)
class SKAdmin(SimpleHistoryAdmin):
    list_display = ("nomor", "tanggal", "perihal")
    search_fields = ("nomor", "perihal")
    date_hierarchy = "tanggal"
    inlines = [BidangInline]


@admin.register(Bidang)
class BidangAdmin(SimpleHistoryAdmin):
    list_display = ("nama", "sk", "urutan")
    list_filter = ("sk",)
    search_fields = ("nama",)


class MitraResource(SelAmanResource):
    class Meta:
        model = Mitra


@admin.register(Mitra)
class MitraAdmin(ExportMixin, SimpleHistoryAdmin):
    resource_classes = [MitraResource]
    formats = FORMAT_EKSPOR
    list_display = ("nama", "sektor", "narahubung", "telepon", "aktif")
    list_filter = ("aktif", "sektor")
    search_fields = ("nama", "sektor", "narahubung")


class KataSandiWidget(forms.Widget):
    """Where the admin showed the password's hash (algorithm, salt, hash): only whether a
    password is set, and that people set their own through the invitation or "Lupa kata
    sandi?" (opd.akun)."""

    read_only = True  # the admin renders it on view-only pages too, instead of the hash
    tautan_manual = ""

    def render(self, name, value, attrs=None, renderer=None):
        if value and is_password_usable(value):
            keadaan = _("Sudah dipasang oleh penggunanya.")
        else:
            keadaan = _("Belum dipasang: undangan belum diterima.")
        try:
            halaman = reverse("pengguna:daftar")
        except NoReverseMatch:
            halaman = ""
        return format_html(
            '<div class="readonly"><strong>{}</strong><br>{} <a href="{}">{}</a>'
            '<br><small>{} <a href="{}">{}</a></small></div>',
            keadaan,
            _("Kata sandi dibuat sendiri oleh pengguna lewat tautan undangan atau "
              "\u201cLupa kata sandi?\u201d; tidak ada yang perlu mengetik atau meneruskan "
              "kata sandi orang lain. Undangan dikirim dari"),
            halaman, _("halaman Pengguna"),
            _("Hanya bila pengguna tidak punya alamat surel:"),
            self.tautan_manual, _("pasang kata sandi sementara"),
        )


class _PeranDanInstansi:
    """Indonesian labels and help, and the rules of a role: an account with an OPD needs a
    role, and an Operator OPD needs an OPD (as on the app's account page)."""

    BANTUAN = {
        "username": _("Dipakai untuk masuk. Paling banyak 150 karakter: huruf, angka dan "
                      ". @ + - _ saja."),
        "email": _("Undangan dan tautan \u201cLupa kata sandi?\u201d dikirim ke alamat ini."),
        "groups": _("Pilih satu peran: Sekretariat TPPS, Pimpinan, Operator OPD atau Petugas "
                    "Posyandu. Peran menentukan halaman dan data yang boleh dibuka."),
        "opd": _("Wajib untuk Operator OPD. Akun yang diberi OPD/instansi wajib diberi peran."),
        "is_active": _("Hapus centang untuk menonaktifkan akun: ia tidak dapat masuk lagi, "
                       "tetapi data dan riwayatnya tetap tersimpan."),
        "is_staff": _("Boleh membuka halaman admin. Diberikan otomatis kepada Sekretariat "
                      "TPPS."),
        "is_superuser": _("Mendapat semua izin tanpa diberikan satu per satu. Hanya untuk "
                          "pengelola teknis."),
        "user_permissions": _("Izin khusus untuk akun ini saja, di luar izin perannya."),
    }
    LABEL = {"groups": _("Peran"), "is_staff": _("Akses admin"), "email": _("Alamat surel"),
             "is_active": _("Aktif")}

    def _terapkan_bantuan(self):
        for nama, teks in self.BANTUAN.items():
            if nama in self.fields:
                self.fields[nama].help_text = teks
        for nama, teks in self.LABEL.items():
            if nama in self.fields:
                self.fields[nama].label = teks

    def clean(self):
        data = super().clean()
        if "groups" not in self.fields:
            return data
        peran = {g.name for g in data.get("groups") or ()} & set(roles.PERAN)
        if data.get("opd") and not peran and "groups" not in self.errors:
            self.add_error("groups", _(
                "Akun dengan OPD/instansi harus diberi peran, mis. Operator OPD; tanpa peran "
                "akun itu tidak dapat membuka apa pun."))
        if roles.OPERATOR_OPD in peran and not data.get("opd") and "opd" not in self.errors:
            self.add_error("opd", _("Operator OPD wajib memilih OPD/instansinya."))
        return data


class PenggunaChangeForm(_PeranDanInstansi, UserChangeForm):
    password = ReadOnlyPasswordHashField(label=_("Kata sandi"), widget=KataSandiWidget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._terapkan_bantuan()
        kata_sandi = self.fields.get("password")
        if kata_sandi:
            kata_sandi.help_text = ""
            kata_sandi.widget.tautan_manual = "../password/"


class PenggunaCreationForm(_PeranDanInstansi, AdminUserCreationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._terapkan_bantuan()
        for nama, label in (("password1", _("Kata sandi")),
                            ("password2", _("Ulangi kata sandi"))):
            if nama in self.fields:
                self.fields[nama].label = label


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    """Accounts for superusers (technical managers); everyone else's accounts are managed
    by Sekretariat TPPS in the app (posyandu.pengguna, /pengguna/)."""

    form = PenggunaChangeForm
    add_form = PenggunaCreationForm
    list_display = ("username", "first_name", "last_name", "opd", "peran", "is_active",
                    "last_login")
    list_filter = ("groups", "opd", "is_active", "is_staff")
    search_fields = ("username", "first_name", "last_name", "email", "opd__singkatan")
    autocomplete_fields = ("opd",)
    list_select_related = ("opd",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Data diri"), {"fields": ("first_name", "last_name", "email", "telepon", "jabatan")}),
        (_("Peran dan instansi"), {"fields": ("groups", "opd", "is_active", "is_staff")}),
        (_("Hak khusus (hanya superuser)"), {"fields": ("is_superuser", "user_permissions")}),
        (_("Waktu penting"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {
            "fields": ("username", "password1", "password2"),
            "description": _(
                "Sebaiknya akun dibuat lewat halaman Pengguna (Undang pengguna): pengguna "
                "menerima surel dan membuat kata sandinya sendiri. Halaman ini untuk "
                "pengelola teknis."),
        }),
        (_("Peran dan instansi"), {"fields": ("first_name", "last_name", "groups", "opd",
                                              "is_staff")}),
    )
    readonly_fields = ("last_login", "date_joined")

    @admin.display(description=_("peran"))
    def peran(self, obj):
        return ", ".join(g.name for g in obj.groups.all())

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [fs for fs in fieldsets if "is_superuser" not in fs[1]["fields"]]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not request.user.is_superuser:
            kwargs["queryset"] = Group.objects.filter(name__in=NAMA_PERAN)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The role decides admin access: Sekretariat TPPS works partly in the admin.
        roles.beri_akses_admin(form.instance)

    # Accounts and Petugas scopes are managed in the app (/pengguna/: invitations, scopes,
    # deactivation, with their checks); the admin's account pages stay for superusers, the
    # technical managers. The Sekretariat keeps the admin for the roster, the catalogue,
    # targets, semesters and BPKP.
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser
