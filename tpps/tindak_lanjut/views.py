"""The follow-up register under /tindak-lanjut/: everyone signed in reads all of it."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateformat import format as format_tanggal
from django.utils.translation import gettext as _

from evaluasi.models import Capaian, RekomendasiBPKP
from opd.pemberitahuan import tautan_penuh
from tpps import access, whatsapp
from tpps.models import KeputusanRapat, TindakLanjut

from . import alur
from .forms import ProgresForm, SaringForm, TindakLanjutForm

PER_HALAMAN = 50


def daftar(request):
    """The whole register, overdue first, filtered by agency, state, origin."""
    saring = SaringForm(request.GET or None)
    register = saring.saring(
        TindakLanjut.objects.select_related("opd_penanggung_jawab", *TindakLanjut.ASAL_TERKAIT)
        .prefetch_related("opd_pendukung")
    ).terlambat_dulu()
    halaman = Paginator(register, PER_HALAMAN).get_page(request.GET.get("halaman"))
    for tl in halaman:
        tl.can_buka_asal = access.can_buka_asal(request.user, tl)
    parameter = request.GET.copy()
    parameter.pop("halaman", None)
    return render(request, "tindak_lanjut/daftar.html", {
        "saring": saring,
        "halaman": halaman,
        "parameter": parameter.urlencode(),
        "hari_ini": timezone.localdate(),
        "can_tambah": access.can_tambah_tindak_lanjut(request.user),
    })


def rekap(request):
    """Per responsible agency: how many follow-ups in each state and how many overdue."""
    return render(request, "tindak_lanjut/rekap.html", {
        "rekap": TindakLanjut.objects.rekap_per_opd(),
        "hari_ini": timezone.localdate(),
    })


# Where each origin is read from when a page links here with ``?<origin>=<pk>``.
SUMBER_ASAL = {
    "keputusan": KeputusanRapat.objects.select_related("rapat"),
    "rekomendasi": RekomendasiBPKP.objects.select_related("temuan__evaluasi"),
    "capaian": Capaian.objects.select_related("laporan", "semester", "indikator"),
}


def _asal_dari_url(request) -> dict:
    """The origin given by the page the user came from (``?keputusan=<pk>``,
    ``?rekomendasi=<pk>`` or ``?capaian=<pk>``); an unknown one is a 404."""
    for nama, qs in SUMBER_ASAL.items():
        pk = request.GET.get(nama, "")
        if pk:
            if not pk.isdigit():
                raise Http404
            obj = qs.filter(pk=pk).first()
            if obj is None:
                raise Http404
            return {nama: obj}
    return {}


def _asal_ditolak(asal: dict) -> str | None:
    """Why this origin cannot take a follow-up, if it cannot."""
    capaian = asal.get("capaian")
    if capaian is not None and not Capaian.objects.dengan_persen_capaian().filter(
        pk=capaian.pk, tercapai=False
    ).exists():
        return _("Capaian %(capaian)s tidak di bawah target (atau belum ada nilai/target); "
                 "tindak lanjut dari capaian hanya untuk yang di bawah target.") % {
                     "capaian": capaian}
    return None


def tambah(request):
    if not access.can_tambah_tindak_lanjut(request.user):
        raise PermissionDenied
    asal = _asal_dari_url(request)
    if alasan := _asal_ditolak(asal):
        messages.error(request, alasan)
        return redirect(next(iter(asal.values())))
    form = TindakLanjutForm(request.POST or None, asal=asal)
    if request.method == "POST" and form.is_valid():
        try:
            tindak_lanjut = alur.simpan_tindak_lanjut(
                tindak_lanjut=form.save(commit=False),
                pendukung=form.cleaned_data["opd_pendukung"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tindak lanjut dicatat untuk %(opd)s.")
                             % {"opd": tindak_lanjut.opd_penanggung_jawab.singkatan})
            # Back where the click came from: the decision, recommendation or achievement.
            return redirect(tindak_lanjut.asal.get_absolute_url())
    return render(request, "tindak_lanjut/form.html", {
        "form": form, "asal": next(iter(asal.values()), None),
        "judul": _("Tambah tindak lanjut"),
    })


def ubah(request, pk):
    tindak_lanjut = access.get_tindak_lanjut_for_ubah(request.user, pk)
    form = TindakLanjutForm(request.POST or None, instance=tindak_lanjut)
    if request.method == "POST" and form.is_valid():
        try:
            alur.simpan_tindak_lanjut(tindak_lanjut=form.save(commit=False),
                                      pendukung=form.cleaned_data["opd_pendukung"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tindak lanjut disimpan."))
            return redirect(tindak_lanjut)
    return render(request, "tindak_lanjut/form.html", {
        "form": form, "asal": tindak_lanjut.asal, "tindak_lanjut": tindak_lanjut,
        "judul": _("Ubah tindak lanjut"),
    })


def detail(request, pk):
    """One follow-up with its progress; Sekretariat TPPS and the Operator OPD of the
    responsible and the supporting agencies post progress here."""
    if request.method == "POST":
        access.wajib_izin_progres(request.user)
    tindak_lanjut = access.get_tindak_lanjut(request.user, pk)
    tindak_lanjut.can_buka_asal = access.can_buka_asal(request.user, tindak_lanjut)
    can_progres = access.can_catat_progres(request.user, tindak_lanjut)
    can_batal = access.can_ubah_tindak_lanjut(request.user)
    form = None
    if can_progres:
        form = ProgresForm(
            request.POST or None, request.FILES or None, can_batal=can_batal,
            can_ubah_status=access.can_ubah_status_progres(request.user, tindak_lanjut),
        )
    elif request.method == "POST":
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            alur.catat_progres(tindak_lanjut=tindak_lanjut, progres=form.save(commit=False),
                               oleh=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Progres dicatat."))
            return redirect(tindak_lanjut)
    return render(request, "tindak_lanjut/detail.html", {
        "tl": tindak_lanjut,
        "progres": tindak_lanjut.progres.select_related("dicatat_oleh__opd"),
        "pendukung": tindak_lanjut.opd_pendukung.all(),
        "agenda_rapat": tindak_lanjut.agenda_rapat.select_related("rapat"),
        "form": form,
        "can_ubah": can_batal,
        "hari_ini": timezone.localdate(),
        "kontak_wa": _kontak_pengingat(tindak_lanjut) if can_batal
        and tindak_lanjut.status in TindakLanjut.STATUS_TERBUKA else None,
    })


def _kontak_pengingat(tindak_lanjut: TindakLanjut) -> list[dict]:
    """The responsible agency's people with a mobile number, each with a WhatsApp link
    holding a reminder of this follow-up (its text, due date and page)."""
    teks = _("Yth. Bapak/Ibu, pengingat tindak lanjut TPPS %(daerah)s untuk %(opd)s: "
             "\"%(uraian)s\", tenggat %(tenggat)s. Mohon catat progresnya: %(url)s") % {
        "daerah": settings.NAMA_DAERAH, "opd": tindak_lanjut.opd_penanggung_jawab.singkatan,
        "uraian": tindak_lanjut.uraian[:300],
        "tenggat": format_tanggal(tindak_lanjut.tenggat, "j F Y"),
        "url": tautan_penuh(tindak_lanjut.get_absolute_url())}
    opd = tindak_lanjut.opd_penanggung_jawab_id
    return whatsapp.kontak_wa([opd], teks)[opd]
