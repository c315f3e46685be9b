"""Workflows that write children and measurements (each in one transaction).

What must follow a write happens here, in the same transaction: z-scores of the row, the
N/T chain of the child, the cases a new status opens; a child's birth date or sex change
recomputes all their measurements.
"""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from opd import pemberitahuan

from . import ringkasan
from .models import (
    Balita,
    EntriPerangkat,
    ImporEppgbm,
    Kasus,
    LogAksesData,
    Pengukuran,
    Posyandu,
)
from .models.balita import tanggal_lahir_anonim
from .models.pengukuran import KOLOM_KONDISI, kondisi
from .skor import KOLOM_SKOR, hitung_naik, hitung_naik_riwayat, isi_skor

KOLOM_UKUR = (
    "berat_kg",
    "tinggi_cm",
    "cara_ukur",
    "lila_cm",
    "lingkar_kepala_cm",
    "edema",
    "vitamin_a",
    "imunisasi",
)


class SudahDiukurDiKegiatanLain(ValidationError):
    """The child was measured that day at another event. One measurement per child per day
    stays the rule: the user corrects that one and moves it here (``pindahkan=True``), or
    cancels. ``pengukuran``: the measurement already recorded."""

    def __init__(self, pengukuran: Pengukuran):
        self.pengukuran = pengukuran
        super().__init__(
            _("%(nama)s sudah diukur hari ini di %(kegiatan)s: %(ukuran)s. Koreksi pengukuran itu "
              "dan pindahkan ke kegiatan ini, atau batalkan.")
            % {"nama": pengukuran.balita.nama, "kegiatan": pengukuran.kegiatan or _("luar kegiatan"),
               "ukuran": ukuran_teks(pengukuran)}
        )


def ukuran_teks(p: Pengukuran) -> str:
    """'BB 12,3 kg, TB 85,0 cm' as the messages show a measurement."""
    bagian = []
    if p.berat_kg is not None:
        bagian.append(_("BB %(n)s kg") % {"n": f"{p.berat_kg}".replace(".", ",")})
    if p.tinggi_cm is not None:
        bagian.append(_("PB/TB %(n)s cm") % {"n": f"{p.tinggi_cm}".replace(".", ",")})
    return ", ".join(bagian) or _("tanpa berat dan panjang/tinggi")


def pastikan_belum_dianonimkan(*balita: Balita) -> None:
    """An anonymised child's record is closed: its birth date is no longer the true one, so
    nothing may recompute its z-scores or N/T (``anonimkan_balita``)."""
    if any(b.dianonimkan_pada for b in balita):
        raise ValidationError(_("Data balita ini sudah dianonimkan setelah masa retensi dan "
                                "tidak dapat diubah lagi."))


@transaction.atomic
def simpan_pengukuran(
    *, balita: Balita, tanggal_ukur: date, user, kegiatan=None, id_entri=None,
    pindahkan: bool = False, **nilai
) -> Pengukuran:
    """Record (or correct) the child's measurement of that day: one per child per day.

    A measurement of that day recorded at another event is never overwritten or moved
    silently: without ``pindahkan`` this raises :class:`SudahDiukurDiKegiatanLain`; with
    it, that measurement is corrected and moved to ``kegiatan`` (its history keeps both).

    ``id_entri``: the id a phone gave the entry (``EntriPerangkat``). Each id is stored
    once: an entry already received writes nothing and returns the measurement it made, so
    that a phone may send again whatever it is not sure arrived. The child's row lock
    orders two sendings of one entry (the same child), on PostgreSQL and SQLite alike."""
    balita = Balita.objects.select_for_update().get(pk=balita.pk)
    if id_entri is not None:
        sudah = (EntriPerangkat.objects.filter(pk=id_entri)
                 .values_list("pengukuran", flat=True).first())
        if sudah is not None:  # sent again (rare): the measurement it made
            return Pengukuran.objects.get(pk=sudah)
    pastikan_belum_dianonimkan(balita)
    if tanggal_ukur < balita.tanggal_lahir:
        raise ValidationError({"tanggal_ukur": _("Tanggal ukur sebelum tanggal lahir balita.")})
    pengukuran = Pengukuran.objects.filter(balita=balita, tanggal_ukur=tanggal_ukur).first()
    if pengukuran is None:
        pengukuran = Pengukuran(balita=balita, tanggal_ukur=tanggal_ukur)
    elif kegiatan is not None and pengukuran.kegiatan_id != kegiatan.pk:
        if not pindahkan:
            raise SudahDiukurDiKegiatanLain(pengukuran)
        pengukuran._change_reason = _("Dikoreksi dan dipindahkan dari %(asal)s") % {
            "asal": pengukuran.kegiatan or _("luar kegiatan")}
    pengukuran.balita = balita
    for kolom in KOLOM_UKUR:
        if kolom in nilai:
            setattr(pengukuran, kolom, nilai[kolom])
    if kegiatan is not None:
        pengukuran.kegiatan = kegiatan
    pengukuran.dicatat_oleh = user
    isi_skor([pengukuran])
    _periksa(pengukuran)
    pengukuran.save()
    riwayat = hitung_naik_riwayat(balita)
    (ini,) = [p for p in riwayat if p.pk == pengukuran.pk]
    pengukuran.naik, pengukuran.dua_t = ini.naik, ini.dua_t
    buka_kasus(pengukuran, sebelumnya=[p for p in reversed(riwayat)
                                       if p.tanggal_ukur < pengukuran.tanggal_ukur])
    ringkasan.segarkan_kelompok({(balita.desa_id, balita.posyandu_id)}, {tanggal_ukur})
    if id_entri is not None:
        EntriPerangkat.objects.create(id=id_entri, pengukuran=pengukuran, user=user)
    return pengukuran


#: Relations ``simpan_pengukuran`` holds as instances read in this request: the child
#: locked, the event and the user. ``_periksa`` does not ask the database again whether
#: they exist.
_RELASI_DIBACA = ("balita", "kegiatan", "dicatat_oleh")


def _periksa(pengukuran: Pengukuran) -> None:
    """``full_clean`` of a measurement to be saved: the same checks and messages, the
    one-per-child-per-day constraint included, without the existence queries of its
    relations (``_RELASI_DIBACA``)."""
    errors = {}
    try:
        pengukuran.full_clean(exclude=_RELASI_DIBACA, validate_constraints=False)
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    try:
        # As full_clean: the constraints of the fields that passed.
        pengukuran.validate_constraints(exclude={k for k in errors if k != NON_FIELD_ERRORS})
    except ValidationError as e:
        errors = e.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def kondisi_baru(sekarang: dict, sebelumnya) -> set[str]:
    """Conditions present in ``sekarang`` and absent at the latest earlier measurement that
    could tell (``sebelumnya``: conditions of the earlier measurements, newest first). A
    measurement without a value for an index changes nothing: a weighing without length
    neither ends nor restarts a child's stunting."""
    belum = {jenis for jenis, ada in sekarang.items() if ada}
    baru = set()
    for dulu in sebelumnya:
        if not belum:
            break
        for jenis in [j for j in belum if dulu[j] is not None]:
            belum.discard(jenis)
            if not dulu[jenis]:
                baru.add(jenis)
    return baru | belum


def buka_kasus(pengukuran: Pengukuran, *, sebelumnya=None) -> list[Kasus]:
    """Open a case for each condition that is new at this measurement (absent at the
    child's latest earlier measurement that has a value for its index, see
    ``kondisi_baru``) and has no open case yet. ``sebelumnya``: the child's earlier
    measurements, newest first, when the caller has just read them (as stored)."""
    if sebelumnya is None:
        riwayat = (
            pengukuran.balita.pengukuran.filter(tanggal_ukur__lt=pengukuran.tanggal_ukur)
            .order_by("-tanggal_ukur")
            .values_list(*KOLOM_KONDISI)
        )
        dulu = (kondisi(*n) for n in riwayat)
    else:
        dulu = (p.kondisi_kasus() for p in sebelumnya)
    baru_jenis = kondisi_baru(pengukuran.kondisi_kasus(), dulu)
    if not baru_jenis:
        return []
    terbuka = set(pengukuran.balita.kasus.terbuka().values_list("jenis", flat=True))
    baru = [
        Kasus(
            balita=pengukuran.balita,
            jenis=jenis,
            pengukuran=pengukuran,
            tanggal_ditemukan=pengukuran.tanggal_ukur,
        )
        for jenis in sorted(baru_jenis - terbuka)
    ]
    kasus = Kasus.objects.bulk_create(baru)
    kabari_kasus_baru(kasus, pengukuran.balita)
    return kasus


def petugas_gizi(posyandu: Posyandu):
    """Who follows a Posyandu's cases: the Petugas whose scope is its Puskesmas' area, and
    Dinkes' nutrition staff (scope: the whole city)."""
    from opd.models import User

    from .models import CakupanPetugas

    t = CakupanPetugas.Tingkat
    return User.objects.filter(
        Q(cakupan__tingkat=t.KOTA)
        | Q(cakupan__tingkat=t.PUSKESMAS, cakupan__puskesmas=posyandu.puskesmas_id),
        is_active=True,
    ).distinct()


def kabari_kasus_baru(kasus: list[Kasus], balita: Balita) -> None:
    """Tell the nutrition staff of the child's Puskesmas and Dinkes of each case opened by
    a measurement saved now. The text names the condition and the Posyandu, never the
    child: the link opens the case for those whose scope holds it."""
    if not kasus or balita.posyandu_id is None:
        return
    posyandu = balita.posyandu
    for k in kasus:
        pemberitahuan.beri_tahu(
            petugas_gizi(posyandu), jenis=pemberitahuan.Jenis.KASUS_BARU,
            kunci=f"kasus_baru:{k.pk}",
            judul=_("Kasus baru di %(posyandu)s: %(jenis)s") % {
                "posyandu": posyandu, "jenis": k.get_jenis_display()},
            isi=_("Ditemukan pada pengukuran %(tanggal)s. Buka kasusnya untuk merujuk dan "
                  "mencatat penanganan.") % {"tanggal": k.tanggal_ditemukan.strftime("%d-%m-%Y")},
            tautan=reverse("posyandu:kasus-ubah", args=[k.pk]),
        )


def buka_kasus_banyak(kunci_ukur: set[tuple[int, date]]) -> int:
    """``buka_kasus`` for many children at once (an import, the demo): by the same rule
    (``kondisi_baru``), a case for each condition new at the child's latest measurement —
    when that measurement is one just written (``kunci_ukur``: (child, date) pairs)."""
    anak = sorted({b for b, _t in kunci_ukur})
    if not anak:
        return 0
    dari = min(t for _b, t in kunci_ukur) - timedelta(days=400)
    baru = []
    for awal in range(0, len(anak), 5000):
        kelompok = anak[awal:awal + 5000]
        riwayat = defaultdict(list)  # every row since ``dari``, newest first
        for bal, tgl, pk, *nilai in (
            Pengukuran.objects.filter(balita_id__in=kelompok, tanggal_ukur__gte=dari)
            .order_by("balita_id", "-tanggal_ukur")
            .values_list("balita_id", "tanggal_ukur", "pk", *KOLOM_KONDISI)
        ):
            riwayat[bal].append((tgl, pk, nilai))
        for bal, rows in riwayat.items():
            tgl, pk, nilai = rows[0]
            if (bal, tgl) not in kunci_ukur:
                continue
            sebelumnya = (kondisi(*r[2]) for r in rows[1:])
            for jenis in sorted(kondisi_baru(kondisi(*nilai), sebelumnya)):
                baru.append(Kasus(balita_id=bal, jenis=jenis, pengukuran_id=pk,
                                  tanggal_ditemukan=tgl))
    return sum(_tulis_kasus_baru(baru).values())


def _tulis_kasus_baru(usulan: list[Kasus], *, dry_run: bool = False) -> Counter:
    """Write the proposed cases, leaving out each one whose child already has an open case
    of that condition (one open case per condition); the count written per condition.
    ``dry_run``: the same count, nothing written. The one writer of the batch paths
    (``buka_kasus_banyak``, ``buka_kasus_tertinggal``); it sends nothing."""
    anak = sorted({k.balita_id for k in usulan})
    terbuka = set()
    for awal in range(0, len(anak), 5000):
        terbuka |= set(
            Kasus.objects.terbuka().filter(balita_id__in=anak[awal:awal + 5000])
            .values_list("balita_id", "jenis")
        )
    baru = []
    for kasus in usulan:
        if (kasus.balita_id, kasus.jenis) not in terbuka:
            terbuka.add((kasus.balita_id, kasus.jenis))
            baru.append(kasus)
    if not dry_run:
        Kasus.objects.bulk_create(baru, batch_size=2000)
    return Counter(k.jenis for k in baru)


@transaction.atomic
def buka_kasus_tertinggal(*, balita=None, dry_run: bool = False) -> Counter:
    """Open the missed cases of existing data (``BalitaQuerySet.kasus_tertinggal``): for
    each child needing a case (``perlu_kasus``) and each condition with neither an open
    case nor a case resolved on or after the measurement showing it, a case found at the
    first measurement of the condition's current run (``sejak_*``), where it would have
    been opened at the time. ``balita``: the children to look at (all by default).
    Returns the count per condition (``Kasus.Jenis``); ``dry_run`` counts and writes
    nothing. Idempotent: a second run finds nothing missing. No notification is sent."""
    anak = Balita.objects.all() if balita is None else balita
    usulan = [
        Kasus(balita_id=b.pk, jenis=k["jenis"], pengukuran_id=k["ukur_sejak"],
              tanggal_ditemukan=k["sejak"])
        for b in anak.kasus_tertinggal().order_by("pk").iterator(chunk_size=2000)
        for k in b.kebutuhan_kasus()
        if k["tertinggal"]
    ]
    return _tulis_kasus_baru(usulan, dry_run=dry_run)


@transaction.atomic
def hitung_ulang_balita(balita: Balita) -> int:
    """Recompute every measurement of a child (after their birth date or sex changed)."""
    daftar = list(balita.pengukuran.all())
    for p in daftar:
        p.balita = balita
    isi_skor(daftar)
    Pengukuran.objects.bulk_update(daftar, KOLOM_SKOR)
    hitung_naik(balita)
    return len(daftar)


@transaction.atomic
def ubah_balita(*, balita: Balita, user) -> Balita:
    """Save a child's corrected identity; a new birth date or sex recomputes their z-scores."""
    lama = Balita.objects.select_for_update().get(pk=balita.pk)
    pastikan_belum_dianonimkan(lama)
    pertama = balita.pengukuran.order_by("tanggal_ukur").values_list("tanggal_ukur", flat=True)
    if pertama and pertama[0] < balita.tanggal_lahir:
        raise ValidationError(
            {
                "tanggal_lahir": _(
                    "Sudah ada pengukuran tanggal %(tgl)s, sebelum tanggal lahir ini."
                )
                % {"tgl": pertama[0].strftime("%d-%m-%Y")}
            }
        )
    balita.full_clean()
    balita.save()
    if (lama.tanggal_lahir, lama.jenis_kelamin) != (balita.tanggal_lahir, balita.jenis_kelamin):
        hitung_ulang_balita(balita)
    # D of a month counts children of S only: a status (moved, died) changes it too.
    if (lama.tanggal_lahir, lama.jenis_kelamin, lama.desa_id, lama.posyandu_id, lama.status,
            lama.tanggal_status) != (
        balita.tanggal_lahir, balita.jenis_kelamin, balita.desa_id, balita.posyandu_id,
        balita.status, balita.tanggal_status,
    ):
        ringkasan.segarkan_balita([balita.pk], kelompok_lama={(lama.desa_id, lama.posyandu_id)})
    return balita


@transaction.atomic
def pindahkan_balita(*, balita: Balita, posyandu: Posyandu, user) -> Balita:
    """Move a child to another home Posyandu; measurements and history stay with them."""
    lama = (balita.desa_id, balita.posyandu_id)
    balita.posyandu = posyandu
    balita._change_reason = _("Dipindahkan ke %(posyandu)s") % {"posyandu": posyandu}
    balita.save(update_fields=["posyandu"])
    ringkasan.segarkan_balita([balita.pk], kelompok_lama={lama})
    return balita


@transaction.atomic
def gabungkan_balita(*, utama: Balita, duplikat: Balita, user) -> tuple[Balita, int]:
    """Merge two records of one child: ``duplikat``'s measurements and cases move to
    ``utama`` (on a day both were measured, ``utama``'s measurement is kept and
    ``duplikat``'s is dropped), then ``duplikat`` is deleted; its history, the dropped
    measurements included, stays in the audit log. Returns ``utama`` and the number of
    dropped same-day measurements (to tell the user)."""
    if utama.pk == duplikat.pk:
        raise ValidationError(_("Tidak dapat menggabungkan data dengan dirinya sendiri."))
    pastikan_belum_dianonimkan(utama, duplikat)
    if (utama.tanggal_lahir, utama.jenis_kelamin) != (
        duplikat.tanggal_lahir,
        duplikat.jenis_kelamin,
    ):
        raise ValidationError(
            _(
                "Tanggal lahir dan jenis kelamin kedua data berbeda; samakan dulu sebelum "
                "menggabungkan."
            )
        )
    kelompok_lama = {(duplikat.desa_id, duplikat.posyandu_id)}
    bulan_lama = ringkasan.bulan_pengukuran([duplikat.pk])
    tanggal_utama = set(utama.pengukuran.values_list("tanggal_ukur", flat=True))
    dibuang = duplikat.pengukuran.filter(tanggal_ukur__in=tanggal_utama).count()
    duplikat.pengukuran.exclude(tanggal_ukur__in=tanggal_utama).update(balita=utama)
    jenis_terbuka = set(utama.kasus.terbuka().values_list("jenis", flat=True))
    for kasus in duplikat.kasus.all():
        if kasus.status != Kasus.Status.SELESAI and kasus.jenis in jenis_terbuka:
            kasus.delete()  # the same condition is already followed on the main record
        else:
            kasus.balita = utama
            kasus.save(update_fields=["balita"])
    for kolom in ("nik", "nama_ibu", "alamat", "rt", "rw", "berat_lahir_kg", "panjang_lahir_cm"):
        if not getattr(utama, kolom) and getattr(duplikat, kolom):
            setattr(utama, kolom, getattr(duplikat, kolom))
    if utama.punya_buku_kia is None:  # False is a record, not a blank
        utama.punya_buku_kia = duplikat.punya_buku_kia
    duplikat._change_reason = _("Digabung ke data balita #%(pk)s") % {"pk": utama.pk}
    duplikat.delete()
    utama._change_reason = _("Menerima gabungan data balita")
    utama.full_clean()
    utama.save()
    hitung_naik(utama)
    ringkasan.segarkan_balita([utama.pk], kelompok_lama=kelompok_lama, bulan_tambahan=bulan_lama)
    return utama, dibuang


def catat_lihat_nik(*, user, balita: Balita) -> str:
    LogAksesData.objects.create(user=user, aksi=LogAksesData.Aksi.LIHAT_NIK, balita=balita)
    return balita.nik


def catat_lihat_balita(*, user, balita: Balita) -> None:
    """Log that ``user`` opened ``balita``'s page (``LogAksesData.Aksi.LIHAT_BALITA``): at
    most once per user, child and day, in one query — a reload the same day writes nothing
    (the log's unique constraint drops the row: ``ignore_conflicts``)."""
    LogAksesData.objects.bulk_create(
        [LogAksesData(user=user, aksi=LogAksesData.Aksi.LIHAT_BALITA, balita=balita,
                      tanggal=timezone.localdate())],
        ignore_conflicts=True,
    )


def catat_ekspor_anak(*, user, balita: Balita, nik_lengkap: bool,
                      keterangan: str = "") -> LogAksesData:
    """Log the export of one child's whole record (a parent's request), with whether the
    NIK went out in full and what the Sekretariat noted about the request."""
    nik = _("NIK lengkap") if nik_lengkap else _("NIK disamarkan")
    teks = "; ".join(t for t in (_("Permintaan orang tua/wali"), nik, keterangan.strip()) if t)
    return LogAksesData.objects.create(user=user, aksi=LogAksesData.Aksi.EKSPOR_ANAK,
                                       balita=balita, keterangan=teks[:255])


#: The identity an anonymised child loses (``anonimkan_balita``); ``nama`` becomes a label.
KOLOM_IDENTITAS = ("nik", "nama_ibu", "alamat", "rt", "rw")


def _id_riwayat(balita: Balita) -> set[int]:
    """The ids a child's history is kept under: its own, and those of duplicate records
    merged into it (deleted, their history kept): the earlier history rows of its
    measurements and cases still name them, and so does the duplicate's deletion reason
    (``gabungkan_balita``). An id still held by a record is another child: left out."""
    ids, baru = set(), {balita.pk}
    while baru:
        ids |= baru
        ukur = Pengukuran.objects.filter(balita_id__in=ids).values("pk")
        kasus = Kasus.objects.filter(balita_id__in=ids).values("pk")
        temuan = set(Pengukuran.history.filter(id__in=ukur).values_list("balita_id", flat=True))
        temuan |= set(Kasus.history.filter(id__in=kasus).values_list("balita_id", flat=True))
        alasan = [_("Digabung ke data balita #%(pk)s") % {"pk": pk} for pk in ids]
        temuan |= set(Balita.history.filter(history_type="-", history_change_reason__in=alasan)
                      .values_list("id", flat=True))
        temuan -= set(Balita.objects.filter(pk__in=temuan).values_list("pk", flat=True))
        baru = temuan - ids
    return ids


@transaction.atomic
def anonimkan_balita(*, balita: Balita) -> Balita:
    """Anonymise a child whose retention has passed (``BalitaQuerySet.perlu_dianonimkan``):
    NIK, mother's name, address and RT/RW are emptied and the name becomes "Balita anonim
    #id", in the record and in every history row of the child (merged duplicates
    included); the birth date keeps its month (``tanggal_lahir_anonim``); case notes (free
    text about the family) are emptied. Sex, desa, Posyandu, status, the measurements with
    their stored ages and z-scores, and the cases stay as they are — nothing is recomputed,
    so every aggregate and summary is unchanged. A child already anonymised is left."""
    balita = Balita.objects.select_for_update().get(pk=balita.pk)
    if balita.dianonimkan_pada:
        return balita
    ids = _id_riwayat(balita)
    isi = dict.fromkeys(KOLOM_IDENTITAS, "")
    isi["nama"] = _("Balita anonim #%(pk)s") % {"pk": balita.pk}
    isi["tanggal_lahir"] = tanggal_lahir_anonim(balita.tanggal_lahir)
    for kolom, nilai in isi.items():
        setattr(balita, kolom, nilai)
    balita.dianonimkan_pada = timezone.now()
    balita._change_reason = _("Dianonimkan setelah masa retensi")
    balita.save(update_fields=[*isi, "dianonimkan_pada"])
    Balita.history.filter(id__in=ids).update(**isi)
    Kasus.objects.filter(balita=balita).exclude(catatan="").update(catatan="")
    Kasus.history.filter(balita_id__in=ids).exclude(catatan="").update(catatan="")
    return balita


def hapus_impor(*, impor: ImporEppgbm) -> None:
    """Remove an import past its retention (``ImporEppgbmQuerySet.kedaluwarsa``): the
    uploaded file, the CSV of its rejected rows and the record (with the rows its preview
    shows). The measurements it brought stay. Files first: when one cannot be removed the
    record stays, and the next run tries again."""
    from .eppgbm.pekerjaan import nama_ditolak, nama_jejak

    if impor.berkas.name:
        storage = impor.berkas.storage
        storage.delete(nama_ditolak(impor))
        storage.delete(nama_jejak(impor))
        storage.delete(impor.berkas.name)
    impor.delete()


@transaction.atomic
def hapus_pengukuran(*, pengukuran: Pengukuran, user) -> Balita:
    """Delete a wrong measurement and put right what followed from it.

    The child's N/T/2T chain is recomputed; the cases this measurement found that nobody
    has acted on yet (status "ditemukan") go with it, those already referred or handled
    stay (without their measurement); the child's next measurement is checked for cases
    that are now new at it; the monthly summaries of the child, the deleted month
    included, are rebuilt. The deleted row and cases stay in their history."""
    balita = Balita.objects.select_for_update().get(pk=pengukuran.balita_id)
    pastikan_belum_dianonimkan(balita)
    pengukuran = Pengukuran.objects.get(pk=pengukuran.pk)
    tanggal = pengukuran.tanggal_ukur
    alasan = _("Pengukuran %(tgl)s dihapus karena salah") % {"tgl": tanggal.strftime("%d-%m-%Y")}
    for kasus in pengukuran.kasus.filter(status=Kasus.Status.DITEMUKAN):
        kasus._history_user, kasus._change_reason = user, alasan
        kasus.delete()
    pengukuran._history_user, pengukuran._change_reason = user, alasan
    pengukuran.delete()
    hitung_naik(balita)
    berikut = balita.pengukuran.filter(tanggal_ukur__gt=tanggal).order_by("tanggal_ukur").first()
    if berikut is not None:
        buka_kasus(berikut)
    ringkasan.segarkan_balita([balita.pk], bulan_tambahan={tanggal.replace(day=1)})
    return balita
