"""The daily job ``manage.py kirim_pengingat``: entry-window reminders to the OPD that have
not submitted, follow-ups due in 7 days or overdue to their responsible OPD, the weekly
digest to the Sekretariat; each reminder once, a missed day caught up."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from evaluasi.models import LaporanSemester
from opd import roles
from opd.models import Pemberitahuan
from tests.evaluasi.factories import make_laporan, make_semester
from tests.factories import make_user
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import TindakLanjut

pytestmark = pytest.mark.django_db

Jenis = Pemberitahuan.Jenis
BATAS = date(2026, 1, 31)


def jalankan(pada: date) -> str:
    out = StringIO()
    call_command("kirim_pengingat", "--pada", pada.isoformat(), stdout=out)
    return out.getvalue()


@pytest.fixture
def operator(peran, dinkes, dinsos):
    """An operator with an address for Dinkes and for Dinsos."""
    return {
        "dinkes": make_user("okta", peran=roles.OPERATOR_OPD, opd=dinkes,
                            email="okta@dinkes.batukota.go.id"),
        "dinsos": make_user("dani", peran=roles.OPERATOR_OPD, opd=dinsos,
                            email="dani@dinsos.batukota.go.id"),
    }


@pytest.fixture
def semester(db):
    return make_semester("2025S2", pengisian_dibuka=date(2026, 1, 2), batas_pengisian=BATAS)


def _judul(user):
    return list(Pemberitahuan.objects.filter(penerima=user).order_by("pk")
                .values_list("judul", flat=True))


def test_the_window_reminds_only_the_opd_that_have_not_submitted(
        operator, semester, dinsos, mailoutbox):
    make_laporan(semester, dinsos, status=LaporanSemester.Status.DIAJUKAN)
    keluaran = jalankan(date(2026, 1, 5))
    assert _judul(operator["dinkes"]) == [
        "Pengisian laporan semester 2025S2 dibuka sampai 31 Januari 2026"]
    assert _judul(operator["dinsos"]) == []
    assert [m.to for m in mailoutbox] == [["okta@dinkes.batukota.go.id"]]
    assert "/evaluasi/semester/2025S2/opd/" in mailoutbox[0].body
    assert "Masa pengisian laporan semester: 1 pemberitahuan baru" in keluaran
    assert "1 surel terkirim" in keluaran


def test_seven_days_and_one_day_before_and_a_second_run_sends_nothing(
        operator, semester, mailoutbox):
    jalankan(date(2026, 1, 5))
    jalankan(date(2026, 1, 24))  # 7 days before
    jalankan(date(2026, 1, 24))  # the same day again
    jalankan(date(2026, 1, 26))  # still in the 7-day window: told already
    jalankan(date(2026, 1, 30))  # 1 day before
    keluaran = jalankan(date(2026, 1, 31))  # the due date: that window is told already
    assert _judul(operator["dinkes"]) == [
        "Pengisian laporan semester 2025S2 dibuka sampai 31 Januari 2026",
        "Pengisian laporan semester 2025S2 ditutup 7 hari lagi (31 Januari 2026)",
        "Batas pengisian laporan semester 2025S2 besok (31 Januari 2026)",
    ]
    assert len(mailoutbox) == 6  # 3 reasons × 2 operators
    assert "0 pemberitahuan baru, 0 surel terkirim" in keluaran
    assert jalankan(date(2026, 2, 1)).startswith("Pengingat 01-02-2026: 0 pemberitahuan baru")


def test_a_missed_day_is_caught_up_once(operator, semester):
    jalankan(date(2026, 1, 27))  # the job did not run on the 24th–26th
    assert _judul(operator["dinkes"]) == [
        "Pengisian laporan semester 2025S2 ditutup 4 hari lagi (31 Januari 2026)"]
    jalankan(date(2026, 1, 28))
    assert len(_judul(operator["dinkes"])) == 1


def test_a_returned_report_is_reminded_and_a_closed_semester_is_not(operator, semester, dinkes,
                                                                     dinsos):
    make_laporan(semester, dinkes, status=LaporanSemester.Status.DIKEMBALIKAN)
    make_laporan(semester, dinsos, status=LaporanSemester.Status.DIVERIFIKASI)
    jalankan(date(2026, 1, 10))
    assert len(_judul(operator["dinkes"])) == 1 and _judul(operator["dinsos"]) == []
    semester.status = semester.Status.DITUTUP
    semester.save()
    jalankan(date(2026, 1, 30))
    assert len(_judul(operator["dinkes"])) == 1


def test_follow_ups_due_in_seven_days_then_overdue_reach_the_responsible_opd(
        operator, dinkes, dinsos, mailoutbox):
    keputusan = make_keputusan(make_rapat(tanggal=date(2025, 12, 1)))
    tl = make_tindak_lanjut(dinkes, keputusan, tenggat=date(2026, 2, 10),
                            uraian="Memutakhirkan data balita stunting per desa")
    make_tindak_lanjut(dinsos, keputusan, tenggat=date(2026, 2, 10), status="selesai")
    make_tindak_lanjut(dinsos, keputusan, tenggat=date(2026, 3, 30))
    jalankan(date(2026, 2, 2))  # 8 days before: nothing yet
    assert _judul(operator["dinkes"]) == []
    jalankan(date(2026, 2, 3))
    jalankan(date(2026, 2, 10))  # due today: not overdue yet
    jalankan(date(2026, 2, 11))
    jalankan(date(2026, 2, 12))
    assert _judul(operator["dinkes"]) == [
        "Tindak lanjut Dinkes jatuh tempo 10 Februari 2026",
        "Tindak lanjut Dinkes lewat tenggat (10 Februari 2026)",
    ]
    assert _judul(operator["dinsos"]) == []  # done, or not due yet
    p = Pemberitahuan.objects.filter(penerima=operator["dinkes"]).first()
    assert p.tautan == tl.get_absolute_url()
    assert "Memutakhirkan data balita stunting per desa" in mailoutbox[0].body
    # A moved due date is a new reason.
    TindakLanjut.objects.filter(pk=tl.pk).update(tenggat=date(2026, 2, 20))
    jalankan(date(2026, 2, 14))
    assert _judul(operator["dinkes"])[-1] == "Tindak lanjut Dinkes jatuh tempo 20 Februari 2026"


def test_the_weekly_digest_goes_once_a_week_to_the_sekretariat(sekretariat, operator, dinkes):
    keputusan = make_keputusan(make_rapat(tanggal=date(2025, 12, 1)))
    make_tindak_lanjut(dinkes, keputusan, tenggat=date(2026, 1, 31))
    make_tindak_lanjut(dinkes, keputusan, tenggat=date(2026, 2, 6))
    senin = date(2026, 2, 2)
    for hari in range(7):
        jalankan(senin + timedelta(days=hari))
    jalankan(senin + timedelta(days=7))
    ringkasan = Pemberitahuan.objects.filter(penerima=sekretariat,
                                             jenis=Jenis.RINGKASAN_TINDAK_LANJUT)
    assert ringkasan.count() == 2
    pertama = ringkasan.order_by("pk").first()
    assert pertama.judul == ("Ringkasan tindak lanjut minggu ini: 1 lewat tenggat, 1 jatuh "
                             "tempo dalam 7 hari")
    assert pertama.isi == "- Dinkes: 1 lewat tenggat, 1 jatuh tempo 7 hari, 2 terbuka"
    assert not Pemberitahuan.objects.filter(penerima=operator["dinkes"],
                                            jenis=Jenis.RINGKASAN_TINDAK_LANJUT).exists()


def test_a_wrong_date_is_refused_in_indonesian():
    with pytest.raises(CommandError, match="bukan tanggal; tulis seperti 2026-12-07"):
        call_command("kirim_pengingat", "--pada", "31-01-2026")


def test_the_bell_is_recounted(operator, semester):
    jalankan(date(2026, 1, 5))
    okta = operator["dinkes"]
    okta.refresh_from_db()
    assert okta.jumlah_belum_dibaca == 1
    Pemberitahuan.objects.update(dibaca_pada=timezone.now())
    jalankan(date(2026, 1, 6))
    okta.refresh_from_db()
    assert okta.jumlah_belum_dibaca == 0


def test_the_sekretariat_reminds_by_whatsapp_from_the_follow_up(client_as, sekretariat,
                                                                operator, dinkes):
    from urllib.parse import parse_qs, urlsplit

    operator["dinkes"].telepon = "0812 3456 7890"
    operator["dinkes"].save()
    keputusan = make_keputusan(make_rapat(tanggal=date(2025, 12, 1)))
    tl = make_tindak_lanjut(dinkes, keputusan, tenggat=date(2026, 2, 10),
                            uraian="Memutakhirkan data balita stunting per desa")
    [kontak] = client_as(sekretariat).get(tl.get_absolute_url()).context["kontak_wa"]
    link = urlsplit(kontak["tautan"])
    assert (kontak["nama"], link.netloc, link.path) == ("Okta", "wa.me", "/6281234567890")
    teks = parse_qs(link.query)["text"][0]
    assert "Memutakhirkan data balita stunting per desa" in teks
    assert "tenggat 10 Februari 2026" in teks and tl.get_absolute_url() in teks
    # The operator reads the page without sending links; a closed follow-up has none.
    assert client_as(operator["dinkes"]).get(tl.get_absolute_url()).context["kontak_wa"] is None
    TindakLanjut.objects.filter(pk=tl.pk).update(status=TindakLanjut.Status.SELESAI)
    assert client_as(sekretariat).get(tl.get_absolute_url()).context["kontak_wa"] is None
