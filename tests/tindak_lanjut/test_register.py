"""The follow-up register: everyone reads it all; Sekretariat TPPS manages; lists and filters."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_opd
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import TindakLanjut

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()


@pytest.fixture
def register(dinkes, dinsos, bappelitbangda):
    keputusan = make_keputusan(make_rapat(tanggal=HARI_INI - timedelta(days=90)))
    return {
        "terlambat": make_tindak_lanjut(dinkes, keputusan, uraian="Terlambat lama",
                                        tenggat=HARI_INI - timedelta(days=20)),
        "terlambat_baru": make_tindak_lanjut(dinsos, keputusan, uraian="Terlambat baru",
                                             status="berjalan",
                                             tenggat=HARI_INI - timedelta(days=1)),
        "hari_ini": make_tindak_lanjut(dinsos, keputusan, uraian="Jatuh tempo hari ini",
                                       tenggat=HARI_INI, pendukung=[dinkes]),
        "nanti": make_tindak_lanjut(bappelitbangda, keputusan, uraian="Masih lama",
                                    tenggat=HARI_INI + timedelta(days=30)),
        "selesai": make_tindak_lanjut(dinkes, keputusan, uraian="Sudah selesai",
                                      status="selesai", tenggat=HARI_INI - timedelta(days=30)),
        "batal": make_tindak_lanjut(dinsos, keputusan, uraian="Dibatalkan", status="batal",
                                    tenggat=HARI_INI - timedelta(days=30)),
    }


# --- Overdue is derived ------------------------------------------------------------------


def test_overdue_is_open_and_past_due_on_the_day_it_is_read_for(register):
    annotated = {t.uraian: t.terlambat for t in TindakLanjut.objects.dengan_keadaan_pada()}
    assert annotated == {
        "Terlambat lama": True, "Terlambat baru": True, "Jatuh tempo hari ini": False,
        "Masih lama": False, "Sudah selesai": False, "Dibatalkan": False,
    }
    besok = HARI_INI + timedelta(days=1)
    assert {t.uraian for t in TindakLanjut.objects.terlambat(besok)} == {
        "Terlambat lama", "Terlambat baru", "Jatuh tempo hari ini"}
    # A day judged once over: due on it and still open at its end is overdue, one day more.
    berakhir = TindakLanjut.objects.dengan_keadaan_pada(HARI_INI, hari_berakhir=True)
    assert {t.uraian: t.hari_terlambat for t in berakhir if t.terlambat} == {
        "Terlambat lama": 21, "Terlambat baru": 2, "Jatuh tempo hari ini": 1}
    assert TindakLanjut.objects.dengan_keadaan_pada().get(
        pk=register["terlambat"].pk).hari_terlambat == 20
    # Never stored: there is no such column.
    assert "terlambat" not in {f.name for f in TindakLanjut._meta.get_fields()}


def test_a_follow_up_must_have_an_origin(dinkes):
    with pytest.raises(IntegrityError):
        TindakLanjut.objects.create(uraian="Tanpa asal", opd_penanggung_jawab=dinkes,
                                    tenggat=HARI_INI)


# --- The list ------------------------------------------------------------------------------


def uraian(resp):
    return [t.uraian for t in resp.context["halaman"]]


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "operator_dinsos", "pimpinan", "petugas"])
def test_everyone_sees_the_whole_register_overdue_first(request, client_as, pengguna, register):
    resp = client_as(request.getfixturevalue(pengguna)).get(reverse("tindak_lanjut:daftar"))
    assert resp.status_code == 200
    assert uraian(resp) == ["Terlambat lama", "Terlambat baru", "Sudah selesai", "Dibatalkan",
                            "Jatuh tempo hari ini", "Masih lama"]
    assert resp.content.decode().count("text-bg-danger") == 2


def test_filters_by_agency_state_origin_and_text(client_as, pimpinan, register, dinkes):
    c = client_as(pimpinan)

    def saring(**q):
        return uraian(c.get(reverse("tindak_lanjut:daftar"), q))

    assert saring(opd=dinkes.pk) == ["Terlambat lama", "Sudah selesai"]
    assert saring(opd=dinkes.pk, termasuk_pendukung="on") == [
        "Terlambat lama", "Sudah selesai", "Jatuh tempo hari ini"]
    assert saring(status="terlambat") == ["Terlambat lama", "Terlambat baru"]
    assert saring(status="terbuka") == ["Terlambat lama", "Terlambat baru",
                                        "Jatuh tempo hari ini", "Masih lama"]
    assert saring(status="selesai") == ["Sudah selesai"]
    assert saring(q="lama") == ["Terlambat lama", "Masih lama"]
    keputusan = register["nanti"].keputusan
    assert len(saring(keputusan=keputusan.pk)) == 6
    assert len(saring(rapat=keputusan.rapat_id)) == 6
    assert saring(rapat=keputusan.rapat_id + 100) == []
    assert len(saring(asal="keputusan")) == 6
    # A wrong value is ignored, never an error page.
    assert len(saring(status="tidak-ada", opd="abc")) == 6


def test_list_query_count_does_not_grow(client_as, petugas, register, dinkes, dinsos,
                                        django_assert_num_queries):
    c = client_as(petugas)
    c.get(reverse("tindak_lanjut:daftar"))
    for n in range(10):
        make_tindak_lanjut(make_opd(f"OPD{n}"), uraian=f"Tambahan {n}", pendukung=[dinkes, dinsos])
    # session, user, perms (2), agencies for the filter, count, page rows, supporting agencies
    with django_assert_num_queries(8):
        c.get(reverse("tindak_lanjut:daftar"))


def test_list_pages_by_fifty(client_as, petugas, dinkes):
    keputusan = make_keputusan(make_rapat())
    TindakLanjut.objects.bulk_create(
        TindakLanjut(keputusan=keputusan, opd_penanggung_jawab=dinkes, uraian=f"TL {n}",
                     tenggat=HARI_INI + timedelta(days=n)) for n in range(55))
    c = client_as(petugas)
    assert len(uraian(c.get(reverse("tindak_lanjut:daftar")))) == 50
    resp = c.get(reverse("tindak_lanjut:daftar"), {"halaman": 2, "opd": dinkes.pk})
    assert uraian(resp) == [f"TL {n}" for n in range(50, 55)]
    assert f"opd={dinkes.pk}&amp;halaman=1" in resp.content.decode()


def test_summary_per_agency_counts_each_state_and_overdue(client_as, pimpinan, register,
                                                          django_assert_num_queries):
    c = client_as(pimpinan)
    resp = c.get(reverse("tindak_lanjut:rekap"))
    rekap = {b["opd_penanggung_jawab__singkatan"]: b for b in resp.context["rekap"]}
    assert [b["opd_penanggung_jawab__singkatan"] for b in resp.context["rekap"]][-1] == (
        "Bappelitbangda")
    assert {k: rekap["Dinsos"][k] for k in
            ("jumlah", "belum_mulai", "berjalan", "selesai", "batal", "terlambat")} == {
        "jumlah": 3, "belum_mulai": 1, "berjalan": 1, "selesai": 0, "batal": 1, "terlambat": 1}
    assert rekap["Dinkes"]["terlambat"] == 1 and rekap["Dinkes"]["selesai"] == 1
    assert rekap["Bappelitbangda"]["terlambat"] == 0
    # session, user, the user's permissions (2, for the navigation), the summary
    with django_assert_num_queries(5):
        c.get(reverse("tindak_lanjut:rekap"))


def test_summary_per_agency_adds_up_each_follow_ups_state(register, dinkes, dinsos):
    """``rekap_per_opd`` counts by agency, state and overdue in SQL and adds the groups up:
    the same figures as counting each follow-up's ``dengan_keadaan_pada``, most overdue
    first, then in the agencies' order."""
    from tests.rapat.factories import make_progres

    make_progres(register["nanti"], tanggal=HARI_INI, status_baru="berjalan")
    for pada in (HARI_INI, HARI_INI - timedelta(days=25), HARI_INI + timedelta(days=40)):
        harapan = {}
        for t in TindakLanjut.objects.dengan_keadaan_pada(pada).select_related(
                "opd_penanggung_jawab"):
            o = t.opd_penanggung_jawab
            b = harapan.setdefault(o.pk, {
                "opd_penanggung_jawab": o.pk, "opd_penanggung_jawab__singkatan": o.singkatan,
                "opd_penanggung_jawab__nama": o.nama, "opd_penanggung_jawab__urutan": o.urutan,
                "jumlah": 0, **dict.fromkeys(TindakLanjut.Status.values, 0), "terlambat": 0})
            b["jumlah"] += 1
            b[t.status_pada] += 1
            b["terlambat"] += t.terlambat
        urut = sorted(harapan.values(), key=lambda b: (
            -b["terlambat"], b["opd_penanggung_jawab__urutan"],
            b["opd_penanggung_jawab__singkatan"]))
        assert TindakLanjut.objects.rekap_per_opd(pada) == urut, pada


def test_detail_shows_origin_owner_and_lateness(client_as, petugas, register):
    tl = register["terlambat"]
    teks = client_as(petugas).get(tl.get_absolute_url()).content.decode()
    assert "Terlambat 20 hari" in teks
    assert tl.keputusan.get_absolute_url() in teks
    assert "Dinas Kesehatan" in teks
    assert "Catat progres" not in teks
