"""The invitation: a one-time link with which a new user sets their own password.

The link carries a token of :class:`TokenUndangan`, a ``PasswordResetTokenGenerator`` with
its own ``key_salt`` (an invitation token is no reset token, nor the other way round) and
its own lifetime, :data:`BERLAKU_HARI` (7 days: a new colleague may open the e-mail after
a week-end or a field trip). ``settings.PASSWORD_RESET_TIMEOUT`` stays the lifetime of the
"Lupa kata sandi?" links only (Django's default, 3 days), which the person asked for a
minute ago.

Single use, as Django's reset token: the token hashes the user's password field and last
sign-in, so setting a password invalidates it. Sending the invitation again gives the
account a fresh unusable password (``set_unusable_password``: random), which invalidates
every link sent before. A deactivated account's link does not open.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_encode

log = logging.getLogger(__name__)

SAH = "sah"
KEDALUWARSA = "kedaluwarsa"
TIDAK_SAH = "tidak_sah"


#: How many days an invitation link opens.
BERLAKU_HARI = 7


def berlaku() -> timedelta:
    """How long an invitation link opens."""
    return timedelta(days=BERLAKU_HARI)


class TokenUndangan(PasswordResetTokenGenerator):
    """Invitation tokens: 7 days, and they tell an expired link from a wrong one."""

    key_salt = "opd.akun.undangan.TokenUndangan"

    def periksa(self, user, token) -> str:
        """``SAH``, ``KEDALUWARSA`` (right token, too old) or ``TIDAK_SAH`` (forged, used,
        replaced by a newer invitation, or the account is deactivated)."""
        if not (user and token) or not user.is_active:
            return TIDAK_SAH
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return TIDAK_SAH
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, rahasia), token)
            for rahasia in [self.secret, *self.secret_fallbacks]
        ):
            return TIDAK_SAH
        if self._num_seconds(self._now()) - ts > berlaku().total_seconds():
            return KEDALUWARSA
        return SAH

    def check_token(self, user, token):
        return self.periksa(user, token) == SAH


token_undangan = TokenUndangan()


def tautan_undangan(user) -> str:
    """The full address (``settings.ALAMAT_SITUS``) of a new invitation link for ``user``."""
    jalur = reverse("akun:undangan", kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": token_undangan.make_token(user),
    })
    return settings.ALAMAT_SITUS + jalur


def kirim_undangan(user, *, oleh=None) -> bool:
    """E-mail ``user`` a new invitation link. False when the mail server refused it (the
    account stays; the invitation can be sent again from the users list)."""
    konteks = {
        "user": user,
        "oleh": oleh,
        "tautan": tautan_undangan(user),
        "berlaku_sampai": timezone.localtime() + berlaku(),
        "alamat_situs": settings.ALAMAT_SITUS,
        "nama_daerah": settings.NAMA_DAERAH,
    }
    subjek = " ".join(render_to_string("akun/surel_undangan_subjek.txt", konteks).split())
    isi = render_to_string("akun/surel_undangan.txt", konteks)
    try:
        send_mail(subjek, isi, None, [user.email])
    except (smtplib.SMTPException, OSError):
        log.exception("Undangan untuk pengguna %s tidak terkirim", user.pk)
        return False
    return True
