"""Meeting workflows that write several records: plan, carry follow-ups over, record."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.models import OPD
from tpps.models import AgendaRapat, KehadiranRapat, KeputusanRapat, Rapat, TindakLanjut

from . import undangan

#: What an invitation's calendar entry holds: a change to one of these tells the invited.
WAKTU_TEMPAT = ("tanggal", "jam_mulai", "jam_selesai", "tempat")


def _bersihkan_agenda(agenda: Iterable[str]) -> list[str]:
    return [a.strip() for a in agenda if a and a.strip()]


@transaction.atomic
def rencanakan_rapat(*, rapat: Rapat, agenda: Sequence[str], diundang: Iterable[OPD]) -> Rapat:
    """Save a new meeting with its agenda and invitations, and carry over every follow-up
    still open onto its agenda."""
    diundang = list(diundang)
    if not diundang:
        raise ValidationError(_("Pilih sekurang-kurangnya satu OPD yang diundang."))
    rapat.full_clean()
    rapat.save()
    AgendaRapat.objects.bulk_create(
        AgendaRapat(rapat=rapat, nomor=nomor, uraian=uraian)
        for nomor, uraian in enumerate(_bersihkan_agenda(agenda), start=1)
    )
    KehadiranRapat.objects.bulk_create(KehadiranRapat(rapat=rapat, opd=opd) for opd in diundang)
    bawa_tindak_lanjut(rapat=rapat)
    if _akan_datang(rapat):  # a meeting recorded after the fact invites nobody
        undangan.kabari_undangan(rapat)
    return rapat


def _akan_datang(rapat: Rapat) -> bool:
    return rapat.waktu_mulai() > timezone.now()


def _pastikan_tidak_dibatalkan(rapat: Rapat) -> None:
    if rapat.is_dibatalkan:
        raise ValidationError(_("Rapat ini sudah dibatalkan; rencananya tidak dapat diubah."))


@transaction.atomic
def ubah_rencana(*, rapat: Rapat, agenda: Sequence[str], diundang: Iterable[OPD]) -> Rapat:
    """Save a changed plan: the typed agenda items are replaced (carried follow-ups stay,
    numbered after them); invitations are added or withdrawn — but an agency whose
    attendance is already recorded cannot be withdrawn."""
    diundang = {opd.pk: opd for opd in diundang}
    if not diundang:
        raise ValidationError(_("Pilih sekurang-kurangnya satu OPD yang diundang."))
    lama = Rapat.objects.select_for_update().get(pk=rapat.pk)
    _pastikan_tidak_dibatalkan(lama)
    rapat.full_clean()
    berubah = any(getattr(lama, f) != getattr(rapat, f) for f in WAKTU_TEMPAT)
    rapat.versi_undangan = lama.versi_undangan + (1 if berubah else 0)
    rapat.save()
    sebelumnya = set(rapat.kehadiran.values_list("opd_id", flat=True))
    ditarik = rapat.kehadiran.exclude(opd__in=diundang.keys())
    sudah_dicatat = ditarik.exclude(status=KehadiranRapat.Status.BELUM).select_related("opd")
    if sudah_dicatat:
        raise ValidationError(
            _("Kehadiran %(opd)s sudah dicatat; undangannya tidak dapat ditarik.")
            % {"opd": ", ".join(k.opd.singkatan for k in sudah_dicatat)}
        )
    opd_ditarik = list(ditarik.values_list("opd_id", flat=True))
    ditarik.delete()
    ada = set(rapat.kehadiran.values_list("opd_id", flat=True))
    KehadiranRapat.objects.bulk_create(
        KehadiranRapat(rapat=rapat, opd=opd) for pk, opd in diundang.items() if pk not in ada
    )
    rapat.agenda.filter(tindak_lanjut__isnull=True).delete()
    baru = _bersihkan_agenda(agenda)
    AgendaRapat.objects.bulk_create(
        AgendaRapat(rapat=rapat, nomor=nomor, uraian=uraian)
        for nomor, uraian in enumerate(baru, start=1)
    )
    for nomor, item in enumerate(rapat.agenda.filter(tindak_lanjut__isnull=False),
                                 start=len(baru) + 1):
        if item.nomor != nomor:
            item.nomor = nomor
            item.save(update_fields=["nomor"])
    if not _akan_datang(rapat):
        return rapat
    tetap = sebelumnya & set(diundang)
    if berubah and tetap:
        undangan.kabari_perubahan(rapat, tetap)
    if baru_diundang := set(diundang) - sebelumnya:
        undangan.kabari_undangan(rapat, baru_diundang)
    if opd_ditarik:
        undangan.kabari_penarikan(rapat, opd_ditarik)
    return rapat


def alasan_tidak_dapat_dibatalkan(rapat: Rapat) -> str | None:
    """Why the meeting cannot be cancelled now (None: it can)."""
    if rapat.is_dibatalkan:
        return _("Rapat ini sudah dibatalkan.")
    if rapat.waktu_mulai() <= timezone.now():
        return _("Rapat ini sudah dimulai atau berlangsung; yang sudah terjadi tidak dibatalkan, "
                 "catat hasilnya.")
    if rapat.kehadiran.exclude(status=KehadiranRapat.Status.BELUM).exists():
        return _("Kehadiran rapat ini sudah dicatat; rapat tidak dapat dibatalkan.")
    return None


@transaction.atomic
def batalkan_rapat(*, rapat: Rapat, alasan: str, oleh) -> Rapat:
    """Cancel a meeting still to come: it stays on record as cancelled with its reason,
    and every invited agency's users are told, with a calendar file that removes it."""
    rapat = Rapat.objects.select_for_update().get(pk=rapat.pk)
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError(_("Tulis alasan pembatalan: undangan akan diberi tahu."))
    if sebab := alasan_tidak_dapat_dibatalkan(rapat):
        raise ValidationError(sebab)
    rapat.dibatalkan_pada = timezone.now()
    rapat.alasan_batal = alasan
    rapat.versi_undangan += 1
    rapat._history_user = oleh
    rapat._change_reason = alasan[:100]
    rapat.save()
    undangan.kabari_pembatalan(rapat)
    return rapat


def uraian_terbawa(tindak_lanjut: TindakLanjut) -> str:
    return _("Tindak lanjut: %(uraian)s (penanggung jawab %(opd)s, tenggat %(tenggat)s)") % {
        "uraian": tindak_lanjut.uraian[:350],
        "opd": tindak_lanjut.opd_penanggung_jawab.singkatan,
        "tenggat": tindak_lanjut.tenggat.strftime("%d-%m-%Y"),
    }


@transaction.atomic
def bawa_tindak_lanjut(*, rapat: Rapat) -> int:
    """Put every follow-up still open (not started or in progress) on the meeting's agenda,
    those overdue by the meeting's date first; follow-ups already on it, and those that
    come from this meeting's own decisions, are skipped. Returns how many were added."""
    rapat = Rapat.objects.select_for_update().get(pk=rapat.pk)
    terbuka = (
        TindakLanjut.objects.terbuka()
        .exclude(agenda_rapat__rapat=rapat)
        .exclude(keputusan__rapat=rapat)
        .select_related("opd_penanggung_jawab")
        .terlambat_dulu(pada=rapat.tanggal)
    )
    nomor = rapat.agenda.aggregate(n=Max("nomor"))["n"] or 0
    baru = []
    for tindak_lanjut in terbuka:
        nomor += 1
        baru.append(
            AgendaRapat(
                rapat=rapat, nomor=nomor, tindak_lanjut=tindak_lanjut,
                uraian=uraian_terbawa(tindak_lanjut),
            )
        )
    AgendaRapat.objects.bulk_create(baru)
    return len(baru)


def _pastikan_sudah_berlangsung(rapat: Rapat) -> None:
    if rapat.tanggal > timezone.localdate():
        raise ValidationError(
            _("Rapat ini belum berlangsung (%(tanggal)s); hasilnya baru dapat dicatat pada "
              "hari rapat atau sesudahnya.") % {"tanggal": rapat.tanggal.strftime("%d-%m-%Y")}
        )


@transaction.atomic
def catat_hasil(*, rapat: Rapat, kehadiran: Sequence[KehadiranRapat], notulen: str) -> Rapat:
    """Record who came for each invited agency, and the minutes."""
    if rapat.is_dibatalkan:
        raise ValidationError(_("Rapat ini dibatalkan; tidak ada hasil yang dicatat."))
    _pastikan_sudah_berlangsung(rapat)
    for baris in kehadiran:
        if baris.rapat_id != rapat.pk:
            raise ValidationError(_("Data kehadiran bukan milik rapat ini."))
        if baris.status not in KehadiranRapat.STATUS_HADIR:
            baris.nama_hadir = baris.jabatan_hadir = ""
        baris.full_clean()
    for baris in kehadiran:
        baris.save(update_fields=["status", "nama_hadir", "jabatan_hadir"])
    rapat.notulen = notulen
    rapat.save(update_fields=["notulen"])
    return rapat


@transaction.atomic
def tambah_keputusan(*, rapat: Rapat, uraian: str) -> KeputusanRapat:
    """Add the next numbered decision. The meeting row is locked so that two people adding
    a decision at once do not both take the same number."""
    rapat = Rapat.objects.select_for_update().get(pk=rapat.pk)
    _pastikan_sudah_berlangsung(rapat)
    nomor = (rapat.keputusan.aggregate(n=Max("nomor"))["n"] or 0) + 1
    keputusan = KeputusanRapat(rapat=rapat, nomor=nomor, uraian=uraian.strip())
    keputusan.full_clean()
    keputusan.save()
    return keputusan


@transaction.atomic
def hapus_keputusan(*, keputusan: KeputusanRapat) -> None:
    """Delete a decision that has no follow-up yet, and close the gap in the numbering."""
    if keputusan.tindak_lanjut.exists():
        raise ValidationError(
            _("Keputusan %(nomor)s sudah punya tindak lanjut; batalkan tindak lanjutnya, "
              "jangan hapus keputusannya.") % {"nomor": keputusan.nomor}
        )
    rapat = Rapat.objects.select_for_update().get(pk=keputusan.rapat_id)
    keputusan.delete()
    for berikut in rapat.keputusan.filter(nomor__gt=keputusan.nomor).order_by("nomor"):
        berikut.nomor -= 1
        berikut.save(update_fields=["nomor"])
