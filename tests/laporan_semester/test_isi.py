"""The report's content against the small hand-computed semester of conftest.py."""

import json
from datetime import date

import pytest

from tpps.laporan_semester import isi

pytestmark = pytest.mark.django_db


@pytest.fixture
def laporan(data):
    return isi.susun(data["semester"])


def baris(laporan, kode):
    return next(b for kel in laporan["capaian"] for b in kel["baris"] if b["kode"] == kode)


def test_two_blocks_1a_specific_1b_sensitive_with_verified_figures_only(laporan):
    a, b = laporan["capaian"]
    assert (a["kode"], a["kelompok"], [r["kode"] for r in a["baris"]]) == (
        "1A", "spesifik", ["S1", "S2"])
    assert (b["kode"], b["kelompok"], [r["kode"] for r in b["baris"]]) == (
        "1B", "sensitif", ["K2", "K8"])
    s1 = baris(laporan, "S1")
    # 60 / 75 = 80,00 %; city target 80 → 100,0 % of target, "Sangat baik" (≥ 91).
    assert (s1["target"], s1["jenis_target"], s1["nilai"], s1["persen_capaian"],
            s1["predikat"], s1["tercapai"]) == (80.0, "kota", 80.0, 100.0, "Sangat baik", True)
    assert (s1["kendala"], s1["rencana_tindak_lanjut"]) == (
        "Data sasaran belum padan", "Pemadanan data bulanan")
    s2 = baris(laporan, "S2")
    # 81 / 100 against the national target 90 (no city target) → 90,0 %, "Baik" [76, 91).
    assert (s2["target"], s2["jenis_target"], s2["persen_capaian"], s2["predikat"],
            s2["tercapai"]) == (90.0, "nasional", 90.0, "Baik", False)
    # Dinsos's report was returned, not verified: counted, not shown.
    k2 = baris(laporan, "K2")
    assert (k2["nilai"], k2["pembilang"], k2["terverifikasi"], k2["target"]) == (
        None, None, False, 20.0)
    assert k2["menunggu_verifikasi"] and not baris(laporan, "S1")["menunggu_verifikasi"]
    assert (a["tertunda"], b["tertunda"]) == (0, 2)


def test_budget_per_opd_from_verified_reports(laporan):
    a = laporan["anggaran"]
    assert [o["opd"] for o in a["opd"]] == ["Dinkes"]  # Dinsos's 999 juta is not verified
    dinkes = a["opd"][0]
    assert (dinkes["pagu_rp"], dinkes["realisasi_rp"], dinkes["persen"]) == (
        150_000_000, 90_000_000, 60.0)
    assert [(p["kegiatan"], p["persen"], p["indikator"]) for p in dinkes["program"]] == [
        ("PMT KEK", 40.0, "S1, S2"), ("TTD remaja", 100.0, "")]
    assert (a["pagu_rp"], a["realisasi_rp"], a["jumlah_program"], a["persen"]) == (
        150_000_000, 90_000_000, 2, 60.0)


def test_prevalence_at_the_bulan_penimbangan_with_wilson_intervals(laporan):
    pr = laporan["prevalensi"]
    assert pr["bulan"] == "2025-02-01" and pr["bulan_lalu"] == "2024-02-01"
    assert "bukan survei" in pr["sumber"]
    stunting = next(k for k in pr["kota"] if k["kode"] == "stunting")
    # 2 stunted of 5 measured in February (the March child is not counted). Wilson, z=1,96:
    # centre (0,4 + z²/10)/(1 + z²/5) = 0,4435, half-width 0,3258 → 11,76 % to 76,93 %.
    assert (stunting["k"], stunting["n"], stunting["persen"]) == (2, 5, 40.0)
    assert stunting["bawah"] == pytest.approx(11.76, abs=0.01)
    assert stunting["atas"] == pytest.approx(76.93, abs=0.01)
    assert stunting["pita"] == "sangat tinggi"
    assert pr["diukur"] == 5
    # By kecamatan, highest stunting first, each with its desa.
    assert [k["nama"] for k in pr["kecamatan"]] == ["Bumiaji", "Batu"]
    batu = pr["kecamatan"][1]
    s = batu["indeks"][0]
    # 1 of 4: centre 0,3725, half-width 0,3269 → 4,56 % to 69,94 %.
    assert (s["kode"], s["k"], s["n"], s["persen"]) == ("stunting", 1, 4, 25.0)
    assert (s["bawah"], s["atas"]) == (pytest.approx(4.56, abs=0.01), pytest.approx(69.94, abs=0.01))
    assert [d["nama"] for d in batu["desa"]] == ["Sisir"]
    assert batu["desa"][0]["indeks"][0]["n"] == 4


def test_follow_ups_and_their_state(laporan, data):
    tl = laporan["tindak_lanjut"]
    # Open ones and those of this semester's achievements; the one finished in 2024 is not.
    assert [t["uraian"] for t in tl["daftar"]] == [
        "Rapat teknis Puskesmas", "Berita acara pemadanan", "Percepat distribusi TTD"]
    rapat, _bpkp, capaian = tl["daftar"]
    # Judged at the semester's end (after 30 June 2025), not today.
    assert rapat["terlambat"] and rapat["hari_terlambat"] == (date(2025, 7, 1) - date(2025, 4, 30)).days
    assert tl["per_tanggal"] == "2025-06-30"
    assert (capaian["status"], capaian["terlambat"], capaian["asal"]) == (
        "berjalan", False, "Capaian di bawah target")
    # Its progress is dated today, after the semester's end: not part of that state.
    assert capaian["progres_terakhir"] == ""
    assert tl["rekap"] == [{"opd": "Dinkes", "jumlah": 3, "belum_mulai": 2, "berjalan": 1,
                            "selesai": 0, "batal": 0, "terlambat": 2}]


def test_follow_ups_are_those_of_the_semester_in_their_state_at_its_end(data, dinkes):
    from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut
    from tpps.models import TindakLanjut

    # Arose in 2024, still open at the end of 2025S1 (a progress in May says so): listed.
    lama = make_tindak_lanjut(dinkes, make_keputusan(make_rapat(tanggal=date(2024, 11, 1))),
                              uraian="Terbawa dari 2024", tenggat=date(2024, 12, 1))
    make_progres(lama, tanggal=date(2025, 5, 10), status_baru="berjalan")
    # Arose in 2024, finished before the semester ended: not listed.
    beres = make_tindak_lanjut(dinkes, make_keputusan(make_rapat(tanggal=date(2024, 11, 1))),
                               uraian="Selesai Maret", tenggat=date(2024, 12, 1))
    make_progres(beres, tanggal=date(2025, 3, 1), status_baru="selesai", tautan="https://a.id/b")
    # Arose after the semester (a later meeting), open: not this semester's.
    make_tindak_lanjut(dinkes, make_keputusan(make_rapat(tanggal=date(2025, 9, 1))),
                       uraian="Rapat September", tenggat=date(2025, 10, 1))
    # Finished today: at the end of June it was still open (and overdue).
    make_progres(data["tl_rapat"], status_baru="selesai", tautan="https://a.id/c")
    TindakLanjut.objects.filter(pk__in=[beres.pk, data["tl_rapat"].pk]).update(status="selesai")
    TindakLanjut.objects.filter(pk=lama.pk).update(status="berjalan")

    daftar = {t["uraian"]: t for t in isi.susun(data["semester"])["tindak_lanjut"]["daftar"]}
    assert set(daftar) == {"Rapat teknis Puskesmas", "Berita acara pemadanan",
                           "Percepat distribusi TTD", "Terbawa dari 2024"}
    assert (daftar["Terbawa dari 2024"]["status"], daftar["Terbawa dari 2024"]["terlambat"]) == (
        "berjalan", True)
    assert (daftar["Rapat teknis Puskesmas"]["status"],
            daftar["Rapat teknis Puskesmas"]["terlambat"]) == ("belum_mulai", True)
    assert daftar["Rapat teknis Puskesmas"]["progres_terakhir"] == ""  # today's is after it


def test_while_the_semester_runs_follow_ups_are_judged_today_not_at_its_end(data, dinkes):
    """On 15 March 2025 (2025S1 runs until 30 June), a follow-up due on 20 March is not
    overdue yet, one due on 10 March is; the state is as of that day."""
    from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut

    rapat = make_keputusan(make_rapat(tanggal=date(2025, 2, 1)))
    make_tindak_lanjut(dinkes, rapat, uraian="Tenggat 20 Maret", tenggat=date(2025, 3, 20))
    lewat = make_tindak_lanjut(dinkes, rapat, uraian="Tenggat 10 Maret",
                               tenggat=date(2025, 3, 10))
    make_progres(lewat, tanggal=date(2025, 4, 2), status_baru="selesai", tautan="https://a.id/d")

    tl = isi.susun(data["semester"], pada=date(2025, 3, 15))["tindak_lanjut"]
    daftar = {t["uraian"]: t for t in tl["daftar"]}
    assert tl["per_tanggal"] == "2025-03-15"
    assert daftar["Tenggat 20 Maret"]["terlambat"] is False
    assert (daftar["Tenggat 10 Maret"]["status"], daftar["Tenggat 10 Maret"]["terlambat"],
            daftar["Tenggat 10 Maret"]["hari_terlambat"]) == ("belum_mulai", True, 5)
    # Once the semester is over, its end is the day of judgement, whatever today is.
    assert isi.susun(data["semester"], pada=date(2026, 1, 5))["tindak_lanjut"][
        "per_tanggal"] == "2025-06-30"


def test_bpkp_findings_of_the_latest_evaluation_up_to_the_semester_year(laporan):
    b = laporan["bpkp"]
    assert b["tahun"] == 2024  # the 2026 evaluation is after this semester
    assert [a["predikat"] for a in b["aspek"]] == [
        "Memadai", "Belum sepenuhnya memadai", "Belum memadai"]
    rek = b["temuan"][0]["rekomendasi"][0]
    assert (rek["nomor"], rek["opd"], rek["status"]) == ("1.1", "Dinkes", "terlambat")
    assert rek["tindak_lanjut"][0]["uraian"] == "Berita acara pemadanan"


def test_summary(laporan):
    r = laporan["ringkasan"]
    assert (r["opd_wajib"], r["opd_masuk"], r["opd_terverifikasi"]) == (3, 1, 1)
    assert (r["indikator"], r["indikator_terverifikasi"], r["indikator_tertunda"],
            r["indikator_dinilai"], r["indikator_tercapai"]) == (4, 2, 2, 2, 1)
    assert r["per_predikat"] == [{"predikat": "Sangat baik", "jumlah": 1},
                                 {"predikat": "Baik", "jumlah": 1}]
    assert (r["pagu_rp"], r["realisasi_rp"], r["persen_realisasi"]) == (
        150_000_000, 90_000_000, 60.0)
    assert (r["stunting_persen"], r["stunting_n"]) == (40.0, 5)
    assert (r["tindak_lanjut"], r["tindak_lanjut_terlambat"], r["rekomendasi_bpkp"]) == (3, 2, 1)


def test_content_is_plain_json(laporan):
    """What is signed is stored as JSON: the content survives the round trip unchanged."""
    assert json.loads(json.dumps(laporan)) == laporan


def test_empty_semester_still_builds(peran, dinkes):
    from tests.evaluasi.factories import make_semester

    laporan = isi.susun(make_semester("2024S2"))
    assert laporan["prevalensi"]["bulan"] == "2024-08-01"
    assert laporan["anggaran"]["opd"] == [] and laporan["bpkp"] is None
    assert laporan["ringkasan"]["stunting_persen"] is None
