"""The semester workflow: save a report's figures, submit, verify, return, lock, reopen.

Every function writes inside one transaction and takes the report (or semester) row with
``select_for_update`` first, so two saves of the same report run one after the other.

The lost-update guard: every figure row carries the version (``versi``) the person loaded.
A row whose version moved on since is refused — unless the person left that row exactly as
they loaded it (compared with the row's history at their version), so someone who only
changed S2 is not refused because a colleague changed S1 meanwhile.

Who hears of it (``opd.pemberitahuan.beri_tahu``, inside the same transaction; e-mails leave
once it commits): a return tells the OPD's operators, a resubmission after a return tells
Sekretariat TPPS, a lock tells the holders of the sign-off permission. Four eyes: whoever
entered or changed a report's figures does not verify it (``settings.EMPAT_MATA``); a lock
needs the lock page's explicit confirmation (``konfirmasi_kunci``).
"""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from opd import roles
from opd.pemberitahuan import Jenis, beri_tahu, operator_opd, pemegang_izin, pengguna_peran

from .models import (
    Capaian,
    Indikator,
    KomentarBaris,
    LaporanSemester,
    PembukaanKunci,
    ProgramKegiatan,
    Semester,
    kekurangan_kunci,
)
from .periksa import HasilPeriksa, Tingkat, periksa_laporan


def rapikan_teks(nilai):
    """Text as stored: line ends as "\\n", no trailing spaces on a line or around the
    whole. Browsers send "\\r\\n" from a textarea, a workbook gives "\\n" back; both
    must store (and compare) the same, or an untouched row looks changed."""
    if not isinstance(nilai, str):
        return nilai
    baris = nilai.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(b.rstrip() for b in baris).strip()


class KonflikVersi(Exception):
    """Someone else saved the same figures after this person loaded them."""

    def __init__(self, pesan: list[str]):
        super().__init__("; ".join(pesan))
        self.pesan = pesan


@dataclass
class IsianCapaian:
    """What a person entered for one indicator (form row or workbook row)."""

    indikator: Indikator
    versi: int
    nilai: dict[str, Any]
    berkas: Any = None

    def __post_init__(self):
        self.nilai = {f: rapikan_teks(v) for f, v in self.nilai.items()}


@dataclass
class IsianProgram:
    pk: int | None
    versi: int
    nilai: dict[str, Any]
    indikator: list[Indikator] = field(default_factory=list)
    hapus: bool = False

    def __post_init__(self):
        self.nilai = {f: rapikan_teks(v) for f, v in self.nilai.items()}

    def is_kosong(self) -> bool:
        return not any(v not in (None, "", 0) for v in self.nilai.values()) and not self.indikator


@dataclass
class KomentarUntukBaris:
    """What the Sekretariat wrote on one row (an achievement or a programme) when returning."""

    komentar: str
    capaian: Capaian | None = None
    program: ProgramKegiatan | None = None

    def __post_init__(self):
        self.komentar = rapikan_teks(self.komentar or "")


@dataclass
class HasilSimpan:
    laporan: LaporanSemester
    capaian_diubah: int = 0
    program_diubah: int = 0
    program_dihapus: int = 0

    @property
    def jumlah(self) -> int:
        return self.capaian_diubah + self.program_diubah + self.program_dihapus


def _kunci_laporan(laporan: LaporanSemester) -> LaporanSemester:
    """The report row, created if needed, locked for the rest of the transaction."""
    obj, _dibuat = LaporanSemester.objects.get_or_create(semester=laporan.semester, opd=laporan.opd)
    obj = (
        LaporanSemester.objects.select_for_update(of=("self",))
        .select_related("semester", "opd")
        .get(pk=obj.pk)
    )
    return obj


def _pastikan_dapat_diubah(laporan: LaporanSemester) -> None:
    if alasan := laporan.alasan_tidak_dapat_diubah():
        raise ValidationError(alasan)


def _siapa(obj) -> str:
    return str(obj.diubah_oleh) if obj.diubah_oleh_id else _("pengguna lain")


def _kapan(obj) -> str:
    return date_format(timezone.localtime(obj.diubah_pada), "j F Y H:i")


def _sama(obj_or_hist, nilai: dict, medan) -> bool:
    """Same figures and text (text compared with line ends and trailing spaces tidied:
    rows stored before they were tidied on input still count as untouched)."""
    return all(
        rapikan_teks(getattr(obj_or_hist, f)) == rapikan_teks(nilai.get(f)) for f in medan
    )


def _nilai_kosong(model, medan) -> dict:
    return {
        f: model._meta.get_field(f).get_default() if not model._meta.get_field(f).null else None
        for f in medan
    }


def _tidak_disentuh(obj, versi: int, nilai: dict, medan, m2m=None) -> bool:
    """Did the person leave this row as it was at the version they loaded?"""
    if versi == 0:
        dasar = _nilai_kosong(type(obj), medan)
        return all(rapikan_teks(nilai.get(f)) == dasar[f] for f in medan) and not m2m
    lama = obj.history.filter(versi=versi).order_by("-history_date").first()
    if lama is None or not _sama(lama, nilai, medan):
        return False
    if m2m is not None:
        return {i.pk for i in m2m} == set(lama.indikator.values_list("indikator_id", flat=True))
    return True


def _pesan_konflik(label: str, obj) -> str:
    return _(
        "%(label)s telah diubah oleh %(siapa)s pada %(kapan)s sesudah Anda membuka data ini. "
        "Perubahan Anda pada baris ini tidak disimpan agar tidak menimpa perubahan mereka: "
        "muat ulang halaman, periksa angka terbaru, lalu isi kembali."
    ) % {"label": label, "siapa": _siapa(obj), "kapan": _kapan(obj)}


def _rencana_capaian(laporan, isian: list[IsianCapaian], konflik: list[str]):
    dimiliki = set(Indikator.objects.milik(laporan.opd).values_list("pk", flat=True))
    ada = {
        c.indikator_id: c
        for c in Capaian.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .filter(semester=laporan.semester, indikator__in=[i.indikator for i in isian])
    }
    rencana = []
    for baris in isian:
        indikator = baris.indikator
        if indikator.pk not in dimiliki:
            raise ValidationError(
                _(
                    "Indikator %(kode)s bukan tanggung jawab %(opd)s; capaiannya dilaporkan oleh "
                    "OPD penanggung jawabnya."
                )
                % {"kode": indikator.kode, "opd": laporan.opd.singkatan}
            )
        c = ada.get(indikator.pk)
        if c is not None and c.laporan_id != laporan.pk:
            raise ValidationError(
                _("Capaian %(kode)s semester ini sudah dilaporkan dalam laporan OPD lain.")
                % {"kode": indikator.kode}
            )
        if c is None:
            c = Capaian(laporan=laporan, semester=laporan.semester, indikator=indikator)
            if _tidak_disentuh(c, 0, baris.nilai, Capaian.ISIAN) and not baris.berkas:
                continue
        elif _sama(c, baris.nilai, Capaian.ISIAN) and not baris.berkas:
            continue
        elif baris.versi != c.versi and not (
            _tidak_disentuh(c, baris.versi, baris.nilai, Capaian.ISIAN) and not baris.berkas
        ):
            konflik.append(_pesan_konflik(_("Capaian %(kode)s") % {"kode": indikator.kode}, c))
            continue
        elif baris.versi != c.versi:
            continue  # a stale copy the person did not touch: the newer figures stay
        rencana.append((c, baris))
    return rencana


def _rencana_program(laporan, isian: list[IsianProgram], konflik: list[str]):
    ada = {
        p.pk: p
        for p in ProgramKegiatan.objects.select_for_update(of=("self",))
        .select_related("diubah_oleh")
        .prefetch_related("indikator")
        .filter(laporan=laporan)
    }
    rencana = []
    for baris in isian:
        if baris.pk is None:
            if not baris.hapus and not baris.is_kosong():
                rencana.append((ProgramKegiatan(laporan=laporan), baris))
            continue
        p = ada.get(baris.pk)
        if p is None:
            konflik.append(
                _("Program/kegiatan yang Anda ubah sudah dihapus orang lain; muat ulang halaman.")
            )
            continue
        indikator_sama = {i.pk for i in baris.indikator} == {i.pk for i in p.indikator.all()}
        if not baris.hapus and _sama(p, baris.nilai, ProgramKegiatan.ISIAN) and indikator_sama:
            continue
        if baris.versi != p.versi:
            if not baris.hapus and _tidak_disentuh(
                p, baris.versi, baris.nilai, ProgramKegiatan.ISIAN, baris.indikator
            ):
                continue
            konflik.append(_pesan_konflik(_("Program \u201c%(nama)s\u201d") % {"nama": p}, p))
            continue
        rencana.append((p, baris))
    return rencana


def _periksa(obj, label: str, exclude=None) -> None:
    """``full_clean``, with every message naming the row and the field it is about."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        pesan = []
        for medan, daftar in exc.message_dict.items():
            nama = (obj._meta.get_field(medan).verbose_name if medan != "__all__" else "")
            awal = f"{label}, {nama}" if nama else label
            pesan.extend(f"{awal}: {p}" for p in daftar)
        raise ValidationError(pesan) from None


@transaction.atomic
def simpan_laporan(
    *,
    laporan: LaporanSemester,
    oleh,
    capaian: list[IsianCapaian] = (),
    program: list[IsianProgram] = (),
) -> HasilSimpan:
    """Save a report's draft figures: all rows or none.

    Raises ``ValidationError`` when the report cannot be changed now (its state) or a row
    is outside the OPD's scope, ``KonflikVersi`` when someone else saved the same rows
    after this person loaded them.
    """
    laporan = _kunci_laporan(laporan)
    _pastikan_dapat_diubah(laporan)
    konflik: list[str] = []
    rencana_c = _rencana_capaian(laporan, list(capaian), konflik)
    rencana_p = _rencana_program(laporan, list(program), konflik)
    if konflik:
        raise KonflikVersi(konflik)
    hasil = HasilSimpan(laporan=laporan)
    for c, baris in rencana_c:
        for f, v in baris.nilai.items():
            setattr(c, f, v)
        if baris.berkas:
            c.berkas = baris.berkas
        c.versi += 1
        c.diubah_oleh = oleh
        c._history_user = oleh
        c.nilai = c.hitung_nilai()  # checked too: it must fit its column
        _periksa(c, _("Capaian %(kode)s") % {"kode": c.indikator.kode})
        c.save()
        hasil.capaian_diubah += 1
    for p, baris in rencana_p:
        p._history_user = oleh
        if baris.hapus:
            p.delete()
            hasil.program_dihapus += 1
            continue
        for f, v in baris.nilai.items():
            setattr(p, f, v)
        p.versi += 1
        p.diubah_oleh = oleh
        _periksa(p, _("Program \u201c%(nama)s\u201d") % {"nama": p}, exclude=["laporan"])
        p.save()
        p.indikator.set(baris.indikator)
        hasil.program_diubah += 1
    return hasil


@transaction.atomic
def ajukan_laporan(*, laporan: LaporanSemester, oleh) -> list[HasilPeriksa]:
    """Run the rules; with no error, submit. Returns every finding (errors first).

    The first submission decides timeliness: after the semester's due date it is late,
    and a later resubmission after a return does not change that.
    """
    laporan = _kunci_laporan(laporan)
    _pastikan_dapat_diubah(laporan)
    hasil = periksa_laporan(laporan)
    if any(h.is_galat for h in hasil):
        return hasil
    sekarang = timezone.now()
    diajukan_ulang = laporan.status == LaporanSemester.Status.DIKEMBALIKAN
    if laporan.diajukan_pertama_pada is None:
        laporan.diajukan_pertama_pada = sekarang
        laporan.terlambat = laporan.semester.is_terlambat(timezone.localdate(sekarang))
    laporan.status = LaporanSemester.Status.DIAJUKAN
    laporan.diajukan_pada = sekarang
    laporan.diajukan_oleh = oleh
    laporan.hasil_periksa = [h.as_dict() for h in hasil if h.tingkat == Tingkat.PERINGATAN]
    laporan._history_user = oleh
    laporan.save()
    # The row comments of the return are answered by this submission (kept, marked).
    for k in KomentarBaris.objects.filter(laporan=laporan, selesai_pada__isnull=True):
        k.selesai_pada = sekarang
        k._history_user = oleh
        k.save(update_fields=["selesai_pada"])
    if diajukan_ulang:
        _beri_tahu_diajukan_ulang(laporan, oleh)
    return hasil


def _beri_tahu_diajukan_ulang(laporan: LaporanSemester, oleh) -> None:
    """Sekretariat TPPS hears that a report it returned is back in the queue."""
    isi = _("%(opd)s mengajukan ulang laporan semester %(kode)s sesudah dikembalikan pada "
            "%(kapan)s; laporan kembali menunggu verifikasi.") % {
        "opd": laporan.opd.nama, "kode": laporan.semester.kode,
        "kapan": date_format(timezone.localtime(laporan.dikembalikan_pada), "j F Y H:i")
        if laporan.dikembalikan_pada else "–",
    }
    if laporan.komentar_pengembalian:
        isi += "\n\n" + _("Komentar pengembalian: %(komentar)s") % {
            "komentar": laporan.komentar_pengembalian}
    beri_tahu(
        pengguna_peran(roles.SEKRETARIAT).exclude(pk=getattr(oleh, "pk", None)),
        jenis=Jenis.LAPORAN_DIAJUKAN_ULANG,
        kunci=f"laporan_diajukan_ulang:{laporan.pk}:{laporan.diajukan_pada.isoformat()}",
        judul=_("Laporan %(opd)s semester %(kode)s diajukan ulang") % {
            "opd": laporan.opd.singkatan, "kode": laporan.semester.kode},
        isi=isi,
        tautan=laporan.get_absolute_url(),
    )


def _kunci_untuk_keputusan(laporan: LaporanSemester) -> LaporanSemester:
    laporan = (
        LaporanSemester.objects.select_for_update(of=("self",))
        .select_related("semester", "opd")
        .get(pk=laporan.pk)
    )
    if laporan.semester.is_dikunci:
        raise ValidationError(
            _("Semester %(kode)s sudah dikunci; buka kuncinya dulu.")
            % {"kode": laporan.semester.kode}
        )
    return laporan


@transaction.atomic
def verifikasi_laporan(*, laporan: LaporanSemester, oleh,
                       empat_mata: bool | None = None) -> LaporanSemester:
    """Sekretariat TPPS accepts a submitted report: its figures become read-only.

    Four eyes: whoever entered or changed the report's figures may not verify it
    (``LaporanSemester.alasan_empat_mata``) while ``settings.EMPAT_MATA`` is on.
    ``empat_mata=False`` is for scripted data made by one account (the demo); pages never
    pass it.
    """
    laporan = _kunci_untuk_keputusan(laporan)
    if laporan.status != LaporanSemester.Status.DIAJUKAN:
        raise ValidationError(_("Hanya laporan yang sudah diajukan yang dapat diverifikasi."))
    if empat_mata is not False and (alasan := laporan.alasan_empat_mata(oleh)):
        raise ValidationError(alasan)
    laporan.status = LaporanSemester.Status.DIVERIFIKASI
    laporan.diverifikasi_pada = timezone.now()
    laporan.diverifikasi_oleh = oleh
    laporan._history_user = oleh
    laporan.save()
    return laporan


def _label_baris(baris: KomentarUntukBaris) -> str:
    if baris.capaian is not None:
        return _("Capaian %(kode)s %(nama)s") % {
            "kode": baris.capaian.indikator.kode, "nama": baris.capaian.indikator.nama}
    return _("Program \u201c%(nama)s\u201d") % {"nama": baris.program}


@transaction.atomic
def kembalikan_laporan(*, laporan: LaporanSemester, oleh, komentar: str,
                       komentar_baris: list[KomentarUntukBaris] = ()) -> LaporanSemester:
    """Send a report back with a comment; the OPD may correct it, even in a closed semester.

    ``komentar_baris``: comments on single rows of this report (an achievement or a
    programme), shown to the OPD at that row; blank ones are skipped. The OPD's operators
    are told (inbox and e-mail), once per return.
    """
    komentar = (komentar or "").strip()
    if not komentar:
        raise ValidationError(_("Tulis komentar: apa yang harus diperbaiki OPD."))
    laporan = _kunci_untuk_keputusan(laporan)
    if laporan.status not in (LaporanSemester.Status.DIAJUKAN, LaporanSemester.Status.DIVERIFIKASI):
        raise ValidationError(_("Hanya laporan yang sudah diajukan yang dapat dikembalikan."))
    baris = [b for b in komentar_baris if b.komentar]
    for b in baris:
        satu = (b.capaian is None) != (b.program is None)
        if not satu or (b.capaian or b.program).laporan_id != laporan.pk:
            raise ValidationError(
                _("Baris yang dikomentari bukan bagian dari laporan %(opd)s; tidak ada yang "
                  "diubah.") % {"opd": laporan.opd.singkatan})
    laporan.status = LaporanSemester.Status.DIKEMBALIKAN
    laporan.komentar_pengembalian = komentar
    laporan.dikembalikan_pada = timezone.now()
    laporan.dikembalikan_oleh = oleh
    laporan.diverifikasi_pada = None
    laporan.diverifikasi_oleh = None
    laporan._history_user = oleh
    laporan._change_reason = komentar[:100]
    laporan.save()
    for b in baris:
        k = KomentarBaris(laporan=laporan, capaian=b.capaian, program=b.program,
                          baris=_label_baris(b)[:400], komentar=b.komentar,
                          dikembalikan_pada=laporan.dikembalikan_pada, dibuat_oleh=oleh)
        k._history_user = oleh
        k.save()
    _beri_tahu_dikembalikan(laporan, baris)
    return laporan


def _beri_tahu_dikembalikan(laporan: LaporanSemester, baris: list[KomentarUntukBaris]) -> None:
    """The OPD's operators hear that their report came back, with what to correct."""
    isi = laporan.komentar_pengembalian
    if baris:
        isi += "\n\n" + _("Komentar per baris:") + "\n" + "\n".join(
            f"- {_label_baris(b)}: {b.komentar}" for b in baris)
    beri_tahu(
        operator_opd(laporan.opd),
        jenis=Jenis.LAPORAN_DIKEMBALIKAN,
        kunci=f"laporan_dikembalikan:{laporan.pk}:{laporan.dikembalikan_pada.isoformat()}",
        judul=_("Laporan %(opd)s semester %(kode)s dikembalikan untuk diperbaiki") % {
            "opd": laporan.opd.singkatan, "kode": laporan.semester.kode},
        isi=isi,
        tautan=laporan.get_absolute_url(),
    )


@transaction.atomic
def ubah_status_semester(*, semester: Semester, oleh, status: str, alasan: str = "",
                         konfirmasi_kunci: bool = False, sidik: str = "") -> Semester:
    """Close, reopen, lock, or open a locked semester again (which needs a reason).

    Locking needs ``konfirmasi_kunci``: given by the lock page once the person has seen
    which OPDs have no verified report (``kekurangan_kunci``) and ticked that they
    understand; with ``sidik`` (that page's fingerprint of the list) a list that changed
    since is refused. Locking tells the holders of the sign-off permission.
    """
    semester = Semester.objects.select_for_update().get(pk=semester.pk)
    alasan = (alasan or "").strip()
    if status not in Semester.Status.values:
        raise ValidationError(_("Status semester tidak dikenal."))
    if status == semester.status:
        raise ValidationError(
            _("Semester %(kode)s sudah berstatus %(status)s.")
            % {"kode": semester.kode, "status": semester.get_status_display()}
        )
    if status == Semester.Status.DIKUNCI:
        menunggu = semester.laporan.filter(status=LaporanSemester.Status.DIAJUKAN).count()
        if menunggu:
            raise ValidationError(
                _(
                    "%(n)s laporan masih menunggu verifikasi: verifikasi atau kembalikan dulu "
                    "sebelum semester dikunci."
                )
                % {"n": menunggu}
            )
        if not konfirmasi_kunci:
            raise ValidationError(_(
                "Semester dikunci hanya sesudah konfirmasi: buka halaman Kunci semester, "
                "periksa daftar OPD yang belum lengkap, lalu centang pernyataannya."
            ))
        if sidik and sidik != kekurangan_kunci(semester).sidik:
            raise ValidationError(_(
                "Keadaan laporan berubah sejak halaman konfirmasi dibuka; periksa lagi daftar "
                "OPD di bawah, lalu konfirmasi ulang. Semester belum dikunci."
            ))
    if semester.is_dikunci:
        if not alasan:
            raise ValidationError(_("Membuka semester yang sudah dikunci wajib disertai alasan."))
        PembukaanKunci.objects.create(
            semester=semester, oleh=oleh, alasan=alasan, status_baru=status
        )
    semester.status = status
    semester.dikunci_pada = timezone.now() if status == Semester.Status.DIKUNCI else None
    semester._history_user = oleh
    semester._change_reason = alasan[:100] or None
    semester.save()
    if semester.is_dikunci:
        _beri_tahu_menunggu_pengesahan(semester, oleh)
    return semester


def _beri_tahu_menunggu_pengesahan(semester: Semester, oleh) -> None:
    """Whoever signs the semester report off (Pimpinan) hears it can be signed now."""
    try:  # the report's page belongs to tpps, named here by URL only
        tautan = reverse("laporan_semester:laporan", args=[semester.kode])
    except NoReverseMatch:
        tautan = semester.get_absolute_url()
    kurang = kekurangan_kunci(semester)
    isi = _("Semester %(kode)s dikunci oleh %(oleh)s pada %(kapan)s: angkanya final dan "
            "laporan semester siap disahkan.") % {
        "kode": semester.kode, "oleh": oleh,
        "kapan": date_format(timezone.localtime(semester.dikunci_pada), "j F Y H:i")}
    if kurang.jumlah:
        isi += " " + _("%(n)s dari %(wajib)s OPD wajib lapor tidak mempunyai laporan "
                       "terverifikasi.") % {"n": kurang.jumlah, "wajib": kurang.wajib}
    beri_tahu(
        pemegang_izin("tpps.sahkan_laporan"),
        jenis=Jenis.MENUNGGU_PENGESAHAN,
        kunci=f"menunggu_pengesahan:{semester.pk}:{semester.dikunci_pada.isoformat()}",
        judul=_("Laporan semester %(kode)s menunggu pengesahan") % {"kode": semester.kode},
        isi=isi,
        tautan=tautan,
    )
