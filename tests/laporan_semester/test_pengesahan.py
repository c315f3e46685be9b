"""Signing the report off: only Pimpinan, only a locked semester, once; the signed copy is
frozen and later corrections show as differences against it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluasi import alur as alur_evaluasi
from evaluasi.alur import IsianCapaian
from evaluasi.models import Semester
from tpps.laporan_semester import alur, isi, selisih
from tpps.models import PengesahanLaporan

from .conftest import kunci

pytestmark = pytest.mark.django_db


def url(nama, kode="2025S1"):
    return reverse(f"laporan_semester:{nama}", args=[kode])


def test_only_pimpinan_may_sign(client_as, data, sekretariat, operator_dinkes, petugas):
    kunci(data["semester"], sekretariat)
    for user in (sekretariat, operator_dinkes, petugas):
        assert client_as(user).post(url("sahkan")).status_code == 403
    assert not PengesahanLaporan.objects.exists()


def test_sign_form_is_shown_to_pimpinan_only(client_as, data, sekretariat, pimpinan):
    kunci(data["semester"], sekretariat)
    halaman = client_as(pimpinan).get(url("laporan")).content.decode()
    assert 'id="form-pengesahan"' in halaman and f'href="{url("sahkan")}"' in halaman
    assert 'id="form-pengesahan"' not in client_as(sekretariat).get(url("laporan")).content.decode()


def test_only_a_locked_semester_can_be_signed(client_as, data, pimpinan):
    c = client_as(pimpinan)
    halaman = c.get(url("laporan")).content.decode()
    assert "baru dapat disahkan sesudah semester 2025S1 dikunci" in halaman
    assert "Sahkan laporan</button>" not in halaman
    assert f'href="{url("sahkan")}"' not in halaman
    resp = c.post(url("sahkan"), follow=True)
    assert "baru dapat disahkan sesudah semester 2025S1 dikunci" in resp.content.decode()
    assert not PengesahanLaporan.objects.exists()


def test_pimpinan_signs_a_locked_semester_and_the_copy_is_frozen(client_as, data, sekretariat,
                                                                 pimpinan):
    pimpinan.first_name, pimpinan.last_name, pimpinan.jabatan = "Budi", "Santoso", "Sekretaris Daerah"
    pimpinan.save()
    semester = kunci(data["semester"], sekretariat)
    c = client_as(pimpinan)
    resp = c.post(url("sahkan"), {"konfirmasi": "on"})  # from the confirmation page
    assert resp.status_code == 302 and resp["Location"] == url("disahkan")
    p = PengesahanLaporan.objects.get(semester=semester)
    assert (p.disahkan_oleh, p.nama_pengesah, p.jabatan_pengesah) == (
        pimpinan, "Budi Santoso", "Sekretaris Daerah")
    assert p.isi == isi.susun(semester) and p.is_utuh() and len(p.sidik) == 64
    assert p.isi["semester"]["status"] == "dikunci"
    halaman = c.get(url("disahkan")).content.decode()
    assert "Versi yang disahkan oleh Budi Santoso" in halaman and p.sidik in halaman
    # Right after signing, the report as it stands equals what was signed.
    live = c.get(url("laporan"))
    assert live.context["perbedaan"] == []
    assert 'id="tanpa-perbedaan"' in live.content.decode()


def test_a_sign_off_cannot_be_changed(client_as, data, sekretariat, pimpinan):
    semester = kunci(data["semester"], sekretariat)
    p = alur.sahkan_laporan(semester=semester, oleh=pimpinan)
    sidik, pada = p.sidik, p.disahkan_pada
    resp = client_as(pimpinan).post(url("sahkan"), follow=True)
    assert "sudah disahkan" in resp.content.decode()
    with pytest.raises(ValidationError):
        alur.sahkan_laporan(semester=semester, oleh=pimpinan)
    p.isi = {"diubah": True}
    with pytest.raises(ValidationError):
        p.save()
    with pytest.raises(ValidationError):
        p.delete()
    with pytest.raises(ValidationError):
        PengesahanLaporan.objects.filter(pk=p.pk).update(nama_pengesah="Orang lain")
    with pytest.raises(ValidationError):
        PengesahanLaporan.objects.all().delete()
    p = PengesahanLaporan.objects.get()
    assert (p.sidik, p.disahkan_pada, p.is_utuh()) == (sidik, pada, True)


def koreksi_s1(data, sekretariat, pembilang):
    """Reopen the locked semester, return Dinkes's report, correct S1, verify, lock again."""
    semester = alur_evaluasi.ubah_status_semester(
        semester=data["semester"], oleh=sekretariat, status=Semester.Status.DIBUKA,
        alasan="Koreksi pembilang S1 dari Dinkes")
    laporan = data["lap_dinkes"]
    alur_evaluasi.kembalikan_laporan(laporan=laporan, oleh=sekretariat,
                                     komentar="S1: pembilang salah ketik")
    s1 = laporan.capaian.get(indikator=data["s1"])
    alur_evaluasi.simpan_laporan(laporan=laporan, oleh=sekretariat, capaian=[IsianCapaian(
        indikator=data["s1"], versi=s1.versi,
        nilai={"pembilang": pembilang, "penyebut": 75, "sumber_data": "", "kendala": s1.kendala,
               "rencana_tindak_lanjut": s1.rencana_tindak_lanjut, "penjelasan_perubahan": "",
               "tautan_bukti": ""})])
    laporan.refresh_from_db()
    temuan = alur_evaluasi.ajukan_laporan(laporan=laporan, oleh=sekretariat)
    assert not [t for t in temuan if t.is_galat], [t.as_dict() for t in temuan]
    # The Sekretariat corrected the figure itself: four eyes off for this one-person story.
    alur_evaluasi.verifikasi_laporan(laporan=laporan, oleh=sekretariat, empat_mata=False)
    return kunci(semester, sekretariat)


def test_a_correction_after_reopening_shows_as_a_difference(client_as, data, sekretariat,
                                                            pimpinan):
    semester = kunci(data["semester"], sekretariat)
    p = alur.sahkan_laporan(semester=semester, oleh=pimpinan)
    disahkan = p.isi
    koreksi_s1(data, sekretariat, pembilang=54)  # 54 / 75 = 72,00 % → 90,0 % of 80, "Baik"

    c = client_as(pimpinan)
    resp = c.get(url("laporan"))
    beda = {(d.baris, d.kolom): (d.lama, d.baru) for d in resp.context["perbedaan"]}
    s1 = "S1 Ibu hamil KEK mendapat tambahan asupan gizi"
    assert beda[(s1, "Pembilang")] == ("60", "54")
    assert beda[(s1, "Realisasi")] == ("80,00", "72,00")
    assert beda[(s1, "% capaian")] == ("100,00", "90,00")
    assert beda[(s1, "Predikat")] == ("Sangat baik", "Baik")
    assert "Sangat baik" in resp.content.decode() and 'id="perbedaan"' in resp.content.decode()
    # Nothing else in the indicators changed; the signed copy did not move.
    assert not [d for d in resp.context["perbedaan"]
                if d.baris.startswith(("S2", "K2", "K8"))]
    p = PengesahanLaporan.objects.get()
    assert p.isi == disahkan and p.is_utuh()
    s1_disahkan = next(b for b in p.isi["capaian"][0]["baris"] if b["kode"] == "S1")
    assert s1_disahkan["nilai"] == 80.0
    halaman = c.get(url("disahkan")).content.decode()
    assert "80,00 %" in halaman and "72,00 %" not in halaman


def test_time_passing_and_later_follow_ups_make_no_difference(client_as, data, sekretariat,
                                                              pimpinan, dinkes, monkeypatch):
    from datetime import date, timedelta

    from django.utils import timezone

    from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut
    from tpps.models import TindakLanjut

    semester = kunci(data["semester"], sekretariat)
    alur.sahkan_laporan(semester=semester, oleh=pimpinan)
    # After the sign-off: a later meeting's follow-up, today's progress closing one that was
    # overdue at the semester's end, and 200 days pass (the TTD follow-up falls due).
    make_tindak_lanjut(dinkes, make_keputusan(make_rapat(tanggal=date(2025, 9, 1))),
                       uraian="Rapat September", tenggat=date(2025, 10, 1))
    make_progres(data["tl_rapat"], status_baru="selesai", tautan="https://a.id/bukti")
    TindakLanjut.objects.filter(pk=data["tl_rapat"].pk).update(status="selesai")
    nanti = timezone.now() + timedelta(days=200)
    monkeypatch.setattr(timezone, "now", lambda: nanti)
    assert timezone.localdate() > data["tl_capaian"].tenggat

    resp = client_as(pimpinan).get(url("laporan"))
    assert resp.context["perbedaan"] == []
    assert 'id="tanpa-perbedaan"' in resp.content.decode()
    # A real correction still shows: a progress dated inside the semester, and a figure.
    make_progres(data["tl_rapat"], tanggal=date(2025, 6, 1), status_baru="berjalan")
    koreksi_s1(data, sekretariat, pembilang=54)
    beda = {(d.bagian, d.kolom) for d in client_as(pimpinan).get(url("laporan"))
            .context["perbedaan"]}
    assert ("Tindak lanjut", "Status") in beda and ("1A Intervensi spesifik", "Pembilang") in beda
    assert ("Tindak lanjut", "Terlambat") not in beda   # still open at the end: still overdue


def test_differences_list_rows_added_and_gone():
    lama = {"ringkasan": {"per_predikat": []}, "capaian": [], "anggaran": {
        "pagu_rp": 1, "realisasi_rp": 1, "opd": [{"opd": "Dinkes", "pagu_rp": 1,
                                                   "realisasi_rp": 1, "program": []}]},
        "prevalensi": {"kota": [], "kecamatan": []}, "tindak_lanjut": {"daftar": []},
        "bpkp": None, "daerah": "Kota Batu"}
    baru = {**lama, "anggaran": {"pagu_rp": 1, "realisasi_rp": 1, "opd": [
        {"opd": "Dinsos", "pagu_rp": 1, "realisasi_rp": 1, "program": []}]}}
    beda = [(d.baris, d.lama, d.baru) for d in selisih.bandingkan(lama, baru)]
    assert ("Dinkes", "ada", "tidak ada lagi") in beda and ("Dinsos", "tidak ada", "baru") in beda


def test_a_signed_copy_altered_in_the_database_is_flagged_and_not_downloaded(
        client_as, data, sekretariat, pimpinan):
    import copy
    from io import BytesIO

    from openpyxl import load_workbook

    from tpps.laporan_semester import excel

    semester = kunci(data["semester"], sekretariat)
    p = alur.sahkan_laporan(semester=semester, oleh=pimpinan)
    c = client_as(pimpinan)
    peringatan = "isi laporan yang disahkan telah berubah"
    # Intact: no warning; the download is the signed workbook, stamped with its fingerprint.
    for nama in ("disahkan", "laporan"):
        halaman = c.get(url(nama)).content.decode()
        assert 'id="isi-tidak-utuh"' not in halaman and peringatan not in halaman
    unduh = c.get(url("excel-disahkan"))
    assert unduh.status_code == 200 and unduh["Content-Type"].startswith(
        "application/vnd.openxmlformats")
    ringkasan = load_workbook(BytesIO(unduh.content))["Ringkasan"]
    assert [r[1] for r in ringkasan.iter_rows(values_only=True) if r[0] == "Sidik SHA-256"] == [
        p.sidik]

    # Someone with database access changes a figure of the stored copy, past the model.
    diubah = copy.deepcopy(p.isi)
    diubah["ringkasan"]["pagu_rp"] = 1
    PengesahanLaporan._base_manager.filter(pk=p.pk).update(isi=diubah)
    p = PengesahanLaporan.objects.get()
    assert p.isi["ringkasan"]["pagu_rp"] == 1 and not p.is_utuh()

    # Both pages say so plainly, in a visible alert.
    disahkan = c.get(url("disahkan")).content.decode()
    assert 'id="isi-tidak-utuh"' in disahkan and 'role="alert"' in disahkan
    assert peringatan in disahkan and "bukan lagi isi yang disahkan Pimpinan" in disahkan
    terkini = c.get(url("laporan")).content.decode()
    assert peringatan in terkini and "tidak dapat dipercaya" in terkini
    # The signed copy's download is refused, with the reason, on the signed copy's page.
    resp = c.get(url("excel-disahkan"))
    assert resp.status_code == 302 and resp["Location"] == url("disahkan")
    assert "spreadsheetml" not in resp.get("Content-Type", "")
    halaman = c.get(resp["Location"]).content.decode()
    assert "tidak cocok lagi dengan sidik SHA-256-nya" in halaman
    assert "Berkas versi disahkan tidak diberikan" in halaman
    with pytest.raises(ValidationError, match="telah diubah sesudah disahkan"):
        excel.buat_workbook(p.isi, p)
    # The current report (built now, not from the stored copy) still downloads.
    assert c.get(url("excel")).status_code == 200
