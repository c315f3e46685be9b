from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from opd.forms import TanggalInput
from tpps.lib.formfields import AngkaDesimalField

from .models import (
    Balita,
    Desa,
    Kasus,
    Kegiatan,
    Layanan,
    LogAksesData,
    Pengukuran,
    Posyandu,
    Puskesmas,
)
from .models.pengukuran import DESIMAL_UKURAN, pesan_terlalu_tua

# Values outside these ranges are possible but rare: the form asks to confirm them
# (a typo such as 125 for 12,5 kg is caught before it becomes a "case").
RENTANG_WAJAR = {
    "berat_kg": (0.9, 58, _("Berat %(nilai)s kg di luar rentang wajar 0,9–58 kg.")),
    "tinggi_cm": (38, 150, _("Panjang/tinggi %(nilai)s cm di luar rentang wajar 38–150 cm.")),
    "lila_cm": (6, 30, _("LiLA %(nilai)s cm di luar rentang wajar 6–30 cm.")),
    "lingkar_kepala_cm": (25, 60, _("Lingkar kepala %(nilai)s cm di luar rentang wajar 25–60 cm.")),
}


class UkuranField(AngkaDesimalField):
    """A weight, length/height or circumference as written: up to ``DESIMAL_UKURAN``
    decimals, more refused (never rounded), as the e-PPGBM import does. The message names
    the field: the fast-entry row shows its messages together."""

    def __init__(self, *, label, max_digits: int):
        super().__init__(
            label=label, required=False, max_digits=max_digits, decimal_places=DESIMAL_UKURAN,
            min_value=0,
        )
        self.error_messages["max_decimal_places"] = format_lazy(
            "{}: {}", label,
            _("tulis paling banyak %(max)s angka di belakang koma (contoh: 15,75)."),
        )


class PengukuranForm(forms.Form):
    """One child's measurement: a row of the fast-entry page or the single form. With
    ``balita``, a child aged the engine's ``MAX_AGE_MONTHS`` or more on the measurement
    date (``tanggal_ukur``, or ``pada`` for the fast entry's event date) is refused."""

    berat_kg = UkuranField(label=_("Berat (kg)"), max_digits=5)
    tinggi_cm = UkuranField(label=_("PB/TB (cm)"), max_digits=6)
    cara_ukur = forms.ChoiceField(
        label=_("Cara ukur"),
        required=False,
        choices=[("", _("tidak diketahui")), *Pengukuran.CaraUkur.choices],
    )
    lila_cm = UkuranField(label=_("LiLA (cm)"), max_digits=5)
    lingkar_kepala_cm = UkuranField(label=_("Lingkar kepala (cm)"), max_digits=5)
    edema = forms.BooleanField(label=_("Edema"), required=False)
    vitamin_a = forms.BooleanField(label=_("Vitamin A"), required=False)
    imunisasi = forms.BooleanField(label=_("Imunisasi"), required=False)
    konfirmasi = forms.BooleanField(
        label=_("Nilai sudah diperiksa dan memang benar"), required=False
    )

    def __init__(self, *args, tanggal=True, balita=None, pada=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.balita, self.pada = balita, pada
        if tanggal:
            self.fields["tanggal_ukur"] = forms.DateField(
                label=_("Tanggal ukur"), widget=TanggalInput(), initial=timezone.localdate
            )
        self.perlu_konfirmasi = []

    def clean(self):
        data = super().clean()
        if not any(data.get(k) is not None or k in self.errors for k in RENTANG_WAJAR):
            raise forms.ValidationError(
                _("Isi sedikitnya satu ukuran (berat atau panjang/tinggi).")
            )
        tanggal = data.get("tanggal_ukur")
        if tanggal and tanggal > timezone.localdate():
            self.add_error("tanggal_ukur", _("Tanggal ukur tidak boleh di masa depan."))
        elif self.balita is not None and (
                pesan := pesan_terlalu_tua(self.balita.tanggal_lahir, tanggal or self.pada)):
            raise forms.ValidationError(pesan, code="umur")
        for kolom, (bawah, atas, pesan) in RENTANG_WAJAR.items():
            nilai = data.get(kolom)
            if nilai is not None and not (bawah <= nilai <= atas):
                self.perlu_konfirmasi.append(pesan % {"nilai": str(nilai).replace(".", ",")})
        if self.perlu_konfirmasi and not data.get("konfirmasi"):
            raise forms.ValidationError(
                [
                    *self.perlu_konfirmasi,
                    _("Periksa lagi; bila benar, centang konfirmasi lalu simpan."),
                ],
                code="konfirmasi",
            )
        return data

    def nilai_ukur(self) -> dict:
        return {
            k: v for k, v in self.cleaned_data.items() if k not in ("konfirmasi", "tanggal_ukur")
        }


class PilihanKiaField(forms.TypedChoiceField):
    """Holds a KIA book/KMS (``Balita.punya_buku_kia``): not recorded yet / yes / no. A
    choice list rather than a checkbox: "not recorded" is not "no"."""

    def __init__(self, **kwargs):
        super().__init__(
            choices=[
                ("", _("Belum dicatat")),
                ("True", _("Ya, punya buku KIA/KMS")),
                ("False", _("Tidak punya")),
            ],
            coerce=lambda nilai: nilai == "True",
            empty_value=None,
            required=False,
            **kwargs,
        )


class BalitaForm(forms.ModelForm):
    berat_lahir_kg = AngkaDesimalField(
        label=_("Berat lahir (kg)"), required=False, max_digits=4, decimal_places=2, min_value=0
    )
    panjang_lahir_cm = AngkaDesimalField(
        label=_("Panjang lahir (cm)"), required=False, max_digits=4, decimal_places=1, min_value=0
    )
    punya_buku_kia = PilihanKiaField(
        label=_("Punya buku KIA/KMS"),
        help_text=_("Untuk K pada SKDN; yang belum dicatat dihitung tidak punya."),
    )

    class Meta:
        model = Balita
        fields = [
            "nik",
            "nama",
            "jenis_kelamin",
            "tanggal_lahir",
            "nama_ibu",
            "posyandu",
            "desa",
            "rt",
            "rw",
            "alamat",
            "berat_lahir_kg",
            "panjang_lahir_cm",
            "punya_buku_kia",
        ]
        widgets = {"tanggal_lahir": TanggalInput()}

    def __init__(self, *args, posyandu_qs, pada=None, **kwargs):
        """``pada``: the day the new child is measured first (an event's date; default
        today): a child aged the engine's ``MAX_AGE_MONTHS`` or more then is refused."""
        super().__init__(*args, **kwargs)
        self.pada = pada
        self.fields["posyandu"].queryset = posyandu_qs.select_related("desa")
        self.fields["desa"].queryset = Desa.objects.select_related("kecamatan")
        self.fields["desa"].label_from_instance = lambda d: f"{d.nama} ({d.kecamatan.nama})"
        self.fields["nik"].widget.attrs.update(inputmode="numeric", maxlength=16)

    def clean_tanggal_lahir(self):
        lahir = self.cleaned_data["tanggal_lahir"]
        if self.instance.pk is None and (
                pesan := pesan_terlalu_tua(lahir, self.pada or timezone.localdate())):
            raise forms.ValidationError(pesan, code="umur")  # a correction is not refused
        return lahir


class BalitaUbahForm(BalitaForm):
    """A child's correction. The stored NIK is never put in the form (not even for users
    with "lihat NIK": a full NIK is shown only through the logged reveal): the field starts
    empty, left empty it keeps the stored NIK, a NIK typed in replaces it, and "hapus NIK"
    removes it."""

    hapus_nik = forms.BooleanField(label=_("Hapus NIK tersimpan"), required=False)

    class Meta(BalitaForm.Meta):
        fields = [*BalitaForm.Meta.fields, "status", "tanggal_status"]
        widgets = {**BalitaForm.Meta.widgets, "tanggal_status": TanggalInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["nik"] = ""
        self.fields["nik"].widget.attrs["autocomplete"] = "off"
        if self.instance.nik:
            self.fields["nik"].label = _("NIK baru")
            self.fields["nik"].help_text = _(
                "Tersimpan: %(nik)s. Kosongkan untuk tetap memakainya, atau isi NIK baru."
            ) % {"nik": self.instance.nik_tersamar}
            # Right after the NIK, not at the end of the form.
            urutan = list(self.fields)
            urutan.remove("hapus_nik")
            urutan.insert(urutan.index("nik") + 1, "hapus_nik")
            self.order_fields(urutan)
        else:
            del self.fields["hapus_nik"]

    def clean(self):
        data = super().clean()
        if data.get("hapus_nik") and self.data.get(self.add_prefix("nik"), "").strip():
            self.add_error(
                "hapus_nik", _("Pilih salah satu: isi NIK baru atau hapus NIK tersimpan.")
            )
        elif data.get("hapus_nik"):
            data["nik"] = ""
        return data

    def clean_nik(self):
        return self.cleaned_data["nik"] or self.instance.nik


class SaringBalitaForm(forms.Form):
    """Filters of the children list: one place (Posyandu, desa or Puskesmas area, each
    limited to the user's scope), a status, a name. A choice outside the scope is refused
    ("pilihan yang valid")."""

    posyandu = forms.ModelChoiceField(Posyandu.objects.none(), required=False,
                                      label=_("Posyandu"), empty_label=_("Semua"))
    desa = forms.ModelChoiceField(Desa.objects.none(), required=False,
                                  label=_("Desa/kelurahan"), empty_label=_("Semua"))
    puskesmas = forms.ModelChoiceField(Puskesmas.objects.none(), required=False,
                                       label=_("Wilayah Puskesmas"), empty_label=_("Semua"))
    status = forms.ChoiceField(label=_("Status gizi"), required=False)
    nama = forms.CharField(label=_("Nama"), required=False, max_length=100)

    def __init__(self, *args, posyandu_qs, filter_status: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.filter_status = filter_status
        self.fields["posyandu"].queryset = posyandu_qs.select_related("desa")
        self.fields["desa"].queryset = (
            Desa.objects.filter(posyandu__in=posyandu_qs).distinct().select_related("kecamatan")
        )
        self.fields["desa"].label_from_instance = lambda d: f"{d.nama} ({d.kecamatan.nama})"
        self.fields["puskesmas"].queryset = Puskesmas.objects.filter(
            posyandu__in=posyandu_qs
        ).distinct()
        self.fields["status"].choices = [
            ("", _("Semua")), *((k, v[0]) for k, v in filter_status.items())
        ]
        for nama, field in self.fields.items():
            field.widget.attrs["class"] = "form-control" if nama == "nama" else "form-select"

    def saring(self, qs):
        """``qs`` (children annotated ``dengan_status_terakhir``) narrowed by the filters."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("posyandu"):
            qs = qs.filter(posyandu=data["posyandu"])
        if data.get("desa"):
            qs = qs.filter(posyandu__desa=data["desa"])
        if data.get("puskesmas"):
            qs = qs.filter(posyandu__puskesmas=data["puskesmas"])
        if data.get("status"):
            qs = qs.filter(self.filter_status[data["status"]][1])
        if data.get("nama"):
            qs = qs.filter(nama__icontains=data["nama"].strip())
        return qs


class KegiatanForm(forms.ModelForm):
    class Meta:
        model = Kegiatan
        fields = ["jenis", "nama", "tanggal", "posyandu", "lokasi", "mitra", "layanan", "catatan"]
        widgets = {
            "tanggal": TanggalInput(),
            "layanan": forms.CheckboxSelectMultiple(),
            "catatan": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, posyandu_qs, can_tingkat_kota, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posyandu"].queryset = posyandu_qs.select_related("desa")
        self.fields["posyandu"].required = not can_tingkat_kota
        self.fields["layanan"].queryset = Layanan.objects.all()
        self.can_tingkat_kota = can_tingkat_kota

    def clean(self):
        data = super().clean()
        if not data.get("posyandu") and not self.can_tingkat_kota:
            self.add_error(
                "posyandu",
                _(
                    "Pilih Posyandu; kegiatan tingkat kota hanya untuk "
                    "petugas dengan cakupan seluruh kota."
                ),
            )
        return data


class KegiatanUbahForm(forms.ModelForm):
    """An event's details after creation; its Posyandu stays (it decides who sees it)."""

    class Meta(KegiatanForm.Meta):
        fields = ["jenis", "nama", "tanggal", "lokasi", "mitra", "layanan", "catatan"]

    def clean_tanggal(self):
        tanggal = self.cleaned_data["tanggal"]
        n = self.instance.pengukuran.count()
        if tanggal != self.instance.tanggal and n:
            raise forms.ValidationError(
                _("Tanggal tidak dapat diubah: sudah ada %(n)s pengukuran pada tanggal "
                  "kegiatan ini. Hapus pengukuran yang salah dulu, atau buat kegiatan baru.")
                % {"n": n}
            )
        return tanggal


class PenangananField(forms.MultipleChoiceField):
    """Checkboxes of Kasus.Penanganan, any number ticked. Which codes are allowed (known,
    each once) is Kasus.clean()'s rule, so a forged code is answered there, once."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Kasus.Penanganan.choices, **kwargs)

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def clean(self, value):
        urutan = {kode: i for i, kode in enumerate(Kasus.Penanganan.values)}
        return sorted(super().clean(value), key=lambda kode: urutan.get(kode, len(urutan)))


class KasusForm(forms.ModelForm):
    """A case's follow-up; the rules (which status needs which date and treatment) are
    Kasus.clean()'s."""

    penanganan = PenangananField(
        label=_("Penanganan"),
        required=False,
        help_text=_("Centang semua yang diberikan, misalnya PMT dan konseling gizi."),
    )

    class Meta:
        model = Kasus
        fields = [
            "status",
            "tanggal_dirujuk",
            "tanggal_ditangani",
            "penanganan",
            "tanggal_selesai",
            "catatan",
        ]
        widgets = {
            "tanggal_dirujuk": TanggalInput(),
            "tanggal_ditangani": TanggalInput(),
            "tanggal_selesai": TanggalInput(),
            "catatan": forms.Textarea(attrs={"rows": 3}),
        }


class SaringLogAksesForm(forms.Form):
    """Filters of the access log (``LogAksesData``): a child (from the child's page, by id,
    within the user's scope) or a child's name, a user, an action, a date range (local
    days, both ends included)."""

    balita = forms.ModelChoiceField(Balita.objects.none(), required=False,
                                    widget=forms.HiddenInput)
    nama = forms.CharField(label=_("Nama balita"), required=False, max_length=150)
    pengguna = forms.ModelChoiceField(None, required=False, label=_("Pengguna"),
                                      empty_label=_("Semua"))
    aksi = forms.ChoiceField(label=_("Aksi"), required=False)
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=TanggalInput())
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=TanggalInput())

    def __init__(self, *args, balita_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["balita"].queryset = balita_qs
        self.fields["pengguna"].queryset = get_user_model().objects.order_by("username")
        self.fields["pengguna"].label_from_instance = (
            lambda u: f"{u.get_full_name()} ({u.username})" if u.get_full_name() else u.username
        )
        self.fields["aksi"].choices = [("", _("Semua")), *LogAksesData.Aksi.choices]
        for nama, field in self.fields.items():
            if nama != "balita":
                field.widget.attrs["class"] = (
                    "form-select" if nama in ("pengguna", "aksi") else "form-control")

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", _("Tanggal akhir sebelum tanggal awal."))
        return data

    def saring(self, qs):
        """``qs`` (log rows) narrowed by the filters; a day is the local day (Asia/Jakarta)."""
        data = self.cleaned_data if self.is_bound else {}
        if data.get("balita"):
            qs = qs.filter(balita=data["balita"])
        if data.get("nama"):
            qs = qs.filter(balita__nama__icontains=data["nama"].strip())
        if data.get("pengguna"):
            qs = qs.filter(user=data["pengguna"])
        if data.get("aksi"):
            qs = qs.filter(aksi=data["aksi"])
        zona = timezone.get_current_timezone()
        if data.get("dari"):
            qs = qs.filter(waktu__gte=datetime.combine(data["dari"], time.min, tzinfo=zona))
        if data.get("sampai"):
            akhir = data["sampai"] + timedelta(days=1)
            qs = qs.filter(waktu__lt=datetime.combine(akhir, time.min, tzinfo=zona))
        return qs
