"""The semesters: the last two completed ones and the current one, each OPD's report filled in,
submitted (some late), returned with a comment and corrected, verified; the semesters closed,
the oldest locked and signed off by the Pimpinan."""

import random
from datetime import date, timedelta

from evaluasi.alur import (
    IsianCapaian,
    IsianProgram,
    ajukan_laporan,
    kembalikan_laporan,
    simpan_laporan,
    ubah_status_semester,
    verifikasi_laporan,
)
from evaluasi.models import Capaian, Indikator, LaporanSemester, ProgramKegiatan, Semester
from opd.models import OPD
from tpps.demo.angka import PROGRAM, _Laporan, siapkan_target
from tpps.demo.cerita import BUKTI, HasilDemoLengkap, _Cerita, _pada
from tpps.laporan_semester.alur import sahkan_laporan

KOMENTAR_KEMBALI = (
    "Tautan bukti beberapa indikator tidak dapat dibuka; perbaiki tautan dan lampirkan rekap "
    "per Puskesmas.",
    "Realisasi anggaran belum sama dengan laporan realisasi BKAD pada akhir semester; mohon "
    "disesuaikan.",
    "Realisasi keluaran belum dirinci per desa lokus; lengkapi rinciannya.",
)


def _kode(tahun: int, nomor: int) -> str:
    return f"{tahun}S{nomor}"


#: The semester being filled is the one whose entry has run at least this long: in the
#: first two weeks of January or July the semester just ended (its entry runs until 20
#: days after its end) is still the one OPDs are filling, and the new one has no past yet
#: for the story to happen in.
PENGISIAN_BERJALAN = timedelta(days=14)


def kode_semester_demo(hari_ini: date) -> list[str]:
    """Two earlier semesters and the one being filled (``PENGISIAN_BERJALAN``), oldest
    first."""
    acuan = hari_ini - PENGISIAN_BERJALAN
    tahun, nomor = acuan.year, 1 if acuan.month <= 6 else 2
    kode = [_kode(tahun, nomor)]
    for _i in range(2):
        tahun, nomor = (tahun, 1) if nomor == 2 else (tahun - 1, 2)
        kode.insert(0, _kode(tahun, nomor))
    return kode


def _semester(cerita: "_Cerita", kode: str) -> Semester:
    """A semester whose entry is open from its first day and due 20 days after its last,
    saved in the story a week before it starts."""
    mulai, selesai = Semester.periode_baku(kode)
    semester = Semester(kode=kode, tanggal_mulai=mulai, tanggal_selesai=selesai,
                        pengisian_dibuka=mulai, batas_pengisian=selesai + timedelta(days=20))
    semester.full_clean()
    cerita.tambah(mulai - timedelta(days=7), 9, semester.save)
    return semester


def _koreksi(laporan: LaporanSemester, oleh) -> None:
    """What an OPD changes after a return: a working link, or the realisation figure."""
    c = laporan.capaian.select_related("indikator").order_by("indikator__urutan").first()
    if c is not None:
        nilai = {f: getattr(c, f) for f in Capaian.ISIAN}
        kode = c.indikator.kode.lower()
        nilai["tautan_bukti"] = f"{BUKTI}/{laporan.semester.kode}/rekap-{kode}.pdf"
        simpan_laporan(laporan=laporan, oleh=oleh,
                       capaian=[IsianCapaian(indikator=c.indikator, versi=c.versi, nilai=nilai)])
        return
    p = laporan.program.order_by("pk").first()
    if p is not None:
        nilai = {f: getattr(p, f) for f in ProgramKegiatan.ISIAN}
        nilai["realisasi_rp"] = int(round(p.realisasi_rp * 0.97, -2))
        simpan_laporan(laporan=laporan, oleh=oleh, program=[IsianProgram(
            pk=p.pk, versi=p.versi, nilai=nilai, indikator=list(p.indikator.all()))])


def _ajukan(laporan: LaporanSemester, oleh) -> None:
    hasil = ajukan_laporan(laporan=laporan, oleh=oleh)
    if any(h.is_galat for h in hasil):  # the demo's own figures must pass the rules
        raise RuntimeError(f"Laporan demo {laporan} ditolak: {[h.pesan for h in hasil]}")


def _opd_laporan() -> list[OPD]:
    """The OPDs whose reports the demo writes: every one that owns indicators, and the
    supporting ones with programmes; all must report."""
    pemilik = set(Indikator.objects.aktif().values_list("opd_utama", flat=True))
    return [o for o in OPD.objects.wajib_lapor().order_by("urutan", "singkatan")
            if o.pk in pemilik or o.singkatan in PROGRAM]


def cerita_semester(cerita: _Cerita, rng: random.Random, hari_ini: date, akun: dict,
                    hasil: HasilDemoLengkap) -> None:
    kode = kode_semester_demo(hari_ini)
    semester = [_semester(cerita, k) for k in kode]
    hasil.semester = len(semester)
    with _pada(cerita.waktu(semester[0].tanggal_mulai - timedelta(days=10), 9)):
        acuan = siapkan_target(sorted({s.tahun for s in semester}))
    angka = _Laporan(rng, acuan)
    sekretariat, operator = akun["sekretariat"], akun["operator"]
    daftar_opd = _opd_laporan()
    milik = {o.pk: list(Indikator.objects.milik(o).order_by("urutan", "kode")) for o in daftar_opd}
    pagu: dict = {}

    def pengisi(opd):
        return operator if operator is not None and operator.opd_id == opd.pk else sekretariat

    for urutan, smt in enumerate(semester):
        kini = urutan == 2
        lain = [o for o in daftar_opd if o.singkatan != "Dinkes"]
        if kini:
            nasib = {"Dinkes": "draf_sebagian", "Dinsos": "diajukan", "DPPPAPPKB": "draf",
                     "Disperkim": "draf", "Dindik": "draf", "Kec. Batu": "draf"}
        else:
            pilih = rng.sample(lain, 5)
            nasib = {pilih[0].singkatan: "terlambat", pilih[1].singkatan: "terlambat",
                     pilih[2].singkatan: "kembali", pilih[3].singkatan: "kembali"}
            if urutan == 1:  # the closed semester still has work waiting
                nasib[pilih[3].singkatan] = "kembali_menunggu"
                nasib[pilih[4].singkatan] = "antrean"
        terakhir = smt.batas_pengisian
        for opd in daftar_opd:
            n = nasib.get(opd.singkatan, "tepat" if not kini else None)
            if n is None:
                continue
            isian_c = angka.capaian(smt, urutan, opd, milik[opd.pk])
            isian_p = angka.program(smt, opd, pagu)
            if n == "draf_sebagian":
                isian_c, isian_p = isian_c[:7], isian_p[:2]
            hasil.laporan += 1
            oleh = pengisi(opd)
            if kini:
                # Drafts are begun up to 6 days before this, so a week after entry opens.
                d = max(smt.pengisian_dibuka + timedelta(days=7),
                        hari_ini - timedelta(days=rng.randint(5, 30)))
                kirim = n == "diajukan"
            elif n == "terlambat":
                d = smt.batas_pengisian + timedelta(days=rng.randint(2, 9))
                kirim = True
            else:
                d = smt.batas_pengisian - timedelta(days=rng.randint(1, 16))
                kirim = True

            def isi(smt=smt, opd=opd, c=isian_c, p=isian_p, oleh=oleh):
                laporan = LaporanSemester(semester=smt, opd=opd)
                simpan_laporan(laporan=laporan, oleh=oleh, capaian=c, program=p)

            cerita.tambah(d - timedelta(days=rng.randint(1, 6)), 10, isi, menit=rng.randint(0, 59))
            if not kirim:
                continue

            def laporan_dari(smt=smt, opd=opd):
                return LaporanSemester.objects.get(semester=smt, opd=opd)

            cerita.tambah(d, 14, lambda f=laporan_dari, oleh=oleh: _ajukan(f(), oleh),
                          menit=rng.randint(0, 59))
            if kini:
                continue
            periksa = d + timedelta(days=rng.randint(2, 7))
            if n == "antrean":  # submitted late, still waiting in the queue
                continue
            if n.startswith("kembali"):
                komentar = rng.choice(KOMENTAR_KEMBALI)
                cerita.tambah(periksa, 11, lambda f=laporan_dari, k=komentar: kembalikan_laporan(
                    laporan=f(), oleh=sekretariat, komentar=k))
                if n == "kembali_menunggu":
                    continue
                perbaiki = periksa + timedelta(days=rng.randint(2, 6))
                cerita.tambah(perbaiki, 9, lambda f=laporan_dari, oleh=oleh: _koreksi(f(), oleh))
                cerita.tambah(perbaiki, 10, lambda f=laporan_dari, oleh=oleh: _ajukan(f(), oleh))
                periksa = perbaiki + timedelta(days=rng.randint(1, 4))
            # One Sekretariat account enters what OPDs without an account sent and verifies
            # it too: the four-eyes rule (EMPAT_MATA) is for people, not for this script.
            cerita.tambah(periksa, 13, lambda f=laporan_dari: verifikasi_laporan(
                laporan=f(), oleh=sekretariat, empat_mata=False))
            terakhir = max(terakhir, periksa)
        if kini:
            continue
        # Closed when the window ends (late reports came in before), locked when verified.
        tutup = smt.batas_pengisian + timedelta(days=12)
        cerita.tambah(tutup, 8, lambda s=smt: ubah_status_semester(
            semester=s, oleh=sekretariat, status=Semester.Status.DITUTUP))
        if urutan == 0:
            kunci = max(tutup, terakhir) + timedelta(days=3)
            cerita.tambah(kunci, 9, lambda s=smt: ubah_status_semester(
                semester=s, oleh=sekretariat, status=Semester.Status.DIKUNCI,
                konfirmasi_kunci=True))
            if akun.get("sekda") is not None:
                cerita.tambah(kunci + timedelta(days=4), 10, lambda s=smt: sahkan_laporan(
                    semester=s, oleh=akun["sekda"]))

