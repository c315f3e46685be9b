"""Follow-up workflows that write several records."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from opd.models import OPD
from tpps.models import ProgresTindakLanjut, TindakLanjut


@transaction.atomic
def simpan_tindak_lanjut(*, tindak_lanjut: TindakLanjut, pendukung: Iterable[OPD]) -> TindakLanjut:
    """Save a follow-up with its supporting agencies (the responsible one is not also a
    supporter)."""
    pendukung = [o for o in pendukung if o.pk != tindak_lanjut.opd_penanggung_jawab_id]
    tindak_lanjut.full_clean()
    tindak_lanjut.save()
    tindak_lanjut.opd_pendukung.set(pendukung)
    return tindak_lanjut


@transaction.atomic
def catat_progres(*, tindak_lanjut: TindakLanjut, progres: ProgresTindakLanjut,
                  oleh) -> ProgresTindakLanjut:
    """Record a progress update and, when it says so, the follow-up's new state.

    The follow-up row is locked: two updates at once must not both judge "done needs
    evidence" on a state the other is changing. The update is saved before the state
    changes, so its evidence is what lets the follow-up be marked done."""
    tindak_lanjut = TindakLanjut.objects.select_for_update().get(pk=tindak_lanjut.pk)
    if tindak_lanjut.status == TindakLanjut.Status.BATAL and progres.status_baru in (
        "", TindakLanjut.Status.BATAL
    ):
        raise ValidationError(
            _("Tindak lanjut ini sudah dibatalkan; pilih status baru untuk membukanya kembali.")
        )
    progres.tindak_lanjut = tindak_lanjut
    progres.dicatat_oleh = oleh
    progres.full_clean()
    progres.save()
    if progres.status_baru and progres.status_baru != tindak_lanjut.status:
        tindak_lanjut.status = progres.status_baru
        tindak_lanjut.full_clean()
        tindak_lanjut.save(update_fields=["status"])
    return progres
