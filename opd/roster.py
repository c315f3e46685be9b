"""Roster workflows that write more than one record."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import AnggotaTim


@transaction.atomic
def tambah_perwakilan(*, baru: AnggotaTim, menggantikan: AnggotaTim | None = None) -> AnggotaTim:
    """Add a representative; when they replace someone, that person's term ends the day before.

    Ending the old record instead of renaming it keeps who represented the agency when.
    """
    if menggantikan is not None:
        menggantikan = AnggotaTim.objects.select_for_update().get(pk=menggantikan.pk)
        if menggantikan.opd_id != baru.opd_id:
            raise ValidationError(_("Yang digantikan harus dari OPD/instansi yang sama."))
        if baru.mulai <= menggantikan.mulai:
            raise ValidationError(
                {"mulai": _("Tanggal mulai harus sesudah tanggal mulai orang yang digantikan.")}
            )
        akhiri_masa(anggota=menggantikan, sampai=baru.mulai - timedelta(days=1))
    baru.full_clean()
    baru.save()
    return baru


def akhiri_masa(*, anggota: AnggotaTim, sampai) -> AnggotaTim:
    """End a person's term on ``sampai`` (inclusive); the record stays as history."""
    anggota.sampai = sampai
    anggota.full_clean()
    anggota.save(update_fields=["sampai"])
    return anggota
