"""Replaced versions of uploaded files are removed after RETENSI_BERKAS_DIGANTI_HARI (30)
days by the daily ``manage.py bersihkan_data_pribadi``: the evidence an OPD uploads again on
the entry page, a follow-up's evidence or a decree changed or cleared in the admin. Never a
file a record holds now, a deleted record's file, or a signed report's PDF."""

import io
from datetime import timedelta

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from evaluasi.models import Capaian
from tests.evaluasi.test_berkas_bukti import PDF, unggah
from tests.factories import make_sk
from tests.rapat.factories import make_progres, make_tindak_lanjut
from tpps.models import PengesahanLaporan
from tpps.models.pengesahan import FOLDER_PDF
from tpps.retensi import model_berkas_berriwayat

pytestmark = pytest.mark.django_db


def nanti(hari: int):
    return time_machine.travel(timezone.now() + timedelta(days=hari), tick=False)


def bersihkan() -> str:
    keluar = io.StringIO()
    call_command("bersihkan_data_pribadi", stdout=keluar)
    return keluar.getvalue()


def pdf(nama):
    return ContentFile(PDF, name=nama)


def test_evidence_uploaded_again_leaves_the_old_file_until_the_purge(
        client_as, operator_dinkes, semester, dinkes, katalog):
    c = client_as(operator_dinkes)
    assert unggah(c, semester, dinkes, katalog,
                  SimpleUploadedFile("Bukti lama.pdf", PDF)).status_code == 302
    lama = Capaian.objects.get().berkas.name
    assert unggah(c, semester, dinkes, katalog,
                  SimpleUploadedFile("Bukti baru.pdf", PDF)).status_code == 302
    baru = Capaian.objects.get().berkas.name
    assert lama != baru and default_storage.exists(lama)  # kept, served to nobody
    assert c.get(f"/berkas/{lama}").status_code == 404

    with nanti(29):
        assert lama not in bersihkan() and default_storage.exists(lama)
    with nanti(31):
        teks = bersihkan()
        assert f"Berkas lama {lama} (capaian indikator, diganti " in teks
        assert "0 impor e-PPGBM, 1 berkas lama, 0 balita dianonimkan" in teks
        assert lama not in bersihkan()  # gone: not listed again
    assert not default_storage.exists(lama) and default_storage.exists(baru)
    resp = client_as(operator_dinkes).get(f"/berkas/{baru}")
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == PDF


def test_files_replaced_or_cleared_in_the_admin_go_current_and_signed_ones_stay(
        semester, dinkes, sekretariat, settings):
    sk = make_sk(berkas=pdf("sk-lama.pdf"))
    sk_lama = sk.berkas.name
    sk.berkas = pdf("sk-baru.pdf")  # as the admin's change form saves it
    sk.save()
    tetap = make_sk(nomor="188.45/1/KEP/2024", berkas=pdf("sk-tetap.pdf"))
    # A name another record still holds is never removed, even when one record let it go.
    bersama = make_sk(nomor="188.45/2/KEP/2024", berkas=pdf("sk-bersama.pdf"))
    make_sk(nomor="188.45/3/KEP/2024", berkas=bersama.berkas.name)
    nama_bersama = bersama.berkas.name
    bersama.berkas = ""
    bersama.save()
    progres = make_progres(make_tindak_lanjut(dinkes), berkas=pdf("foto.pdf"))
    progres_lama = progres.berkas.name
    progres.berkas = ""  # the admin's "clear" box
    progres.save()
    dihapus = make_progres(make_tindak_lanjut(dinkes), berkas=pdf("dihapus.pdf"))
    nama_dihapus = dihapus.berkas.name
    dihapus.delete()  # a deleted record's file is no replacement
    ditandatangani = PengesahanLaporan.objects.create(
        semester=semester, isi={"semester": semester.kode}, disahkan_oleh=sekretariat,
        nama_pengesah="Budi Santoso", disahkan_pada=timezone.now(),
        berkas=default_storage.save(f"{FOLDER_PDF}/laporan-2025S1.pdf", pdf("x.pdf")))

    with nanti(400):
        teks = bersihkan()
    assert not default_storage.exists(sk_lama) and not default_storage.exists(progres_lama)
    assert "(SK keanggotaan, diganti" in teks and "(progres tindak lanjut, diganti" in teks
    for nama in (sk.berkas.name, tetap.berkas.name, nama_bersama, nama_dihapus,
                 ditandatangani.berkas.name):
        assert default_storage.exists(nama), nama
        assert nama not in teks


def test_the_grace_period_follows_the_setting(semester, settings):
    settings.RETENSI_BERKAS_DIGANTI_HARI = 2
    sk = make_sk(berkas=pdf("sk-lama.pdf"))
    lama = sk.berkas.name
    sk.berkas = pdf("sk-baru.pdf")
    sk.save()
    with nanti(1):
        bersihkan()
    assert default_storage.exists(lama)
    with nanti(3):
        bersihkan()
    assert not default_storage.exists(lama)


def test_every_model_with_a_file_and_a_history_is_covered():
    nama = {m._meta.label for m in model_berkas_berriwayat()}
    assert nama == {"evaluasi.Capaian", "evaluasi.EvaluasiBPKP", "tpps.ProgresTindakLanjut",
                    "opd.SK"}
