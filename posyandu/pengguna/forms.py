"""The account form of Sekretariat TPPS: who the person is, their role, and their agency
or Posyandu scope. A new account gets no password: the person sets it through the
invitation link (opd.akun.undangan)."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opd import roles
from opd.models import OPD

from ..models import CakupanPetugas, Desa, Posyandu, Puskesmas
from .alur import Cakupan

Tingkat = CakupanPetugas.Tingkat
User = get_user_model()

PILIH_DARI_DAFTAR = _("Pilih dari daftar yang tersedia.")


def _pesan_pilihan(pesan=PILIH_DARI_DAFTAR) -> dict:
    return {"invalid_choice": pesan, "invalid_pk_value": pesan, "invalid_list": pesan}


class PenggunaForm(forms.ModelForm):
    """Inviting (no ``instance``) or editing an account. ``oleh`` is the Sekretariat user:
    their own role cannot be changed here (they would lock themselves out)."""

    peran = forms.ChoiceField(
        label=_("Peran"),
        choices=[("", "---------")] + [(nama, nama) for nama in roles.PERAN],
        error_messages={
            "required": _("Pilih peran pengguna."),
            "invalid_choice": _("Pilih salah satu dari empat peran yang tersedia."),
        },
        help_text=_("Operator OPD wajib memilih OPD-nya; Petugas Posyandu wajib diberi "
                    "cakupan wilayah."),
    )
    tingkat = forms.ChoiceField(
        label=_("Tingkat cakupan"), required=False,
        choices=[("", "---------"), *Tingkat.choices],
        error_messages=_pesan_pilihan(),
        help_text=_("Khusus Petugas Posyandu: Posyandu mana yang datanya boleh ia buka."),
    )
    posyandu = forms.ModelMultipleChoiceField(
        label=_("Posyandu"), required=False,
        queryset=Posyandu.objects.select_related("desa").order_by("nama", "desa__nama"),
        error_messages=_pesan_pilihan(_("Pilih Posyandu dari daftar yang tersedia.")),
        help_text=_("Untuk tingkat \u201cPosyandu tertentu\u201d. Tekan Ctrl (Command di Mac) "
                    "untuk memilih lebih dari satu."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    desa = forms.ModelChoiceField(
        label=_("Desa/kelurahan"), required=False,
        queryset=Desa.objects.select_related("kecamatan").order_by("nama"),
        error_messages=_pesan_pilihan(_("Pilih desa/kelurahan dari daftar yang tersedia.")),
        help_text=_("Untuk tingkat \u201cSatu desa/kelurahan\u201d."),
    )
    puskesmas = forms.ModelChoiceField(
        label=_("Puskesmas"), required=False, queryset=Puskesmas.objects.order_by("nama"),
        error_messages=_pesan_pilihan(_("Pilih Puskesmas dari daftar yang tersedia.")),
        help_text=_("Untuk tingkat \u201cWilayah kerja Puskesmas\u201d."),
    )

    class Meta:
        model = User
        fields = ["first_name", "last_name", "email", "username", "telepon", "jabatan", "nip",
                  "opd"]
        labels = {
            "first_name": _("Nama depan"),
            "last_name": _("Nama belakang"),
            "email": _("Alamat surel"),
            "username": _("Nama pengguna"),
            "opd": _("OPD/instansi"),
        }
        help_texts = {
            "email": _("Undangan dan tautan Lupa kata sandi dikirim ke alamat ini. Satu "
                       "alamat untuk satu akun."),
            "username": _("Dipakai untuk masuk. Kosongkan untuk memakai bagian depan alamat "
                          "surel. Huruf, angka dan . @ + - _ saja."),
            "opd": _("Wajib untuk Operator OPD; boleh diisi untuk peran lain (mis. "
                     "Sekretariat TPPS di Bappelitbangda)."),
        }
        error_messages = {"opd": _pesan_pilihan(_("Pilih OPD/instansi dari daftar yang "
                                                  "tersedia."))}

    def __init__(self, *args, oleh, **kwargs):
        super().__init__(*args, **kwargs)
        self.oleh = oleh
        self.fields["first_name"].required = True
        self.fields["first_name"].error_messages["required"] = _("Tulis nama depan pengguna.")
        self.fields["email"].required = True
        self.fields["email"].error_messages.update({
            "required": _("Tulis alamat surel: undangan dikirim ke sana."),
            "invalid": _("Tulis alamat surel yang benar, mis. nama@batukota.go.id."),
        })
        self.fields["username"].required = bool(self.instance.pk)
        self.fields["username"].error_messages["required"] = _("Tulis nama pengguna.")
        self.fields["opd"].queryset = OPD.objects.order_by("urutan", "singkatan")
        self.fields["opd"].label_from_instance = lambda o: f"{o.singkatan} — {o.nama}"
        self.fields["posyandu"].label_from_instance = lambda p: f"{p.nama} ({p.desa.nama})"
        if self.instance.pk:
            self._isi_awal(self.instance)
        if self.instance.pk and self.instance.pk == oleh.pk:
            # Nobody changes their own role: a Sekretariat user would lose these pages.
            self.fields["peran"].disabled = True
            self.fields["peran"].required = False
            self.fields["peran"].help_text = _("Peran akun Anda sendiri tidak dapat diubah "
                                               "di sini.")

    def _isi_awal(self, user):
        peran = next((g.name for g in user.groups.all() if g.name in roles.PERAN), "")
        self.initial.setdefault("peran", peran)
        try:
            cakupan = user.cakupan
        except CakupanPetugas.DoesNotExist:
            return
        self.initial.setdefault("tingkat", cakupan.tingkat)
        self.initial.setdefault("desa", cakupan.desa_id)
        self.initial.setdefault("puskesmas", cakupan.puskesmas_id)
        self.initial.setdefault("posyandu", [p.pk for p in cakupan.posyandu.all()])

    def _lain(self):
        return User.objects.exclude(pk=self.instance.pk) if self.instance.pk else User.objects

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if self._lain().filter(email__iexact=email).exists():
            raise ValidationError(_("Alamat surel ini sudah dipakai akun lain."))
        return email

    def clean_username(self):
        username = (self.cleaned_data.get("username") or "").strip()
        if username and self._lain().filter(username__iexact=username).exists():
            raise ValidationError(_("Nama pengguna ini sudah dipakai akun lain."))
        return username

    def clean_peran(self):
        peran = self.cleaned_data["peran"]
        if not peran and self.fields["peran"].disabled:
            return ""  # one's own account without a role: it stays so
        if not Group.objects.filter(name=peran).exists():
            raise ValidationError(_("Peran ini belum disiapkan; jalankan manage.py "
                                    "seed_reference."))
        return peran

    def clean(self):
        data = super().clean()
        if not data.get("username") and data.get("email") and "username" not in self.errors:
            data["username"] = self._username_dari(data["email"])
            self.instance.username = data["username"]
        peran = data.get("peran")
        if peran == roles.OPERATOR_OPD and not data.get("opd") and "opd" not in self.errors:
            self.add_error("opd", _("Operator OPD wajib memilih OPD/instansinya."))
        self._bersihkan_cakupan(data, peran)
        return data

    def _bersihkan_cakupan(self, data, peran):
        tingkat = data.get("tingkat")
        if any(k in self.errors for k in ("tingkat", "posyandu", "desa", "puskesmas")):
            return
        if peran != roles.PETUGAS_POSYANDU:
            if tingkat:
                self.add_error("tingkat", _(
                    "Cakupan wilayah hanya untuk Petugas Posyandu: kosongkan tingkat "
                    "cakupan, atau pilih peran Petugas Posyandu."))
            data["cakupan"] = None
            return
        if not tingkat:
            self.add_error("tingkat", _("Petugas Posyandu wajib diberi cakupan wilayah: "
                                        "pilih tingkatnya."))
            return
        cakupan = Cakupan(
            tingkat=tingkat,
            posyandu=tuple(data.get("posyandu") or ()) if tingkat == Tingkat.POSYANDU else (),
            desa=data.get("desa") if tingkat == Tingkat.DESA else None,
            puskesmas=data.get("puskesmas") if tingkat == Tingkat.PUSKESMAS else None,
        )
        if tingkat == Tingkat.POSYANDU and not cakupan.posyandu:
            self.add_error("posyandu", _("Pilih sedikitnya satu Posyandu."))
            return
        try:
            cakupan.periksa()
        except ValidationError as exc:
            for kolom, pesan in exc.message_dict.items():
                self.add_error(kolom if kolom in self.fields else None, pesan)
            return
        data["cakupan"] = cakupan

    @staticmethod
    def _username_dari(email: str) -> str:
        """The part of the address before @, made a valid and unused username."""
        dasar = re.sub(r"[^\w.@+-]", "", email.split("@")[0].lower())[:140] or "pengguna"
        calon, nomor = dasar, 1
        while User.objects.filter(username__iexact=calon).exists():
            nomor += 1
            calon = f"{dasar}{nomor}"
        return calon

