"""Return comments on single rows (an indicator's achievement, a programme): written by the
Sekretariat when returning, read by the operator at that row of the grid, marked answered
when the report is submitted again and kept on record."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluasi import alur
from evaluasi.models import KomentarBaris, LaporanSemester
from tests.evaluasi.factories import isian_capaian

pytestmark = pytest.mark.django_db


def url(laporan, akhiran=""):
    return reverse("evaluasi:laporan", args=[laporan.semester.kode, laporan.opd_id]) + akhiran


def potong(teks: str, awal: str, akhir: str) -> str:
    """The part of a page from ``awal`` up to the next ``akhir``."""
    teks = teks[teks.index(awal):]
    return teks[:teks.index(akhir)]


def test_row_comments_reach_the_operator_at_their_rows(client_as, sekretariat, operator_dinkes,
                                                      diajukan, katalog):
    laporan = diajukan["dinkes"]
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    s2 = laporan.capaian.get(indikator=katalog["S2"])
    program = laporan.program.get()
    sari = client_as(sekretariat)
    halaman = sari.get(url(laporan)).content.decode()
    # The verifier gets a comment field at every row, tied to the return form.
    assert f'form="form-kembalikan" name="komentar-c{s1.pk}"' in halaman
    assert f'form="form-kembalikan" name="komentar-p{program.pk}"' in halaman
    sari.post(url(laporan, "kembalikan/"), {
        "komentar": "Perbaiki dua baris yang diberi komentar.",
        f"komentar-c{s1.pk}": "Penyebut S1 harus jumlah ibu hamil KEK, bukan semua ibu hamil.",
        f"komentar-c{s2.pk}": "  ",  # blank: no comment
        f"komentar-p{program.pk}": "Realisasi belum sesuai SP2D.",
    })
    laporan.refresh_from_db()
    assert laporan.status == "dikembalikan"
    assert KomentarBaris.objects.count() == 2

    teks = client_as(operator_dinkes).get(url(laporan)).content.decode()
    assert "Perbaiki dua baris yang diberi komentar." in potong(
        teks, 'id="komentar-pengembalian"', "</div>\n</div>")
    baris_s1 = potong(teks, 'id="indikator-S1"', "</tbody>")
    assert "Penyebut S1 harus jumlah ibu hamil KEK" in baris_s1
    assert f'name="c{katalog["S1"].pk}-pembilang"' in baris_s1  # the row is editable again
    assert "komentar-baris" not in potong(teks, 'id="indikator-S2"', "</tbody>")
    assert "Realisasi belum sesuai SP2D." in potong(teks, 'id="program-0"', "</fieldset>")
    assert 'form="form-kembalikan"' not in teks  # no comment fields for the operator


def test_resubmitting_marks_the_comments_answered_and_keeps_every_round(
    client_as, sekretariat, operator_dinkes, diajukan, katalog
):
    laporan = diajukan["dinkes"]
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Perbaiki S1",
                            komentar_baris=[alur.KomentarUntukBaris("Penyebut salah",
                                                                    capaian=s1)])
    k = KomentarBaris.objects.get()
    assert (k.is_terbuka, k.dibuat_oleh, k.baris) == (
        True, sekretariat, "Capaian S1 Ibu hamil KEK mendapat tambahan asupan gizi")
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                        capaian=[isian_capaian(katalog["S1"], 90, 110, versi=s1.versi)])
    assert not [h for h in alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
                if h.is_galat]
    k.refresh_from_db()
    assert not k.is_terbuka and k.komentar == "Penyebut salah"  # answered, kept
    # The verifier sees at the row what they asked, marked as answered.
    teks = client_as(sekretariat).get(url(laporan)).content.decode()
    baris_s1 = potong(teks, 'id="indikator-S1"', "</tbody>")
    assert "Penyebut salah" in baris_s1 and "diajukan ulang" in baris_s1

    # A second return: new comments; the earlier round stays in the history only.
    laporan.refresh_from_db()
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Masih kurang",
                            komentar_baris=[alur.KomentarUntukBaris("Lampirkan bukti",
                                                                    capaian=s1)])
    teks = client_as(operator_dinkes).get(url(laporan)).content.decode()
    baris_s1 = potong(teks, 'id="indikator-S1"', "</tbody>")
    assert "Lampirkan bukti" in baris_s1 and "Penyebut salah" not in baris_s1
    riwayat = potong(teks, 'id="riwayat-komentar-baris"', "</details>")
    assert "Penyebut salah" in riwayat and "Lampirkan bukti" in riwayat
    assert KomentarBaris.objects.count() == 2
    assert KomentarBaris.history.filter(history_type="~").count() == 1  # answered, recorded


def test_a_row_of_another_report_cannot_be_commented(sekretariat, diajukan, katalog):
    dinkes, dinsos = diajukan["dinkes"], diajukan["dinsos"]
    k2 = dinsos.capaian.get(indikator=katalog["K2"])
    with pytest.raises(ValidationError, match="bukan bagian dari laporan Dinkes"):
        alur.kembalikan_laporan(laporan=dinkes, oleh=sekretariat, komentar="x",
                                komentar_baris=[alur.KomentarUntukBaris("y", capaian=k2)])
    dinkes.refresh_from_db()
    assert dinkes.status == "diajukan" and not KomentarBaris.objects.exists()


def test_a_forged_field_for_another_reports_row_is_not_read(client_as, sekretariat, diajukan,
                                                           katalog):
    dinkes, dinsos = diajukan["dinkes"], diajukan["dinsos"]
    k2 = dinsos.capaian.get(indikator=katalog["K2"])
    resp = client_as(sekretariat).post(url(dinkes, "kembalikan/"), {
        "komentar": "Perbaiki.", f"komentar-c{k2.pk}": "Disusupkan", "komentar-cabc": "x"},
        follow=True)
    assert resp.status_code == 200
    dinkes.refresh_from_db()
    assert dinkes.status == "dikembalikan" and not KomentarBaris.objects.exists()


def test_a_comment_outlives_the_programme_it_was_about(sekretariat, operator_dinkes, diajukan):
    laporan = diajukan["dinkes"]
    program = laporan.program.get()
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Hapus program ganda",
                            komentar_baris=[alur.KomentarUntukBaris("Ganda", program=program)])
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes, program=[alur.IsianProgram(
        pk=program.pk, versi=program.versi, nilai={}, hapus=True)])
    k = KomentarBaris.objects.get()
    assert k.program is None and k.baris.startswith("Program \u201cProgram Pemenuhan")
    assert LaporanSemester.objects.get(pk=laporan.pk).komentar_baris.get() == k


def test_a_comment_points_at_exactly_one_row(diajukan, katalog):
    laporan = diajukan["dinkes"]
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    k = KomentarBaris(laporan=laporan, capaian=s1, program=laporan.program.get(), baris="x",
                      komentar="y", dikembalikan_pada=laporan.diajukan_pada)
    with pytest.raises(ValidationError, match="tepat satu"):
        k.full_clean()
    k.program = None
    k.full_clean()
