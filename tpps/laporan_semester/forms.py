from django import forms
from django.utils.translation import gettext_lazy as _


class KonfirmasiPengesahanForm(forms.Form):
    """The explicit confirmation a sign-off needs: it can never be undone."""

    konfirmasi = forms.BooleanField(
        label=_("Saya telah memeriksa isi laporan ini dan mengesahkannya atas nama saya. "
                "Saya mengerti bahwa pengesahan tidak dapat dibatalkan atau diubah."),
        error_messages={"required": _(
            "Laporan belum disahkan: centang pernyataan di bawah lalu tekan \"Ya, sahkan "
            "laporan\". Tanpa pernyataan itu tidak ada yang disimpan.")},
    )
