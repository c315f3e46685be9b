"""The figures the OPD reports carry: achievements per indicator with their usual value and
drift, the city targets they are measured against, the obstacles written when a target is
missed, and the programmes with their budgets. Worked out before the story runs."""

import random
from decimal import ROUND_HALF_UP, Decimal

from django.utils.text import slugify

from evaluasi.alur import IsianCapaian, IsianProgram
from evaluasi.models import Indikator, Semester, TargetIndikator
from opd.models import OPD
from tpps.demo.cerita import BUKTI

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
