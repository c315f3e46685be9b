"""The small world the permission matrix (tests/test_matriks_izin.py) opens every page in.

Built once per module, on ``HARI_UJI`` (20 November 2026):

* the cast of tests/conftest.py: Sari (Sekretariat TPPS, staff, Bappelitbangda), Okta
  (Operator OPD Dinkes), Dani (Operator OPD Dinsos), the Sekda (Pimpinan), a kader
  (Petugas Posyandu whose scope is Posyandu Melati), and a superuser the accounts pages
  never show;
* the roster: a representative of Dinkes and one of Dinsos, an SK with its file, a partner
  with a contribution;
* 2026S2 (open): Dinkes's report verified, Dinsos's submitted (a draft to everyone but
  Dinsos and the Sekretariat), each with an achievement, Dinsos's with an evidence file;
* 2025S1: locked and signed by the Sekda (the archived PDF, a verification code);
* BPKP 2024 with a recommendation to Dinkes;
* a meeting (Dinkes and Dinsos invited) with a decision and a follow-up owed by Dinkes,
  whose progress carries a file;
* Posyandu Melati (Sisir, kecamatan Batu) and Mawar (Bumiaji) with one child each, an event
  each (5 November 2026) at which the child was measured, an open case each;
* two e-PPGBM imports (the kader's, the Sekretariat's), finished;
* a notification for Okta and one for Dani; their unsubscribe and password links.

``buat_data`` returns the users by actor name and every URL parameter by key (a pk or a
string), which the matrix's table names.
"""

from datetime import date

from django.contrib.auth.tokens import default_token_generator
from django.core.files.base import ContentFile
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from evaluasi import alur as alur_evaluasi
from evaluasi import reference
from evaluasi.models import LaporanSemester
from opd import pemberitahuan, roles
from opd.akun.undangan import token_undangan
from opd.models import Pemberitahuan
from posyandu.models import CakupanPetugas, ImporEppgbm, Kasus, Kegiatan
from tests.evaluasi.factories import (
    make_capaian,
    make_katalog,
    make_laporan,
    make_rekomendasi,
    make_semester,
)
from tests.factories import make_anggota, make_mitra, make_opd, make_sk, make_user
from tests.posyandu.factories import beri_cakupan, make_balita, make_melati_dan_mawar, ukur
from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut
from tpps.laporan_semester import alur as alur_laporan
from tpps.models import KontribusiMitra
from tpps.reference import muat_peran, muat_sumber

#: Any id no row has: a missing object answers as one outside the user's scope.
TIDAK_ADA = 999_999

HARI_KEGIATAN = date(2026, 11, 5)
PDF = b"%PDF-1.4\n%uji\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _uid(user) -> str:
    return urlsafe_base64_encode(force_bytes(user.pk))


def _kasus(balita, pengukuran) -> Kasus:
    """The child's open case: the one the measurement opened, else one written here."""
    kasus = Kasus.objects.filter(balita=balita).first()
    return kasus or Kasus.objects.create(
        balita=balita, jenis=Kasus.Jenis.STUNTING, pengukuran=pengukuran,
        tanggal_ditemukan=pengukuran.tanggal_ukur)


def buat_data() -> dict:
    muat_peran()
    muat_sumber(reference.SUMBER[2])  # the achievement bands
    dinkes = make_opd("Dinkes", nama="Dinas Kesehatan")
    dinsos = make_opd("Dinsos", nama="Dinas Sosial")
    bappelitbangda = make_opd("Bappelitbangda", nama="Badan Perencanaan Pembangunan",
                              jenis="badan")
    orang = {
        "sekretariat": make_user("sari", peran=roles.SEKRETARIAT, opd=bappelitbangda,
                                 is_staff=True, email="sari@batukota.go.id"),
        "operator_dinkes": make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes,
                                     email="okta@batukota.go.id"),
        "operator_dinsos": make_user("dani", peran=roles.OPERATOR_OPD, opd=dinsos,
                                     email="dani@batukota.go.id"),
        "pimpinan": make_user("sekda", peran=roles.PIMPINAN, first_name="Budi",
                              jabatan="Sekretaris Daerah"),
        "petugas": make_user("kader", peran=roles.PETUGAS_POSYANDU),
    }
    root = make_user("root", is_superuser=True, is_staff=True)
    okta, dani = orang["operator_dinkes"], orang["operator_dinsos"]

    # Roster.
    anggota_dinkes = make_anggota(dinkes, nama="dr. Ratna")
    anggota_dinsos = make_anggota(dinsos, nama="Drs. Bambang")
    sk = make_sk()
    sk.berkas.save("sk-tpps.pdf", ContentFile(PDF))
    mitra = make_mitra()

    # Semester evaluation: 2026S2 open, 2025S1 locked and signed.
    katalog = make_katalog(dinkes, dinsos)
    buka = make_semester("2026S2")
    lap_dinkes = make_laporan(buka, dinkes, status=LaporanSemester.Status.DIVERIFIKASI)
    c_dinkes = make_capaian(lap_dinkes, katalog["S1"], 60, 75)
    lap_dinsos = make_laporan(buka, dinsos, status=LaporanSemester.Status.DIAJUKAN,
                              diajukan_oleh=dani)
    c_dinsos = make_capaian(lap_dinsos, katalog["K2"], 30, 200)
    c_dinsos.berkas.save("bukti-k2.pdf", ContentFile(PDF))
    lalu = make_semester("2025S1")
    make_capaian(make_laporan(lalu, dinkes, status=LaporanSemester.Status.DIVERIFIKASI),
                 katalog["S2"], 81, 100)
    lalu = alur_evaluasi.ubah_status_semester(semester=lalu, oleh=orang["sekretariat"],
                                              status="dikunci", konfirmasi_kunci=True)
    pengesahan = alur_laporan.sahkan_laporan(semester=lalu, oleh=orang["pimpinan"])
    rekomendasi = make_rekomendasi(tahun=2024, opd=[dinkes])

    # Meetings and the register.
    rapat = make_rapat(undang=[dinkes, dinsos])
    keputusan = make_keputusan(rapat)
    tindak_lanjut = make_tindak_lanjut(dinkes, keputusan)
    progres = make_progres(tindak_lanjut, dicatat_oleh=okta)
    progres.berkas.save("notulen-teknis.pdf", ContentFile(PDF))
    kontribusi = KontribusiMitra.objects.create(
        mitra=mitra, tahun=2026, bentuk="dana", uraian="PMT 100 paket", nilai_rp=25_000_000,
        sasaran="balita")

    # Posyandu: the kader's scope is Melati.
    _w, melati, mawar = make_melati_dan_mawar()
    beri_cakupan(orang["petugas"], CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    anak = {
        "melati": make_balita(melati, nama="Aisyah Putri", nik="3579015003240001",
                              tanggal_lahir=date(2024, 3, 10)),
        "mawar": make_balita(mawar, nama="Bima Sakti", jenis_kelamin="L", nama_ibu="Dewi",
                             nik="3579024106230002", tanggal_lahir=date(2023, 6, 1)),
    }
    kegiatan, ukuran, kasus = {}, {}, {}
    for nama, posyandu in (("melati", melati), ("mawar", mawar)):
        kegiatan[nama] = Kegiatan.objects.create(
            jenis=Kegiatan.Jenis.BULANAN, tanggal=HARI_KEGIATAN, posyandu=posyandu,
            dibuat_oleh=orang["sekretariat"])
        # Short for the age: the measurement opens a case.
        ukuran[nama] = ukur(anak[nama], HARI_KEGIATAN, berat=10.2, tinggi=80.5,
                            kegiatan=kegiatan[nama], user=orang["sekretariat"])
        kasus[nama] = _kasus(anak[nama], ukuran[nama])
    impor = {
        siapa: ImporEppgbm.objects.create(
            user=orang[siapa], nama_berkas="eppgbm.csv", berkas="eppgbm/uji.csv",
            status=ImporEppgbm.Status.SELESAI)
        for siapa in ("petugas", "sekretariat")
    }

    # Notifications.
    beritahu = {
        user.username: Pemberitahuan.objects.create(
            penerima=user, jenis=Pemberitahuan.Jenis.RAPAT, kunci=f"uji:{user.username}",
            judul="Undangan rapat", tautan=rapat.get_absolute_url())
        for user in (okta, dani)
    }

    return {
        "orang": orang,
        "param": {
            "tidak_ada": TIDAK_ADA,
            "dinkes": dinkes.pk, "dinsos": dinsos.pk,
            "anggota_dinkes": anggota_dinkes.pk, "anggota_dinsos": anggota_dinsos.pk,
            "mitra": mitra.pk, "kontribusi": kontribusi.pk,
            "pengguna_okta": okta.pk, "pengguna_root": root.pk,
            "smt_buka": buka.kode, "smt_disahkan": lalu.kode, "smt_tidak_ada": "1999S1",
            "tahun_buka": buka.tahun, "tahun_tidak_ada": 1999,
            "capaian_dinkes": c_dinkes.pk, "capaian_dinsos": c_dinsos.pk,
            "tahun_bpkp": rekomendasi.temuan.evaluasi.tahun, "rekomendasi": rekomendasi.pk,
            "rapat": rapat.pk, "keputusan": keputusan.pk, "tindak_lanjut": tindak_lanjut.pk,
            "posyandu_melati": melati.pk, "posyandu_mawar": mawar.pk,
            "balita_melati": anak["melati"].pk, "balita_mawar": anak["mawar"].pk,
            "kegiatan_melati": kegiatan["melati"].pk, "kegiatan_mawar": kegiatan["mawar"].pk,
            "pengukuran_melati": ukuran["melati"].pk, "pengukuran_mawar": ukuran["mawar"].pk,
            "kasus_melati": kasus["melati"].pk, "kasus_mawar": kasus["mawar"].pk,
            "impor_petugas": impor["petugas"].pk, "impor_sekretariat": impor["sekretariat"].pk,
            "pemberitahuan_okta": beritahu["okta"].pk, "pemberitahuan_dani": beritahu["dani"].pk,
            "kode_verifikasi": pengesahan.kode_verifikasi, "kode_salah": "BUKAN-KODE",
            "token_berhenti": pemberitahuan.token_berhenti(okta, Pemberitahuan.Jenis.RAPAT),
            "token_salah": "bukan-token",
            "uid_okta": _uid(okta), "uid_salah": "MTIzNDU2",
            "token_undangan": token_undangan.make_token(okta),
            "token_atur_ulang": default_token_generator.make_token(okta),
            "token_akun_salah": "abc-123",
            "berkas_sk": sk.berkas.name, "berkas_capaian_dinsos": c_dinsos.berkas.name,
            "berkas_progres": progres.berkas.name, "berkas_pdf": pengesahan.berkas.name,
            "berkas_tidak_ada": "sk/tidak-ada.pdf",
        },
    }
