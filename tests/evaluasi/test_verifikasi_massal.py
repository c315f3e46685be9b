"""Verifying or returning several reports at once from the queue: a confirmation page that
lists the chosen reports, then each report through its own workflow step, the outcome told
per report; who may, and forged forms."""

import pytest
from django.urls import reverse

from evaluasi.models import LaporanSemester
from opd.models import Pemberitahuan
from tests.evaluasi.factories import isi_dan_ajukan, make_laporan, make_semester
from tests.jawaban import tidak_ditemukan

pytestmark = pytest.mark.django_db


def massal(semester):
    return reverse("evaluasi:antrean-massal", args=[semester.kode])


def status(laporan) -> str:
    laporan.refresh_from_db()
    return laporan.status


def pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]]


def test_the_queue_offers_a_checkbox_per_report_and_both_bulk_steps(client_as, sekretariat,
                                                                   semester, diajukan):
    teks = client_as(sekretariat).get("/evaluasi/antrean/").content.decode()
    for laporan in diajukan.values():
        assert f'name="laporan" value="{laporan.pk}"' in teks
    assert "Verifikasi terpilih" in teks and "Kembalikan terpilih" in teks
    assert f'action="{massal(semester)}"' in teks


def test_bulk_verify_asks_for_confirmation_listing_the_reports_then_verifies_each(
    client_as, sekretariat, semester, diajukan
):
    c = client_as(sekretariat)
    ids = [str(lap.pk) for lap in diajukan.values()]
    resp = c.post(massal(semester), {"laporan": ids, "aksi": "verifikasi"})
    assert resp.status_code == 200
    teks = resp.content.decode()
    tabel = teks[teks.index('id="laporan-terpilih"'):]
    assert "Dinkes" in tabel and "Dinsos" in tabel
    assert "Verifikasi 2 laporan semester 2025S1?" in teks
    assert "Setiap laporan diproses sendiri-sendiri" in teks  # says how it runs
    assert "Ya, verifikasi 2 laporan" in teks
    assert {status(lap) for lap in diajukan.values()} == {"diajukan"}  # nothing yet

    resp = c.post(massal(semester), {"laporan": ids, "aksi": "verifikasi", "konfirmasi": "1"},
                  follow=True)
    assert resp.redirect_chain[-1][0] == reverse("evaluasi:antrean")
    assert "Diproses per laporan: 2 diverifikasi (Dinkes, Dinsos), 0 ditolak" in " ".join(
        pesan(resp))
    for laporan in diajukan.values():
        assert status(laporan) == "diverifikasi" and laporan.diverifikasi_oleh == sekretariat
    assert "Tidak ada laporan yang menunggu verifikasi" in resp.content.decode()


def test_bulk_verify_reports_per_report_and_one_refused_does_not_hold_back_the_others(
    client_as, sekretariat, sekretariat_kedua, semester, dinkes, diajukan, bappelitbangda,
    katalog
):
    from tests.factories import make_opd

    # Dindik's report was entered by Sari herself (from what the OPD sent): four eyes.
    dindik = make_opd("Dindik")
    dindik_lap = isi_dan_ajukan(semester, dindik, sekretariat, katalog, program=True)
    # Rina verified Dinsos meanwhile.
    from evaluasi import alur

    alur.verifikasi_laporan(laporan=diajukan["dinsos"], oleh=sekretariat_kedua)
    c = client_as(sekretariat)
    ids = [str(diajukan["dinkes"].pk), str(diajukan["dinsos"].pk), str(dindik_lap.pk)]
    konfirmasi = c.post(massal(semester), {"laporan": ids, "aksi": "verifikasi"})
    teks = konfirmasi.content.decode()
    assert "tidak lagi menunggu verifikasi: akan ditolak" in teks  # Dinsos
    assert "Anda ikut mengisi angkanya: tidak akan diverifikasi (empat mata)" in teks  # Dindik
    resp = c.post(massal(semester), {"laporan": ids, "aksi": "verifikasi", "konfirmasi": "1"},
                  follow=True)
    semua = pesan(resp)
    assert "Diproses per laporan: 1 diverifikasi (Dinkes), 2 ditolak" in " ".join(semua)
    assert any(p.startswith("Laporan Dinsos tidak diproses: Hanya laporan yang sudah diajukan")
               for p in semua)
    assert any(p.startswith("Laporan Dindik tidak diproses: Anda ikut mengisi") for p in semua)
    assert status(diajukan["dinkes"]) == "diverifikasi"
    assert status(dindik_lap) == "diajukan"
    assert status(diajukan["dinsos"]) == "diverifikasi"
    assert diajukan["dinsos"].diverifikasi_oleh == sekretariat_kedua  # untouched


def test_bulk_return_needs_one_comment_and_tells_every_opd(client_as, sekretariat, semester,
                                                          diajukan, operator_dinkes,
                                                          operator_dinsos):
    c = client_as(sekretariat)
    ids = [str(lap.pk) for lap in diajukan.values()]
    resp = c.post(massal(semester), {"laporan": ids, "aksi": "kembalikan"})
    assert resp.status_code == 200 and "Kembalikan 2 laporan semester 2025S1?" in (
        resp.content.decode())
    resp = c.post(massal(semester), {"laporan": ids, "aksi": "kembalikan", "konfirmasi": "1",
                                     "komentar": "  "})
    assert resp.status_code == 400
    assert "Tulis komentar: apa yang harus diperbaiki OPD." in resp.content.decode()
    assert {status(lap) for lap in diajukan.values()} == {"diajukan"}
    assert not Pemberitahuan.objects.exists()

    resp = c.post(massal(semester), {"laporan": ids, "aksi": "kembalikan", "konfirmasi": "1",
                                     "komentar": "Lampirkan SK tim desa."}, follow=True)
    assert "2 dikembalikan dengan komentar (Dinkes, Dinsos)" in " ".join(pesan(resp))
    for laporan in diajukan.values():
        assert status(laporan) == "dikembalikan"
        assert laporan.komentar_pengembalian == "Lampirkan SK tim desa."
    told = Pemberitahuan.objects.filter(jenis=Pemberitahuan.Jenis.LAPORAN_DIKEMBALIKAN)
    assert {(p.penerima, p.isi) for p in told} == {
        (operator_dinkes, "Lampirkan SK tim desa."), (operator_dinsos, "Lampirkan SK tim desa.")}


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan", "petugas"])
def test_only_a_verifier_may_bulk_verify(request, client_as, semester, diajukan, pengguna):
    c = client_as(request.getfixturevalue(pengguna))
    ids = [str(lap.pk) for lap in diajukan.values()]
    for data in ({"laporan": ids, "aksi": "verifikasi"},
                 {"laporan": ids, "aksi": "verifikasi", "konfirmasi": "1"},
                 {"laporan": ["x"], "aksi": "kembalikan"}):  # 403 before any parsing
        assert c.post(massal(semester), data).status_code == 403
    assert {status(lap) for lap in diajukan.values()} == {"diajukan"}
    assert "Verifikasi terpilih" not in c.get("/evaluasi/").content.decode()


@pytest.mark.parametrize("data, kata", [
    ({"laporan": ["abc"], "aksi": "verifikasi", "konfirmasi": "1"},
     "Pilihan laporan tidak sah (\u201cabc\u201d bukan nomor laporan); tidak ada yang diubah."),
    ({"laporan": ["1 OR 1=1"], "aksi": "verifikasi", "konfirmasi": "1"}, "bukan nomor laporan"),
    ({"aksi": "verifikasi", "konfirmasi": "1"}, "Pilih minimal satu laporan dari antrean"),
    ({"laporan": ["{pk}"], "aksi": "hapus", "konfirmasi": "1"}, "Langkah tidak dikenal"),
    ({"laporan": ["{pk}"], "konfirmasi": "1"}, "Pilih \u201cVerifikasi terpilih\u201d atau"),
])
def test_forged_forms_answer_a_clear_message_and_change_nothing(client_as, sekretariat,
                                                                semester, diajukan, data, kata):
    pk = str(diajukan["dinkes"].pk)
    data = {k: [v.replace("{pk}", pk) for v in nilai] if isinstance(nilai, list) else nilai
            for k, nilai in data.items()}
    resp = client_as(sekretariat).post(massal(semester), data, follow=True)
    assert resp.status_code == 200 and resp.redirect_chain[-1][0] == reverse("evaluasi:antrean")
    assert any(kata in p for p in pesan(resp)), pesan(resp)
    assert {status(lap) for lap in diajukan.values()} == {"diajukan"}


def test_reports_of_another_semester_are_refused_whole(client_as, sekretariat, semester,
                                                       diajukan, dinkes):
    lain = make_laporan(make_semester("2024S2"), dinkes, status="diajukan")
    ids = [str(diajukan["dinsos"].pk), str(lain.pk)]
    resp = client_as(sekretariat).post(
        massal(semester), {"laporan": ids, "aksi": "verifikasi", "konfirmasi": "1"}, follow=True)
    assert ("Laporan Dinkes 2024S2 bukan laporan semester 2025S1: pilih dari antrean semester "
            "itu. Tidak ada yang diubah.") in pesan(resp)
    assert status(diajukan["dinsos"]) == "diajukan" and status(lain) == "diajukan"


def test_a_missing_report_or_semester_is_not_found(client_as, sekretariat, semester, diajukan):
    c = client_as(sekretariat)
    ids = [str(diajukan["dinkes"].pk), "987654"]
    resp = c.post(massal(semester), {"laporan": ids, "aksi": "verifikasi", "konfirmasi": "1"})
    assert tidak_ditemukan(resp)
    assert status(diajukan["dinkes"]) == "diajukan"
    resp = c.post(reverse("evaluasi:antrean-massal", args=["2030S1"]),
                  {"laporan": [str(diajukan["dinkes"].pk)], "aksi": "verifikasi"})
    assert resp.status_code == 404
    assert c.get(massal(semester)).status_code == 405  # POST only


def test_the_confirmation_page_query_count_does_not_grow_with_the_choice(
    client_as, sekretariat, semester, django_assert_num_queries
):
    from tests.factories import make_opd

    daftar = [make_laporan(semester, make_opd(f"OPD{n}"), status="diajukan") for n in range(2)]
    c = client_as(sekretariat)
    c.post(massal(semester), {"laporan": [str(lap.pk) for lap in daftar], "aksi": "verifikasi"})
    daftar += [make_laporan(semester, make_opd(f"OPD{n}"), status="diajukan")
               for n in range(2, 9)]
    # session, user, permissions (user + group), the user's OPD (menu), semester, the
    # reports, the four-eyes check
    with django_assert_num_queries(8):
        resp = c.post(massal(semester), {"laporan": [str(lap.pk) for lap in daftar],
                                         "aksi": "verifikasi"})
    assert len(resp.context["daftar"]) == 9
    assert LaporanSemester.objects.filter(status="diajukan").count() == 9
