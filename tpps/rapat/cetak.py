"""A meeting's documents: printable A4 invitation, attendance sheet and minutes (printed
from the browser), and the invitation as a calendar (.ics) file."""

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from tpps import access
from tpps.lib.kalender import Acara, ics

from .views import _isi_rapat


def _dokumen(request, pk, template):
    rapat = access.get_rapat(request.user, pk)
    return render(request, template, _isi_rapat(rapat))


def undangan(request, pk):
    return _dokumen(request, pk, "rapat/cetak_undangan.html")


def daftar_hadir(request, pk):
    return _dokumen(request, pk, "rapat/cetak_daftar_hadir.html")


def notulen(request, pk):
    return _dokumen(request, pk, "rapat/cetak_notulen.html")


def undangan_ics(request, pk):
    rapat = access.get_rapat(request.user, pk)
    agenda = [f"{a.nomor}. {a.uraian}" for a in rapat.agenda.all()]
    uraian = "\n".join(
        [
            _("Jenis: %(jenis)s") % {"jenis": rapat.get_jenis_display()},
            _("Pimpinan rapat: %(nama)s") % {"nama": rapat.pimpinan_rapat},
            _("Agenda:"),
            *agenda,
        ]
    )
    acara = Acara(
        uid=f"rapat-{rapat.pk}@tpps.{request.get_host().split(':')[0]}",
        mulai=rapat.waktu_mulai(),
        selesai=rapat.waktu_selesai(),
        judul=rapat.judul,
        tempat=rapat.tempat,
        uraian=uraian,
    )
    prodid = f"-//TPPS {settings.NAMA_DAERAH}//Sistem Informasi TPPS//ID"
    resp = HttpResponse(ics(acara, prodid=prodid), content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="undangan-rapat-{rapat.pk}.ics"'
    return resp
