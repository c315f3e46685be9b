"""The attendance record: per agency, over a period."""

from datetime import date

import pytest
from django.urls import reverse

from tests.rapat.factories import make_rapat
from tpps.models import KehadiranRapat

pytestmark = pytest.mark.django_db


def catat(rapat, opd, status, nama=""):
    KehadiranRapat.objects.filter(rapat=rapat, opd=opd).update(status=status, nama_hadir=nama)


@pytest.fixture
def rapat_rapat(dinkes, dinsos):
    r1 = make_rapat(judul="Januari", tanggal=date(2026, 1, 15), undang=[dinkes, dinsos])
    r2 = make_rapat(judul="Maret", tanggal=date(2026, 3, 15), undang=[dinkes, dinsos])
    r3 = make_rapat(judul="Juni", tanggal=date(2026, 6, 15), undang=[dinkes])
    catat(r1, dinkes, "hadir", "Kadis")
    catat(r1, dinsos, "tidak_hadir")
    catat(r2, dinkes, "diwakilkan", "Sekdin")
    catat(r2, dinsos, "diwakilkan", "Kabid")
    return r1, r2, r3


def baris(resp):
    return {b["opd__singkatan"]: b for b in resp.context["rekap"]}


def test_counts_per_agency_over_all_meetings(client_as, pimpinan, rapat_rapat):
    rekap = baris(client_as(pimpinan).get(reverse("rapat:rekap-kehadiran")))
    dinkes = rekap["Dinkes"]
    assert (dinkes["diundang"], dinkes["hadir"], dinkes["diwakilkan"], dinkes["tidak_hadir"],
            dinkes["belum_dicatat"]) == (3, 1, 1, 0, 1)
    assert dinkes["persen_hadir"] == 100.0  # 2 of the 2 recorded
    dinsos = rekap["Dinsos"]
    assert (dinsos["diundang"], dinsos["hadir"], dinsos["diwakilkan"], dinsos["tidak_hadir"]) == (
        2, 0, 1, 1)
    assert dinsos["persen_hadir"] == 50.0


def test_period_limits_the_meetings_counted(client_as, pimpinan, rapat_rapat, dinkes):
    resp = client_as(pimpinan).get(reverse("rapat:rekap-kehadiran"),
                                   {"dari": "2026-02-01", "sampai": "2026-06-30", "opd": dinkes.pk})
    rekap = baris(resp)
    assert rekap["Dinkes"]["diundang"] == 2 and rekap["Dinkes"]["hadir"] == 0
    assert rekap["Dinkes"]["persen_hadir"] == 100.0
    assert [k.rapat.judul for k in resp.context["rincian"]] == ["Juni", "Maret"]
    kosong = baris(client_as(pimpinan).get(reverse("rapat:rekap-kehadiran"),
                                           {"dari": "2026-07-01"}))
    assert kosong == {}


def test_a_reversed_period_is_refused_with_a_message(client_as, pimpinan, rapat_rapat):
    resp = client_as(pimpinan).get(reverse("rapat:rekap-kehadiran"),
                                   {"dari": "2026-06-30", "sampai": "2026-01-01"})
    assert "tidak boleh sebelum tanggal awal" in resp.content.decode()
    assert baris(resp)["Dinkes"]["diundang"] == 3  # the whole record, not a guess


def test_query_count_does_not_grow_with_agencies_or_meetings(client_as, petugas, rapat_rapat,
                                                             django_assert_num_queries):
    from tests.factories import make_opd

    c = client_as(petugas)
    c.get(reverse("rapat:rekap-kehadiran"))
    lain = [make_opd(f"OPD{n}") for n in range(6)]
    for n in range(4):
        make_rapat(judul=f"Tambahan {n}", undang=lain)
    # session, user, the user's permissions (2, for the navigation), the rows (one grouped
    # query)
    with django_assert_num_queries(5):
        c.get(reverse("rapat:rekap-kehadiran"))
