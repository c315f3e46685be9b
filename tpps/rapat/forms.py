from django import forms
from django.forms import modelformset_factory
from django.utils.translation import gettext_lazy as _

from opd.forms import TanggalInput
from opd.models import OPD
from tpps.models import KehadiranRapat, KeputusanRapat, Rapat


class JamInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class RapatForm(forms.ModelForm):
    """A meeting's plan: when, where, who chairs, the agenda and the invited agencies."""

    agenda = forms.CharField(
        label=_("Agenda"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_(
            "Satu butir per baris. Tindak lanjut yang masih terbuka atau terlambat "
            "ditambahkan otomatis sesudah butir-butir ini."
        ),
    )
    diundang = forms.ModelMultipleChoiceField(
        label=_("OPD/instansi yang diundang"),
        queryset=OPD.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih sekurang-kurangnya satu OPD yang diundang.")},
    )

    class Meta:
        model = Rapat
        fields = [
            "jenis", "judul", "tanggal", "jam_mulai", "jam_selesai", "tempat",
            "pimpinan_rapat", "nomor_undangan",
        ]
        widgets = {"tanggal": TanggalInput(), "jam_mulai": JamInput(), "jam_selesai": JamInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pilihan = OPD.objects.aktif()
        if self.instance.pk:
            diundang = self.instance.kehadiran.values_list("opd_id", flat=True)
            # An agency invited earlier stays listed even if it has become inactive since.
            pilihan = OPD.objects.filter(pk__in=diundang) | pilihan
            self.fields["diundang"].initial = list(diundang)
            self.fields["agenda"].initial = "\n".join(
                self.instance.agenda.filter(tindak_lanjut__isnull=True).values_list(
                    "uraian", flat=True
                )
            )
        else:
            # By default every active member is invited.
            self.fields["diundang"].initial = list(OPD.objects.aktif().values_list("pk", flat=True))
        self.fields["diundang"].queryset = pilihan.order_by("urutan", "singkatan")

    def daftar_agenda(self) -> list[str]:
        return self.cleaned_data["agenda"].splitlines()


class KehadiranForm(forms.ModelForm):
    class Meta:
        model = KehadiranRapat
        fields = ["status", "nama_hadir", "jabatan_hadir"]


# edit_only: the grid edits the invited agencies; a forged extra row never creates one.
KehadiranFormSet = modelformset_factory(KehadiranRapat, form=KehadiranForm, extra=0,
                                        edit_only=True)


class NotulenForm(forms.ModelForm):
    class Meta:
        model = Rapat
        fields = ["notulen"]
        widgets = {"notulen": forms.Textarea(attrs={"rows": 8})}


class KeputusanForm(forms.ModelForm):
    class Meta:
        model = KeputusanRapat
        fields = ["uraian"]
        widgets = {"uraian": forms.Textarea(attrs={"rows": 2})}


class PeriodeForm(forms.Form):
    dari = forms.DateField(label=_("Dari tanggal"), required=False, widget=TanggalInput())
    sampai = forms.DateField(label=_("Sampai tanggal"), required=False, widget=TanggalInput())

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["sampai"] < data["dari"]:
            raise forms.ValidationError(_("Tanggal akhir periode tidak boleh sebelum tanggal awal."))
        return data
