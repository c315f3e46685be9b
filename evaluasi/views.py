"""Pages under /evaluasi/: every object comes through evaluasi.access; writes go through
evaluasi.alur (the workflow) and the rules in evaluasi.periksa."""

from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from opd.models import OPD

from . import access, alur, excel, tahunan
from .forms import (
    IsianLaporan,
    KembalikanForm,
    KunciSemesterForm,
    MassalForm,
    StatusSemesterForm,
    UnggahForm,
    komentar_baris_dari,
)
from .models import (
    Capaian,
    EvaluasiBPKP,
    Indikator,
    LaporanSemester,
    RekomendasiBPKP,
    Semester,
    TargetIndikator,
    TemuanBPKP,
    kekurangan_kunci,
    rekap_opd,
)
from .periksa import periksa_laporan
from .riwayat import riwayat_capaian, riwayat_laporan


def beranda(request):
    """The section's landing page: semesters, the user's own report, the queue."""
    access.require_baca(request.user)
    daftar = list(Semester.objects.all())
    kini = next((s for s in daftar if s.status == Semester.Status.DIBUKA), None) or (
        daftar[0] if daftar else None
    )
    opd_saya = request.user.opd if access.can_isi_laporan(request.user, request.user.opd_id
                                                          or 0) else None
    return render(request, "evaluasi/beranda.html", {
        "daftar_semester": daftar,
        "kini": kini,
        "ringkasan": LaporanSemester.objects.ringkasan(kini) if kini else None,
        "opd_saya": opd_saya,
        "laporan_saya": LaporanSemester.objects.filter(semester=kini, opd=opd_saya).first()
        if kini and opd_saya else None,
        "jumlah_antrean": LaporanSemester.objects.antrean().count()
        if access.can_verifikasi(request.user) else None,
        "bpkp_terbaru": EvaluasiBPKP.objects.first(),
    })


def semester_detail(request, kode):
    """Completeness and timeliness: which OPDs submitted, on time or late, how complete."""
    semester = access.get_semester(request.user, kode)
    rekap = list(rekap_opd(semester))
    for baris in rekap:
        baris.dapat_buka = baris.status_laporan == LaporanSemester.Status.DIVERIFIKASI or (
            access.can_lihat_draf(request.user, baris.pk))
    return render(request, "evaluasi/semester_detail.html", {
        "semester": semester,
        "rekap": rekap,
        "ringkasan": LaporanSemester.objects.ringkasan(semester),
        "pembukaan_kunci": semester.pembukaan_kunci.select_related("oleh"),
        "can_kunci": access.can_kunci_semester(request.user),
        "form_status": StatusSemesterForm(),
    })


@require_POST
def semester_status(request, kode):
    semester = access.get_semester_for_kunci(request.user, kode)
    form = StatusSemesterForm(request.POST)
    if form.is_valid() and form.cleaned_data["status"] == Semester.Status.DIKUNCI:
        messages.info(request, _("Sebelum mengunci, periksa OPD yang belum lengkap lalu "
                                 "konfirmasi di halaman ini."))
        return redirect("evaluasi:semester-kunci", kode=semester.kode)
    if form.is_valid():
        try:
            semester = alur.ubah_status_semester(
                semester=semester, oleh=request.user, status=form.cleaned_data["status"],
                alasan=form.cleaned_data["alasan"],
            )
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
        else:
            messages.success(request, _("Status semester %(kode)s kini: %(status)s.") % {
                "kode": semester.kode, "status": semester.get_status_display()})
    else:
        messages.error(request, _("Pilih status yang sah."))
    return redirect(semester)


def semester_kunci(request, kode):
    """Before a semester is locked: the OPDs it would leave without a verified report, with
    counts, and the explicit confirmation the workflow needs to lock."""
    semester = access.get_semester_for_kunci(request.user, kode)
    form = KunciSemesterForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ValidationError([p for daftar in form.errors.values() for p in daftar])
            semester = alur.ubah_status_semester(
                semester=semester, oleh=request.user, status=Semester.Status.DIKUNCI,
                konfirmasi_kunci=form.cleaned_data["mengerti"], sidik=form.cleaned_data["sidik"],
            )
        except ValidationError as exc:
            for pesan in exc.messages:
                messages.error(request, pesan)
            status = 400
        else:
            messages.success(request, _(
                "Semester %(kode)s dikunci; angkanya final. Pimpinan diberi tahu bahwa "
                "laporan semester menunggu pengesahan.") % {"kode": semester.kode})
            return redirect(semester)
    return render(request, "evaluasi/semester_kunci.html", {
        "semester": semester, "kurang": kekurangan_kunci(semester),
    }, status=status)


def _halaman_laporan(request, laporan, isian, *, status=200):
    user = request.user
    dapat_isi = access.can_isi_laporan(user, laporan.opd)
    alasan_kunci = laporan.alasan_tidak_dapat_diubah()
    can_verifikasi = (access.can_verifikasi(user) and laporan.pk is not None
                        and not laporan.semester.is_dikunci)
    S = LaporanSemester.Status
    return render(request, "evaluasi/laporan.html", {
        "laporan": laporan,
        "semester": laporan.semester,
        "isian": isian,
        "dapat_isi": dapat_isi,
        "dapat_ubah": isian.formset is not None,
        "alasan_kunci": alasan_kunci,
        "can_verifikasi": can_verifikasi,
        # Four eyes: why the "Verifikasi" button is not offered to this person.
        "alasan_empat_mata": laporan.alasan_empat_mata(user)
        if can_verifikasi and laporan.status == S.DIAJUKAN else None,
        # The return form takes a comment per row (fields at each row of the grid).
        "komentar_baris_aktif": can_verifikasi and laporan.status in (S.DIAJUKAN,
                                                                      S.DIVERIFIKASI),
        # What the submission let through, for the OPD (the verifier's card lists it too).
        "peringatan_pengajuan": laporan.hasil_periksa if dapat_isi and not can_verifikasi
        and laporan.status in (LaporanSemester.Status.DIAJUKAN,
                               LaporanSemester.Status.DIVERIFIKASI) else None,
        "form_kembalikan": KembalikanForm(),
        "form_unggah": UnggahForm(),
        "hasil_periksa": periksa_laporan(laporan)
        if request.GET.get("periksa") and dapat_isi else None,
    }, status=status)


def laporan(request, kode, opd_pk):
    """One OPD's semester report: the entry page for who may fill it, read-only otherwise."""
    laporan = access.get_laporan_for_lihat(request.user, kode, opd_pk)
    dapat_isi = access.can_isi_laporan(request.user, laporan.opd)
    dapat_ubah = dapat_isi and laporan.alasan_tidak_dapat_diubah() is None
    if request.method != "POST":
        return _halaman_laporan(request, laporan, IsianLaporan(laporan, dapat_ubah=dapat_ubah))
    if not dapat_isi:
        raise PermissionDenied
    if not dapat_ubah:
        messages.error(request, laporan.alasan_tidak_dapat_diubah())
        return redirect(laporan)
    isian = IsianLaporan(laporan, request.POST, request.FILES, dapat_ubah=True)
    if not isian.is_valid():
        messages.error(request, _("Ada isian yang tidak sah; lihat tanda merah. Tidak ada "
                                  "yang disimpan."))
        return _halaman_laporan(request, laporan, isian)
    try:
        hasil = alur.simpan_laporan(laporan=laporan, oleh=request.user,
                                    capaian=isian.isian_capaian(),
                                    program=isian.isian_program())
    except (alur.KonflikVersi, ValidationError) as exc:
        for pesan in getattr(exc, "pesan", None) or exc.messages:
            messages.error(request, pesan)
        return _halaman_laporan(request, laporan, isian, status=409)
    if request.POST.get("aksi") == "ajukan":
        return _ajukan(request, hasil.laporan)
    messages.success(request, _("Draf disimpan (%(n)s baris berubah).") % {"n": hasil.jumlah})
    return redirect(hasil.laporan)


def _ajukan(request, laporan):
    try:
        temuan = alur.ajukan_laporan(laporan=laporan, oleh=request.user)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
        return redirect(laporan)
    galat = [t for t in temuan if t.is_galat]
    if galat:
        messages.error(request, _(
            "Draf disimpan, tetapi laporan belum dapat diajukan: %(n)s hal harus diperbaiki "
            "(lihat hasil pemeriksaan)."
        ) % {"n": len(galat)})
        return redirect(laporan.get_absolute_url() + "?periksa=1")
    messages.success(request, _("Laporan diajukan ke Sekretariat TPPS untuk diverifikasi."))
    if peringatan := [t for t in temuan if not t.is_galat]:
        messages.warning(request, _(
            "Laporan diterima dengan %(n)s peringatan; Sekretariat TPPS akan melihatnya saat "
            "verifikasi: %(daftar)s"
        ) % {"n": len(peringatan),
             "daftar": "; ".join(f"{t.objek}: {t.pesan}" for t in peringatan)})
    return redirect(laporan)


def laporan_unduh(request, kode, opd_pk):
    laporan = access.get_laporan_for_lihat(request.user, kode, opd_pk)
    respons = HttpResponse(
        excel.buat_workbook(laporan),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    respons["Content-Disposition"] = f'attachment; filename="{excel.nama_berkas(laporan)}"'
    return respons


@require_POST
def laporan_unggah(request, kode, opd_pk):
    """A filled workbook back in: validated like the page, all rows or none."""
    laporan = access.get_laporan_for_isi(request.user, kode, opd_pk)
    form = UnggahForm(request.POST, request.FILES)
    if not form.is_valid():
        if form.has_error("berkas", "ukuran") or form.has_error("berkas", "isi"):
            return render(request, "evaluasi/unggah_gagal.html",
                          {"laporan": laporan, "pesan": form.errors["berkas"]}, status=400)
        messages.error(request, _("Pilih berkas Excel yang akan diunggah."))
        return redirect(laporan)
    try:
        capaian, program = excel.baca_workbook(laporan, form.cleaned_data["berkas"])
        hasil = alur.simpan_laporan(laporan=laporan, oleh=request.user, capaian=capaian,
                                    program=program)
    except (excel.KesalahanBerkas, alur.KonflikVersi, ValidationError) as exc:
        pesan = getattr(exc, "pesan", None) or exc.messages
        return render(request, "evaluasi/unggah_gagal.html",
                      {"laporan": laporan, "pesan": pesan}, status=400)
    messages.success(request, _("Berkas Excel diterima: %(n)s baris berubah.")
                     % {"n": hasil.jumlah})
    return redirect(hasil.laporan)


def _langkah_verifikasi(request, langkah, laporan, berhasil: str, **isian) -> None:
    """Run a verifier's step on ``laporan``: its refusals as error messages, else
    ``berhasil`` (with ``%(opd)s``)."""
    try:
        langkah(laporan=laporan, oleh=request.user, **isian)
    except ValidationError as exc:
        for pesan in exc.messages:
            messages.error(request, pesan)
    else:
        messages.success(request, berhasil % {"opd": laporan.opd.singkatan})


@require_POST
def laporan_verifikasi(request, kode, opd_pk):
    laporan = access.get_laporan_for_verifikasi(request.user, kode, opd_pk)
    _langkah_verifikasi(request, alur.verifikasi_laporan, laporan,
                        _("Laporan %(opd)s diverifikasi; angkanya kini terkunci."))
    return redirect(request.POST.get("kembali") == "antrean" and reverse("evaluasi:antrean")
                    or laporan.get_absolute_url())


@require_POST
def laporan_kembalikan(request, kode, opd_pk):
    laporan = access.get_laporan_for_verifikasi(request.user, kode, opd_pk)
    form = KembalikanForm(request.POST)
    _langkah_verifikasi(request, alur.kembalikan_laporan, laporan,
                        _("Laporan %(opd)s dikembalikan dengan komentar."),
                        komentar=form.data.get("komentar", ""),
                        komentar_baris=komentar_baris_dari(laporan, request.POST))
    return redirect(laporan)


def laporan_riwayat(request, kode, opd_pk):
    """Every change to the report's figures: who, when, old → new."""
    laporan = access.get_laporan_for_lihat(request.user, kode, opd_pk)
    return render(request, "evaluasi/laporan_riwayat.html", {
        "laporan": laporan, "perubahan": riwayat_laporan(laporan) if laporan.pk else [],
    })


def antrean(request):
    """Submissions waiting for verification, by semester (the latest first), oldest
    submission first; each semester's reports can be ticked and verified or returned at
    once (``antrean_massal``)."""
    if not access.can_verifikasi(request.user):
        raise PermissionDenied
    daftar = list(LaporanSemester.objects.antrean().select_related(
        "semester", "opd", "diajukan_oleh"
    ).annotate(jumlah_capaian=Count("capaian", distinct=True),
               jumlah_program=Count("program", distinct=True)))
    terhalang = LaporanSemester.objects.antrean().terhalang_empat_mata(request.user)
    for laporan in daftar:
        laporan.terhalang_empat_mata = laporan.pk in terhalang
    urut = sorted(daftar, key=lambda lap: (-lap.semester.tahun, -lap.semester.nomor))
    kelompok = [(smt, list(isi)) for smt, isi in groupby(urut, key=lambda lap: lap.semester)]
    return render(request, "evaluasi/antrean.html", {"daftar": daftar, "kelompok": kelompok})


@require_POST
def antrean_massal(request, kode):
    """Verify or return several of a semester's reports at once. First the chosen reports
    are listed for confirmation; once confirmed each goes through its own workflow step and
    the outcome is told per report: one refused (already decided, four eyes) does not hold
    back the others."""
    semester = access.get_semester_for_verifikasi(request.user, kode)
    form = MassalForm(request.POST)
    form.is_valid()
    if "laporan" not in form.cleaned_data or "aksi" not in form.cleaned_data:
        for medan in ("laporan", "aksi"):
            for pesan in form.errors.get(medan, []):
                messages.error(request, pesan)
        return redirect("evaluasi:antrean")
    daftar = access.get_laporan_for_verifikasi_massal(request.user,
                                                      form.cleaned_data["laporan"])
    if lain := [lap for lap in daftar if lap.semester_id != semester.pk]:
        messages.error(request, _(
            "Laporan %(daftar)s bukan laporan semester %(kode)s: pilih dari antrean semester "
            "itu. Tidak ada yang diubah.") % {
                "daftar": ", ".join(f"{lap.opd.singkatan} {lap.semester.kode}" for lap in lain),
                "kode": semester.kode})
        return redirect("evaluasi:antrean")
    if form.errors or not form.cleaned_data["konfirmasi"]:
        terhalang = LaporanSemester.objects.filter(
            pk__in=[lap.pk for lap in daftar]).terhalang_empat_mata(request.user)
        for laporan in daftar:
            laporan.terhalang_empat_mata = laporan.pk in terhalang
        return render(request, "evaluasi/antrean_konfirmasi.html", {
            "semester": semester, "daftar": daftar, "form": form,
            "aksi": form.cleaned_data["aksi"],
        }, status=400 if form.errors else 200)
    _jalankan_massal(request, daftar, form.cleaned_data["aksi"], form.cleaned_data["komentar"])
    return redirect("evaluasi:antrean")


def _jalankan_massal(request, daftar, aksi: str, komentar: str) -> None:
    """Each report through its own workflow step; the outcome as messages, per report."""
    berhasil = []
    for laporan in daftar:
        try:
            if aksi == MassalForm.VERIFIKASI:
                alur.verifikasi_laporan(laporan=laporan, oleh=request.user)
            else:
                alur.kembalikan_laporan(laporan=laporan, oleh=request.user, komentar=komentar)
        except ValidationError as exc:
            messages.error(request, _("Laporan %(opd)s tidak diproses: %(alasan)s") % {
                "opd": laporan.opd.singkatan, "alasan": " ".join(exc.messages)})
        else:
            berhasil.append(laporan.opd.singkatan)
    ringkas = {"ok": len(berhasil), "gagal": len(daftar) - len(berhasil),
               "daftar": ", ".join(berhasil) or "–"}
    if aksi == MassalForm.VERIFIKASI:
        pesan = _("Diproses per laporan: %(ok)s diverifikasi (%(daftar)s), %(gagal)s ditolak "
                  "(alasannya per laporan di atas).") % ringkas
    else:
        pesan = _("Diproses per laporan: %(ok)s dikembalikan dengan komentar (%(daftar)s), "
                  "%(gagal)s ditolak (alasannya per laporan di atas).") % ringkas
    (messages.success if berhasil else messages.warning)(request, pesan)


def kartu_skor(request, kode):
    """Per indicator: value against the year's target, % achieved and its band.

    Verified figures only; Sekretariat TPPS may add the unverified ones (``?semua=1``).
    """
    semester = access.get_semester(request.user, kode)
    semua = bool(request.GET.get("semua")) and request.user.has_perm(
        "evaluasi.lihat_draf_semua_opd")
    capaian = Capaian.objects.filter(semester=semester).select_related("laporan")
    if not semua:
        capaian = capaian.terverifikasi()
    indikator = Indikator.objects.aktif().select_related("opd_utama").prefetch_related(
        Prefetch("capaian", queryset=capaian.dengan_persen_capaian(), to_attr="capaian_ini"),
        Prefetch("target", queryset=TargetIndikator.objects.filter(tahun=semester.tahun),
                 to_attr="target_tahun"),
    )
    menunggu = Capaian.objects.tertunda(semester).count()
    return render(request, "evaluasi/kartu_skor.html", {
        "semester": semester, "daftar": indikator, "semua": semua, "menunggu": menunggu,
        "can_semua": request.user.has_perm("evaluasi.lihat_draf_semua_opd"),
    })


def capaian_tahun(request, tahun):
    """Both semesters of a year against the year's target: value, % achieved and band of
    S1 and S2, and the change between them.

    Verified figures (an Operator OPD also their own); Sekretariat TPPS may add the
    unverified ones (``?semua=1``). Figures not shown are counted.
    """
    daftar = access.get_semester_tahun(request.user, tahun)
    semua = bool(request.GET.get("semua")) and request.user.has_perm(
        "evaluasi.lihat_draf_semua_opd")
    terlihat = access.filter_capaian_terlihat(request.user, Capaian.objects.all(), semua=semua)
    return render(request, "evaluasi/capaian_tahun.html", {
        "tahun": tahun,
        "pilihan_tahun": Semester.objects.order_by("-tahun").values_list(
            "tahun", flat=True).distinct(),
        "semua": semua,
        "can_semua": request.user.has_perm("evaluasi.lihat_draf_semua_opd"),
        **tahunan.capaian_tahun(tahun, terlihat, daftar),
    })


def capaian_detail(request, pk):
    capaian = access.get_capaian_for_lihat(request.user, pk)
    return render(request, "evaluasi/capaian_detail.html", {
        "capaian": capaian,
        "target": TargetIndikator.objects.filter(indikator=capaian.indikator,
                                                 tahun=capaian.semester.tahun).first(),
        "perubahan": riwayat_capaian(capaian),
    })


def indikator_daftar(request):
    """The catalogue, with this year's (or the asked year's) targets."""
    access.require_baca(request.user, "indikator")
    tahun = request.GET.get("tahun", "")
    tahun = int(tahun) if tahun.isdigit() else (
        Semester.objects.values_list("tahun", flat=True).first() or 2025
    )
    daftar = Indikator.objects.aktif().select_related("opd_utama").prefetch_related(
        "opd_pendukung",
        Prefetch("target", queryset=TargetIndikator.objects.filter(tahun=tahun),
                 to_attr="target_tahun"),
    )
    return render(request, "evaluasi/indikator_daftar.html", {"daftar": daftar, "tahun": tahun})


def bpkp_daftar(request):
    access.require_baca(request.user, "evaluasibpkp")
    daftar = EvaluasiBPKP.objects.annotate(
        jumlah_temuan=Count("temuan", distinct=True),
        jumlah_rekomendasi=Count("temuan__rekomendasi", distinct=True),
    )
    return render(request, "evaluasi/bpkp_daftar.html", {"daftar": daftar})


def bpkp_detail(request, tahun):
    evaluasi = access.get_evaluasi_bpkp(request.user, tahun)
    opd = request.GET.get("opd", "")
    rekomendasi = RekomendasiBPKP.objects.prefetch_related("opd")
    if opd.isdigit():
        rekomendasi = rekomendasi.filter(opd=opd)
    temuan = TemuanBPKP.objects.filter(evaluasi=evaluasi).prefetch_related(
        Prefetch("rekomendasi", queryset=rekomendasi, to_attr="rekomendasi_tampil"))
    if opd.isdigit():
        temuan = temuan.filter(rekomendasi__opd=opd).distinct()
    return render(request, "evaluasi/bpkp_detail.html", {
        "evaluasi": evaluasi, "daftar_temuan": temuan, "opd_pilih": opd,
        "pilihan_opd": OPD.objects.filter(
            Q(rekomendasi_bpkp__temuan__evaluasi=evaluasi)).distinct(),
    })


def rekomendasi_detail(request, pk):
    rekomendasi = access.get_rekomendasi_for_lihat(request.user, pk)
    return render(request, "evaluasi/rekomendasi_detail.html", {
        "rekomendasi": rekomendasi,
        "riwayat": rekomendasi.history.select_related("history_user")[:20],
    })
