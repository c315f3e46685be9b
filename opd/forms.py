from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AnggotaTim, Bidang


class TanggalInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AnggotaTimForm(forms.ModelForm):
    """A representative of one agency; the agency comes from the page, never from the form."""

    menggantikan = forms.ModelChoiceField(
        label=_("Menggantikan"),
        queryset=AnggotaTim.objects.none(),
        required=False,
        help_text=_(
            "Pilih bila orang ini menggantikan perwakilan lama: masa jabatan yang lama "
            "berakhir sehari sebelum tanggal mulai, dan riwayatnya tetap tersimpan."
        ),
    )

    class Meta:
        model = AnggotaTim
        fields = [
            "nama", "jabatan", "peran", "bidang", "sk", "telepon", "email", "mulai", "sampai",
        ]
        widgets = {"mulai": TanggalInput(), "sampai": TanggalInput()}

    def __init__(self, *args, opd, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.opd = opd
        self.fields["bidang"].queryset = Bidang.objects.select_related("sk")
        if self.instance.pk:
            # Correcting a record: its end date is edited here, and nobody is replaced.
            del self.fields["menggantikan"]
        else:
            del self.fields["sampai"]
            self.fields["menggantikan"].queryset = opd.anggota.aktif().menurut_peran()


class AkhiriMasaForm(forms.Form):
    sampai = forms.DateField(label=_("Terakhir menjabat pada"), widget=TanggalInput())

    def __init__(self, *args, anggota, **kwargs):
        super().__init__(*args, **kwargs)
        self.anggota = anggota

    def clean_sampai(self):
        sampai = self.cleaned_data["sampai"]
        if sampai < self.anggota.mulai:
            raise forms.ValidationError(
                _("Tanggal selesai tidak boleh sebelum tanggal mulai (%(mulai)s)."),
                params={"mulai": self.anggota.mulai.strftime("%d-%m-%Y")},
            )
        return sampai
