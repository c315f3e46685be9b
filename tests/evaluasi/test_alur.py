"""The workflow functions (evaluasi.alur): save, submit, verify, return, lock, reopen."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from evaluasi import alur
from evaluasi.alur import IsianCapaian, IsianProgram
from evaluasi.models import Capaian, LaporanSemester, PembukaanKunci, Semester
from tests.evaluasi.factories import make_capaian, make_laporan, make_program, make_semester

pytestmark = pytest.mark.django_db


def isi(indikator, pembilang, penyebut=None, versi=0, **teks):
    nilai = {"pembilang": pembilang, "penyebut": penyebut, "sumber_data": "", "kendala": "",
             "rencana_tindak_lanjut": "", "penjelasan_perubahan": "", "tautan_bukti": ""}
    nilai.update(teks)
    return IsianCapaian(indikator=indikator, versi=versi, nilai=nilai)


def lengkap(laporan, katalog, oleh):
    return alur.simpan_laporan(laporan=laporan, oleh=oleh, capaian=[
        isi(katalog["S1"], 85, 100, tautan_bukti="https://data.batukota.go.id/s1"),
        isi(katalog["S2"], 95, 100, tautan_bukti="https://data.batukota.go.id/s2"),
    ]).laporan


def test_saving_creates_the_report_and_versions_each_changed_row(semester, dinkes, katalog,
                                                                 operator_dinkes):
    hasil = alur.simpan_laporan(
        laporan=LaporanSemester(semester=semester, opd=dinkes), oleh=operator_dinkes,
        capaian=[isi(katalog["S1"], 85, 100), isi(katalog["S2"], None)],
    )
    assert hasil.capaian_diubah == 1  # the blank S2 row creates nothing
    s1 = Capaian.objects.get()
    assert (s1.versi, s1.nilai, s1.diubah_oleh) == (1, 85, operator_dinkes)
    assert s1.history.first().history_user == operator_dinkes
    again = alur.simpan_laporan(laporan=hasil.laporan, oleh=operator_dinkes,
                                capaian=[isi(katalog["S1"], 85, 100, versi=1)])
    assert again.jumlah == 0  # nothing changed: no new version, no history
    assert Capaian.objects.get().versi == 1 and s1.history.count() == 1


def test_an_indicator_of_another_opd_is_refused(semester, dinkes, katalog, operator_dinkes):
    with pytest.raises(ValidationError, match="K2 bukan tanggung jawab Dinkes"):
        alur.simpan_laporan(laporan=LaporanSemester(semester=semester, opd=dinkes),
                            oleh=operator_dinkes, capaian=[isi(katalog["K2"], 1, 10)])
    assert not Capaian.objects.exists()


def test_the_second_save_of_the_same_row_is_refused_with_who_and_when(
    semester, dinkes, katalog, operator_dinkes, sekretariat
):
    laporan = make_laporan(semester, dinkes)
    make_capaian(laporan, katalog["S1"], pembilang=70, penyebut=100, versi=1)
    # Both loaded version 1; the Sekretariat saves first.
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat,
                        capaian=[isi(katalog["S1"], 75, 100, versi=1)])
    with pytest.raises(alur.KonflikVersi) as exc:
        alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                            capaian=[isi(katalog["S1"], 80, 100, versi=1)])
    assert "Capaian S1 telah diubah oleh Sari" in exc.value.pesan[0]
    assert "tidak disimpan" in exc.value.pesan[0]
    assert Capaian.objects.get().pembilang == 75


def test_a_stale_row_the_person_did_not_touch_does_not_block_their_other_rows(
    semester, dinkes, katalog, operator_dinkes, sekretariat
):
    laporan = make_laporan(semester, dinkes)
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat, capaian=[isi(katalog["S1"], 70, 100)])
    # The operator loads the page (S1 at version 1), the Sekretariat changes S1 meanwhile …
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat,
                        capaian=[isi(katalog["S1"], 72, 100, versi=1)])
    # … and the operator saves S2 only, sending S1 back as they loaded it.
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes, capaian=[
        isi(katalog["S1"], 70, 100, versi=1), isi(katalog["S2"], 90, 100),
    ])
    assert Capaian.objects.get(indikator=katalog["S1"]).pembilang == 72
    assert Capaian.objects.get(indikator=katalog["S2"]).pembilang == 90


def test_a_row_someone_else_created_meanwhile_is_a_conflict(semester, dinkes, katalog,
                                                           operator_dinkes, sekretariat):
    laporan = make_laporan(semester, dinkes)
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat, capaian=[isi(katalog["S1"], 70, 100)])
    with pytest.raises(alur.KonflikVersi):
        alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                            capaian=[isi(katalog["S1"], 60, 100, versi=0)])


def test_programme_rows_are_guarded_too(semester, dinkes, katalog, operator_dinkes,
                                        sekretariat):
    laporan = make_laporan(semester, dinkes)
    p = make_program(laporan, program="PMT", versi=1)
    nilai = {"program": "PMT", "kegiatan": p.kegiatan, "sub_kegiatan": "", "sumber_dana": "apbd",
             "pagu_rp": p.pagu_rp, "realisasi_rp": 50_000_000, "keluaran": "",
             "satuan_keluaran": "", "target_keluaran": None, "realisasi_keluaran": None}
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat,
                        program=[IsianProgram(pk=p.pk, versi=1, nilai=nilai)])
    with pytest.raises(alur.KonflikVersi, match="Program"):
        alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes, program=[
            IsianProgram(pk=p.pk, versi=1, nilai={**nilai, "realisasi_rp": 60_000_000})])
    with pytest.raises(alur.KonflikVersi):
        alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                            program=[IsianProgram(pk=p.pk, versi=1, nilai=nilai, hapus=True)])
    p.refresh_from_db()
    assert p.realisasi_rp == 50_000_000 and p.versi == 2


def test_submit_runs_the_rules_and_changes_nothing_on_error(semester, dinkes, katalog,
                                                           operator_dinkes):
    laporan = alur.simpan_laporan(laporan=LaporanSemester(semester=semester, opd=dinkes),
                                  oleh=operator_dinkes,
                                  capaian=[isi(katalog["S1"], 85, 100)]).laporan
    hasil = alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    assert any(h.is_galat and h.objek == "S2" for h in hasil)
    laporan.refresh_from_db()
    assert laporan.status == LaporanSemester.Status.DRAF and laporan.diajukan_pada is None


def test_the_whole_cycle(semester, dinkes, katalog, operator_dinkes, sekretariat):
    laporan = lengkap(LaporanSemester(semester=semester, opd=dinkes), katalog, operator_dinkes)
    hasil = alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    assert not any(h.is_galat for h in hasil)
    laporan.refresh_from_db()
    assert laporan.status == "diajukan" and not laporan.terlambat
    assert any("program" in h["pesan"] for h in laporan.hasil_periksa)  # warnings kept
    assert "menunggu verifikasi" in laporan.alasan_tidak_dapat_diubah()
    with pytest.raises(ValidationError, match="menunggu verifikasi"):
        lengkap(laporan, katalog, operator_dinkes)

    with pytest.raises(ValidationError, match="komentar"):
        alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="  ")
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="S1: lampirkan bukti")
    laporan.refresh_from_db()
    assert laporan.status == "dikembalikan" and laporan.alasan_tidak_dapat_diubah() is None
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes, capaian=[
        isi(katalog["S1"], 86, 100, versi=1, tautan_bukti="https://data.batukota.go.id/s1")])
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    with pytest.raises(ValidationError, match="sudah diajukan"):
        alur.kembalikan_laporan(laporan=make_laporan(semester, make_laporan_opd()),
                                oleh=sekretariat, komentar="x")
    alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)
    laporan.refresh_from_db()
    assert laporan.status == "diverifikasi" and laporan.diverifikasi_oleh == sekretariat
    assert "sudah diverifikasi" in laporan.alasan_tidak_dapat_diubah()
    with pytest.raises(ValidationError, match="sudah diajukan yang dapat diverifikasi"):
        alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)


def make_laporan_opd():
    from tests.factories import make_opd

    return make_opd("Dindik")


def test_a_first_submission_after_the_due_date_is_late_and_stays_late(dinkes, katalog,
                                                                      operator_dinkes,
                                                                      sekretariat):
    hari_ini = timezone.localdate()
    semester = make_semester("2025S2", pengisian_dibuka=hari_ini - timedelta(days=40),
                             batas_pengisian=hari_ini - timedelta(days=1))
    laporan = lengkap(LaporanSemester(semester=semester, opd=dinkes), katalog, operator_dinkes)
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    laporan.refresh_from_db()
    assert laporan.terlambat and laporan.diajukan_pertama_pada is not None


def test_a_report_cannot_be_filled_before_the_window_opens(dinkes, katalog, operator_dinkes):
    semester = make_semester("2026S1",
                             pengisian_dibuka=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError, match="baru dibuka tanggal"):
        lengkap(LaporanSemester(semester=semester, opd=dinkes), katalog, operator_dinkes)


def test_a_closed_semester_takes_entries_only_for_returned_reports(semester, dinkes, dinsos,
                                                                  katalog, operator_dinkes,
                                                                  sekretariat):
    laporan = lengkap(LaporanSemester(semester=semester, opd=dinkes), katalog, operator_dinkes)
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="ditutup")
    with pytest.raises(ValidationError, match="sudah ditutup"):
        alur.simpan_laporan(laporan=LaporanSemester(semester=semester, opd=dinsos),
                            oleh=sekretariat, capaian=[isi(katalog["K8"], 10)])
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Perbaiki S1")
    hasil = alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes, capaian=[
        isi(katalog["S1"], 88, 100, versi=1, tautan_bukti="https://data.batukota.go.id/s1")])
    assert hasil.capaian_diubah == 1


def test_locking_needs_no_pending_submission_and_reopening_needs_a_reason(
    semester, dinkes, katalog, operator_dinkes, sekretariat
):
    laporan = lengkap(LaporanSemester(semester=semester, opd=dinkes), katalog, operator_dinkes)
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    with pytest.raises(ValidationError, match="1 laporan masih menunggu verifikasi"):
        alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="dikunci")
    alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)
    with pytest.raises(ValidationError, match="hanya sesudah konfirmasi"):
        alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="dikunci")
    alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="dikunci",
                              konfirmasi_kunci=True)
    semester.refresh_from_db()
    assert semester.is_dikunci and semester.dikunci_pada is not None
    laporan.refresh_from_db()
    assert "sudah dikunci" in laporan.alasan_tidak_dapat_diubah()
    with pytest.raises(ValidationError, match="sudah dikunci"):
        alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="x")
    with pytest.raises(ValidationError, match="wajib disertai alasan"):
        alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="ditutup")
    alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="ditutup",
                              alasan="Koreksi data S1 dari Dinkes (surat 12/2025)")
    catatan = PembukaanKunci.objects.get()
    assert catatan.oleh == sekretariat and catatan.status_baru == "ditutup"
    assert "surat 12/2025" in catatan.alasan
    assert semester.history.first().history_change_reason.startswith("Koreksi data S1")
    semester.refresh_from_db()
    assert semester.dikunci_pada is None
    with pytest.raises(ValidationError, match="sudah berstatus"):
        alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="ditutup")


def test_a_semester_code_gives_year_and_half(db):
    s = make_semester("2024S2")
    assert (s.tahun, s.nomor, s.kode_sebelumnya) == (2024, 2, "2024S1")
    assert make_semester("2025S1").kode_sebelumnya == "2024S2"
    salah = Semester(kode="2025S3", tanggal_mulai=s.tanggal_mulai, tanggal_selesai=s.tanggal_mulai,
                     pengisian_dibuka=s.tanggal_mulai, batas_pengisian=s.tanggal_mulai)
    with pytest.raises(ValidationError, match="2025S1"):
        salah.full_clean()
