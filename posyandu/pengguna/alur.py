"""Account workflows of Sekretariat TPPS: invite, edit, deactivate, reactivate, invite
again. Each writes the user, their role (a group of opd.roles) and their Posyandu scope in
one transaction; the invitation e-mail goes after the commit.

History: the account's own fields are in ``User.history`` (django-simple-history; the
password and last sign-in are not kept). A role or a scope is not a field of the user, so
each save states it as the history row's reason ("Peran: Operator OPD → Pimpinan"), with
who did it (``oleh``) and when.
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opd import roles
from opd.akun.undangan import kirim_undangan

from ..models import CakupanPetugas, Desa, Posyandu, Puskesmas
from . import daftar

Tingkat = CakupanPetugas.Tingkat
#: history_change_reason is a 100-character column.
PANJANG_ALASAN = 100


@dataclass(frozen=True)
class Cakupan:
    """A Petugas Posyandu's scope as chosen on the form (only the part its level uses)."""

    tingkat: str
    posyandu: tuple[Posyandu, ...] = ()
    desa: Desa | None = None
    puskesmas: Puskesmas | None = None

    def _model(self, user=None) -> CakupanPetugas:
        return CakupanPetugas(user=user, tingkat=self.tingkat, desa=self.desa,
                              puskesmas=self.puskesmas)

    def periksa(self) -> None:
        """The model's own rules (CakupanPetugas.clean); ValidationError when broken."""
        if self.tingkat not in Tingkat.values:
            raise ValidationError({"tingkat": _("Pilih tingkat cakupan dari daftar.")})
        self._model().clean()
        if self.tingkat == Tingkat.POSYANDU and not self.posyandu:
            raise ValidationError({"posyandu": _("Pilih sedikitnya satu Posyandu.")})

    def uraian(self) -> str:
        if self.tingkat == Tingkat.POSYANDU:
            nama = ", ".join(sorted(p.nama for p in self.posyandu))
            return _("Posyandu %(nama)s") % {"nama": nama}
        return daftar.uraian_cakupan(self._model())


def _ringkas(teks: str) -> str:
    return teks if len(teks) <= PANJANG_ALASAN else teks[: PANJANG_ALASAN - 1] + "…"


def _pasang_peran(user, peran: str) -> None:
    """``peran`` becomes the user's one role; groups outside the four roles (made by a
    superuser) stay. No ``peran`` (one's own account, which had none): nothing changes."""
    if not peran:
        return
    lama = [g for g in user.groups.all() if g.name in roles.PERAN and g.name != peran]
    if lama:
        user.groups.remove(*lama)
    user.groups.add(Group.objects.get(name=peran))


def _pasang_cakupan(user, cakupan: Cakupan | None) -> None:
    if cakupan is None:
        CakupanPetugas.objects.filter(user=user).delete()
        return
    cakupan.periksa()
    obj, _dibuat = CakupanPetugas.objects.update_or_create(user=user, defaults={
        "tingkat": cakupan.tingkat, "desa": cakupan.desa, "puskesmas": cakupan.puskesmas,
    })
    obj.posyandu.set(cakupan.posyandu)


def _simpan(user, *, oleh, alasan: str) -> None:
    user._history_user = oleh
    user._change_reason = _ringkas(alasan)
    user.save()


def undang_pengguna(*, oleh, user, peran: str, cakupan: Cakupan | None) -> bool:
    """Create ``user`` (unsaved, from the form) with no usable password, ``peran`` and
    ``cakupan``, then e-mail the invitation. True when the e-mail went."""
    with transaction.atomic():
        user.set_unusable_password()
        if peran in roles.PERAN_ADMIN:
            user.is_staff = True  # what roles.beri_akses_admin gives, in the same save
        alasan = _("Diundang sebagai %(peran)s") % {"peran": peran}
        if cakupan:
            alasan += "; " + _("cakupan: %(cakupan)s") % {"cakupan": cakupan.uraian()}
        _simpan(user, oleh=oleh, alasan=alasan)
        _pasang_peran(user, peran)
        _pasang_cakupan(user, cakupan)
        roles.beri_akses_admin(user)
    return kirim_undangan(user, oleh=oleh)


def ubah_pengguna(*, oleh, user, peran: str, cakupan: Cakupan | None) -> None:
    """Save the edited ``user`` (from the form) with ``peran`` and ``cakupan``."""
    with transaction.atomic():
        peran_lama = daftar.peran_dari(user) or "–"
        peran = peran or daftar.peran_dari(user) or ""
        cakupan_lama = daftar.uraian_cakupan(daftar.cakupan_dari(user)) or "–"
        cakupan_baru = cakupan.uraian() if cakupan else "–"
        bagian = []
        if peran and peran_lama != peran:
            bagian.append(_("Peran: %(lama)s → %(baru)s") % {"lama": peran_lama, "baru": peran})
        if cakupan_lama != cakupan_baru:
            bagian.append(_("cakupan: %(lama)s → %(baru)s")
                          % {"lama": cakupan_lama, "baru": cakupan_baru})
        if peran in roles.PERAN_ADMIN:
            user.is_staff = True
        _simpan(user, oleh=oleh, alasan="; ".join(bagian) or _("Data diubah"))
        _pasang_peran(user, peran)
        _pasang_cakupan(user, cakupan)


def nonaktifkan_pengguna(*, oleh, user) -> None:
    """The account can no longer sign in (its open sessions end: Django signs out an
    inactive user); everything it did and its history stay."""
    if user.pk == oleh.pk:
        raise ValidationError(_("Anda tidak dapat menonaktifkan akun Anda sendiri."))
    if not user.is_active:
        return
    with transaction.atomic():
        user.is_active = False
        _simpan(user, oleh=oleh, alasan=_("Dinonaktifkan"))


def aktifkan_pengguna(*, oleh, user) -> None:
    if user.is_active:
        return
    with transaction.atomic():
        user.is_active = True
        _simpan(user, oleh=oleh, alasan=_("Diaktifkan kembali"))


def kirim_ulang_undangan(*, oleh, user) -> bool:
    """A new invitation link for an account that has not set its password yet; every link
    sent before stops working (the unusable password is drawn again). True when the e-mail
    went."""
    if user.has_usable_password():
        raise ValidationError(_("Pengguna ini sudah memasang kata sandinya. Bila lupa, ia "
                                "dapat memakai \u201cLupa kata sandi?\u201d di halaman masuk."))
    if not user.is_active:
        raise ValidationError(_("Akun ini nonaktif: aktifkan dulu sebelum mengirim undangan."))
    if not user.email:
        raise ValidationError(_("Akun ini belum punya alamat surel: isi dulu di halaman ubah."))
    with transaction.atomic():
        user.set_unusable_password()
        _simpan(user, oleh=oleh, alasan=_("Undangan dikirim ulang"))
    return kirim_undangan(user, oleh=oleh)
