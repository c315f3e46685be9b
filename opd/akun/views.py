"""Pages a person opens without being signed in: the invitation link, and "Lupa kata
sandi?" (Django's password reset views with Indonesian templates). None of them says
whether an address or an account exists."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .forms import AturSandiForm, LupaSandiForm
from .undangan import KEDALUWARSA, TIDAK_SAH, token_undangan


class TerimaUndanganView(auth_views.PasswordResetConfirmView):
    """The invitation link: the new user sets their password, once, within 7 days."""

    form_class = AturSandiForm
    token_generator = token_undangan
    template_name = "akun/undangan_terima.html"
    success_url = reverse_lazy("akun:undangan-selesai")
    title = _("Atur kata sandi")

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        if not self.validlink:
            token = self.kwargs.get("token")
            if token == self.reset_url_token:
                token = self.request.session.get(auth_views.INTERNAL_RESET_SESSION_TOKEN)
            alasan = token_undangan.periksa(self.user, token) if self.user else TIDAK_SAH
            konteks["kedaluwarsa"] = alasan == KEDALUWARSA
        konteks["title"] = self.title
        return konteks


class UndanganSelesaiView(auth_views.PasswordResetCompleteView):
    template_name = "akun/undangan_selesai.html"
    title = _("Kata sandi dipasang")


class LupaSandiView(auth_views.PasswordResetView):
    """An address in, the same answer out: a link is mailed to each active account with it."""

    form_class = LupaSandiForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("akun:lupa-sandi-terkirim")
    title = _("Lupa kata sandi")

    def form_valid(self, form):
        self.extra_email_context = {
            "alamat_situs": settings.ALAMAT_SITUS,
            "berlaku_sampai": timezone.localtime()
            + timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT),
            "nama_daerah": settings.NAMA_DAERAH,
        }
        return super().form_valid(form)


class LupaSandiTerkirimView(auth_views.PasswordResetDoneView):
    title = _("Periksa kotak surel Anda")


class AturUlangSandiView(auth_views.PasswordResetConfirmView):
    form_class = AturSandiForm
    success_url = reverse_lazy("akun:atur-ulang-selesai")
    title = _("Atur ulang kata sandi")

    def get_context_data(self, **kwargs):
        konteks = super().get_context_data(**kwargs)
        konteks["title"] = self.title
        return konteks


class AturUlangSelesaiView(auth_views.PasswordResetCompleteView):
    title = _("Kata sandi diganti")
