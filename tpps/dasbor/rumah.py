"""Each role's own work on landing: Operator OPD and Petugas Posyandu."""

from datetime import timedelta

from django.db.models import Exists, Min, OuterRef, Prefetch, Q
from django.utils import timezone

from evaluasi.models import LaporanSemester, Semester
from opd.models import OPD, AnggotaTim
from posyandu import access as posyandu_access
from posyandu.models import Kasus

from ..models import TindakLanjut

JENDELA_TENGGAT_HARI = 30
#: Rows of each list on a Petugas's home.
BARIS_KERJA = 50


def kerja_opd(opd: OPD) -> dict:
    """An agency's to-do: reports returned to it, semester entries due (open semesters it
    has not submitted), follow-ups overdue or due within 30 days."""
    hari_ini = timezone.localdate()
    laporan = {
        lap.semester_id: lap
        for lap in LaporanSemester.objects.filter(opd=opd).select_related("semester")
    }
    dibuka = Semester.objects.filter(status=Semester.Status.DIBUKA,
                                     pengisian_dibuka__lte=hari_ini)
    S = LaporanSemester.Status
    jatuh_tempo = [
        {"semester": s, "laporan": laporan.get(s.pk)}
        for s in dibuka
        if laporan.get(s.pk) is None or laporan[s.pk].status == S.DRAF
    ] if opd.wajib_lapor else []
    dikembalikan = [lap for lap in laporan.values() if lap.status == S.DIKEMBALIKAN]
    tindak_lanjut = (
        TindakLanjut.objects.milik_opd(opd).terbuka()
        .filter(tenggat__lte=hari_ini + timedelta(days=JENDELA_TENGGAT_HARI))
        .terlambat_dulu().select_related("opd_penanggung_jawab")
    )
    return {"opd": opd, "jatuh_tempo": jatuh_tempo, "dikembalikan": dikembalikan,
            "tindak_lanjut": tindak_lanjut, "hari_ini": hari_ini}


def _daftar_terbatas(qs) -> tuple[list, int]:
    """The first ``BARIS_KERJA`` rows of ``qs`` and how many there are (counted only when
    the list is full: a short list is its own count)."""
    daftar = list(qs[:BARIS_KERJA])
    return daftar, len(daftar) if len(daftar) < BARIS_KERJA else qs.count()


def kerja_petugas(user) -> dict:
    """A Petugas's to-do, children of their scope (``posyandu.access.balita_for_user``)
    only: those with an open case (each case's condition, status and date found; the
    oldest first), those needing a case without one (``BalitaQuerySet.kasus_tertinggal``:
    none once the missed cases are opened, listed so that a gap shows), those whose case
    was resolved on or after the measurement still showing the condition (the reason they
    have none, ``kasus_selesai_menunggu``), and the Posyandu of the scope."""
    balita = posyandu_access.balita_for_user(user)
    terbuka = ~Q(kasus__status=Kasus.Status.SELESAI)
    anak_kasus = (
        balita.annotate(kasus_pertama=Min("kasus__tanggal_ditemukan", filter=terbuka))
        .filter(kasus_pertama__isnull=False)
        .select_related("posyandu")
        .prefetch_related(Prefetch(
            "kasus", to_attr="kasus_terbuka",
            queryset=Kasus.objects.terbuka().order_by("tanggal_ditemukan", "jenis"),
        ))
        .order_by("kasus_pertama", "nama", "pk")
    )
    anak_kasus, jumlah_anak_kasus = _daftar_terbatas(anak_kasus)
    # Missed and waiting in one query (the two share every annotation but the start of a
    # missed case): both lists are exceptions, a handful of children for a Posyandu.
    tertinggal, menunggu = [], []
    for b in (balita.dengan_awal_kasus()
              .filter(balita.salah_satu("tertinggal") | balita.salah_satu("menunggu"))
              .select_related("posyandu").order_by("posyandu__nama", "nama", "pk")):
        b.kebutuhan = b.kebutuhan_kasus()
        if any(c["tertinggal"] for c in b.kebutuhan):
            tertinggal.append(b)
        if any(c["menunggu"] for c in b.kebutuhan):
            menunggu.append(b)
    jumlah_tertinggal, jumlah_menunggu = len(tertinggal), len(menunggu)
    tertinggal, menunggu = tertinggal[:BARIS_KERJA], menunggu[:BARIS_KERJA]
    return {
        "anak_kasus": anak_kasus, "jumlah_anak_kasus": jumlah_anak_kasus,
        "tertinggal": tertinggal, "jumlah_tertinggal": jumlah_tertinggal,
        "menunggu": menunggu, "jumlah_menunggu": jumlah_menunggu,
        "posyandu": posyandu_access.posyandu_for_user(user).select_related("desa")[:30],
    }


def kelengkapan_roster(opd: OPD | None = None) -> list[OPD]:
    """Active members (or one) lacking a current representative or focal person."""
    kini = AnggotaTim.objects.aktif()
    focal = kini.filter(opd=OuterRef("pk"), peran=AnggotaTim.Peran.FOCAL_PERSON)
    wakil = kini.filter(opd=OuterRef("pk")).exclude(peran=AnggotaTim.Peran.FOCAL_PERSON)
    qs = OPD.objects.aktif().annotate(ada_perwakilan=Exists(wakil), ada_focal=Exists(focal))
    if opd is not None:
        qs = qs.filter(pk=opd.pk)
    return list(qs.filter(Q(ada_perwakilan=False) | Q(ada_focal=False)))
