"""A meeting's documents: printable A4 invitation, attendance sheet and minutes (printed
from the browser), and the invitation as a calendar (.ics) file."""

from django.http import HttpResponse
from django.shortcuts import render

from tpps import access

from . import undangan as kalender_undangan
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
    """The invitation as a calendar file: the same event (UID, SEQUENCE) as the e-mails
    carry, so a change or a cancellation replaces it in the calendar."""
    rapat = access.get_rapat(request.user, pk)
    resp = HttpResponse(kalender_undangan.berkas_ics(rapat), content_type="text/calendar; charset=utf-8")
    resp["Content-Disposition"] = f'attachment; filename="undangan-rapat-{rapat.pk}.ics"'
    return resp
