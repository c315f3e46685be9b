"""The forms of the invitation and the password reset, in the product's words."""

import unicodedata

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _


class AturSandiForm(SetPasswordForm):
    """The new password, typed twice (invitation and reset)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Kata sandi baru")
        self.fields["new_password2"].label = _("Ulangi kata sandi baru")
        self.fields["new_password2"].help_text = _("Ketik sekali lagi untuk memastikan.")
        self.error_messages = {
            **self.error_messages,
            "password_mismatch": _("Kedua kata sandi tidak sama."),
        }


class LupaSandiForm(PasswordResetForm):
    """An e-mail address; a reset link goes to each active account that has it.

    Unlike Django's form, an account that has not set a password yet (its invitation was
    lost or expired) gets a link too: it is the same person asking for the same thing.
    A deactivated account gets nothing. The page answers the same either way.
    """

    email = forms.EmailField(
        label=_("Alamat surel"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={"invalid": _("Tulis alamat surel yang benar, mis. nama@batukota.go.id.")},
    )

    def get_users(self, email):
        User = get_user_model()
        kolom = User.get_email_field_name()
        aktif = User._default_manager.filter(**{f"{kolom}__iexact": email, "is_active": True})
        return (u for u in aktif if _sama(email, getattr(u, kolom)))


def _sama(a: str, b: str) -> bool:
    """Two addresses equal regardless of case (as Django's reset form compares them)."""
    return (unicodedata.normalize("NFKC", a).casefold()
            == unicodedata.normalize("NFKC", b).casefold())
