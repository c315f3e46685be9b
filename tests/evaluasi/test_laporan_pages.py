"""The entry page of one OPD's semester report: fill, save, submit — and who may."""

from decimal import Decimal

import pytest
from django.urls import reverse

from evaluasi import alur
from evaluasi.models import Capaian, LaporanSemester, ProgramKegiatan
from tests.evaluasi.factories import (
    data_halaman,
    make_capaian,
    make_laporan,
    make_program,
)
from tests.jawaban import tidak_ditemukan

pytestmark = pytest.mark.django_db


def url(semester, opd, akhiran=""):
    return reverse("evaluasi:laporan", args=[semester.kode, opd.pk]) + akhiran


def test_operator_sees_a_grid_of_their_own_indicators(client_as, operator_dinkes, semester,
                                                      dinkes, katalog):
    resp = client_as(operator_dinkes).get(url(semester, dinkes))
    assert resp.status_code == 200
    teks = resp.content.decode()
    kode = [b.indikator.kode for b in resp.context["isian"].baris]
    assert kode == ["S1", "S2"]
    assert f'name="c{katalog["S1"].pk}-pembilang"' in teks
    assert "Simpan draf" in teks and "Simpan dan ajukan" in teks
    assert "K2" not in kode


def test_saving_a_draft_accepts_indonesian_numbers(client_as, operator_dinkes, semester,
                                                   dinkes, katalog):
    c = client_as(operator_dinkes)
    data = data_halaman(c.get(url(semester, dinkes)))
    s1 = katalog["S1"].pk
    data.update({
        f"c{s1}-pembilang": "1.250", f"c{s1}-penyebut": "1.500",
        f"c{s1}-sumber_data": "Laporan Puskesmas",
        "program-0-program": "Program Pemenuhan Upaya Kesehatan",
        "program-0-kegiatan": "Pemberian Makanan Tambahan",
        "program-0-indikator": [str(s1)], "program-0-sumber_dana": "dak",
        "program-0-pagu_rp": "Rp 1.250.000.000", "program-0-realisasi_rp": "437.500.000",
        "program-0-keluaran": "Ibu hamil KEK mendapat PMT", "program-0-satuan_keluaran": "orang",
        "program-0-target_keluaran": "120", "program-0-realisasi_keluaran": "62,5",
        "aksi": "simpan",
    })
    resp = c.post(url(semester, dinkes), data, follow=True)
    assert "Draf disimpan (2 baris berubah)" in resp.content.decode()
    capaian = Capaian.objects.get(indikator=katalog["S1"])
    assert (capaian.pembilang, capaian.penyebut, capaian.nilai) == (1250, 1500, Decimal("83.33"))
    program = ProgramKegiatan.objects.get()
    assert (program.pagu_rp, program.realisasi_rp) == (1_250_000_000, 437_500_000)
    assert program.realisasi_keluaran == Decimal("62.5") and program.sumber_dana == "dak"
    assert list(program.indikator.all()) == [katalog["S1"]]
    assert LaporanSemester.objects.get().status == "draf"
    # Shown back the Indonesian way.
    teks = c.get(url(semester, dinkes)).content.decode()
    assert 'value="1.250"' in teks and 'value="1.250.000.000"' in teks and 'value="62,5"' in teks
    assert "83,33 %" in teks


@pytest.mark.parametrize(
    "medan, isi, pesan",
    [
        ("pembilang", "12,5", "bukan bilangan bulat yang sah"),
        ("penyebut", "seratus", "bukan bilangan bulat yang sah"),
        ("pembilang", "-5", "tidak boleh negatif"),
        ("tautan_bukti", "bukan tautan", "URL yang valid"),
    ],
)
def test_bad_figures_are_refused_with_a_message_and_nothing_is_saved(
    client_as, operator_dinkes, semester, dinkes, katalog, medan, isi, pesan
):
    c = client_as(operator_dinkes)
    data = data_halaman(c.get(url(semester, dinkes)))
    s1 = katalog["S1"].pk
    data.update({f"c{s1}-pembilang": "10", f"c{s1}-penyebut": "20", f"c{s1}-{medan}": isi,
                 "aksi": "simpan"})
    resp = c.post(url(semester, dinkes), data)
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert pesan in teks and "Tidak ada yang disimpan" in teks
    assert not Capaian.objects.exists() and not LaporanSemester.objects.exists()


def test_a_programme_row_without_a_name_is_refused(client_as, operator_dinkes, semester,
                                                   dinkes, katalog):
    c = client_as(operator_dinkes)
    data = data_halaman(c.get(url(semester, dinkes)))
    data.update({"program-0-pagu_rp": "1.000.000", "aksi": "simpan"})
    resp = c.post(url(semester, dinkes), data)
    assert "Nama program wajib diisi" in resp.content.decode()
    assert not ProgramKegiatan.objects.exists()


def test_submitting_with_errors_shows_them_by_severity_and_keeps_the_draft(
    client_as, operator_dinkes, semester, dinkes, katalog
):
    c = client_as(operator_dinkes)
    data = data_halaman(c.get(url(semester, dinkes)))
    s1 = katalog["S1"].pk
    data.update({f"c{s1}-pembilang": "1.600", f"c{s1}-penyebut": "1.500", "aksi": "ajukan"})
    resp = c.post(url(semester, dinkes), data, follow=True)
    teks = resp.content.decode()
    assert resp.redirect_chain[-1][0].endswith("?periksa=1")
    assert "belum dapat diajukan: 2 hal harus diperbaiki" in teks
    assert "Pembilang (1.600) melebihi penyebut (1.500)" in teks
    assert "Belum diisi" in teks  # S2
    assert "Belum ada program/kegiatan" in teks  # a warning
    laporan = LaporanSemester.objects.get()
    assert laporan.status == "draf" and Capaian.objects.get().pembilang == 1600


def isi_lengkap(c, semester, dinkes, katalog, aksi="ajukan", **tambahan):
    data = data_halaman(c.get(url(semester, dinkes)))
    s1, s2 = katalog["S1"].pk, katalog["S2"].pk
    data.update({f"c{s1}-pembilang": "85", f"c{s1}-penyebut": "100",
                 f"c{s2}-pembilang": "95", f"c{s2}-penyebut": "100",
                 f"c{s1}-tautan_bukti": "https://data.batukota.go.id/s1", "aksi": aksi,
                 **tambahan})
    return c.post(url(semester, dinkes), data, follow=True)


def test_submitting_a_clean_report_locks_it_for_the_operator(client_as, operator_dinkes,
                                                            semester, dinkes, katalog):
    c = client_as(operator_dinkes)
    resp = isi_lengkap(c, semester, dinkes, katalog)
    assert "Laporan diajukan ke Sekretariat TPPS" in resp.content.decode()
    laporan = LaporanSemester.objects.get()
    assert laporan.status == "diajukan" and laporan.diajukan_oleh == operator_dinkes
    halaman = c.get(url(semester, dinkes))
    assert halaman.context["isian"].formset is None  # read-only
    assert "menunggu verifikasi" in halaman.content.decode()
    data = {f"c{katalog['S1'].pk}-pembilang": "99", f"c{katalog['S1'].pk}-versi": "1",
            "program-TOTAL_FORMS": "0", "program-INITIAL_FORMS": "0", "aksi": "simpan"}
    resp = c.post(url(semester, dinkes), data, follow=True)
    assert "menunggu verifikasi" in resp.content.decode()
    assert Capaian.objects.get(indikator=katalog["S1"]).pembilang == 85


def test_operator_cannot_see_or_change_another_opds_draft(client_as, operator_dinkes, semester,
                                                          dinsos, katalog):
    laporan = make_laporan(semester, dinsos)
    make_capaian(laporan, katalog["K8"], pembilang=100)
    c = client_as(operator_dinkes)
    # Another OPD's draft is answered as a missing one: nobody learns which drafts exist.
    for akhiran in ("", "unduh/", "riwayat/"):
        assert tidak_ditemukan(c.get(url(semester, dinsos, akhiran)))
    assert tidak_ditemukan(c.get(reverse("evaluasi:capaian-detail",
                                         args=[laporan.capaian.get().pk])))
    data = {f"c{katalog['K8'].pk}-pembilang": "5", f"c{katalog['K8'].pk}-versi": "1",
            "program-TOTAL_FORMS": "0", "program-INITIAL_FORMS": "0", "aksi": "simpan"}
    assert tidak_ditemukan(c.post(url(semester, dinsos), data))
    assert tidak_ditemukan(c.post(url(semester, dinsos, "unggah/")))
    # Verifying and sending back are refused by role (an Operator OPD does neither).
    assert c.post(url(semester, dinsos, "verifikasi/")).status_code == 403
    assert c.post(url(semester, dinsos, "kembalikan/"), {"komentar": "x"}).status_code == 403
    assert laporan.capaian.get().pembilang == 100


def test_operator_reads_another_opds_verified_report(client_as, operator_dinkes, semester,
                                                     dinsos, katalog):
    laporan = make_laporan(semester, dinsos, status="diverifikasi")
    make_capaian(laporan, katalog["K8"], pembilang=1_250)
    resp = client_as(operator_dinkes).get(url(semester, dinsos))
    assert resp.status_code == 200 and resp.context["isian"].formset is None
    assert "1.250" in resp.content.decode()


def test_forged_rows_in_the_own_form_cannot_touch_another_opds_figures(
    client_as, operator_dinkes, semester, dinkes, dinsos, katalog
):
    lain = make_laporan(semester, dinsos)
    k2 = make_capaian(lain, katalog["K2"], pembilang=10, penyebut=100)
    program_lain = make_program(lain, program="Bantuan Sosial Pangan")
    c = client_as(operator_dinkes)
    data = data_halaman(c.get(url(semester, dinkes)))
    data.update({
        f"c{katalog['K2'].pk}-pembilang": "99", f"c{katalog['K2'].pk}-penyebut": "100",
        f"c{katalog['K2'].pk}-versi": "1",
        "program-0-id": str(program_lain.pk), "program-0-versi": "1",
        "program-0-program": "Dibajak", "aksi": "simpan",
    })
    resp = c.post(url(semester, dinkes), data)
    assert resp.status_code == 409
    assert "sudah dihapus orang lain" in resp.content.decode()
    k2.refresh_from_db()
    program_lain.refresh_from_db()
    assert k2.pembilang == 10 and program_lain.program == "Bantuan Sosial Pangan"
    assert not Capaian.objects.filter(laporan__opd=dinkes).exists()


@pytest.mark.parametrize("pengguna, draf, terverifikasi", [
    ("pimpinan", 404, 200), ("petugas", 403, 403), ("operator_dinsos", 404, 200),
    ("sekretariat", 200, 200),
])
def test_who_reads_which_report(request, client_as, semester, dinkes, katalog, pengguna, draf,
                                terverifikasi):
    laporan = make_laporan(semester, dinkes)
    c = client_as(request.getfixturevalue(pengguna))
    assert c.get(url(semester, dinkes)).status_code == draf
    laporan.status = "diverifikasi"
    laporan.save()
    assert c.get(url(semester, dinkes)).status_code == terverifikasi
    if pengguna != "sekretariat":
        assert c.post(url(semester, dinkes), {"aksi": "simpan"}).status_code == 403


def test_petugas_has_no_business_with_semester_data(client_as, petugas, semester, katalog):
    c = client_as(petugas)
    for halaman in ("/evaluasi/", f"/evaluasi/semester/{semester.kode}/",
                    f"/evaluasi/semester/{semester.kode}/skor/", "/evaluasi/indikator/",
                    "/evaluasi/bpkp/", "/evaluasi/antrean/"):
        assert c.get(halaman).status_code == 403, halaman


def test_sekretariat_enters_figures_for_any_opd(client_as, sekretariat, semester, dinkes,
                                                 katalog):
    c = client_as(sekretariat)
    resp = isi_lengkap(c, semester, dinkes, katalog, aksi="simpan")
    assert "Draf disimpan" in resp.content.decode()
    assert Capaian.objects.get(indikator=katalog["S1"]).diubah_oleh == sekretariat


def test_the_second_of_two_simultaneous_saves_is_refused_with_an_explanation(
    client_as, client, operator_dinkes, sekretariat, semester, dinkes, katalog
):
    from django.test import Client

    laporan = make_laporan(semester, dinkes)
    make_capaian(laporan, katalog["S1"], pembilang=70, penyebut=100)
    okta, sari = Client(), Client()
    okta.force_login(operator_dinkes)
    sari.force_login(sekretariat)
    s1 = katalog["S1"].pk
    data_okta = data_halaman(okta.get(url(semester, dinkes)))
    data_sari = data_halaman(sari.get(url(semester, dinkes)))
    data_sari.update({f"c{s1}-pembilang": "75", "aksi": "simpan"})
    assert sari.post(url(semester, dinkes), data_sari).status_code == 302
    data_okta.update({f"c{s1}-pembilang": "80", "aksi": "simpan"})
    resp = okta.post(url(semester, dinkes), data_okta)
    assert resp.status_code == 409
    teks = resp.content.decode()
    assert "Capaian S1 telah diubah oleh Sari" in teks and "muat ulang halaman" in teks
    assert 'value="80"' in teks  # the operator's input is still on the page
    assert Capaian.objects.get().pembilang == 75


def test_verify_and_return_through_the_pages(client_as, operator_dinkes, sekretariat, semester,
                                             dinkes, katalog, django_user_model):
    from django.test import Client

    okta, sari = Client(), Client()
    okta.force_login(operator_dinkes)
    sari.force_login(sekretariat)
    isi_lengkap(okta, semester, dinkes, katalog)
    halaman = sari.get(url(semester, dinkes)).content.decode()
    assert "Verifikasi Sekretariat TPPS" in halaman and "Peringatan saat diajukan" in halaman
    resp = sari.post(url(semester, dinkes, "kembalikan/"), {"komentar": ""}, follow=True)
    assert "Tulis komentar" in resp.content.decode()
    sari.post(url(semester, dinkes, "kembalikan/"), {"komentar": "S2: lampirkan bukti TTD."})
    teks = okta.get(url(semester, dinkes)).content.decode()
    assert "S2: lampirkan bukti TTD." in teks and "Dikembalikan oleh Sekretariat TPPS" in teks
    assert okta.post(url(semester, dinkes, "verifikasi/")).status_code == 403
    isi_lengkap(okta, semester, dinkes, katalog,
                **{f"c{katalog['S2'].pk}-tautan_bukti": "https://data.batukota.go.id/s2"})
    assert LaporanSemester.objects.get().status == "diajukan"
    resp = sari.post(url(semester, dinkes, "verifikasi/"), follow=True)
    assert "angkanya kini terkunci" in resp.content.decode()
    laporan = LaporanSemester.objects.get()
    assert laporan.status == "diverifikasi"
    assert okta.get(url(semester, dinkes)).context["isian"].formset is None


def test_the_history_page_lists_every_figure_change(client_as, operator_dinkes, sekretariat,
                                                    semester, dinkes, katalog):
    laporan = make_laporan(semester, dinkes)
    isian = alur.IsianCapaian(indikator=katalog["S1"], versi=0, nilai={
        "pembilang": 70, "penyebut": 100, "sumber_data": "", "kendala": "",
        "rencana_tindak_lanjut": "", "penjelasan_perubahan": "", "tautan_bukti": ""})
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes, capaian=[isian])
    isian.versi, isian.nilai = 1, {**isian.nilai, "pembilang": 1_250, "penyebut": 1_500}
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat, capaian=[isian])
    resp = client_as(operator_dinkes).get(url(semester, dinkes, "riwayat/"))
    baris = [(str(p.oleh), p.objek, p.medan, p.lama, p.baru)
             for p in resp.context["perubahan"]]
    assert ("Sari", "S1", "pembilang", "70", "1.250") in baris
    assert ("Sari", "S1", "nilai", "70", "83,33") in baris
    assert ("Okta", "S1", "pembilang", "–", "70") in baris
    capaian = Capaian.objects.get()
    teks = client_as(operator_dinkes).get(capaian.get_absolute_url()).content.decode()
    assert "1.250" in teks and "Riwayat perubahan" in teks


def test_warnings_of_a_submission_are_shown_to_the_opd(client_as, operator_dinkes, sekretariat,
                                                       semester, dinkes, katalog):
    """A report that passes with warnings: the operator reads them in the message after
    submitting and on the report page, marked as warnings (errors block, these do not)."""
    c = client_as(operator_dinkes)
    resp = isi_lengkap(c, semester, dinkes, katalog)  # S2 without evidence, no programme
    teks = resp.content.decode()
    assert LaporanSemester.objects.get().status == "diajukan"
    assert "Laporan diterima dengan 2 peringatan" in teks
    kartu = teks[teks.index('id="peringatan-pengajuan"'):]
    kartu = kartu[:kartu.index("</div></div>")]
    assert "S2</strong>: Belum ada berkas atau tautan bukti." in kartu
    assert "Program</strong>: Belum ada program/kegiatan yang dilaporkan." in kartu
    assert kartu.count("text-bg-warning") == 2 and "text-bg-danger" not in kartu
    # Still there on a later visit; the verifier reads them in their own card instead.
    assert 'id="peringatan-pengajuan"' in c.get(url(semester, dinkes)).content.decode()
    halaman = client_as(sekretariat).get(url(semester, dinkes)).content.decode()
    assert 'id="peringatan-pengajuan"' not in halaman and 'id="verifikasi"' in halaman


def test_a_submission_without_warnings_shows_no_warning_card(client_as, operator_dinkes,
                                                             semester, dinkes, katalog):
    c = client_as(operator_dinkes)
    resp = isi_lengkap(c, semester, dinkes, katalog, **{
        f"c{katalog['S2'].pk}-tautan_bukti": "https://data.batukota.go.id/s2",
        "program-0-program": "PMT Lokal", "program-0-indikator": [str(katalog["S1"].pk)],
        "program-0-pagu_rp": "1.000.000", "program-0-sumber_dana": "apbd"})
    teks = resp.content.decode()
    assert LaporanSemester.objects.get().status == "diajukan"
    assert 'id="peringatan-pengajuan"' not in teks and "Laporan diterima dengan" not in teks
