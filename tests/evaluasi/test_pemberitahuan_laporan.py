"""Who hears of the semester workflow (opd.pemberitahuan.beri_tahu, inside the workflow's
transaction; e-mails leave once it commits): a return → the OPD's operators; a resubmission
after a return → Sekretariat TPPS; a lock → the holders of the sign-off permission."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from evaluasi import alur
from opd import roles
from opd.models import Pemberitahuan
from tests.evaluasi.factories import isian_capaian
from tests.factories import make_user

pytestmark = pytest.mark.django_db
Jenis = Pemberitahuan.Jenis


@pytest.fixture
def surel(operator_dinkes, operator_dinsos, sekretariat, pimpinan):
    """Everyone of the cast with an e-mail address."""
    for user in (operator_dinkes, operator_dinsos, sekretariat, pimpinan):
        user.email = f"{user.username}@batukota.go.id"
        user.save()


def test_a_return_tells_that_opds_operators_once_per_return(
    surel, diajukan, katalog, sekretariat, operator_dinkes, operator_dinsos, mailoutbox,
    django_capture_on_commit_callbacks
):
    laporan = diajukan["dinkes"]
    rekan = make_user("ayu", peran=roles.OPERATOR_OPD, opd=operator_dinkes.opd)
    make_user("lama", peran=roles.OPERATOR_OPD, opd=operator_dinkes.opd, is_active=False)
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    with django_capture_on_commit_callbacks(execute=True):
        alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Perbaiki S1.",
                                komentar_baris=[alur.KomentarUntukBaris("Penyebut salah",
                                                                        capaian=s1)])
    laporan.refresh_from_db()
    told = list(Pemberitahuan.objects.filter(jenis=Jenis.LAPORAN_DIKEMBALIKAN))
    assert {p.penerima for p in told} == {operator_dinkes, rekan}  # not Dinsos, not inactive
    p = told[0]
    assert p.kunci == f"laporan_dikembalikan:{laporan.pk}:{laporan.dikembalikan_pada.isoformat()}"
    assert p.judul == "Laporan Dinkes semester 2025S1 dikembalikan untuk diperbaiki"
    assert p.isi.startswith("Perbaiki S1.")
    assert "Capaian S1 Ibu hamil KEK mendapat tambahan asupan gizi: Penyebut salah" in p.isi
    assert p.tautan == reverse("evaluasi:laporan", args=["2025S1", laporan.opd_id])
    # E-mail to whoever has an address (Ayu has none): sent once the return committed.
    assert [m.to for m in mailoutbox] == [[operator_dinkes.email]]
    assert "dikembalikan untuk diperbaiki" in mailoutbox[0].subject
    assert "Perbaiki S1." in mailoutbox[0].body and p.tautan in mailoutbox[0].body

    # Corrected, submitted, returned again later: told again (another return, another key).
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                        capaian=[isian_capaian(katalog["S1"], 88, 100, versi=s1.versi)])
    alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    with time_machine.travel(timezone.now() + timedelta(days=2)), \
            django_capture_on_commit_callbacks(execute=True):
        alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Bukti S2.")
    assert Pemberitahuan.objects.filter(jenis=Jenis.LAPORAN_DIKEMBALIKAN,
                                        penerima=operator_dinkes).count() == 2
    assert len(mailoutbox) == 2 and "Bukti S2." in mailoutbox[1].body
    assert not Pemberitahuan.objects.filter(penerima=operator_dinsos).exists()


def test_a_refused_return_tells_nobody(surel, diajukan, katalog, sekretariat, mailoutbox,
                                       django_capture_on_commit_callbacks):
    k2 = diajukan["dinsos"].capaian.get(indikator=katalog["K2"])
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        alur.kembalikan_laporan(laporan=diajukan["dinkes"], oleh=sekretariat, komentar="x",
                                komentar_baris=[alur.KomentarUntukBaris("y", capaian=k2)])
    assert not Pemberitahuan.objects.exists() and mailoutbox == []


def test_a_resubmission_after_a_return_tells_the_sekretariat(
    surel, diajukan, katalog, sekretariat, sekretariat_kedua, operator_dinkes, mailoutbox,
    django_capture_on_commit_callbacks
):
    # The first submissions (the fixture) told nobody.
    assert not Pemberitahuan.objects.filter(jenis=Jenis.LAPORAN_DIAJUKAN_ULANG).exists()
    laporan = diajukan["dinkes"]
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Perbaiki S1.")
    s1 = laporan.capaian.get(indikator=katalog["S1"])
    alur.simpan_laporan(laporan=laporan, oleh=operator_dinkes,
                        capaian=[isian_capaian(katalog["S1"], 88, 100, versi=s1.versi)])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        alur.ajukan_laporan(laporan=laporan, oleh=operator_dinkes)
    laporan.refresh_from_db()
    told = Pemberitahuan.objects.filter(jenis=Jenis.LAPORAN_DIAJUKAN_ULANG)
    assert {p.penerima for p in told} == {sekretariat, sekretariat_kedua}
    p = told.first()
    assert p.kunci == f"laporan_diajukan_ulang:{laporan.pk}:{laporan.diajukan_pada.isoformat()}"
    assert p.judul == "Laporan Dinkes semester 2025S1 diajukan ulang"
    assert "Perbaiki S1." in p.isi and p.tautan == laporan.get_absolute_url()
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [sekretariat.email, sekretariat_kedua.email])


def test_a_resubmission_by_a_sekretariat_member_does_not_tell_themselves(
    diajukan, katalog, sekretariat, sekretariat_kedua
):
    laporan = diajukan["dinkes"]
    alur.kembalikan_laporan(laporan=laporan, oleh=sekretariat, komentar="Perbaiki S1.")
    alur.ajukan_laporan(laporan=laporan, oleh=sekretariat_kedua)
    told = Pemberitahuan.objects.filter(jenis=Jenis.LAPORAN_DIAJUKAN_ULANG)
    assert [p.penerima for p in told] == [sekretariat]


def test_a_lock_tells_whoever_signs_the_report_off(
    surel, semester, diajukan, sekretariat, sekretariat_kedua, pimpinan, mailoutbox,
    django_capture_on_commit_callbacks
):
    for laporan in diajukan.values():
        alur.verifikasi_laporan(laporan=laporan, oleh=sekretariat)
    with django_capture_on_commit_callbacks(execute=True):
        semester = alur.ubah_status_semester(semester=semester, oleh=sekretariat,
                                             status="dikunci", konfirmasi_kunci=True)
    p = Pemberitahuan.objects.get(jenis=Jenis.MENUNGGU_PENGESAHAN)
    assert p.penerima == pimpinan  # the holder of tpps.sahkan_laporan; not the Sekretariat
    assert p.kunci == f"menunggu_pengesahan:{semester.pk}:{semester.dikunci_pada.isoformat()}"
    assert p.judul == "Laporan semester 2025S1 menunggu pengesahan"
    assert p.tautan == reverse("laporan_semester:laporan", args=["2025S1"])
    assert "dikunci oleh Sari" in p.isi
    assert "1 dari 3 OPD wajib lapor tidak mempunyai laporan terverifikasi" in p.isi
    assert [m.to for m in mailoutbox] == [[pimpinan.email]]

    # Opened again for a correction and locked again: told again.
    alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="ditutup",
                              alasan="Koreksi K8")
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        alur.ubah_status_semester(semester=semester, oleh=sekretariat, status="dikunci",
                                  konfirmasi_kunci=True)
    assert Pemberitahuan.objects.filter(jenis=Jenis.MENUNGGU_PENGESAHAN).count() == 2


def test_the_lock_page_tells_the_pimpinan(client_as, surel, semester, sekretariat, pimpinan,
                                          mailoutbox, django_capture_on_commit_callbacks):
    c = client_as(sekretariat)
    sidik = c.get(reverse("evaluasi:semester-kunci", args=[semester.kode])).context[
        "kurang"].sidik
    with django_capture_on_commit_callbacks(execute=True):
        c.post(reverse("evaluasi:semester-kunci", args=[semester.kode]),
               {"mengerti": "1", "sidik": sidik})
    assert Pemberitahuan.objects.get().penerima == pimpinan
    assert len(mailoutbox) == 1
