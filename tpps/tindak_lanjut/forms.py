from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from evaluasi.models import RekomendasiBPKP
from opd.forms import TanggalInput
from opd.models import OPD
from tpps.models import KeputusanRapat, ProgresTindakLanjut, TindakLanjut
from tpps.models.tindak_lanjut import ASAL


def isian_awal(asal: dict) -> dict:
    """What the origin already says about the task: a recommendation names its agencies and
    deadline; an achievement belongs to its reporting agency and carries its own plan."""
    if rekomendasi := asal.get("rekomendasi"):
        opd = list(rekomendasi.opd.order_by("urutan", "singkatan"))
        return {
            "uraian": rekomendasi.uraian,
            "opd_penanggung_jawab": opd[0].pk if opd else None,
            "opd_pendukung": [o.pk for o in opd[1:]],
            "tenggat": rekomendasi.batas_waktu,
        }
    if capaian := asal.get("capaian"):
        return {
            "uraian": capaian.rencana_tindak_lanjut,
            "opd_penanggung_jawab": capaian.laporan.opd_id,
        }
    return {}


class TindakLanjutForm(forms.ModelForm):
    """A follow-up. Its origin comes from the page that created it (``?keputusan=``) or is
    chosen here; once saved, the origin does not change."""

    class Meta:
        model = TindakLanjut
        fields = [*ASAL, "uraian", "opd_penanggung_jawab", "opd_pendukung", "tenggat"]
        widgets = {
            "tenggat": TanggalInput(),
            "uraian": forms.Textarea(attrs={"rows": 3}),
            "opd_pendukung": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, asal: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        aktif = OPD.objects.aktif()
        if self.instance.pk:
            aktif = aktif | OPD.objects.filter(
                Q(pk=self.instance.opd_penanggung_jawab_id)
                | Q(pk__in=self.instance.opd_pendukung.values("pk"))
            )
        opd = aktif.distinct().order_by("urutan", "singkatan")
        self.fields["opd_penanggung_jawab"].queryset = opd
        self.fields["opd_pendukung"].queryset = opd
        self.fields["keputusan"].queryset = KeputusanRapat.objects.select_related("rapat").order_by(
            "-rapat__tanggal", "nomor"
        )
        self.fields["rekomendasi"].queryset = RekomendasiBPKP.objects.select_related(
            "temuan__evaluasi"
        )
        if self.instance.pk or asal:
            # The origin is fixed: by the record itself, or by the page the user came from.
            for nama in ASAL:
                self.fields[nama].disabled = True
                self.fields[nama].widget = forms.HiddenInput()
            if asal and not self.instance.pk:
                for nama, obj in asal.items():
                    self.initial[nama] = obj.pk
                for nama, nilai in isian_awal(asal).items():
                    self.initial.setdefault(nama, nilai)
        else:
            # An achievement's follow-up starts from the achievement's page (one click).
            del self.fields["capaian"]
            self.fields["keputusan"].help_text = _(
                "Pilih keputusan rapat atau rekomendasi BPKP yang ditindaklanjuti (salah satu)."
            )

    def clean(self):
        data = super().clean()
        pj = data.get("opd_penanggung_jawab")
        if pj and pj in (data.get("opd_pendukung") or []):
            self.add_error(
                "opd_pendukung",
                _("OPD penanggung jawab tidak perlu dipilih lagi sebagai pendukung."),
            )
        return data


class ProgresForm(forms.ModelForm):
    """A progress update. An Operator OPD cannot cancel a follow-up; Sekretariat TPPS can.
    A supporting agency's operator posts progress without a state change."""

    tautan = forms.URLField(
        label=_("Tautan bukti"), required=False, assume_scheme="https",
        help_text=ProgresTindakLanjut._meta.get_field("tautan").help_text,
    )

    class Meta:
        model = ProgresTindakLanjut
        fields = ["tanggal", "catatan", "status_baru", "berkas", "tautan"]
        widgets = {"tanggal": TanggalInput(), "catatan": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, can_batal: bool = False, can_ubah_status: bool = True,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["berkas"].widget.attrs["accept"] = ".pdf,.png,.jpg,.jpeg"
        if not can_ubah_status:
            # A supporting agency reports its part; the responsible agency changes the state.
            del self.fields["status_baru"]
            return
        pilihan = [("", _("— tidak berubah —"))] + [
            (nilai, label) for nilai, label in TindakLanjut.Status.choices
            if can_batal or nilai != TindakLanjut.Status.BATAL
        ]
        self.fields["status_baru"].choices = pilihan


class SaringForm(forms.Form):
    """The register's filters; every field is optional and a wrong value is ignored."""

    STATUS = [
        ("", _("Semua status")),
        ("terbuka", _("Terbuka (belum mulai / berjalan)")),
        ("terlambat", _("Terlambat")),
        *TindakLanjut.Status.choices,
    ]
    ASAL = [("", _("Semua asal")), ("keputusan", _("Keputusan rapat")),
            ("rekomendasi", _("Rekomendasi BPKP")), ("capaian", _("Capaian di bawah target"))]

    q = forms.CharField(label=_("Cari"), required=False)
    opd = forms.ModelChoiceField(
        label=_("OPD"), queryset=OPD.objects.order_by("urutan", "singkatan"), required=False,
        empty_label=_("Semua OPD"),
    )
    termasuk_pendukung = forms.BooleanField(label=_("termasuk sebagai pendukung"), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=STATUS, required=False)
    asal = forms.ChoiceField(label=_("Asal"), choices=ASAL, required=False)
    rapat = forms.IntegerField(required=False, widget=forms.HiddenInput)
    keputusan = forms.IntegerField(required=False, widget=forms.HiddenInput)
    rekomendasi = forms.IntegerField(required=False, widget=forms.HiddenInput)
    capaian = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def saring(self, qs):
        if not self.is_valid():
            return qs
        data = self.cleaned_data
        if data["q"]:
            qs = qs.filter(uraian__icontains=data["q"])
        if data["opd"]:
            qs = qs.milik_opd(data["opd"], dengan_pendukung=data["termasuk_pendukung"])
        if data["status"] == "terbuka":
            qs = qs.terbuka()
        elif data["status"] == "terlambat":
            qs = qs.terlambat()
        elif data["status"]:
            qs = qs.filter(status=data["status"])
        if data["asal"]:
            qs = qs.filter(**{f"{data['asal']}__isnull": False})
        if data["rapat"]:
            qs = qs.filter(keputusan__rapat=data["rapat"])
        for nama in ASAL:
            if data[nama]:
                qs = qs.filter(**{nama: data[nama]})
        return qs
