"""The follow-up register: follow-ups created from meeting decisions and BPKP
recommendations, and what becomes of each (done with evidence, in progress, overdue)."""

import random
from datetime import date, timedelta

from opd.models import OPD
from tpps.demo.cerita import BUKTI, _Cerita
from tpps.models import ProgresTindakLanjut, TindakLanjut
from tpps.tindak_lanjut.alur import catat_progres, simpan_tindak_lanjut

PROGRES_BERJALAN = (
    "Kegiatan sudah dimulai; koordinasi dengan Puskesmas dan pemerintah desa berjalan.",
    "Sebagian sasaran sudah dijangkau; sisanya dijadwalkan bulan depan.",
    "Rencana kerja dan anggaran disiapkan; pelaksanaan menunggu pencairan.",
)
PROGRES_SELESAI = (
    "Selesai dilaksanakan; laporan dan dokumentasi terlampir.",
    "Selesai; surat dan daftar hadir diunggah ke tautan bukti.",
)


class _Register:
    """Follow-ups made during the story, with what becomes of each."""

    def __init__(self, cerita: _Cerita, rng: random.Random, hari_ini: date, akun: dict,
                 opd: dict[str, OPD]):
        self.cerita, self.rng, self.hari_ini, self.akun, self.opd = cerita, rng, hari_ini, akun, opd
        self.nomor = 0

    def oleh(self, pemilik: OPD):
        operator = self.akun.get("operator")
        if operator is not None and operator.opd_id == pemilik.pk:
            return operator
        return self.akun.get("sekretariat")

    def tambah(self, *, asal: dict, asal_tanggal: date, uraian: str, pemilik: str,
               pendukung, hari: int, nasib: str, dicatat: date) -> bool:
        """Plan one follow-up (created on ``dicatat``) and its progress updates."""
        pj = self.opd.get(pemilik)
        if pj is None:
            return False
        tenggat = asal_tanggal + timedelta(days=hari)
        dukung = [self.opd[s] for s in pendukung if s in self.opd]
        kunci = {}

        def buat():
            tl = TindakLanjut(uraian=uraian, opd_penanggung_jawab=pj, tenggat=tenggat,
                              **{k: v() for k, v in asal.items()})
            kunci["tl"] = simpan_tindak_lanjut(tindak_lanjut=tl, pendukung=dukung)

        self.cerita.tambah(dicatat, 15, buat)
        self.nomor += 1
        nomor, rng = self.nomor, self.rng
        kemarin = self.hari_ini - timedelta(days=1)
        if nasib in ("berjalan", "selesai"):
            mulai = min(dicatat + timedelta(days=max(3, hari // 3)), kemarin)
            self.cerita.tambah(mulai, 10, lambda: catat_progres(
                tindak_lanjut=kunci["tl"], oleh=self.oleh(pj), progres=ProgresTindakLanjut(
                    tanggal=mulai, catatan=rng.choice(PROGRES_BERJALAN),
                    status_baru=TindakLanjut.Status.BERJALAN)))
        if nasib == "selesai":
            selesai = min(tenggat - timedelta(days=rng.randint(0, max(1, hari // 5))), kemarin)
            selesai = max(selesai, mulai)
            self.cerita.tambah(selesai, 11, lambda: catat_progres(
                tindak_lanjut=kunci["tl"], oleh=self.oleh(pj), progres=ProgresTindakLanjut(
                    tanggal=selesai, catatan=rng.choice(PROGRES_SELESAI),
                    tautan=f"{BUKTI}/tindak-lanjut/{nomor:03d}.pdf",
                    status_baru=TindakLanjut.Status.SELESAI)))
        return True

