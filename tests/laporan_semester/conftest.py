"""A small semester whose report can be computed by hand.

2025S1 (Jan–Jun 2025). Indicators: S1, S2 (1A, Dinkes), K2 (1B, lower is better), K8 (1B,
a count) of Dinsos. Dinkes's report is verified: S1 60/75 = 80,00 % against a city target
of 80 → 100,0 % "Sangat baik"; S2 81/100 = 81,00 % against the national target 90 →
90,0 % "Baik"; two programmes, pagu 100 + 50 juta, realised 40 + 50 juta → 60,0 %.
Dinsos's report was returned, not verified: its K2, K8 and programme are counted, never
shown. Children (bulan penimbangan February 2025): four in Sisir (kecamatan Batu), one
stunted; one in Bumiaji, stunted → city 2 of 5. Follow-ups: one overdue from a meeting, one
from S2 in progress, one finished in 2024 (not listed). BPKP 2024: one recommendation with
an overdue follow-up; a 2026 evaluation exists and is ignored.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from evaluasi import reference
from evaluasi.models import LaporanSemester, TemuanBPKP
from tests.evaluasi.factories import (
    make_capaian,
    make_katalog,
    make_laporan,
    make_program,
    make_rekomendasi,
    make_semester,
)
from tests.posyandu.factories import (
    make_balita,
    make_melati_dan_mawar,
    ukur,
)
from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut
from tpps.models import TindakLanjut
from tpps.reference import muat_sumber

HARI_INI = timezone.localdate()


def buat_data(dinkes, dinsos, *, kode="2025S1"):
    muat_sumber(reference.SUMBER[2])  # the achievement bands
    semester = make_semester(kode)
    katalog = make_katalog(dinkes, dinsos)
    s1, s2, k2, k8 = (katalog[k] for k in ("S1", "S2", "K2", "K8"))
    verified = LaporanSemester.Status.DIVERIFIKASI
    lap_dinkes = make_laporan(semester, dinkes, status=verified)
    make_capaian(lap_dinkes, s1, 60, 75, kendala="Data sasaran belum padan",
                 rencana_tindak_lanjut="Pemadanan data bulanan")
    c_s2 = make_capaian(lap_dinkes, s2, 81, 100, kendala="Stok TTD terlambat",
                        rencana_tindak_lanjut="Percepat distribusi TTD")
    make_program(lap_dinkes, program="Program Pemenuhan Upaya Kesehatan", kegiatan="PMT KEK",
                 pagu_rp=100_000_000, realisasi_rp=40_000_000, indikator=[s2, s1])
    make_program(lap_dinkes, program="Program Pemenuhan Upaya Kesehatan", kegiatan="TTD remaja",
                 pagu_rp=50_000_000, realisasi_rp=50_000_000)
    lap_dinsos = make_laporan(semester, dinsos, status=LaporanSemester.Status.DIKEMBALIKAN)
    make_capaian(lap_dinsos, k2, 30, 200)
    make_capaian(lap_dinsos, k8, 1250)
    make_program(lap_dinsos, program="Program Perlindungan Sosial", pagu_rp=999_000_000)

    # Children: measured in February 2025 (counted), and outside it (not counted).
    w, melati, mawar = make_melati_dan_mawar()
    for i in range(4):
        anak = make_balita(melati, nama=f"Anak Melati {i}", tanggal_lahir=date(2023, 1, 5))
        ukur(anak, date(2025, 2, 6), berat=9.0 if i == 0 else 11.5, tinggi=76.0 if i == 0 else 86.0)
    anak = make_balita(mawar, nama="Anak Mawar 0", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 2, 6), berat=9.0, tinggi=76.0)
    ukur(make_balita(mawar, nama="Anak Mawar 1", tanggal_lahir=date(2023, 1, 5)), date(2025, 3, 6),
         berat=11.0, tinggi=76.0)  # March: not the bulan penimbangan

    rapat = make_rapat(tanggal=date(2025, 3, 1))
    tl_rapat = make_tindak_lanjut(dinkes, make_keputusan(rapat), uraian="Rapat teknis Puskesmas",
                                  tenggat=date(2025, 4, 30))
    tl_capaian = TindakLanjut.objects.create(
        capaian=c_s2, opd_penanggung_jawab=dinkes, uraian="Percepat distribusi TTD",
        tenggat=HARI_INI + timedelta(days=30), status=TindakLanjut.Status.BERJALAN)
    make_progres(tl_capaian, catatan="Distribusi tahap 1 selesai")
    make_tindak_lanjut(dinsos, make_keputusan(make_rapat(tanggal=date(2024, 1, 10))),
                       uraian="Sudah lama selesai", tenggat=date(2024, 5, 1),
                       status=TindakLanjut.Status.SELESAI)
    rek = make_rekomendasi(tahun=2024, opd=[dinkes], batas_waktu=date(2025, 6, 30))
    TindakLanjut.objects.create(rekomendasi=rek, opd_penanggung_jawab=dinkes,
                                uraian="Berita acara pemadanan", tenggat=date(2025, 6, 30))
    baru = make_rekomendasi(tahun=2026, opd=[dinsos])
    TemuanBPKP.objects.filter(pk=baru.temuan_id).update(uraian="Temuan tahun 2026")
    return {"semester": semester, "s1": s1, "s2": s2, "k2": k2, "k8": k8,
            "lap_dinkes": lap_dinkes, "lap_dinsos": lap_dinsos, "tl_rapat": tl_rapat,
            "tl_capaian": tl_capaian, "rekomendasi": rek, "wilayah": w}


@pytest.fixture
def data(peran, dinkes, dinsos, bappelitbangda):
    return buat_data(dinkes, dinsos)


def kunci(semester, oleh):
    from evaluasi import alur

    return alur.ubah_status_semester(semester=semester, oleh=oleh, status="dikunci",
                                     konfirmasi_kunci=True)
