"""One rule for a follow-up's state on a date (``TindakLanjutQuerySet.dengan_keadaan_pada``):
the register's overdue marks and filter, the dashboard's overdue count and the semester
report's overdue list agree on the same day, judged today and judged on an earlier day
travelled to (when a follow-up done since was still open)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tests.evaluasi.factories import make_semester
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import ProgresTindakLanjut, TindakLanjut
from tpps.tindak_lanjut import alur

pytestmark = pytest.mark.django_db


def progres(tl, oleh, tanggal, status):
    alur.catat_progres(tindak_lanjut=tl, oleh=oleh, progres=ProgresTindakLanjut(
        tanggal=tanggal, catatan=f"Progres {tanggal}", status_baru=status,
        tautan="https://batukota.go.id/bukti" if status == "selesai" else ""))


@pytest.fixture
def tindak_lanjut(hari_uji, sekretariat, dinkes, dinsos):
    """On 20 November 2026 (semester 2026S2 runs), follow-ups of a July meeting, their
    progress recorded as users record it (the stored state follows it)."""
    make_semester("2026S2")
    asal = make_keputusan(make_rapat(tanggal=date(2026, 7, 10)))
    tl = {
        "terbuka_lewat": make_tindak_lanjut(dinkes, asal, uraian="Terbuka, lewat tenggat",
                                            tenggat=date(2026, 10, 1)),
        "berjalan_nanti": make_tindak_lanjut(dinsos, asal, uraian="Berjalan, tenggat nanti",
                                             tenggat=date(2026, 12, 15)),
        "tenggat_hari_ini": make_tindak_lanjut(dinsos, asal, uraian="Tenggat hari ini",
                                               tenggat=date(2026, 11, 20)),
        "selesai_dulu": make_tindak_lanjut(dinkes, asal, uraian="Selesai sebelum tenggat",
                                           tenggat=date(2026, 10, 10)),
        "selesai_kemudian": make_tindak_lanjut(dinsos, asal, uraian="Selesai 2 November",
                                               tenggat=date(2026, 10, 15)),
        "batal": make_tindak_lanjut(dinkes, asal, uraian="Dibatalkan", tenggat=date(2026, 9, 15)),
    }
    progres(tl["berjalan_nanti"], sekretariat, date(2026, 8, 1), "berjalan")
    progres(tl["selesai_dulu"], sekretariat, date(2026, 10, 5), "selesai")
    progres(tl["selesai_kemudian"], sekretariat, date(2026, 10, 1), "berjalan")
    progres(tl["selesai_kemudian"], sekretariat, date(2026, 11, 2), "selesai")
    progres(tl["batal"], sekretariat, date(2026, 9, 1), "batal")
    return tl


def terlambat_menurut_halaman(c) -> dict[str, set[str]]:
    """What each page calls overdue today."""
    daftar = c.get(reverse("tindak_lanjut:daftar"))
    disaring = c.get(reverse("tindak_lanjut:daftar"), {"status": "terlambat"})
    dasbor = c.get("/dasbor/").context["smt"]
    laporan = c.get(reverse("laporan_semester:laporan", args=["2026S2"])).context["data"]
    tl_laporan = laporan["tindak_lanjut"]
    assert laporan["ringkasan"]["tindak_lanjut_terlambat"] == sum(
        t["terlambat"] for t in tl_laporan["daftar"])
    assert dasbor["jumlah_terlambat"] == sum(r["terlambat"] for r in dasbor["terlambat"])
    assert daftar.content.decode().count('class="table-danger"') == sum(
        t.terlambat for t in daftar.context["halaman"])
    assert len(tl_laporan["daftar"]) == 6  # every one of them is the semester's
    return {
        "tanda di register": {t.uraian for t in daftar.context["halaman"] if t.terlambat},
        "saringan register": {t.uraian for t in disaring.context["halaman"]},
        "jumlah di dasbor": dasbor["jumlah_terlambat"],
        "laporan semester": {t["uraian"] for t in tl_laporan["daftar"] if t["terlambat"]},
        "rekap laporan": sum(r["terlambat"] for r in tl_laporan["rekap"]),
    }


def sepakat(hasil: dict, harapan: set[str]) -> None:
    assert hasil == {"tanda di register": harapan, "saringan register": harapan,
                     "jumlah di dasbor": len(harapan), "laporan semester": harapan,
                     "rekap laporan": len(harapan)}


def test_register_dashboard_and_semester_report_agree_today(client_as, pimpinan,
                                                            tindak_lanjut):
    # Due today is not overdue yet; done or cancelled is not overdue whatever its due date.
    sepakat(terlambat_menurut_halaman(client_as(pimpinan)), {"Terbuka, lewat tenggat"})
    keadaan = {t.uraian: t.status_pada for t in TindakLanjut.objects.dengan_keadaan_pada()}
    assert keadaan == {t.uraian: t.status for t in TindakLanjut.objects.all()}


def test_they_agree_on_an_earlier_day_when_a_follow_up_done_since_was_still_open(
        client_as, pimpinan, tindak_lanjut):
    with time_machine.travel(date(2026, 10, 20), tick=False):
        hasil = terlambat_menurut_halaman(client_as(pimpinan))
    # Done on 2 November: on 20 October it was in progress and past its due date (15 Oct).
    sepakat(hasil, {"Terbuka, lewat tenggat", "Selesai 2 November"})
    keadaan = TindakLanjut.objects.dengan_keadaan_pada(date(2026, 10, 20)).get(
        pk=tindak_lanjut["selesai_kemudian"].pk)
    assert (keadaan.status_pada, keadaan.terlambat, keadaan.hari_terlambat) == (
        "berjalan", True, 5)


def test_a_day_judged_once_over_counts_a_follow_up_due_on_it(tindak_lanjut):
    """The semester report's rule for a finished semester, through the same method."""
    hari = date(2026, 11, 20)
    sedang = TindakLanjut.objects.dengan_keadaan_pada(hari)
    berakhir = TindakLanjut.objects.dengan_keadaan_pada(hari, hari_berakhir=True)
    assert not sedang.get(pk=tindak_lanjut["tenggat_hari_ini"].pk).terlambat
    t = berakhir.get(pk=tindak_lanjut["tenggat_hari_ini"].pk)
    assert (t.terlambat, t.hari_terlambat) == (True, 1)
