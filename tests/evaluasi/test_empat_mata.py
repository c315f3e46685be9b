"""Four eyes: whoever entered or changed a report's figures cannot verify it (the page says
why, the workflow refuses); ``EMPAT_MATA`` off lets a small team verify its own entries."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluasi import alur
from evaluasi.models import LaporanSemester
from tests.evaluasi.factories import isi_dan_ajukan, isian_capaian

pytestmark = pytest.mark.django_db

ALASAN = "tidak dapat memverifikasinya sendiri (prinsip empat mata)"


def url(laporan, akhiran=""):
    return reverse("evaluasi:laporan", args=[laporan.semester.kode, laporan.opd_id]) + akhiran


def dikoreksi_sekretariat(laporan, katalog, sekretariat, operator):
    """Returned; Sari corrects S1 for the OPD; the operator submits again."""
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="S1 salah ketik")
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat,
                        capaian=[isian_capaian(katalog["S1"], 86, 100, versi=s1.versi)])
    alur.ajukan_laporan(laporan=laporan, oleh=operator)
    laporan.refresh_from_db()
    return laporan


def test_who_changed_a_figure_cannot_verify_and_another_member_can(
    semester, diajukan, katalog, sekretariat, sekretariat_kedua, operator_dinkes
):
    laporan = dikoreksi_sekretariat(diajukan["dinkes"], katalog, sekretariat, operator_dinkes)
    with pytest.raises(ValidationError, match=re.escape(ALASAN)):
        alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)
    assert LaporanSemester.objects.get(pk=laporan.pk).status == "diajukan"
    alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat_kedua)
    assert LaporanSemester.objects.get(pk=laporan.pk).diverifikasi_oleh == sekretariat_kedua


def test_an_edit_in_the_history_counts_though_someone_else_saved_last(
    semester, diajukan, katalog, sekretariat, operator_dinkes
):
    laporan = dikoreksi_sekretariat(diajukan["dinkes"], katalog, sekretariat, operator_dinkes)
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="S1 lagi")
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                        capaian=[isian_capaian(katalog["S1"], 87, 100, versi=s1.versi)])
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    s1.refresh_from_db()
    assert s1.diubah_oleh == operator_dinkes  # the operator saved last …
    with pytest.raises(ValidationError, match=re.escape(ALASAN)):  # … Sari's edit is in the history
        alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)


def test_deleting_a_programme_counts_as_changing_the_figures(semester, diajukan, katalog,
                                                             sekretariat, operator_dinkes):
    laporan = diajukan["dinkes"]
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Program ganda")
    program = laporan.program.get()
    alur.simpan_laporan(laporan=laporan, oleh=sekretariat, program=[
        alur.IsianProgram(pk=program.pk, versi=program.versi, nilai={}, hapus=True)])
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    assert not laporan.program.exists()
    with pytest.raises(ValidationError, match=re.escape(ALASAN)):
        alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)


def test_the_page_explains_why_the_button_is_not_offered(client_as, semester, diajukan,
                                                         katalog, sekretariat,
                                                         sekretariat_kedua, operator_dinkes):
    laporan = dikoreksi_sekretariat(diajukan["dinkes"], katalog, sekretariat, operator_dinkes)
    c = client_as(sekretariat)
    teks = c.get(url(laporan)).content.decode()
    kartu = teks[teks.index('id="verifikasi"'):]
    assert 'id="empat-mata"' in kartu and ALASAN in kartu
    assert url(laporan, "verifikasi/") not in teks  # no verify button …
    assert "Kembalikan dengan komentar" in kartu  # … returning still is
    resp = c.post(url(laporan, "verifikasi/"), follow=True)  # a forged click
    assert any(ALASAN in str(m) for m in resp.context["messages"])
    assert LaporanSemester.objects.get(pk=laporan.pk).status == "diajukan"
    # The queue marks it too.
    antrean = c.get("/evaluasi/antrean/").content.decode()
    assert "Anda ikut mengisi angkanya" in antrean
    # Rina sees the button.
    teks = client_as(sekretariat_kedua).get(url(laporan)).content.decode()
    assert url(laporan, "verifikasi/") in teks and 'id="empat-mata"' not in teks
    assert "Anda ikut mengisi angkanya" not in client_as(sekretariat_kedua).get(
        "/evaluasi/antrean/").content.decode()


def test_a_small_team_turns_the_rule_off(client_as, settings, semester, dinsos, katalog,
                                         sekretariat):
    settings.EMPAT_MATA = False
    laporan = isi_dan_ajukan(semester, dinsos, sekretariat, katalog)  # entered by Sari
    teks = client_as(sekretariat).get(url(laporan)).content.decode()
    assert url(laporan, "verifikasi/") in teks and 'id="empat-mata"' not in teks
    alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)
    assert LaporanSemester.objects.get(pk=laporan.pk).status == "diverifikasi"


def test_the_rule_is_on_by_default():
    from django.conf import settings

    assert settings.EMPAT_MATA is True
