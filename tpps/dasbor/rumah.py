"""Each role's own work on landing: Operator OPD and Petugas Posyandu."""

from datetime import timedelta

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from evaluasi.models import LaporanSemester, Semester
from opd.models import OPD, AnggotaTim
from posyandu import access as posyandu_access
from posyandu.models import Kasus, Pengukuran

from ..models import TindakLanjut

JENDELA_TENGGAT_HARI = 30


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


def kerja_petugas(user) -> dict:
    """A Petugas's to-do: open cases of children in scope (oldest first), 2T at the latest
    weighing, and the Posyandu of the scope."""
    balita = posyandu_access.balita_for_user(user)
    kasus = (
        Kasus.objects.terbuka().filter(balita__in=balita)
        .select_related("balita__posyandu").order_by("tanggal_ditemukan")
    )
    lebih_baru = Pengukuran.objects.filter(balita=OuterRef("balita"),
                                           tanggal_ukur__gt=OuterRef("tanggal_ukur"))
    dua_t = (
        Pengukuran.objects.filter(balita__in=balita.sasaran(), dua_t=True)
        .annotate(ada_lebih_baru=Exists(lebih_baru)).filter(ada_lebih_baru=False)
        .select_related("balita__posyandu")
    )
    return {
        "kasus": kasus[:50], "jumlah_kasus": kasus.count(), "dua_t": dua_t[:50],
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
