"""The upload and export forms."""

from pathlib import PurePath

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from posyandu.models import Desa, Kecamatan, Posyandu
from tpps.lib.spreadsheet import SpreadsheetError, periksa_tabel

TANDA = {".xlsx": b"PK\x03\x04", ".xls": b"\xd0\xcf\x11\xe0"}
#: .txt: Excel's "Unicode Text" (UTF-16, tab-separated).
AKHIRAN = (".csv", ".txt", ".xlsx", ".xls")


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas ekspor e-PPGBM"),
        help_text=_("Excel (.xlsx), CSV, atau Teks Unicode (.txt) dari Excel, dengan judul "
                    "kolom e-PPGBM di baris pertama."),
    )

    def clean_berkas(self):
        berkas = self.cleaned_data["berkas"]
        akhiran = PurePath(berkas.name).suffix.lower()
        if akhiran not in AKHIRAN:
            raise forms.ValidationError(_("Unggah berkas .xlsx atau .csv dari e-PPGBM."))
        batas = settings.UKURAN_IMPOR_MAKS_MB
        if berkas.size > batas * 1024 * 1024:
            raise forms.ValidationError(
                _("Berkas terlalu besar; batasnya %(batas)d MB.") % {"batas": batas}
            )
        if akhiran in TANDA:
            berkas.seek(0)
            awal = berkas.read(8)
            berkas.seek(0)
            if not awal.startswith(TANDA[akhiran]):
                raise forms.ValidationError(_("Isi berkas bukan Excel yang sah."))
        try:
            # The whole file, before a job is made: encoding and NUL bytes of a CSV, what
            # an .xlsx inflates to (a zip bomb never reaches the worker).
            periksa_tabel(berkas, nama=berkas.name)
        except SpreadsheetError as exc:
            raise forms.ValidationError(str(exc)) from None
        return berkas


FORMAT = [("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV (titik koma, koma desimal)"))]


class EksporForm(forms.Form):
    kecamatan = forms.ModelChoiceField(Kecamatan.objects.none(), required=False,
                                       label=_("Kecamatan"), empty_label=_("Semua"))
    desa = forms.ModelChoiceField(Desa.objects.none(), required=False,
                                  label=_("Desa/kelurahan"), empty_label=_("Semua"))
    posyandu = forms.ModelChoiceField(Posyandu.objects.none(), required=False,
                                      label=_("Posyandu"), empty_label=_("Semua"))
    dari = forms.DateField(label=_("Diukur dari"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))
    sampai = forms.DateField(label=_("sampai"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}))
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT, initial="xlsx")

    def __init__(self, *args, posyandu_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["posyandu"].queryset = posyandu_qs.select_related("desa")
        self.fields["desa"].queryset = Desa.objects.filter(
            posyandu__in=posyandu_qs).distinct().select_related("kecamatan")
        self.fields["kecamatan"].queryset = Kecamatan.objects.filter(
            desa__posyandu__in=posyandu_qs).distinct()

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            raise forms.ValidationError(_("Tanggal awal sesudah tanggal akhir."))
        return data
