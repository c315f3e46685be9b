"""Meeting workflows that write several records: plan, carry follow-ups over, record."""

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from opd.models import OPD
from tpps.models import AgendaRapat, KehadiranRapat, KeputusanRapat, Rapat, TindakLanjut


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
    return rapat


@transaction.atomic
def ubah_rencana(*, rapat: Rapat, agenda: Sequence[str], diundang: Iterable[OPD]) -> Rapat:
    """Save a changed plan: the typed agenda items are replaced (carried follow-ups stay,
    numbered after them); invitations are added or withdrawn — but an agency whose
    attendance is already recorded cannot be withdrawn."""
    diundang = {opd.pk: opd for opd in diundang}
    if not diundang:
        raise ValidationError(_("Pilih sekurang-kurangnya satu OPD yang diundang."))
    rapat.full_clean()
    rapat.save()
    ditarik = rapat.kehadiran.exclude(opd__in=diundang.keys())
    sudah_dicatat = ditarik.exclude(status=KehadiranRapat.Status.BELUM).select_related("opd")
    if sudah_dicatat:
        raise ValidationError(
            _("Kehadiran %(opd)s sudah dicatat; undangannya tidak dapat ditarik.")
            % {"opd": ", ".join(k.opd.singkatan for k in sudah_dicatat)}
        )
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
