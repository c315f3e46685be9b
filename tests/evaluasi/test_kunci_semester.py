"""Locking a semester: the page that lists the OPDs (wajib lapor) without a verified report
— not reported, returned, waiting — with counts, and the explicit confirmation without which
the workflow refuses to lock."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from evaluasi import alur
from evaluasi.models import Semester, kekurangan_kunci
from tests.evaluasi.factories import make_laporan
from tests.factories import make_opd

pytestmark = pytest.mark.django_db


def halaman(semester):
    return reverse("evaluasi:semester-kunci", args=[semester.kode])


@pytest.fixture
def keadaan(semester, dinkes, dinsos, bappelitbangda):
    """Dinkes verified, Dinsos returned, Bappelitbangda nothing, Dindik a draft, TP-PKK (not
    wajib lapor) nothing."""
    make_laporan(semester, dinkes, status="diverifikasi")
    make_laporan(semester, dinsos, status="dikembalikan")
    make_laporan(semester, make_opd("Dindik"), status="draf")
    make_opd("TP-PKK", wajib_lapor=False)
    return semester


def test_the_page_lists_what_a_lock_leaves_behind_with_counts(client_as, sekretariat, keadaan):
    resp = client_as(sekretariat).get(halaman(keadaan))
    assert resp.status_code == 200
    kurang = resp.context["kurang"]
    assert (kurang.wajib, kurang.jumlah) == (4, 3)
    assert [o.singkatan for o in kurang.belum] == ["Bappelitbangda", "Dindik"]
    assert [o.singkatan for o in kurang.dikembalikan] == ["Dinsos"]
    assert kurang.menunggu == []
    teks = resp.content.decode()
    assert "3 dari 4 OPD wajib lapor tanpa laporan terverifikasi" in teks
    assert "Belum melapor (2)" in teks and "Dikembalikan, belum diajukan ulang (1)" in teks
    assert "Menunggu verifikasi (0)" in teks
    assert "angkanya final" in teks  # says what locking does
    assert ("Saya mengerti: semester 2025S1 dikunci dengan 3 OPD wajib lapor tanpa laporan "
            "terverifikasi") in teks
    assert "TP-PKK" not in teks
    detail = client_as(sekretariat).get(keadaan.get_absolute_url()).content.decode()
    assert f'href="{halaman(keadaan)}"' in detail  # reached from the semester page
    assert '<option value="dikunci"' not in detail  # not from the status form any more


def test_locking_needs_the_tick_and_then_tells_the_pimpinan(client_as, sekretariat, pimpinan,
                                                           keadaan):
    from opd.models import Pemberitahuan

    c = client_as(sekretariat)
    sidik = c.get(halaman(keadaan)).context["kurang"].sidik
    resp = c.post(halaman(keadaan), {"sidik": sidik})
    assert resp.status_code == 400
    assert "Centang pernyataan \u201cSaya mengerti\u201d untuk mengunci semester" in (
        resp.content.decode())
    assert Semester.objects.get().status == "dibuka"
    resp = c.post(halaman(keadaan), {"mengerti": "1", "sidik": sidik}, follow=True)
    assert resp.redirect_chain[-1][0] == keadaan.get_absolute_url()
    assert "Semester 2025S1 dikunci; angkanya final." in resp.content.decode()
    semester = Semester.objects.get()
    assert semester.is_dikunci and semester.dikunci_pada is not None
    assert Pemberitahuan.objects.get().penerima == pimpinan
    # A locked semester's page says so and offers nothing more.
    teks = c.get(halaman(keadaan)).content.decode()
    assert 'id="sudah-dikunci"' in teks and 'id="form-kunci"' not in teks


def test_a_list_that_changed_since_the_page_was_shown_is_refused(client_as, sekretariat,
                                                                 keadaan, dinsos):
    c = client_as(sekretariat)
    sidik = c.get(halaman(keadaan)).context["kurang"].sidik
    dinsos.laporan_semester.update(status="diverifikasi")  # verified meanwhile
    resp = c.post(halaman(keadaan), {"mengerti": "1", "sidik": sidik})
    assert resp.status_code == 400
    assert "Keadaan laporan berubah sejak halaman konfirmasi dibuka" in resp.content.decode()
    assert "2 dari 4 OPD wajib lapor" in resp.content.decode()  # the list as it is now
    assert Semester.objects.get().status == "dibuka"


@pytest.mark.parametrize("data", [{"mengerti": "1"}, {"mengerti": "ya", "sidik": "x" * 100},
                                  {"sidik": "abc", "mengerti": ""}])
def test_forged_confirmations_are_refused_with_a_message(client_as, sekretariat, keadaan, data):
    resp = client_as(sekretariat).post(halaman(keadaan), data)
    assert resp.status_code == 400 and "emester belum dikunci" in resp.content.decode()
    assert Semester.objects.get().status == "dibuka"


def test_a_waiting_report_blocks_the_lock(client_as, sekretariat, keadaan):
    make_laporan(keadaan, make_opd("Disperkim"), status="diajukan")
    c = client_as(sekretariat)
    resp = c.get(halaman(keadaan))
    teks = resp.content.decode()
    assert "Menunggu verifikasi (1)" in teks and "Disperkim" in teks
    assert 'type="submit" disabled' in teks
    resp = c.post(halaman(keadaan), {"mengerti": "1", "sidik": resp.context["kurang"].sidik})
    assert "1 laporan masih menunggu verifikasi" in resp.content.decode()
    assert Semester.objects.get().status == "dibuka"


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan"])
def test_only_who_may_lock_sees_the_page(request, client_as, keadaan, pengguna):
    c = client_as(request.getfixturevalue(pengguna))
    assert c.get(halaman(keadaan)).status_code == 403
    assert c.post(halaman(keadaan), {"mengerti": "1", "sidik": "x"}).status_code == 403
    assert Semester.objects.get().status == "dibuka"


def test_the_workflow_refuses_to_lock_without_the_confirmation(keadaan, sekretariat):
    with pytest.raises(ValidationError, match="hanya sesudah konfirmasi"):
        alur.ubah_status_semester(semester=keadaan, oleh=sekretariat, status="dikunci")
    with pytest.raises(ValidationError, match="Keadaan laporan berubah"):
        alur.ubah_status_semester(semester=keadaan, oleh=sekretariat, status="dikunci",
                                  konfirmasi_kunci=True, sidik="lama")
    assert Semester.objects.get().status == "dibuka"
    alur.ubah_status_semester(semester=keadaan, oleh=sekretariat, status="dikunci",
                              konfirmasi_kunci=True, sidik=kekurangan_kunci(keadaan).sidik)
    assert Semester.objects.get().status == "dikunci"


def test_the_lock_page_query_count_does_not_grow_with_the_roster(
    client_as, sekretariat, keadaan, django_assert_num_queries
):
    c = client_as(sekretariat)
    c.get(halaman(keadaan))
    for n in range(8):
        make_laporan(keadaan, make_opd(f"OPD{n}"), status=["draf", "dikembalikan"][n % 2])
    # session, user, permissions (user + group), the user's OPD (menu), semester, the
    # roster with each report's state, the reports waiting
    with django_assert_num_queries(8):
        resp = c.get(halaman(keadaan))
    assert resp.context["kurang"].jumlah == 11
