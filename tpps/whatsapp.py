"""Who at an agency can be reached by WhatsApp, with the share link of one message typed
for each (``tpps.lib.whatsapp``): its active users and its serving TPPS members with a
mobile number. The message is sent from the user's own phone; nothing leaves the server."""

from opd.models import AnggotaTim, User
from tpps.lib.whatsapp import tautan_wa


def kontak_wa(opd_pk, teks: str) -> dict[int, list[dict]]:
    """Per agency of ``opd_pk``: [{"nama", "tautan"}] (a number reached once)."""
    orang: dict[int, list[dict]] = {pk: [] for pk in opd_pk}
    calon = [(u.opd_id, str(u), u.telepon)
             for u in User.objects.filter(is_active=True, opd__in=opd_pk).exclude(telepon="")]
    calon += [(a.opd_id, a.nama, a.telepon)
              for a in AnggotaTim.objects.aktif().filter(opd__in=opd_pk).exclude(telepon="")]
    for opd_id, nama, telepon in calon:
        link = tautan_wa(telepon, teks)
        if link and all(o["tautan"] != link for o in orang[opd_id]):
            orang[opd_id].append({"nama": nama, "tautan": link})
    return orang
