"""Unlocking: Sekretariat TPPS clears the failures that lock an address, or one username at
an address (axes's AccessAttempt rows; the per-failure log axes.AccessFailureLog stays).

Who did it is kept as an admin log entry (``django.contrib.admin.models.LogEntry`` on
axes.AccessAttempt, "deleted"): who, when, which address and usernames, how many failures.
A superuser deleting attempts in the admin is logged the same way and shows in the same
history.
"""

from axes.models import AccessAttempt
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.translation import gettext as _

#: LogEntry.object_repr is a 200-character column.
PANJANG_OBJEK = 200


def buka_kunci(*, oleh, alamat: str, username: str | None = None) -> int:
    """Clear the failures counted at ``alamat`` (every username tried from it), or only
    ``username``'s there; logged with ``oleh``. Returns the failures cleared."""
    with transaction.atomic():
        percobaan = AccessAttempt.objects.select_for_update().filter(ip_address=alamat)
        if username:
            percobaan = percobaan.filter(username=username)
        baris = list(percobaan.values_list("pk", "username", "failures_since_start"))
        gagal = sum(f for _pk, _u, f in baris)
        nama = sorted({u or "" for _pk, u, _f in baris})
        AccessAttempt.objects.filter(pk__in=[pk for pk, _u, _f in baris]).delete()
        if username:
            objek = _("%(username)s di alamat %(alamat)s") % {"username": username,
                                                             "alamat": alamat}
        else:
            objek = _("alamat %(alamat)s") % {"alamat": alamat}
        LogEntry.objects.create(
            user=oleh,
            content_type=ContentType.objects.get_for_model(AccessAttempt),
            object_repr=objek[:PANJANG_OBJEK],
            action_flag=DELETION,
            change_message=_(
                "Kunci masuk dibuka: %(objek)s, %(gagal)s percobaan gagal dihapus "
                "(nama pengguna: %(nama)s)."
            ) % {"objek": objek, "gagal": gagal, "nama": ", ".join(nama) or "-"},
        )
    return gagal


def riwayat(jumlah: int = 20):
    """The latest unlocks (LogEntry rows on axes.AccessAttempt), newest first."""
    return (
        LogEntry.objects.filter(content_type__app_label="axes",
                                content_type__model="accessattempt")
        .select_related("user").order_by("-action_time")[:jumlah]
    )
