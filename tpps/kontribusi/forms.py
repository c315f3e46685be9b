from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opd.models import Mitra
from posyandu.models import Desa, Kegiatan
from tpps.lib.numbers import parse_integer
from tpps.models import KontribusiMitra


class RupiahField(forms.IntegerField):
    """Money as people type it: "1.250.000", "Rp 1.250.000,00" or "1250000"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_integer(value)
        except ValueError as exc:
            raise forms.ValidationError(
                _("Nilai rupiah tidak sah: %(alasan)s."), code="invalid",
                params={"alasan": str(exc)},
            ) from exc

    def prepare_value(self, value):
        if isinstance(value, int):
            return f"{value:,}".replace(",", ".")
        return value


class KontribusiMitraForm(forms.ModelForm):
    nilai_rp = RupiahField(label=_("Nilai (Rp)"), min_value=1,
                           help_text=_("Contoh: 25.000.000. Barang dan jasa dinilai setara uang."))

    class Meta:
        model = KontribusiMitra
        fields = ["mitra", "tahun", "bentuk", "uraian", "nilai_rp", "sasaran",
                  "jumlah_penerima", "kegiatan", "desa", "catatan"]
        widgets = {"catatan": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, mitra: Mitra | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mitra"].queryset = Mitra.objects.order_by("nama")
        self.fields["desa"].queryset = Desa.objects.select_related("kecamatan")
        self.fields["desa"].label_from_instance = lambda d: _("%(desa)s (Kec. %(kecamatan)s)") % {
            "desa": d, "kecamatan": d.kecamatan.nama}
        kegiatan = Kegiatan.objects.filter(mitra__isnull=False).select_related(
            "posyandu__desa", "mitra"
        )
        mitra_tetap = mitra or (self.instance.mitra if self.instance.pk else None)
        if mitra_tetap is not None:
            kegiatan = kegiatan.filter(mitra=mitra_tetap)
        self.fields["kegiatan"].queryset = kegiatan
        if mitra is not None or self.instance.pk:
            # The partner comes from the page (or the record); it is not changed here.
            self.fields["mitra"].disabled = True
            self.fields["mitra"].widget = forms.HiddenInput()
            if mitra is not None and not self.instance.pk:
                self.initial["mitra"] = mitra.pk
        if not self.instance.pk:
            self.initial.setdefault("tahun", timezone.localdate().year)
