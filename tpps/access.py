"""Who may do what with meetings, follow-ups and partner contributions.

Every signed-in user reads every meeting and the whole register (architecture.md, "Who
sees what": the point is that everyone sees who is late). Sekretariat TPPS manages all;
an Operator OPD posts progress on the follow-ups their own agency is responsible for.
Every object a view touches comes through one of these helpers.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from .models import KeputusanRapat, KontribusiMitra, ProgresTindakLanjut, Rapat, TindakLanjut


def _wajib(izin: bool, pesan: str) -> None:
    """A permission the role lacks: 403, with ``pesan`` naming it."""
    if not izin:
        raise PermissionDenied(pesan)


# --- Meetings ---------------------------------------------------------------------------


def can_rencanakan_rapat(user) -> bool:
    return user.has_perm("tpps.add_rapat")


def can_kelola_rapat(user) -> bool:
    """Change a meeting's plan, record attendance, minutes and decisions."""
    return user.has_perm("tpps.change_rapat")


def get_rapat(user, pk: int) -> Rapat:
    return get_object_or_404(Rapat, pk=pk)


def get_rapat_for_kelola(user, pk: int) -> Rapat:
    _wajib(can_kelola_rapat(user), _("Peran Anda tidak memiliki izin mengelola rapat."))
    return get_object_or_404(Rapat, pk=pk)


def get_keputusan_for_kelola(user, pk: int) -> KeputusanRapat:
    _wajib(can_kelola_rapat(user), _("Peran Anda tidak memiliki izin mengelola rapat dan "
                                     "keputusannya."))
    return get_object_or_404(KeputusanRapat.objects.select_related("rapat"), pk=pk)


# --- Follow-ups -------------------------------------------------------------------------


def can_tambah_tindak_lanjut(user) -> bool:
    return user.has_perm("tpps.add_tindaklanjut")


def can_ubah_tindak_lanjut(user) -> bool:
    """Edit any follow-up's description, owner, due date; cancel it."""
    return user.has_perm("tpps.change_tindaklanjut")


def _operator_aktif(user, tindak_lanjut: TindakLanjut) -> bool:
    return (
        user.has_perm("tpps.catat_progres_opd_sendiri")
        and user.opd_id is not None
        and tindak_lanjut.status != TindakLanjut.Status.BATAL
    )


def can_ubah_status_progres(user, tindak_lanjut: TindakLanjut) -> bool:
    """A progress update may change the follow-up's state: Sekretariat TPPS, or the
    Operator OPD of the responsible agency (it answers for the task)."""
    if can_ubah_tindak_lanjut(user):
        return True
    return _operator_aktif(user, tindak_lanjut) and (
        user.opd_id == tindak_lanjut.opd_penanggung_jawab_id
    )


def can_catat_progres(user, tindak_lanjut: TindakLanjut) -> bool:
    """Sekretariat TPPS on every follow-up; an Operator OPD on the follow-ups of their own
    agency, responsible or supporting (a BPKP recommendation naming several agencies),
    while it is not cancelled. A supporting agency records what it did; the state is the
    responsible agency's to change (``can_ubah_status_progres``)."""
    if can_ubah_status_progres(user, tindak_lanjut):
        return True
    return _operator_aktif(user, tindak_lanjut) and (
        tindak_lanjut.opd_pendukung.filter(pk=user.opd_id).exists()
    )


def wajib_izin_progres(user) -> None:
    """Posting progress needs a role that may post some (Sekretariat TPPS, Operator OPD):
    refused before the follow-up is looked up, so a missing id answers as an existing one."""
    _wajib(can_ubah_tindak_lanjut(user) or user.has_perm("tpps.catat_progres_opd_sendiri"),
           _("Peran Anda tidak memiliki izin mencatat progres tindak lanjut."))


def can_buka_asal(user, tindak_lanjut: TindakLanjut) -> bool:
    """May open the page of the follow-up's origin: a meeting is open to everyone; a BPKP
    recommendation and an achievement follow the semester evaluation's rules (a Petugas
    Posyandu reads neither; an unverified achievement only its OPD and Sekretariat TPPS).
    An achievement's report must be loaded (``capaian__laporan``)."""
    from evaluasi import access as evaluasi_access

    if tindak_lanjut.rekomendasi_id:
        return user.has_perm("evaluasi.view_rekomendasibpkp")
    if tindak_lanjut.capaian_id:
        return user.has_perm("evaluasi.view_capaian") and evaluasi_access.can_lihat_laporan(
            user, tindak_lanjut.capaian.laporan)
    return True


def get_tindak_lanjut(user, pk: int) -> TindakLanjut:
    return get_object_or_404(
        TindakLanjut.objects.select_related(*TindakLanjut.ASAL_TERKAIT, "opd_penanggung_jawab")
        .dengan_keadaan_pada(),
        pk=pk,
    )


def get_tindak_lanjut_for_ubah(user, pk: int) -> TindakLanjut:
    _wajib(can_ubah_tindak_lanjut(user), _("Peran Anda tidak memiliki izin mengubah tindak "
                                           "lanjut."))
    return get_tindak_lanjut(user, pk)


# --- Partner contributions --------------------------------------------------------------


def can_kelola_kontribusi(user) -> bool:
    return user.has_perm("tpps.change_kontribusimitra")


def get_kontribusi_for_kelola(user, pk: int) -> KontribusiMitra:
    _wajib(can_kelola_kontribusi(user), _("Peran Anda tidak memiliki izin mengelola kontribusi "
                                          "mitra."))
    return get_object_or_404(KontribusiMitra.objects.select_related("mitra"), pk=pk)


def can_baca_register(user) -> bool:
    """Meetings and the register are open to every signed-in user (architecture.md)."""
    return bool(user and user.is_authenticated)


def get_progres_pemilik_berkas(user, nama: str) -> ProgresTindakLanjut | None:
    """The progress update holding an evidence file, if ``user`` may read it."""
    if not can_baca_register(user):
        return None
    return ProgresTindakLanjut.objects.filter(berkas=nama).first()
