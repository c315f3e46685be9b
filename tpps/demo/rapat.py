"""The meetings: about six over the last year and one coming up, each planned with its
invitations, then attendance, minutes and numbered decisions whose follow-ups go to the
register. Also the invented names and titles of the people who come."""

import random
from datetime import date, time, timedelta

from opd.models import OPD
from posyandu.demo import NAMA_BELAKANG, NAMA_IBU, NAMA_LAKI
from tpps.demo.cerita import HasilDemoLengkap, _Cerita, _hari_kerja
from tpps.demo.tindak_lanjut import _Register
from tpps.models import KehadiranRapat, Rapat
from tpps.rapat.alur import catat_hasil, rencanakan_rapat, tambah_keputusan

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

