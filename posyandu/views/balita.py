"""A child's pages: register (with duplicate check), read, correct, move, merge, NIK."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tpps.lib.jawaban_json import jawaban_json
from tpps.lib.numbers import parse_id

from .. import access, alur
from ..forms import BalitaForm, BalitaUbahForm, PengukuranForm
from ..grafik import data_grafik
from ..models import Balita, Posyandu
from ..tampilan import peringatan, warna


def duplikat_untuk(user, data) -> tuple[list[Balita], list[str]]:
    """Likely duplicates of a child being registered: those the user may open, and, for
    the others, only which Posyandu holds them (no record is shown outside the scope)."""
    mirip = Balita.objects.mungkin_sama(
        nik=data.get("nik", ""),
        nama=data.get("nama", ""),
        tanggal_lahir=data.get("tanggal_lahir"),
        nama_ibu=data.get("nama_ibu", ""),
    ).select_related("posyandu__desa")
    terlihat = set(
        access.balita_for_user(user)
        .filter(pk__in=[b.pk for b in mirip])
        .values_list("pk", flat=True)
    )
    dalam = [b for b in mirip if b.pk in terlihat]
    luar = sorted({str(b.posyandu) for b in mirip if b.pk not in terlihat})
    return dalam, luar


def balita_tambah(request):
    if not request.user.has_perm("posyandu.add_balita"):
        raise PermissionDenied
    posyandu_qs = access.posyandu_for_user(request.user)
    awal = {}
    if posyandu := posyandu_qs.filter(pk=parse_id(request.GET.get("posyandu"))).first():
        awal = {"posyandu": posyandu, "desa": posyandu.desa}
    form = BalitaForm(request.POST or None, posyandu_qs=posyandu_qs, initial=awal)
    dalam, luar = [], []
    if request.method == "POST" and form.is_valid():
        dalam, luar = duplikat_untuk(request.user, form.cleaned_data)
        if (dalam or luar) and not request.POST.get("tetap_simpan"):
            form.add_error(
                None,
                _(
                    "Balita ini tampaknya sudah terdaftar. Periksa dulu; "
                    "bila memang anak lain, centang \u201ctetap simpan\u201d."
                ),
            )
        else:
            balita = form.save()
            messages.success(request, _("%(nama)s terdaftar.") % {"nama": balita.nama})
            return redirect(balita)
    return render(
        request,
        "posyandu/balita_form.html",
        {
            "form": form,
            "judul": _("Daftarkan balita"),
            "duplikat_dalam": dalam,
            "duplikat_luar": luar,
        },
    )


def balita_detail(request, pk):
    balita = access.get_balita_for_user(request.user, pk)
    alur.catat_lihat_balita(user=request.user, balita=balita)
    pengukuran = list(balita.pengukuran.select_related("kegiatan").order_by("tanggal_ukur"))
    terakhir = pengukuran[-1] if pengukuran else None
    return render(
        request,
        "posyandu/balita_detail.html",
        {
            "balita": balita,
            "riwayat": [
                {
                    "p": p,
                    "warna_tb": warna(p.kategori_tb_u),
                    "warna_bb": warna(p.kategori_bb_u),
                    "warna_bbtb": warna(p.kategori_bb_tb),
                }
                for p in reversed(pengukuran)
            ],
            "peringatan": peringatan(terakhir) if terakhir else [],
            "grafik": data_grafik(balita, pengukuran),
            "kasus": balita.kasus.all(),
            "can_lihat_nik": access.can_lihat_nik(request.user, balita),
            "can_ubah": request.user.has_perm("posyandu.change_balita"),
            "can_riwayat_akses": access.can_riwayat_akses(request.user),
            "can_ekspor_data": access.can_ekspor_data_anak(request.user),
            "posyandu_tujuan": access.posyandu_for_user(request.user)
            .exclude(pk=balita.posyandu_id)
            .select_related("desa"),
            "form_ukur": PengukuranForm(),
        },
    )


def balita_ubah(request, pk):
    balita = access.get_balita_for_user(request.user, pk, izin="posyandu.change_balita")
    if request.method == "GET":
        alur.catat_lihat_balita(user=request.user, balita=balita)
    posyandu_qs = access.posyandu_for_user(request.user) | Posyandu.objects.filter(
        pk=balita.posyandu_id
    )
    nik_tersamar = balita.nik_tersamar  # as stored: the form may change the instance
    form = BalitaUbahForm(request.POST or None, instance=balita, posyandu_qs=posyandu_qs.distinct())
    if request.method == "POST" and form.is_valid():
        try:
            alur.ubah_balita(balita=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Data %(nama)s disimpan.") % {"nama": balita.nama})
            return redirect(balita)
    return render(
        request,
        "posyandu/balita_form.html",
        {
            "form": form,
            "judul": _("Ubah data balita"),
            "balita": balita,
            "nik_tersamar": nik_tersamar,
            "can_lihat_nik": access.can_lihat_nik(request.user, balita),
        },
    )


@jawaban_json
@require_POST
def balita_lihat_nik(request, pk):
    """The full NIK, for the page's script (each reveal logged)."""
    balita = access.get_balita_for_user(request.user, pk, izin="posyandu.lihat_nik")
    return JsonResponse({"nik": alur.catat_lihat_nik(user=request.user, balita=balita)})


@require_POST
def balita_pindah(request, pk):
    """Move to another Posyandu: the user's scope must cover both (Sekretariat: all)."""
    balita = access.get_balita_for_user(request.user, pk, izin="posyandu.change_balita")
    tujuan = access.posyandu_for_user(request.user).filter(pk=parse_id(request.POST.get("posyandu")))
    if not tujuan.exists():
        messages.error(request, _("Pilih Posyandu tujuan di dalam cakupan Anda."))
        return redirect(balita)
    alur.pindahkan_balita(balita=balita, posyandu=tujuan.get(), user=request.user)
    messages.success(
        request,
        _("%(nama)s dipindahkan ke %(posyandu)s.")
        % {"nama": balita.nama, "posyandu": balita.posyandu},
    )
    return redirect(balita)


def balita_gabung(request, pk):
    """Merge a duplicate record of the same child into this one."""
    utama = access.get_balita_for_user(request.user, pk, izin="posyandu.change_balita")
    kandidat = (
        access.balita_for_user(request.user)
        .exclude(pk=utama.pk)
        .filter(tanggal_lahir=utama.tanggal_lahir)
        .select_related("posyandu__desa")
        .annotate(  # measurements on a day this record was measured too: dropped on merge
            bentrok=Count(
                "pengukuran",
                filter=Q(pengukuran__tanggal_ukur__in=utama.pengukuran.values("tanggal_ukur")),
            )
        )
    )
    if request.method == "POST" and not request.POST.get("yakin"):
        # Merging deletes the duplicate record: it is done only when the user says so.
        messages.error(request, _("Centang \"Saya mengerti\" untuk menggabungkan: data ganda "
                                  "yang dipilih akan dihapus."))
    elif request.method == "POST":
        duplikat = get_object_or_404(kandidat, pk=parse_id(request.POST.get("duplikat")))
        try:
            _utama, dibuang = alur.gabungkan_balita(
                utama=utama, duplikat=duplikat, user=request.user
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            pesan = _("Data digabung; riwayat pengukuran tetap tersimpan.")
            if dibuang:
                pesan += " " + _(
                    "%(n)d pengukuran data ganda pada tanggal yang sama dengan data ini tidak "
                    "dipakai: pengukuran data ini yang disimpan (yang dibuang tetap di log audit)."
                ) % {"n": dibuang}
            messages.success(request, pesan)
            return redirect(utama)
    return render(request, "posyandu/balita_gabung.html", {"balita": utama, "kandidat": kandidat})


def pengukuran_tambah(request, pk):
    """A single measurement outside an event (e.g. a home visit)."""
    balita = access.get_balita_for_user(request.user, pk, izin="posyandu.add_pengukuran")
    form = PengukuranForm(request.POST or None, balita=balita)
    if request.method == "POST" and form.is_valid():
        try:
            alur.simpan_pengukuran(
                balita=balita,
                tanggal_ukur=form.cleaned_data["tanggal_ukur"],
                user=request.user,
                **form.nilai_ukur(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Pengukuran disimpan."))
            return redirect(balita)
    return render(request, "posyandu/pengukuran_form.html", {"form": form, "balita": balita})
