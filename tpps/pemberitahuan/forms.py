from django import forms
from django.utils.translation import gettext_lazy as _

from opd.models import Pemberitahuan, User
from tpps.lib.whatsapp import nomor_wa


class PengaturanForm(forms.ModelForm):
    """A user's own e-mail and phone, and which kinds come by e-mail."""

    surel = forms.MultipleChoiceField(
        label=_("Kirim lewat surel"), required=False, choices=Pemberitahuan.Jenis.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Yang tidak dicentang tetap masuk ke kotak pemberitahuan (lonceng)."),
    )

    class Meta:
        model = User
        fields = ["email", "telepon"]
        labels = {"email": _("Alamat surel")}
        help_texts = {"email": _("Kosongkan bila tidak ingin menerima surel sama sekali.")}

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email and User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Alamat surel ini sudah dipakai pengguna lain."))
        return email

    def clean_telepon(self):
        telepon = self.cleaned_data["telepon"].strip()
        if telepon and nomor_wa(telepon) is None:
            raise forms.ValidationError(_(
                "Nomor telepon tidak dikenali: tulis nomor ponsel Indonesia, mis. "
                "0812 3456 7890 atau +62 812 3456 7890."))
        return telepon
