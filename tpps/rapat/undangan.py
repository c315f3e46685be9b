"""A meeting's invitation as a calendar file, and telling the invited agencies' users of
the invitation, of a change of date, time or place, and of a cancellation.

One calendar UID per meeting, the same in the downloaded file and in every e-mail, so a
change or a cancellation replaces the event people added to their calendar.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.dateformat import format as format_tanggal
from django.utils.translation import gettext as _

from opd import pemberitahuan
from opd.models import User
from tpps import whatsapp
from tpps.lib.kalender import Acara, ics
from tpps.models import Rapat

Jenis = pemberitahuan.Jenis


def uid(rapat: Rapat) -> str:
    host = urlsplit(settings.ALAMAT_SITUS).hostname or "localhost"
    return f"rapat-{rapat.pk}@tpps.{host}"


def berkas_ics(rapat: Rapat) -> str:
    agenda = [f"{a.nomor}. {a.uraian}" for a in rapat.agenda.all()]
    uraian = "\n".join([
        _("Jenis: %(jenis)s") % {"jenis": rapat.get_jenis_display()},
        _("Pimpinan rapat: %(nama)s") % {"nama": rapat.pimpinan_rapat},
        _("Agenda:"),
        *agenda,
    ])
    if rapat.is_dibatalkan:
        uraian = _("DIBATALKAN: %(alasan)s") % {"alasan": rapat.alasan_batal} + "\n" + uraian
    acara = Acara(
        uid=uid(rapat), mulai=rapat.waktu_mulai(), selesai=rapat.waktu_selesai(),
        judul=rapat.judul, tempat=rapat.tempat, uraian=uraian,
        urutan=rapat.versi_undangan, batal=rapat.is_dibatalkan,
    )
    return ics(acara, prodid=f"-//TPPS {settings.NAMA_DAERAH}//Sistem Informasi TPPS//ID")


def waktu_teks(rapat: Rapat) -> str:
    """Senin, 7 Desember 2026, 09.00 WIB, di Ruang Rapat Sekda."""
    jam = rapat.jam_mulai.strftime("%H.%M")
    return _("%(hari)s, %(jam)s WIB, di %(tempat)s") % {
        "hari": format_tanggal(rapat.tanggal, "l, j F Y"), "jam": jam, "tempat": rapat.tempat}


def penerima(rapat: Rapat, opd_pk=None):
    """The active users of the invited agencies (or of the agencies ``opd_pk``)."""
    if opd_pk is None:
        opd_pk = rapat.kehadiran.values("opd")
    return User.objects.filter(is_active=True, opd__in=opd_pk)


def _beri_tahu(rapat, orang, *, kunci, judul, isi):
    return pemberitahuan.beri_tahu(
        orang, jenis=Jenis.RAPAT, kunci=kunci, judul=judul, isi=isi,
        tautan=rapat.get_absolute_url(), lampiran_ics=berkas_ics(rapat))


def kabari_undangan(rapat: Rapat, opd_pk=None) -> list:
    """The invitation, with its calendar file, to the invited agencies' users."""
    return _beri_tahu(
        rapat, penerima(rapat, opd_pk), kunci=f"rapat:{rapat.pk}:undangan:{rapat.versi_undangan}",
        judul=_("Undangan %(judul)s") % {"judul": rapat.judul},
        isi=_("%(jenis)s pada %(waktu)s. Pimpinan rapat: %(pimpinan)s. Berkas kalender "
              "terlampir.") % {"jenis": rapat.get_jenis_display(), "waktu": waktu_teks(rapat),
                               "pimpinan": rapat.pimpinan_rapat})


def kabari_perubahan(rapat: Rapat, opd_pk) -> list:
    return _beri_tahu(
        rapat, penerima(rapat, opd_pk), kunci=f"rapat:{rapat.pk}:ubah:{rapat.versi_undangan}",
        judul=_("Perubahan jadwal %(judul)s") % {"judul": rapat.judul},
        isi=_("Rapat dipindah ke %(waktu)s. Berkas kalender terlampir menggantikan yang "
              "lama.") % {"waktu": waktu_teks(rapat)})


def kabari_penarikan(rapat: Rapat, opd_pk) -> list:
    return pemberitahuan.beri_tahu(
        penerima(rapat, opd_pk), jenis=Jenis.RAPAT,
        kunci=f"rapat:{rapat.pk}:ditarik:{rapat.versi_undangan}",
        judul=_("Undangan %(judul)s ditarik") % {"judul": rapat.judul},
        isi=_("Instansi Anda tidak lagi diundang ke rapat pada %(waktu)s.") % {
            "waktu": waktu_teks(rapat)},
        tautan=rapat.get_absolute_url())


def kabari_pembatalan(rapat: Rapat) -> list:
    return _beri_tahu(
        rapat, penerima(rapat), kunci=f"rapat:{rapat.pk}:batal",
        judul=_("%(judul)s dibatalkan") % {"judul": rapat.judul},
        isi=_("Rapat pada %(waktu)s dibatalkan. Alasan: %(alasan)s") % {
            "waktu": waktu_teks(rapat), "alasan": rapat.alasan_batal})


def teks_wa(rapat: Rapat) -> str:
    """The invitation as a WhatsApp message (the meeting's page linked, nothing private)."""
    if rapat.is_dibatalkan:
        return _("Yth. Bapak/Ibu, %(judul)s pada %(waktu)s DIBATALKAN. Alasan: %(alasan)s. "
                 "%(url)s") % {"judul": rapat.judul, "waktu": waktu_teks(rapat),
                                "alasan": rapat.alasan_batal,
                                "url": pemberitahuan.tautan_penuh(rapat.get_absolute_url())}
    return _("Yth. Bapak/Ibu, dengan hormat kami mengundang ke %(judul)s (%(jenis)s) pada "
             "%(waktu)s. Pimpinan rapat: %(pimpinan)s. Rincian dan agenda: %(url)s") % {
        "judul": rapat.judul, "jenis": rapat.get_jenis_display(), "waktu": waktu_teks(rapat),
        "pimpinan": rapat.pimpinan_rapat,
        "url": pemberitahuan.tautan_penuh(rapat.get_absolute_url())}


def kontak_wa(rapat: Rapat) -> list[dict]:
    """Per invited agency, the people with a mobile number and the WhatsApp link with the
    invitation (or the cancellation) typed for each."""
    kehadiran = list(rapat.kehadiran.select_related("opd"))
    orang = whatsapp.kontak_wa([k.opd_id for k in kehadiran], teks_wa(rapat))
    return [{"opd": k.opd, "orang": orang[k.opd_id]} for k in kehadiran]
