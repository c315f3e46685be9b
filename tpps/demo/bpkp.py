"""BPKP's evaluation of last year: the report with its ratings, findings, recommendations
addressed to OPDs, and the follow-ups the register keeps for them."""

from datetime import date, timedelta

from evaluasi.models import EvaluasiBPKP, RekomendasiBPKP, TemuanBPKP
from evaluasi.models.bpkp import Aspek, Predikat
from tpps.demo.cerita import HasilDemoLengkap, _Cerita
from tpps.demo.tindak_lanjut import _Register

# --- BPKP ----------------------------------------------------------------------------
# (aspect, finding, [(recommendation, evidence asked, [(owner, days to due, fate)])])
TEMUAN = [
    ("desain", "Rencana aksi daerah belum memuat target tahunan yang terukur untuk seluruh "
     "indikator sensitif.",
     [("Menetapkan target tahunan seluruh indikator sensitif dalam rencana aksi daerah.",
       "Dokumen rencana aksi yang memuat target tahunan.",
       [("Bappelitbangda", 120, "selesai")])]),
    ("pelaksanaan", "Data sasaran intervensi spesifik (ibu hamil KEK, balita gizi kurang) "
     "antara Dinkes, Dinsos dan DPPPAPPKB belum padan.",
     [("Memadankan data sasaran ibu hamil KEK dan balita gizi kurang antar-OPD setiap "
       "semester.", "Berita acara pemadanan data per semester.",
       [("Dinkes", 180, "berjalan"), ("Dinsos", 180, "selesai")]),
      ("Memperluas cakupan pendampingan keluarga berisiko stunting oleh Tim Pendamping "
       "Keluarga.", "Laporan cakupan pendampingan per desa.",
       [("DPPPAPPKB", 240, "berjalan")])]),
    ("akuntabilitas", "Anggaran sub kegiatan pendukung penurunan stunting belum ditandai "
     "secara konsisten dalam SIPD.",
     [("Menandai anggaran percepatan penurunan stunting dalam SIPD untuk seluruh OPD "
       "pelaksana.", "Rekap penandaan anggaran dari SIPD.",
       [("BKAD", 90, "selesai"), ("Bappelitbangda", 200, "belum")])]),
]


def cerita_bpkp(cerita: _Cerita, hari_ini: date, register: _Register,
                hasil: HasilDemoLengkap) -> None:
    tahun = hari_ini.year - 1
    tanggal = date(hari_ini.year, 4, 15)
    if tanggal > hari_ini - timedelta(days=45):  # this year's evaluation is not out yet
        tahun, tanggal = tahun - 1, date(hari_ini.year - 1, 4, 15)
    if EvaluasiBPKP.objects.filter(tahun=tahun).exists():
        return
    dicatat = tanggal + timedelta(days=7)
    kunci = {}

    def evaluasi():
        e = EvaluasiBPKP(
            tahun=tahun, nomor_laporan=f"LHE-{tahun % 100:02d}/PW13/3/{tanggal.year}",
            tanggal_laporan=tanggal, predikat_desain=Predikat.MEMADAI,
            predikat_pelaksanaan=Predikat.BELUM_SEPENUHNYA,
            predikat_akuntabilitas=Predikat.BELUM_SEPENUHNYA,
            ringkasan=("Desain kebijakan percepatan penurunan stunting Kota Batu memadai; "
                       "pelaksanaan dan akuntabilitas belum sepenuhnya memadai, terutama "
                       "pemadanan data sasaran dan penandaan anggaran."),
        )
        e.full_clean()
        e.save()
        kunci["evaluasi"] = e

    cerita.tambah(dicatat, 9, evaluasi)
    for nomor_t, (aspek, uraian_t, rekomendasi) in enumerate(TEMUAN, start=1):
        def temuan(nomor_t=nomor_t, aspek=aspek, uraian_t=uraian_t):
            t = TemuanBPKP(evaluasi=kunci["evaluasi"], nomor=nomor_t, aspek=Aspek(aspek),
                           uraian=uraian_t)
            t.full_clean()
            t.save()
            kunci["temuan", nomor_t] = t

        cerita.tambah(dicatat, 9, temuan, menit=10)
        for nomor_r, (uraian_r, bukti, tugas) in enumerate(rekomendasi, start=1):
            pemilik = [register.opd[s] for s, _h, _n in tugas if s in register.opd]
            batas = tanggal + timedelta(days=max(h for _s, h, _n in tugas))

            def rekom(nomor_t=nomor_t, nomor_r=nomor_r, uraian_r=uraian_r, bukti=bukti,
                      pemilik=pemilik, batas=batas):
                r = RekomendasiBPKP(temuan=kunci["temuan", nomor_t], nomor=nomor_r,
                                    uraian=uraian_r, bukti_diminta=bukti, batas_waktu=batas)
                r.full_clean(exclude=["opd"])
                r.save()
                r.opd.set(pemilik)
                kunci["rekomendasi", nomor_t, nomor_r] = r

            cerita.tambah(dicatat, 9, rekom, menit=20)
            hasil.rekomendasi += 1
            for singkatan, hari, nasib in tugas:
                if register.tambah(
                        asal={"rekomendasi": lambda k=("rekomendasi", nomor_t, nomor_r): kunci[k]},
                        asal_tanggal=tanggal, uraian=uraian_r.rstrip("."), pemilik=singkatan,
                        pendukung=(), hari=hari, nasib=nasib, dicatat=dicatat):
                    hasil.tindak_lanjut += 1

