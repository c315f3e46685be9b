"""Meeting pages under /rapat/: everyone signed in reads; Sekretariat TPPS plans and records."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opd.models import OPD
from tpps import access
from tpps.models import KehadiranRapat, Rapat, TindakLanjut

from . import alur, undangan
from .forms import KehadiranFormSet, KeputusanForm, NotulenForm, PeriodeForm, RapatForm


def daftar(request):
    """Meetings to come (nearest first) and those held (latest first)."""
    rapat = Rapat.objects.with_jumlah()
    jenis = request.GET.get("jenis", "")
    if jenis in Rapat.Jenis.values:
        rapat = rapat.filter(jenis=jenis)
    tahun = request.GET.get("tahun", "")
    if tahun.isdigit():
        rapat = rapat.filter(tanggal__year=int(tahun))
    return render(request, "rapat/daftar.html", {
        "akan_datang": rapat.akan_datang(),
        "sudah_lewat": rapat.sudah_lewat(),
        "jenis": jenis,
        "tahun": tahun,
        "pilihan_jenis": Rapat.Jenis.choices,
        "can_rencanakan": access.can_rencanakan_rapat(request.user),
    })


def _simpan_rencana(request, form, fungsi):
    try:
        rapat = fungsi(
            rapat=form.save(commit=False), agenda=form.daftar_agenda(),
            diundang=form.cleaned_data["diundang"],
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    return rapat


def tambah(request):
    if not access.can_rencanakan_rapat(request.user):
        raise PermissionDenied
    form = RapatForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        rapat = _simpan_rencana(request, form, alur.rencanakan_rapat)
        if rapat:
            messages.success(request, _("Rapat \"%(judul)s\" direncanakan.") % {"judul": rapat.judul})
            return redirect(rapat)
    return render(request, "rapat/form.html", {"form": form, "judul": _("Rencanakan rapat")})


def ubah(request, pk):
    rapat = access.get_rapat_for_kelola(request.user, pk)
    form = RapatForm(request.POST or None, instance=rapat)
    if (request.method == "POST" and form.is_valid()
            and _simpan_rencana(request, form, alur.ubah_rencana)):
        messages.success(request, _("Rencana rapat disimpan."))
        return redirect(rapat)
    return render(request, "rapat/form.html",
                  {"form": form, "rapat": rapat, "judul": _("Ubah rencana rapat")})


def _isi_rapat(rapat: Rapat) -> dict:
    """What every page of one meeting shows: agenda (with the follow-ups carried over and
    their current state), attendance, decisions with their follow-ups."""
    tindak_lanjut = TindakLanjut.objects.select_related(
        "opd_penanggung_jawab").dengan_keadaan_pada()
    # A carried follow-up is late at this meeting when it was open on its day and due before.
    terbawa = TindakLanjut.objects.select_related("opd_penanggung_jawab").dengan_keadaan_pada(
        rapat.tanggal
    )
    agenda = rapat.agenda.prefetch_related(Prefetch("tindak_lanjut", queryset=terbawa))
    return {
        "rapat": rapat,
        "agenda": [a for a in agenda if not a.is_terbawa],
        "agenda_terbawa": [a for a in agenda if a.is_terbawa],
        "kehadiran": rapat.kehadiran.select_related("opd"),
        "keputusan": rapat.keputusan.prefetch_related(
            Prefetch("tindak_lanjut", queryset=tindak_lanjut)
        ),
        "hari_ini": timezone.localdate(),
    }


def detail(request, pk):
    rapat = access.get_rapat(request.user, pk)
    konteks = _isi_rapat(rapat)
    can_kelola = access.can_kelola_rapat(request.user)
    konteks.update(
        can_kelola=can_kelola,
        can_batalkan=can_kelola and alur.alasan_tidak_dapat_dibatalkan(rapat) is None,
        kontak_wa=undangan.kontak_wa(rapat) if can_kelola and (
            rapat.is_dibatalkan or rapat.tanggal >= timezone.localdate()) else None,
        can_tambah_tindak_lanjut=access.can_tambah_tindak_lanjut(request.user),
        form_keputusan=KeputusanForm(),
        terlambat_terbawa=sum(1 for a in konteks["agenda_terbawa"] if a.tindak_lanjut.terlambat),
    )
    return render(request, "rapat/detail.html", konteks)


def batalkan(request, pk):
    """Cancel a meeting to come: the page says what it does (the invited are told, the
    meeting stays on record as cancelled, it cannot be undone) and asks for the reason."""
    rapat = access.get_rapat_for_kelola(request.user, pk)
    sebab = alur.alasan_tidak_dapat_dibatalkan(rapat)
    galat = ""
    if request.method == "POST" and sebab is None:
        try:
            alur.batalkan_rapat(rapat=rapat, alasan=request.POST.get("alasan", ""),
                                oleh=request.user)
        except ValidationError as exc:
            galat = " ".join(exc.messages)
        else:
            messages.success(request, _("Rapat dibatalkan; undangan diberi tahu."))
            return redirect(rapat)
    return render(request, "rapat/batalkan.html", {
        "rapat": rapat, "sebab": sebab, "galat": galat,
        "jumlah_opd": rapat.kehadiran.count(),
        "jumlah_penerima": undangan.penerima(rapat).count(),
        "alasan": request.POST.get("alasan", ""),
    }, status=400 if galat else 200)


def catat(request, pk):
    """Record the meeting: attendance of every invited agency, and the minutes."""
    rapat = access.get_rapat_for_kelola(request.user, pk)
    kehadiran = rapat.kehadiran.select_related("opd")
    formset = KehadiranFormSet(request.POST or None, queryset=kehadiran, prefix="hadir")
    form = NotulenForm(request.POST or None, instance=rapat, prefix="notulen")
    if request.method == "POST" and formset.is_valid() and form.is_valid():
        try:
            alur.catat_hasil(
                rapat=rapat, kehadiran=[f.instance for f in formset.initial_forms],
                notulen=form.cleaned_data["notulen"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Kehadiran dan notulen disimpan."))
            return redirect(rapat)
    elif request.method == "POST":
        messages.error(request, _("Periksa isian yang ditandai; belum ada yang disimpan."))
    return render(request, "rapat/catat.html",
                  {"rapat": rapat, "formset": formset, "form": form})


@require_POST
def keputusan_tambah(request, pk):
    rapat = access.get_rapat_for_kelola(request.user, pk)
    form = KeputusanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Uraian keputusan wajib diisi."))
        return redirect(rapat)
    try:
        keputusan = alur.tambah_keputusan(rapat=rapat, uraian=form.cleaned_data["uraian"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(rapat)
    messages.success(request, _("Keputusan %(nomor)s dicatat.") % {"nomor": keputusan.nomor})
    return redirect(keputusan.get_absolute_url())


def keputusan_ubah(request, pk):
    keputusan = access.get_keputusan_for_kelola(request.user, pk)
    form = KeputusanForm(request.POST or None, instance=keputusan)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Keputusan %(nomor)s disimpan.") % {"nomor": keputusan.nomor})
        return redirect(keputusan.get_absolute_url())
    return render(request, "rapat/keputusan_form.html",
                  {"form": form, "keputusan": keputusan, "rapat": keputusan.rapat})


@require_POST
def keputusan_hapus(request, pk):
    keputusan = access.get_keputusan_for_kelola(request.user, pk)
    try:
        alur.hapus_keputusan(keputusan=keputusan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Keputusan dihapus; nomor keputusan sesudahnya disesuaikan."))
    return redirect(keputusan.rapat)


@require_POST
def bawa_tindak_lanjut(request, pk):
    rapat = access.get_rapat_for_kelola(request.user, pk)
    jumlah = alur.bawa_tindak_lanjut(rapat=rapat)
    messages.success(
        request, _("%(jumlah)d tindak lanjut terbuka ditambahkan ke agenda.") % {"jumlah": jumlah}
    )
    return redirect(rapat)


def rekap_kehadiran(request):
    """Per agency over a period: meetings invited, attended by the head or a delegate,
    absent."""
    form = PeriodeForm(request.GET or None)
    dari = sampai = None
    if form.is_valid():
        dari, sampai = form.cleaned_data["dari"], form.cleaned_data["sampai"]
    kehadiran = KehadiranRapat.objects.dalam_periode(dari, sampai)
    opd = None
    if request.GET.get("opd", "").isdigit():
        opd = OPD.objects.filter(pk=request.GET["opd"]).first()
    rincian = None
    if opd is not None:
        rincian = kehadiran.filter(opd=opd).select_related("rapat").order_by("-rapat__tanggal")
    return render(request, "rapat/rekap_kehadiran.html", {
        "form": form, "rekap": kehadiran.rekap_per_opd(), "opd": opd, "rincian": rincian,
        "dari": dari, "sampai": sampai,
    })

