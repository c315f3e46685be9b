"""`demo_lengkap`: the Posyandu demo plus the task force's year, deterministic, once only,
with one working account per role."""

import io
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.utils import timezone

from evaluasi.models import (
    Capaian,
    EvaluasiBPKP,
    Indikator,
    LaporanSemester,
    ProgramKegiatan,
    Semester,
    TargetIndikator,
)
from opd import roles
from opd.models import OPD, User
from posyandu.access import balita_for_user
from posyandu.models import Balita, CakupanPetugas, Kegiatan, Pengukuran
from tests.jawaban import tidak_ditemukan
from tpps.demo import MITRA_DEMO, buat_demo_lengkap, kode_semester_demo
from tpps.models import (
    KehadiranRapat,
    KeputusanRapat,
    KontribusiMitra,
    PengesahanLaporan,
    ProgresTindakLanjut,
    Rapat,
    TindakLanjut,
)

pytestmark = pytest.mark.django_db
AKUN = {"sekda": roles.PIMPINAN, "operator.dinkes": roles.OPERATOR_OPD,
        "gizi.dinkes": roles.PETUGAS_POSYANDU}


@pytest.fixture
def acuan(db):
    call_command("seed_reference", stdout=io.StringIO())


def jalankan(*args) -> str:
    out = io.StringIO()
    call_command("demo_lengkap", "--children", "40", "--months", "3", *args, stdout=out)
    return out.getvalue()


def sandi(keluaran: str) -> dict[str, str]:
    return dict(re.findall(r"nama pengguna : (\S+)\s+kata sandi\s+: (\S+)", keluaran))


def jumlah() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (
        Balita, Pengukuran, Semester, LaporanSemester, Capaian, ProgramKegiatan, Rapat,
        KeputusanRapat, TindakLanjut, ProgresTindakLanjut, EvaluasiBPKP, KontribusiMitra,
        PengesahanLaporan, User)}


def test_semester_codes_relative_to_today():
    assert kode_semester_demo(date(2026, 11, 28)) == ["2025S2", "2026S1", "2026S2"]
    assert kode_semester_demo(date(2026, 3, 1)) == ["2025S1", "2025S2", "2026S1"]
    # In a semester's first two weeks the one just ended is still being filled.
    assert kode_semester_demo(date(2026, 7, 1)) == ["2025S1", "2025S2", "2026S1"]
    assert kode_semester_demo(date(2026, 7, 15)) == ["2025S2", "2026S1", "2026S2"]
    assert kode_semester_demo(date(2028, 1, 1)) == ["2026S2", "2027S1", "2027S2"]


@pytest.mark.parametrize("pukul", [
    datetime(2028, 1, 1, 3, 30, tzinfo=ZoneInfo("Asia/Jakarta")),  # 31 Dec 20:30 in UTC
    datetime(2027, 7, 3, 9, 0, tzinfo=ZoneInfo("Asia/Jakarta")),
])
def test_the_demo_builds_in_the_first_days_of_a_semester(acuan, pukul):
    """`make run` on New Year's Day (or early July) builds the whole story: no report is
    written before its semester's entry opens."""
    with time_machine.travel(pukul):
        keluaran = jalankan()
    assert "Data demo:" in keluaran
    laporan = list(LaporanSemester.objects.select_related("semester"))
    assert laporan
    for lap in laporan:
        dibuat = timezone.localtime(lap.history.earliest("history_date").history_date)
        assert dibuat.date() >= lap.semester.pengisian_dibuka, lap


def test_command_builds_the_whole_story_once(acuan):
    keluaran = jalankan("--jika-kosong")
    hari_ini = timezone.localdate()
    awal_hari_ini = timezone.make_aware(datetime.combine(hari_ini, time(0, 0)))
    dikunci, ditutup, dibuka = (Semester.objects.get(kode=k) for k in kode_semester_demo(hari_ini))
    assert (dikunci.status, ditutup.status, dibuka.status) == ("dikunci", "ditutup", "dibuka")
    assert all(s.pengisian_dibuka < s.batas_pengisian for s in (dikunci, ditutup, dibuka))

    # Completed semesters: every OPD that owns indicators reported every indicator.
    pemilik = OPD.objects.wajib_lapor().filter(indikator_utama__aktif=True).distinct()
    indikator = Indikator.objects.aktif()
    for smt in (dikunci, ditutup):
        assert set(pemilik) <= {lap.opd for lap in smt.laporan.all()}
        assert smt.capaian.filter(nilai__isnull=False).count() == indikator.count()
        for tahun in {smt.tahun}:
            assert not TargetIndikator.objects.filter(tahun=tahun, target_kota=None).exists()
    status = LaporanSemester.Status
    assert set(dikunci.laporan.values_list("status", flat=True)) == {status.DIVERIFIKASI}
    assert dikunci.laporan.filter(terlambat=True).exists()
    assert LaporanSemester.history.filter(semester=dikunci, status=status.DIKEMBALIKAN).exists()
    assert ditutup.laporan.filter(status=status.DIVERIFIKASI).count() > ditutup.laporan.count() / 2
    kembali = ditutup.laporan.get(status=status.DIKEMBALIKAN)
    assert kembali.komentar_pengembalian and ditutup.laporan.filter(status=status.DIAJUKAN).exists()
    assert ditutup.laporan.filter(terlambat=True).exists()
    # Below target → obstacles and a plan; programmes in rupiah within their pagu.
    bawah = Capaian.objects.filter(semester=ditutup).dengan_persen_capaian().filter(tercapai=False)
    assert bawah.exists() and not bawah.filter(kendala="").exists()
    program = ProgramKegiatan.objects.filter(laporan__semester=ditutup)
    assert program.exists() and all(0 < p.realisasi_rp <= p.pagu_rp for p in program)
    assert all(p.pagu_rp >= 10_000_000 for p in program)
    # The current semester: drafts and exactly one submission.
    assert dibuka.laporan.filter(status=status.DRAF).count() >= 2
    assert dibuka.laporan.filter(status=status.DIAJUKAN).count() == 1
    # Nothing happened in the future.
    assert not LaporanSemester.objects.filter(diajukan_pada__gte=awal_hari_ini).exists()
    assert not ProgresTindakLanjut.objects.filter(tanggal__gte=hari_ini).exists()

    # The locked semester is signed off by the demo Pimpinan, frozen and intact.
    pengesahan = PengesahanLaporan.objects.get(semester=dikunci)
    assert pengesahan.disahkan_oleh.username == "sekda" and pengesahan.is_utuh()

    # Meetings over the last year, one coming; attendance, minutes, numbered decisions.
    lewat = Rapat.objects.sudah_lewat(hari_ini)
    assert lewat.count() >= 6 and Rapat.objects.akan_datang(hari_ini).count() == 1
    assert {"prakoordinasi", "koordinasi", "rembuk_stunting"} <= set(
        lewat.values_list("jenis", flat=True))
    assert not lewat.filter(notulen="").exists()
    kehadiran = set(KehadiranRapat.objects.filter(rapat__in=lewat).values_list("status", flat=True))
    assert kehadiran == {"hadir", "diwakilkan", "tidak_hadir"}
    for rapat in lewat:
        nomor = list(rapat.keputusan.values_list("nomor", flat=True))
        assert nomor == list(range(1, len(nomor) + 1)) and nomor
    # Follow-ups: done with evidence, in progress, a few overdue.
    tl = TindakLanjut.objects.all()
    for selesai in tl.filter(status="selesai"):
        assert selesai.ada_bukti()
    assert tl.filter(status="berjalan").exists() and 0 < tl.terlambat().count() < tl.count() / 3
    assert tl.filter(keputusan__isnull=False).exists()
    # BPKP: three grades, findings, recommendations to OPDs with their follow-ups.
    bpkp = EvaluasiBPKP.objects.get()
    assert bpkp.tahun < hari_ini.year and all(kode for _l, kode, _t in bpkp.aspek())
    assert bpkp.temuan.count() == 3
    assert tl.filter(rekomendasi__temuan__evaluasi=bpkp).count() >= 4
    assert not bpkp.temuan.filter(rekomendasi__opd__isnull=True).exists()
    # The demo partner's contributions, one funding its Posyandu Spesial.
    kontribusi = KontribusiMitra.objects.filter(mitra__nama=MITRA_DEMO)
    assert kontribusi.count() >= 2
    assert kontribusi.filter(kegiatan__jenis=Kegiatan.Jenis.POSYANDU_SPESIAL).exists()

    # One account per role, each password printed once.
    dicetak = sandi(keluaran)
    kader = User.objects.get(username__startswith="kader.")
    assert set(dicetak) == {*AKUN, kader.username}
    for username, peran in {**AKUN, kader.username: roles.PETUGAS_POSYANDU}.items():
        user = User.objects.get(username=username)
        assert user.check_password(dicetak[username]) and user.groups.filter(name=peran).exists()
    assert User.objects.get(username="operator.dinkes").opd.singkatan == "Dinkes"
    assert kader.cakupan.tingkat == "posyandu" and kader.cakupan.posyandu.count() == 1
    assert User.objects.get(username="gizi.dinkes").cakupan.tingkat == "kota"

    # Again with --jika-kosong: nothing added, no password printed.
    sebelum = jumlah()
    keluaran = jalankan("--jika-kosong")
    assert "tidak dibuat" in keluaran and "kata sandi" not in keluaran
    assert jumlah() == sebelum


def test_a_second_run_without_the_switch_adds_children_but_no_second_story(acuan):
    jalankan()
    sebelum = jumlah()
    keluaran = jalankan()
    sesudah = jumlah()
    assert sesudah["Balita"] == sebelum["Balita"] + 40 and "kata sandi" not in keluaran
    for model in ("Semester", "LaporanSemester", "Rapat", "TindakLanjut", "EvaluasiBPKP",
                  "KontribusiMitra", "PengesahanLaporan", "User"):
        assert sesudah[model] == sebelum[model], model


def _sidik():
    """What the demo made, without primary keys or passwords."""
    return (
        jumlah(),
        list(Balita.objects.order_by("nama", "nik").values_list("nama", "tanggal_lahir", "nik")),
        list(Semester.objects.order_by("kode").values_list("kode", "status")),
        list(LaporanSemester.objects.order_by("semester__kode", "opd__singkatan").values_list(
            "semester__kode", "opd__singkatan", "status", "terlambat", "diajukan_pertama_pada",
            "diverifikasi_pada", "komentar_pengembalian")),
        list(Capaian.objects.order_by("semester__kode", "indikator__kode").values_list(
            "semester__kode", "indikator__kode", "pembilang", "penyebut", "nilai", "kendala",
            "tautan_bukti")),
        list(ProgramKegiatan.objects.order_by("laporan__semester__kode", "laporan__opd__singkatan",
                                              "sub_kegiatan").values_list(
            "laporan__opd__singkatan", "sub_kegiatan", "pagu_rp", "realisasi_rp")),
        list(TargetIndikator.objects.order_by("tahun", "indikator__kode").values_list(
            "tahun", "indikator__kode", "target_kota", "target_nasional")),
        list(KehadiranRapat.objects.order_by("rapat__tanggal", "opd__singkatan").values_list(
            "rapat__tanggal", "rapat__judul", "rapat__nomor_undangan", "opd__singkatan",
            "status", "nama_hadir")),
        list(TindakLanjut.objects.order_by("tenggat", "uraian", "opd_penanggung_jawab__singkatan")
             .values_list("uraian", "opd_penanggung_jawab__singkatan", "tenggat", "status",
                          "dibuat_pada")),
        list(KontribusiMitra.objects.order_by("uraian").values_list("uraian", "tahun", "nilai_rp",
                                                                    "desa__nama")),
        sorted(User.objects.values_list("username", flat=True)),
    )


def test_deterministic_for_a_seed_and_a_day(acuan):
    sidik = []
    for _i in range(2):
        with transaction.atomic():
            buat_demo_lengkap(anak=40, bulan=3, seed=5, hari_ini=date(2026, 11, 28))
            sidik.append(_sidik())
            transaction.set_rollback(True)
    assert Semester.objects.count() == 0
    assert sidik[0] == sidik[1]
    assert [s[0] for s in sidik[0][2]] == ["2025S2", "2026S1", "2026S2"]
    with transaction.atomic():
        buat_demo_lengkap(anak=40, bulan=3, seed=6, hari_ini=date(2026, 11, 28))
        assert _sidik()[4] != sidik[0][4]  # another seed, other figures
        transaction.set_rollback(True)


def _masuk(username, kata_sandi) -> Client:
    client = Client()
    resp = client.post("/akun/masuk/", {"username": username, "password": kata_sandi})
    assert resp.status_code == 302, username
    return client


def test_demo_accounts_sign_in_and_see_what_their_role_allows(acuan):
    dicetak = sandi(jalankan())
    hari_ini = timezone.localdate()
    dikunci, ditutup, dibuka = kode_semester_demo(hari_ini)
    dinkes, dinsos = OPD.objects.get(singkatan="Dinkes"), OPD.objects.get(singkatan="Dinsos")
    umum = ["/", "/dasbor/", "/rapat/", "/rapat/kehadiran/", "/tindak-lanjut/",
            "/tindak-lanjut/rekap/", "/kontribusi/"]
    evaluasi = ["/evaluasi/", f"/evaluasi/semester/{ditutup}/",
                f"/evaluasi/semester/{ditutup}/skor/",
                f"/evaluasi/semester/{ditutup}/opd/{dinkes.pk}/", "/evaluasi/bpkp/",
                f"/evaluasi/bpkp/{EvaluasiBPKP.objects.get().tahun}/", "/laporan-semester/",
                f"/laporan-semester/{dikunci}/", f"/laporan-semester/{dikunci}/disahkan/"]
    rapat = Rapat.objects.sudah_lewat().first()
    umum.append(f"/rapat/{rapat.pk}/")
    umum.append(f"/tindak-lanjut/{TindakLanjut.objects.terlambat().first().pk}/")
    kader_username = next(u for u in dicetak if u.startswith("kader."))

    boleh = {
        "sekda": [*umum, *evaluasi],
        "operator.dinkes": [*umum, *evaluasi, f"/evaluasi/semester/{dibuka}/opd/{dinkes.pk}/"],
        kader_username: [*umum, "/posyandu/", "/posyandu/kegiatan/", "/posyandu/kasus/"],
        "gizi.dinkes": [*umum, "/posyandu/", "/posyandu/kegiatan/", "/posyandu/kasus/"],
    }
    # Refused by role (403) …
    tidak = {
        "sekda": ["/evaluasi/antrean/"],
        "operator.dinkes": ["/evaluasi/antrean/"],
        kader_username: evaluasi,
        "gizi.dinkes": evaluasi,
    }
    # … or out of reach, answered as missing (404): another OPD's draft.
    tersembunyi = {
        "sekda": [f"/evaluasi/semester/{dibuka}/opd/{dinsos.pk}/"],
        "operator.dinkes": [f"/evaluasi/semester/{dibuka}/opd/{dinsos.pk}/"],
        kader_username: [],
        "gizi.dinkes": [],
    }
    for username, kata_sandi in dicetak.items():
        client = _masuk(username, kata_sandi)
        for url in boleh[username]:
            assert client.get(url).status_code == 200, (username, url)
        for url in tidak[username]:
            assert client.get(url).status_code == 403, (username, url)
        for url in tersembunyi[username]:
            assert tidak_ditemukan(client.get(url)), (username, url)

    # The kader sees their Posyandu's children only; the city nutritionist sees all.
    kader = User.objects.get(username=kader_username)
    posyandu = kader.cakupan.posyandu.get()
    milik = Balita.objects.filter(posyandu=posyandu)
    assert milik.exists()
    assert set(balita_for_user(kader)) == set(milik)
    gizi = User.objects.get(username="gizi.dinkes")
    assert balita_for_user(gizi).count() == Balita.objects.count()
    client = _masuk(kader_username, dicetak[kader_username])
    assert client.get(f"/posyandu/balita/{milik.first().pk}/").status_code == 200
    lain = Balita.objects.exclude(posyandu=posyandu).first()
    assert tidak_ditemukan(client.get(f"/posyandu/balita/{lain.pk}/"))
    assert tidak_ditemukan(client.get(f"/posyandu/posyandu/{lain.posyandu_id}/"))
    assert client.get(f"/posyandu/posyandu/{posyandu.pk}/").status_code == 200


def test_only_missing_accounts_are_made_and_the_kader_scope_is_reused(acuan):
    jalankan()
    User.objects.filter(username="gizi.dinkes").delete()
    keluaran = jalankan()
    assert set(sandi(keluaran)) == {"gizi.dinkes"}
    assert CakupanPetugas.objects.filter(user__username__startswith="kader.").count() == 1


def test_the_demo_roster_has_a_decree_bidang_and_people_for_every_member(acuan):
    from opd.models import OPD, SK, AnggotaTim

    call_command("demo_lengkap", "--children", "20", "--months", "2", stdout=io.StringIO())
    assert SK.objects.count() == 1 and SK.objects.get().bidang.count() == 4
    for opd in OPD.objects.aktif():
        kini = opd.anggota.aktif()
        assert kini.filter(peran="focal_person").count() == 1, opd
        assert kini.exclude(peran="focal_person").count() == 1, opd
    assert AnggotaTim.objects.get(opd__singkatan="Setda", sampai__isnull=True,
                                  peran="ketua")
    assert AnggotaTim.objects.selesai().filter(opd__singkatan="Dinsos").count() == 1
    jumlah = AnggotaTim.objects.count()
    call_command("demo_lengkap", "--children", "5", "--months", "1", stdout=io.StringIO())
    assert AnggotaTim.objects.count() == jumlah  # never twice
