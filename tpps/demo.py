"""A living demo: the Posyandu demo plus a year of the task force's work around it.

``buat_demo_lengkap`` calls ``posyandu.demo.buat_demo`` (children, measurements, the
partner's Posyandu Spesial), then adds what a new user needs to see the rest of the product
at work, for a made-up Kota Batu on the seeded roster, indicators and bands:

* the last two completed semesters and the current one (e.g. on 2026-11-28: 2025S2 locked
  and signed off by the demo Pimpinan, 2026S1 closed, 2026S2 open), with city targets for
  their years; reports of the OPDs that own indicators and of some supporting OPDs: most
  verified, a few late or returned with a comment; the current semester: drafts and one
  submission;
* about six meetings over the last year and one coming up, with attendance, minutes,
  numbered decisions and follow-ups (done with evidence, in progress, overdue);
* BPKP's evaluation of last year with findings, recommendations and their follow-ups;
* contributions of the demo partner, one of them funding its Posyandu Spesial;
* one demo account per role, each with a generated password returned once.

Every write goes through the owning app's workflow functions (``evaluasi.alur``,
``tpps.rapat.alur``, ``tpps.tindak_lanjut.alur``, ``tpps.laporan_semester.alur``) or a
model's ``full_clean()`` + ``save()``, so statuses, lateness, numbering and history are the
workflows' own. The story is told in date order, each step with the clock set to the moment
it happened (``_pada``: ``django.utils.timezone.now`` patched for that step only), so a
report submitted after its due date is judged late by ``ajukan_laporan`` itself and every
history entry carries its date. Nothing is dated after yesterday.

Deterministic for a seed and a day. Each part is added only when its kind of record does
not exist yet (semesters, meetings, that year's BPKP evaluation, the partner's
contributions, each account), so running it again adds children but no second story.
All names are invented; evidence links point to the reserved ``.example`` domain.
"""

import random
import secrets
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from evaluasi.alur import (
    IsianCapaian,
    IsianProgram,
    ajukan_laporan,
    kembalikan_laporan,
    simpan_laporan,
    ubah_status_semester,
    verifikasi_laporan,
)
from evaluasi.models import (
    Capaian,
    EvaluasiBPKP,
    Indikator,
    LaporanSemester,
    ProgramKegiatan,
    RekomendasiBPKP,
    Semester,
    TargetIndikator,
    TemuanBPKP,
)
from evaluasi.models.bpkp import Aspek, Predikat
from opd.models import OPD, Mitra
from posyandu.demo import NAMA_BELAKANG, NAMA_IBU, NAMA_LAKI, HasilDemo, buat_demo
from posyandu.models import Balita, CakupanPetugas, Desa, Kegiatan, Posyandu
from tpps import roles
from tpps.demo_roster import isi_roster
from tpps.laporan_semester.alur import sahkan_laporan
from tpps.models import (
    KehadiranRapat,
    KontribusiMitra,
    ProgresTindakLanjut,
    Rapat,
    TindakLanjut,
)
from tpps.rapat.alur import catat_hasil, rencanakan_rapat, tambah_keputusan
from tpps.tindak_lanjut.alur import catat_progres, simpan_tindak_lanjut

MITRA_DEMO = "PT Gizi Sehat Nusantara (demo)"
BUKTI = "https://bukti.tpps-batu.example"

# --- Achievements --------------------------------------------------------------------
# Per indicator: denominator per semester (None: a count indicator), the usual value
# (percent, or the count), its drift per semester, and where the figure comes from.
PROFIL = {
    "S1": (190, 93.0, 1.0, "Laporan PMT ibu hamil Puskesmas"),
    "S2": (1650, 75.5, 1.5, "Kohort ibu Puskesmas (SIMPUS)"),
    "S3": (9200, 52.0, 2.5, "Laporan TTD remaja putri (Dinkes, Dindik, Kemenag)"),
    "S4": (1380, 60.0, 2.0, "e-PPGBM"),
    "S5": (4300, 88.0, 0.8, "e-PPGBM"),
    "S6": (24, 100.0, 0.0, "Laporan tata laksana gizi buruk Puskesmas"),
    "S7": (14200, 92.0, 0.6, "e-PPGBM"),
    "S8": (610, 94.0, 0.8, "Laporan PMT balita Puskesmas"),
    "S9": (3050, 95.0, 0.4, "ASIK (Aplikasi Sehat IndonesiaKu)"),
    "K1": (1500, 42.0, 2.5, "SIGA BKKBN"),
    "K2": (1620, 12.5, -0.3, "Elsimil / SIGA BKKBN"),
    "K3": (920, 93.0, 1.0, "Elsimil dan data KUA"),
    "K4": (66500, 98.6, 0.3, "Disperkim dan Perumda Air Minum"),
    "K5": (66500, 84.0, 1.2, "Data STBM dan Disperkim"),
    "K6": (38500, 96.0, 0.5, "DTSEN dan data PBI JKN"),
    "K7": (3400, 92.0, 1.0, "Elsimil"),
    "K8": (None, 4150, -40, "SIKS-NG (PKH)"),
    "K9": (400, 48.0, 2.5, "Survei pemahaman stunting Diskominfo"),
    "K10": (None, 7650, 35, "SIKS-NG (BPNT)"),
    "K11": (24, 79.0, 4.2, "Aplikasi STBM"),
}
# The city's target in the first demo year (the next year: one point higher for a
# percentage that rises, half a point lower for one that falls, counts unchanged).
TARGET_KOTA = {
    "S1": 90, "S2": 80, "S3": 60, "S4": 80, "S5": 85, "S6": 100, "S7": 90, "S8": 90,
    "S9": 92, "K1": 70, "K2": 14, "K3": 90, "K4": 97, "K5": 90, "K6": 95, "K7": 90,
    "K8": 4000, "K9": 70, "K10": 7500, "K11": 90,
}
KENDALA = {
    "S2": ("Kepatuhan minum TTD ibu hamil rendah karena efek mual; pencatatan konsumsi di "
           "buku KIA belum lengkap.",
           "Konseling kepatuhan TTD pada kelas ibu hamil dan pemantauan konsumsi oleh kader "
           "melalui kunjungan rumah."),
    "S3": ("Pemberian TTD di sekolah belum serentak; sebagian siswi menolak karena efek "
           "samping.",
           "Aksi Bergizi mingguan di SMP/MTs dan SMA/MA bersama Dindik dan Kemenag; edukasi "
           "oleh guru UKS."),
    "S4": ("Ibu bekerja di sektor pariwisata dan pertanian kembali bekerja sebelum bayi "
           "berusia 6 bulan; ruang laktasi terbatas.",
           "Mendorong ruang laktasi di hotel dan tempat kerja; konselor ASI di setiap "
           "Puskesmas."),
    "K1": ("Sebagian ibu bersalin di fasilitas swasta belum tercatat mendapat pelayanan KB "
           "pascapersalinan.",
           "Kerja sama pencatatan dengan klinik dan bidan praktik mandiri; konseling KB sejak "
           "kehamilan trimester III."),
    "K5": ("Masih ada rumah tangga di lereng dengan tangki septik tidak kedap dan lahan "
           "sempit untuk jamban.",
           "Pembangunan jamban sehat individual dan IPAL komunal di desa lokus bersama DLH."),
    "K9": ("Jangkauan kampanye di desa lokus belum merata; survei dilakukan dengan sampel "
           "kecil.",
           "Kampanye melalui radio komunitas, media sosial kelurahan dan kader PKK; survei "
           "diperluas semester berikutnya."),
    "K11": ("Beberapa dusun di Bumiaji belum terverifikasi ODF karena masih ada saluran ke "
            "sungai.",
            "Pemicuan STBM ulang dan verifikasi ODF bersama Puskesmas dan pemerintah desa."),
}
KENDALA_UMUM = (
    "Data sasaran dari Puskesmas dan lintas OPD belum sepenuhnya padan.",
    "Pemadanan data sasaran bersama Puskesmas dan OPD terkait setiap bulan.",
)

# --- Programmes ----------------------------------------------------------------------
# (program, kegiatan, sub kegiatan, indicators, source of funds, yearly pagu in millions
# of rupiah, output, output unit, output target per year)
_UKM = ("Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kota")
PROGRAM = {
    "Dinkes": [
        (*_UKM, "Pengelolaan Pelayanan Kesehatan Gizi Masyarakat", ("S1", "S6", "S8"),
         "apbd", 1450, "Ibu hamil KEK dan balita gizi kurang yang mendapat PMT", "orang", 800),
        (*_UKM, "Pengelolaan Pelayanan Kesehatan Ibu Hamil", ("S2",), "dak", 620,
         "Ibu hamil yang mendapat pelayanan antenatal terpadu", "orang", 3200),
        (*_UKM, "Pengelolaan Pelayanan Kesehatan Balita", ("S4", "S5", "S7", "S9"), "apbd", 880,
         "Posyandu yang melaksanakan penimbangan bulanan", "Posyandu", 190),
        (*_UKM, "Pengelolaan Pelayanan Kesehatan Lingkungan", ("K11",), "apbd", 310,
         "Desa/kelurahan yang dipicu STBM", "desa/kelurahan", 24),
    ],
    "DPPPAPPKB": [
        ("Program Pembinaan Keluarga Berencana (KB)", "Pelaksanaan Program Bangga Kencana",
         "Pendayagunaan Tim Pendamping Keluarga", ("K7",), "dak", 540,
         "Keluarga berisiko stunting yang didampingi", "keluarga", 3400),
        ("Program Pengendalian Penduduk", "Pelayanan KB dan Kesehatan Reproduksi",
         "Pelayanan KB pascapersalinan", ("K1", "K2"), "apbd", 260,
         "Akseptor KB pascapersalinan", "orang", 1000),
    ],
    "Disperkim": [
        ("Program Kawasan Permukiman", "Peningkatan Kualitas Kawasan Permukiman Kumuh",
         "Pembangunan Jamban Sehat Individual", ("K5",), "dak", 1850,
         "Jamban sehat terbangun", "unit", 120),
        ("Program Perumahan dan Kawasan Permukiman", "Peningkatan Kualitas Rumah Tidak Layak Huni",
         "Perbaikan Rumah Tidak Layak Huni Keluarga Berisiko Stunting", ("K4", "K5"), "apbd",
         1200, "Rumah tidak layak huni yang diperbaiki", "unit", 80),
    ],
    "Dinsos": [
        ("Program Perlindungan dan Jaminan Sosial", "Pengelolaan Data Fakir Miskin",
         "Pemutakhiran Data Terpadu Kesejahteraan Sosial", ("K6", "K8", "K10"), "apbd", 420,
         "Keluarga miskin yang diverifikasi", "keluarga", 12000),
        ("Program Penanganan Fakir Miskin", "Penyaluran Bantuan Sosial",
         "Bantuan Pangan Keluarga Berisiko Stunting", ("K10",), "apbd", 650,
         "Paket bantuan pangan tersalur", "paket", 1500),
    ],
    "Diskominfo": [
        ("Program Informasi dan Komunikasi Publik", "Pengelolaan Informasi dan Komunikasi Publik",
         "Kampanye Gerakan Cegah Stunting", ("K9",), "apbd", 180,
         "Konten kampanye stunting yang ditayangkan", "konten", 48),
    ],
    "Dindik": [
        ("Program Pengelolaan Pendidikan", "Pengelolaan Pendidikan Sekolah Menengah Pertama",
         "Aksi Bergizi dan TTD Remaja Putri di SMP", ("S3",), "apbd", 240,
         "SMP yang melaksanakan Aksi Bergizi", "sekolah", 32),
        ("Program Pengelolaan Pendidikan", "Pengelolaan Pendidikan Anak Usia Dini",
         "Pemantauan Tumbuh Kembang di PAUD Holistik Integratif", ("S7",), "apbd", 150,
         "PAUD holistik integratif", "lembaga", 60),
    ],
    "Kemenag": [
        ("Bimbingan Masyarakat Islam", "Pelayanan Nikah dan Rujuk",
         "Bimbingan Perkawinan dan Skrining Kesehatan Calon Pengantin", ("K3",), "lainnya", 95,
         "Calon pengantin yang mengikuti bimbingan perkawinan", "pasangan", 900),
    ],
    "Distan KP": [
        ("Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat",
         "Penyediaan dan Penyaluran Pangan", "Pekarangan Pangan Lestari Keluarga Berisiko Stunting",
         ("K10",), "apbd", 320, "Keluarga penerima bibit dan sarana pekarangan", "keluarga", 400),
    ],
    "DPUPR": [
        ("Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum",
         "Pengelolaan dan Pengembangan SPAM", "Pembangunan SPAM Jaringan Perpipaan di Desa Lokus",
         ("K4",), "dak", 2400, "Sambungan rumah baru", "SR", 600),
    ],
    "DLH": [
        ("Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup",
         "Pengelolaan Air Limbah Domestik", "Pembangunan IPAL Komunal", ("K5",), "apbd", 540,
         "IPAL komunal terbangun", "unit", 4),
    ],
    "DPMD": [
        ("Program Pemberdayaan Lembaga Kemasyarakatan", "Pembinaan Penggunaan Dana Desa",
         "Fasilitasi Konvergensi Stunting Desa (Rumah Desa Sehat)", ("S1", "S8"), "dana_desa",
         960, "Desa yang mengalokasikan Dana Desa untuk PMT", "desa", 19),
    ],
    "Bappelitbangda": [
        ("Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
         "Koordinasi dan Sinkronisasi Perencanaan Pembangunan Daerah",
         "Koordinasi Percepatan Penurunan Stunting (Aksi Konvergensi)", ("S7", "K7"), "apbd",
         275, "Aksi konvergensi yang dilaksanakan", "aksi", 8),
    ],
    "Dispendukcapil": [
        ("Program Pendaftaran Penduduk", "Pelayanan Pendaftaran Penduduk",
         "Jemput Bola NIK dan Akta Kelahiran Balita di Posyandu", ("S7",), "apbd", 120,
         "Balita yang memperoleh NIK dan akta kelahiran", "anak", 1500),
    ],
    "RSUD": [
        (*_UKM, "Tata Laksana Gizi Buruk dan Balita Stunting Rujukan", ("S6",), "lainnya", 380,
         "Balita rujukan yang ditangani", "anak", 120),
    ],
    **{kec: [
        ("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
         "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
         "Rembuk Stunting dan Pemantauan Posyandu Tingkat Kecamatan", ("S7",), "apbd", pagu,
         "Rembuk stunting dan monitoring Posyandu", "kegiatan", 6)]
       for kec, pagu in (("Kec. Batu", 75), ("Kec. Bumiaji", 60), ("Kec. Junrejo", 45))},
}
KOMENTAR_KEMBALI = (
    "Tautan bukti beberapa indikator tidak dapat dibuka; perbaiki tautan dan lampirkan rekap "
    "per Puskesmas.",
    "Realisasi anggaran belum sama dengan laporan realisasi BKAD pada akhir semester; mohon "
    "disesuaikan.",
    "Realisasi keluaran belum dirinci per desa lokus; lengkapi rinciannya.",
)

# --- Meetings ------------------------------------------------------------------------
# Days before today, kind, title, who leads, who is invited ("inti" or "semua"), minutes,
# and decisions with their follow-ups: (task, owner, supporters, days to the due date,
# what became of it: "selesai", "berjalan" or "belum").
RAPAT = [
    (330, "koordinasi", "Rapat Koordinasi TPPS: evaluasi capaian dan rencana aksi",
     "Sekretaris Daerah", "semua",
     "Sekretaris Daerah membuka rapat dan meminta setiap OPD menyampaikan capaian indikator "
     "antara. Dinkes memaparkan hasil penimbangan; prevalensi stunting menurun tetapi masih "
     "tinggi di beberapa desa di Bumiaji. Bappelitbangda menyampaikan rancangan rencana aksi.",
     [("Dinkes membagikan data balita stunting by name by address per desa setiap bulan "
       "kepada camat dan kepala desa/lurah.",
       [("Menyampaikan data balita stunting per desa kepada ketiga kecamatan setiap bulan",
         "Dinkes", ("Kec. Batu", "Kec. Bumiaji", "Kec. Junrejo"), 60, "selesai")]),
      ("Tim Pendamping Keluarga diaktifkan di seluruh desa/kelurahan.",
       [("Mengaktifkan dan melatih Tim Pendamping Keluarga di 24 desa/kelurahan",
         "DPPPAPPKB", ("TP-PKK",), 90, "selesai")]),
      ("Rencana aksi percepatan penurunan stunting tahun berjalan disusun Bappelitbangda.",
       [("Menyusun rencana aksi percepatan penurunan stunting", "Bappelitbangda", (), 45,
         "selesai")])]),
    (270, "rembuk_stunting", "Rembuk Stunting Kota Batu", "Wali Kota Batu", "semua",
     "Wali Kota membuka Rembuk Stunting. Disepakati desa/kelurahan lokus, komitmen anggaran "
     "OPD dan Dana Desa untuk intervensi stunting, serta dukungan mitra CSR.",
     [("Delapan desa/kelurahan ditetapkan sebagai lokus prioritas penurunan stunting.",
       [("Menyiapkan rancangan Keputusan Wali Kota tentang desa/kelurahan lokus",
         "Bappelitbangda", ("Setda",), 30, "selesai")]),
      ("Desa mengalokasikan Dana Desa untuk PMT lokal balita gizi kurang dan ibu hamil KEK.",
       [("Menerbitkan surat edaran alokasi Dana Desa untuk intervensi stunting", "DPMD", (),
         45, "selesai"),
        ("Memantau realisasi PMT lokal dari Dana Desa di desa lokus Bumiaji", "Kec. Bumiaji",
         ("DPMD", "Dinkes"), 180, "berjalan")]),
      ("Jamban sehat dan sambungan air minum diprioritaskan di desa lokus.",
       [("Membangun 120 jamban sehat individual di desa lokus", "Disperkim", ("DLH",), 240,
         "berjalan")])]),
    (200, "prakoordinasi", "Prakoordinasi penyusunan laporan semester",
     "Kepala Bappelitbangda", "inti",
     "Sekretariat TPPS menjelaskan jadwal dan tata cara pengisian laporan semester melalui "
     "sistem, termasuk bukti dukung dan penjelasan capaian di bawah target.",
     [("Seluruh OPD menyampaikan laporan semester paling lambat pada batas pengisian.",
       [("Mengirim surat pengingat pengisian laporan semester kepada seluruh OPD",
         "Bappelitbangda", (), 7, "selesai")]),
      ("Data penerima bantuan sosial dipadankan dengan data keluarga berisiko stunting.",
       [("Memadankan data penerima bantuan sosial dengan data keluarga berisiko stunting",
         "Dinsos", ("DPPPAPPKB", "Dispendukcapil"), 90, "selesai")])]),
    (130, "koordinasi", "Rapat Koordinasi TPPS: hasil bulan penimbangan", "Sekretaris Daerah",
     "semua",
     "Dinkes memaparkan hasil bulan penimbangan dan mutu data pengukuran. Diskominfo, Dindik "
     "dan Kemenag menyampaikan rencana kampanye dan TTD remaja putri.",
     [("Puskesmas memvalidasi ulang pengukuran balita yang ditandai WHO sebagai nilai "
       "ekstrem.",
       [("Validasi ulang pengukuran balita bernilai ekstrem bersama Puskesmas", "Dinkes", (),
         30, "selesai")]),
      ("Kampanye Gerakan Cegah Stunting melalui media sosial dan radio dimulai.",
       [("Menayangkan kampanye Gerakan Cegah Stunting di media sosial dan radio",
         "Diskominfo", (), 60, "selesai")]),
      ("Pemberian TTD remaja putri diperluas ke seluruh SMP/MTs dan SMA/MA.",
       [("Memperluas Aksi Bergizi dan TTD remaja putri ke seluruh SMP/MTs", "Dindik",
         ("Kemenag", "Dinkes"), 150, "berjalan")])]),
    (75, "rapat_kerja", "Rapat kerja audit kasus stunting dan Posyandu Spesial",
     "Kepala Dinas Kesehatan", "inti",
     "Tim pakar membahas kasus stunting baru di desa lokus. Mitra CSR menyampaikan dukungan "
     "Posyandu Spesial dan paket PMT.",
     [("Audit kasus stunting dilaksanakan untuk balita stunting baru di desa lokus.",
       [("Melaksanakan audit kasus stunting di desa lokus", "Dinkes", ("RSUD",), 90,
         "berjalan")]),
      ("Kerja sama dengan mitra CSR untuk Posyandu Spesial dan PMT dituangkan dalam naskah "
       "kerja sama.",
       [("Menyusun naskah kerja sama dengan mitra CSR", "Bappelitbangda", ("Setda",), 30,
         "selesai")]),
      ("Bibit sayur dan ikan disalurkan untuk pekarangan keluarga berisiko stunting.",
       [("Menyalurkan bibit sayur dan ikan ke keluarga berisiko stunting di desa lokus",
         "Distan KP", ("DPPPAPPKB",), 45, "belum")])]),
    (25, "koordinasi", "Rapat Koordinasi TPPS: tindak lanjut rekomendasi BPKP",
     "Sekretaris Daerah", "semua",
     "Inspektorat menyampaikan status tindak lanjut rekomendasi BPKP. Sekretariat TPPS "
     "memaparkan kelengkapan laporan semester dan tindak lanjut yang terlambat.",
     [("Setiap OPD penanggung jawab rekomendasi BPKP menyampaikan bukti tindak lanjut ke "
       "Sekretariat TPPS.",
       [("Memantau dan merekap bukti tindak lanjut rekomendasi BPKP", "Inspektorat",
         ("Bappelitbangda",), 60, "belum")]),
      ("Penerbitan NIK dan akta kelahiran balita yang belum ber-NIK dipercepat.",
       [("Jemput bola NIK dan akta kelahiran balita di Posyandu", "Dispendukcapil",
         ("Dinkes",), 45, "berjalan")])]),
]
RAPAT_BERIKUT = (-12, "prakoordinasi", "Prakoordinasi evaluasi akhir tahun TPPS",
                 "Kepala Bappelitbangda", "inti")
INTI = ("Setda", "Bappelitbangda", "Dinkes", "Dinsos", "DPPPAPPKB", "Disperkim", "Diskominfo",
        "Dindik", "DPMD", "Kemenag", "Kec. Batu", "Kec. Bumiaji", "Kec. Junrejo", "TP-PKK")
PROGRES_BERJALAN = (
    "Kegiatan sudah dimulai; koordinasi dengan Puskesmas dan pemerintah desa berjalan.",
    "Sebagian sasaran sudah dijangkau; sisanya dijadwalkan bulan depan.",
    "Rencana kerja dan anggaran disiapkan; pelaksanaan menunggu pencairan.",
)
PROGRES_SELESAI = (
    "Selesai dilaksanakan; laporan dan dokumentasi terlampir.",
    "Selesai; surat dan daftar hadir diunggah ke tautan bukti.",
)

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


@dataclass
class AkunDemo:
    username: str
    peran: str
    sandi: str


@dataclass
class HasilDemoLengkap:
    posyandu: HasilDemo
    semester: int = 0
    laporan: int = 0
    rapat: int = 0
    tindak_lanjut: int = 0
    rekomendasi: int = 0
    kontribusi: int = 0
    akun: list[AkunDemo] = field(default_factory=list)


# --- The clock -----------------------------------------------------------------------


@contextmanager
def _pada(waktu: datetime):
    """Run one step of the story as if it were ``waktu``: workflows stamp, judge lateness
    and date history with ``timezone.now()``, which is patched for this step only."""
    with mock.patch.object(timezone, "now", return_value=waktu):
        yield


class _Cerita:
    """Steps of the story, run in date order (ties: the order they were written)."""

    def __init__(self, hari_ini: date):
        self.batas = timezone.make_aware(datetime.combine(hari_ini - timedelta(days=1),
                                                          time(16, 0)))
        self.langkah: list[tuple[datetime, int, Callable]] = []

    def waktu(self, hari: date, jam: int, menit: int = 0) -> datetime:
        """That moment, or yesterday afternoon if it is later: nothing happens in the future."""
        waktu = timezone.make_aware(datetime.combine(hari, time(jam, menit)))
        return min(waktu, self.batas)

    def tambah(self, hari: date, jam: int, fn: Callable, menit: int = 0) -> None:
        self.langkah.append((self.waktu(hari, jam, menit), len(self.langkah), fn))

    def jalankan(self) -> None:
        for waktu, _urut, fn in sorted(self.langkah, key=lambda x: (x[0], x[1])):
            with _pada(waktu):
                fn()


def _hari_kerja(d: date) -> date:
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


# --- Accounts ------------------------------------------------------------------------


def _akun(hasil: HasilDemoLengkap, username: str, *, peran: str, nama: tuple[str, str],
          jabatan: str = "", opd: OPD | None = None):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    sandi = secrets.token_urlsafe(12)
    user = User.objects.create_user(username=username, password=sandi, first_name=nama[0],
                                    last_name=nama[1], jabatan=jabatan, opd=opd)
    if grup := Group.objects.filter(name=peran).first():
        user.groups.add(grup)
    hasil.akun.append(AkunDemo(username=username, peran=peran, sandi=sandi))
    return user


def _posyandu_kader() -> Posyandu | None:
    """The demo Posyandu with the most active children (ties: the first made)."""
    return (
        Posyandu.objects.annotate(n=Count("balita", filter=Q(balita__status=Balita.Status.AKTIF)))
        .order_by("-n", "pk").first()
    )


def buat_akun(hasil: HasilDemoLengkap) -> dict:
    """One account per role, each made only if missing (passwords go into ``hasil``)."""
    dinkes = OPD.objects.filter(singkatan="Dinkes").first()
    akun = {
        "sekda": _akun(hasil, "sekda", peran=roles.PIMPINAN, nama=("Hadi", "Prasetyo"),
                       jabatan="Sekretaris Daerah Kota Batu"),
        "operator": _akun(hasil, "operator.dinkes", peran=roles.OPERATOR_OPD,
                          nama=("Okta", "Rahmawati"), jabatan="Pengelola data", opd=dinkes),
    }
    sudah = CakupanPetugas.objects.filter(
        tingkat=CakupanPetugas.Tingkat.POSYANDU, user__username__startswith="kader."
    ).select_related("user").order_by("pk").first()
    if sudah is not None:
        akun["kader"] = sudah.user
    elif posyandu := _posyandu_kader():
        kader = _akun(hasil, f"kader.{slugify(posyandu.nama)}", peran=roles.PETUGAS_POSYANDU,
                      nama=("Siti", "Aminah"), jabatan=f"Kader Posyandu {posyandu.nama}")
        if not CakupanPetugas.objects.filter(user=kader).exists():
            cakupan = CakupanPetugas(user=kader, tingkat=CakupanPetugas.Tingkat.POSYANDU)
            cakupan.full_clean()
            cakupan.save()
            cakupan.posyandu.set([posyandu])
        akun["kader"] = kader
    gizi = _akun(hasil, "gizi.dinkes", peran=roles.PETUGAS_POSYANDU, nama=("Nur", "Hidayati"),
                 jabatan="Tenaga pelaksana gizi, Dinas Kesehatan")
    if not CakupanPetugas.objects.filter(user=gizi).exists():
        cakupan = CakupanPetugas(user=gizi, tingkat=CakupanPetugas.Tingkat.KOTA)
        cakupan.full_clean()
        cakupan.save()
    akun["gizi"] = gizi
    User = get_user_model()
    akun["sekretariat"] = (
        User.objects.filter(is_superuser=True).order_by("pk").first()
        or User.objects.filter(groups__name=roles.SEKRETARIAT).order_by("pk").first()
    )
    return akun


# --- Targets and semesters -----------------------------------------------------------


def _rp(juta: float) -> int:
    return int(round(juta * 1_000_000, -3))


def _target_kota(kode: str, indikator: Indikator, urutan_tahun: int) -> Decimal:
    dasar = Decimal(TARGET_KOTA[kode])
    if not indikator.is_persen:
        return dasar
    if indikator.is_turun:
        return dasar - Decimal("0.5") * urutan_tahun
    return min(dasar + urutan_tahun, Decimal(100))


def siapkan_target(tahun_list: list[int]) -> dict[tuple[int, int], Decimal | None]:
    """City targets for the demo years, near the national ones; targets already set stay.
    Returns the target achievements are compared with, per (indicator pk, year)."""
    acuan = {}
    indikator = list(Indikator.objects.aktif().order_by("urutan", "kode"))
    for urutan, tahun in enumerate(sorted(tahun_list)):
        for ind in indikator:
            t = TargetIndikator.objects.filter(indikator=ind, tahun=tahun).first()
            if t is None:
                nasional = (TargetIndikator.objects.filter(indikator=ind, tahun__lt=tahun)
                            .exclude(target_nasional=None).order_by("-tahun")
                            .values_list("target_nasional", flat=True).first())
                t = TargetIndikator(indikator=ind, tahun=tahun, target_nasional=nasional,
                                    catatan="Contoh dari data demo.")
            if t.target_kota is None and ind.kode in TARGET_KOTA:
                t.target_kota = _target_kota(ind.kode, ind, urutan)
                t.full_clean()
                t.save()
            acuan[ind.pk, tahun] = t.target_acuan
    return acuan


def _kode(tahun: int, nomor: int) -> str:
    return f"{tahun}S{nomor}"


def kode_semester_demo(hari_ini: date) -> list[str]:
    """The last two completed semesters and the current one, oldest first."""
    tahun, nomor = hari_ini.year, 1 if hari_ini.month <= 6 else 2
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


class _Laporan:
    """The figures of the demo reports, worked out before the story runs."""

    def __init__(self, rng: random.Random, acuan: dict):
        self.rng, self.acuan = rng, acuan
        self.lalu: dict[int, Decimal] = {}

    def capaian(self, semester: Semester, urutan: int, opd: OPD,
                indikator: list[Indikator]) -> list[IsianCapaian]:
        rng, isian = self.rng, []
        for ind in indikator:
            if ind.kode not in PROFIL:
                continue
            penyebut, dasar, tren, sumber = PROFIL[ind.kode]
            if penyebut is None:
                pembilang = int(round(dasar + tren * urutan + rng.uniform(-60, 60)))
                nilai = Decimal(pembilang)
            else:
                if penyebut > 100:  # people counted vary; 24 desa/kelurahan do not
                    penyebut = int(round(penyebut * rng.uniform(0.96, 1.04)))
                persen = min(100.0, max(0.0, dasar + tren * urutan + rng.uniform(-1.5, 1.5)))
                pembilang = int(round(persen * penyebut / 100))
                nilai = (Decimal(pembilang) * 100 / Decimal(penyebut)).quantize(
                    Decimal("0.01"), rounding=ROUND_HALF_UP)
            target = self.acuan.get((ind.pk, semester.tahun))
            kendala = rtl = penjelasan = ""
            if target is not None and (nilai > target if ind.is_turun else nilai < target):
                kendala, rtl = KENDALA.get(ind.kode, KENDALA_UMUM)
            lalu = self.lalu.get(ind.pk)
            if lalu is not None and abs(nilai - lalu) > (
                    ind.ambang_perubahan if ind.is_persen
                    else abs(lalu) * ind.ambang_perubahan / 100):
                penjelasan = "Perubahan karena pemutakhiran data sasaran."
            self.lalu[ind.pk] = nilai
            tautan = (f"{BUKTI}/{semester.kode}/{slugify(opd.singkatan)}/{ind.kode.lower()}.pdf"
                      if rng.random() < 0.85 else "")
            isian.append(IsianCapaian(indikator=ind, versi=0, nilai={
                "pembilang": pembilang, "penyebut": None if ind.satuan == "jumlah" else penyebut,
                "sumber_data": sumber, "kendala": kendala, "rencana_tindak_lanjut": rtl,
                "penjelasan_perubahan": penjelasan, "tautan_bukti": tautan,
            }))
        return isian

    def program(self, semester: Semester, opd: OPD, pagu_tahun: dict) -> list[IsianProgram]:
        rng, isian = self.rng, []
        indikator = {i.kode: i for i in Indikator.objects.aktif()}
        for n, (prog, keg, sub, kode, dana, juta, keluaran, satuan, target) in enumerate(
                PROGRAM.get(opd.singkatan, ())):
            pagu = pagu_tahun.setdefault((opd.pk, n, semester.tahun),
                                         _rp(juta * rng.uniform(0.9, 1.12)))
            rasio = rng.uniform(0.32, 0.55) if semester.nomor == 1 else rng.uniform(0.82, 0.97)
            isian.append(IsianProgram(pk=None, versi=0, nilai={
                "program": prog, "kegiatan": keg, "sub_kegiatan": sub, "sumber_dana": dana,
                "pagu_rp": pagu, "realisasi_rp": int(round(pagu * rasio, -2)),
                "keluaran": keluaran, "satuan_keluaran": satuan,
                "target_keluaran": Decimal(target),
                "realisasi_keluaran": Decimal(int(target * min(1.0, rasio + rng.uniform(0, .05)))),
            }, indikator=[indikator[k] for k in kode if k in indikator]))
        return isian


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
                d = max(smt.pengisian_dibuka, hari_ini - timedelta(days=rng.randint(5, 30)))
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
            cerita.tambah(periksa, 13, lambda f=laporan_dari: verifikasi_laporan(
                laporan=f(), oleh=sekretariat))
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
                semester=s, oleh=sekretariat, status=Semester.Status.DIKUNCI))
            if akun.get("sekda") is not None:
                cerita.tambah(kunci + timedelta(days=4), 10, lambda s=smt: sahkan_laporan(
                    semester=s, oleh=akun["sekda"]))


# --- Meetings, follow-ups, BPKP ------------------------------------------------------


def _orang(rng: random.Random) -> str:
    depan = rng.choice(NAMA_LAKI + NAMA_IBU)
    return f"{depan} {rng.choice(NAMA_BELAKANG)}"


def _jabatan_kepala(opd: OPD) -> str:
    if opd.jenis == OPD.Jenis.KECAMATAN:
        return "Camat"
    if opd.jenis == OPD.Jenis.RUMAH_SAKIT:
        return "Direktur"
    if opd.jenis in (OPD.Jenis.ORGANISASI, OPD.Jenis.SEKRETARIAT):
        return "Ketua" if opd.jenis == OPD.Jenis.ORGANISASI else "Asisten Pemerintahan"
    return "Kepala"


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


def _kehadiran(rng: random.Random, kepala: dict[int, str]):
    """Who came for each invited agency: mostly the head, some delegates, a few absent."""
    def isi(baris: KehadiranRapat):
        r = rng.random()
        if r < 0.68:
            baris.status = KehadiranRapat.Status.HADIR
            baris.nama_hadir, baris.jabatan_hadir = kepala[baris.opd_id], _jabatan_kepala(baris.opd)
        elif r < 0.9:
            baris.status = KehadiranRapat.Status.DIWAKILKAN
            baris.nama_hadir = _orang(rng)
            baris.jabatan_hadir = rng.choice(("Sekretaris", "Kepala Bidang", "Kepala Seksi",
                                              "Analis Kebijakan"))
        else:
            baris.status = KehadiranRapat.Status.TIDAK_HADIR
        return baris
    return isi


def cerita_rapat(cerita: _Cerita, rng: random.Random, hari_ini: date, register: _Register,
                 hasil: HasilDemoLengkap) -> None:
    semua = list(OPD.objects.aktif().order_by("urutan", "singkatan"))
    inti = [o for o in semua if o.singkatan in INTI]
    kepala = {o.pk: _orang(rng) for o in semua}
    rencana = [(*r[:5], None, None) for r in [RAPAT_BERIKUT]]
    for mundur, jenis, judul, pimpinan, undangan, *isi in [*RAPAT, *rencana]:
        tanggal = _hari_kerja(hari_ini - timedelta(days=mundur))
        diundang = semua if undangan == "semua" else inti
        rembuk = jenis == Rapat.Jenis.REMBUK_STUNTING
        rapat = Rapat(
            jenis=jenis, judul=f"{judul} {tanggal.year}" if rembuk else judul, tanggal=tanggal,
            jam_mulai=time(9, 0), jam_selesai=time(12, 0) if not rembuk else time(13, 0),
            tempat=("Gedung Graha Pancasila, Balai Kota Among Tani" if rembuk
                    else "Ruang Rapat Utama Balai Kota Among Tani"),
            pimpinan_rapat=pimpinan,
            nomor_undangan=f"005/{rng.randint(100, 999)}/422.010/{tanggal.year}",
        )
        agenda = ["Pembukaan dan arahan pimpinan rapat", f"Pembahasan: {judul.split(': ')[-1]}",
                  "Kesepakatan dan tindak lanjut"]
        kunci = {}

        def rencanakan(rapat=rapat, agenda=agenda, diundang=diundang, kunci=kunci):
            kunci["rapat"] = rencanakan_rapat(rapat=rapat, agenda=agenda, diundang=diundang)

        cerita.tambah(_hari_kerja(tanggal - timedelta(days=9)), 10, rencanakan)
        hasil.rapat += 1
        notulen, keputusan = isi
        if notulen is None:
            continue
        hadir = _kehadiran(rng, kepala)
        urut_hadir = [hadir(KehadiranRapat(opd=o)) for o in diundang]

        def catat(kunci=kunci, urut_hadir=urut_hadir, notulen=notulen):
            r = kunci["rapat"]
            pilihan = {b.opd_id: b for b in urut_hadir}
            baris = list(r.kehadiran.select_related("opd"))
            for b in baris:
                b.status, b.nama_hadir, b.jabatan_hadir = (
                    pilihan[b.opd_id].status, pilihan[b.opd_id].nama_hadir,
                    pilihan[b.opd_id].jabatan_hadir)
            catat_hasil(rapat=r, kehadiran=baris, notulen=notulen)

        cerita.tambah(tanggal, 13, catat)
        for uraian, tugas in keputusan:
            kk = {}

            def putus(kunci=kunci, uraian=uraian, kk=kk):
                kk["keputusan"] = tambah_keputusan(rapat=kunci["rapat"], uraian=uraian)

            cerita.tambah(tanggal, 13, putus, menit=30)
            for teks, pemilik, pendukung, hari, nasib in tugas:
                if register.tambah(asal={"keputusan": lambda kk=kk: kk["keputusan"]},
                                   asal_tanggal=tanggal, uraian=teks, pemilik=pemilik,
                                   pendukung=pendukung, hari=hari, nasib=nasib,
                                   dicatat=tanggal + timedelta(days=1)):
                    hasil.tindak_lanjut += 1


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


def cerita_kontribusi(cerita: _Cerita, rng: random.Random, hari_ini: date,
                      hasil: HasilDemoLengkap) -> None:
    mitra = Mitra.objects.filter(nama=MITRA_DEMO).first()
    if mitra is None or mitra.kontribusi.exists():
        return
    spesial = (Kegiatan.objects.filter(jenis=Kegiatan.Jenis.POSYANDU_SPESIAL, mitra=mitra)
               .order_by("-tanggal", "-pk").first())
    desa = list(Desa.objects.order_by("kecamatan__kode", "nama"))
    rencana = []
    if spesial is not None:
        rencana.append((spesial.tanggal + timedelta(days=3), {
            "tahun": spesial.tanggal.year, "bentuk": KontribusiMitra.Bentuk.DANA,
            "uraian": "Posyandu Spesial: pengukuran, imunisasi, vitamin A dan kelas pijat bayi",
            "nilai_rp": 85_000_000, "sasaran": KontribusiMitra.Sasaran.BALITA,
            "jumlah_penerima": spesial.pengukuran.count() or None, "kegiatan": spesial}))
    rencana.append((hari_ini - timedelta(days=40), {
        "tahun": (hari_ini - timedelta(days=40)).year, "bentuk": KontribusiMitra.Bentuk.BARANG,
        "uraian": "PMT lokal 300 paket untuk balita gizi kurang di desa lokus",
        "nilai_rp": 45_000_000, "sasaran": KontribusiMitra.Sasaran.BALITA, "jumlah_penerima": 300,
        "desa": rng.choice(desa) if desa else None}))
    rencana.append((hari_ini - timedelta(days=300), {
        "tahun": (hari_ini - timedelta(days=300)).year, "bentuk": KontribusiMitra.Bentuk.JASA,
        "uraian": "Pelatihan antropometri bagi 120 kader Posyandu", "nilai_rp": 30_000_000,
        "sasaran": KontribusiMitra.Sasaran.KADER, "jumlah_penerima": 120}))
    for hari, nilai in rencana:
        def catat(nilai=nilai):
            k = KontribusiMitra(mitra=mitra, **nilai)
            k.full_clean()
            k.save()

        cerita.tambah(hari, 11, catat)
        hasil.kontribusi += 1


# --- Everything ----------------------------------------------------------------------


@transaction.atomic
def buat_demo_lengkap(*, anak: int = 600, bulan: int = 12, seed: int = 1,
                      hari_ini: date | None = None) -> HasilDemoLengkap:
    """The Posyandu demo ending this month, then the task force's year around it (see the
    module docstring). Each part is added only if its kind of record is still missing."""
    hari_ini = hari_ini or timezone.localdate()
    hasil = HasilDemoLengkap(posyandu=buat_demo(anak=anak, bulan=bulan, seed=seed,
                                                sampai=hari_ini))
    rng = random.Random(seed)
    cerita = _Cerita(hari_ini)
    # The demo people joined when the story starts, a year and a half ago.
    with _pada(cerita.waktu(hari_ini - timedelta(days=550), 8)):
        akun = buat_akun(hasil)
    if not Semester.objects.exists():
        cerita_semester(cerita, random.Random(rng.random()), hari_ini, akun, hasil)
    opd = {o.singkatan: o for o in OPD.objects.aktif()}
    register = _Register(cerita, random.Random(rng.random()), hari_ini, akun, opd)
    rng_rapat, rng_mitra = random.Random(rng.random()), random.Random(rng.random())
    if not Rapat.objects.exists():
        cerita_rapat(cerita, rng_rapat, hari_ini, register, hasil)
    cerita_bpkp(cerita, hari_ini, register, hasil)
    cerita_kontribusi(cerita, rng_mitra, hari_ini, hasil)
    cerita.jalankan()
    isi_roster(rng=random.Random(rng.random()), hari_ini=hari_ini, nama_orang=_orang,
               jabatan_kepala=_jabatan_kepala)
    return hasil
