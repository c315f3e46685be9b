"""Follow-ups of a BPKP recommendation and of an achievement below target: one click from
their pages creates the follow-up, prefilled; the register points back to them."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from tests.evaluasi.factories import (
    make_capaian,
    make_indikator,
    make_laporan,
    make_rekomendasi,
    make_semester,
    make_target,
)
from tests.factories import make_opd
from tests.rapat.factories import make_keputusan, make_rapat, make_tindak_lanjut
from tpps.models import TindakLanjut

pytestmark = pytest.mark.django_db

HARI_INI = timezone.localdate()


@pytest.fixture
def rekomendasi(dinkes, dinsos):
    rek = make_rekomendasi(tahun=2024, opd=[dinsos, dinkes], batas_waktu=date(2026, 12, 31))
    evaluasi = rek.temuan.evaluasi
    evaluasi.tanggal_laporan = date(2025, 6, 30)
    evaluasi.save()
    return rek


@pytest.fixture
def capaian_rendah(dinkes):
    semester = make_semester("2025S1")
    indikator = make_indikator("S1", dinkes)
    make_target(indikator, tahun=2025, target_kota=80)
    laporan = make_laporan(semester, dinkes)
    return make_capaian(laporan, indikator, pembilang=50, penyebut=100,
                        rencana_tindak_lanjut="Sweeping ibu hamil KEK di tiga desa")


def data_tl(opd, **kwargs):
    data = {"uraian": "Pemadanan data sasaran", "opd_penanggung_jawab": opd.pk,
            "tenggat": (HARI_INI + timedelta(days=60)).isoformat()}
    data.update(kwargs)
    return data


def test_from_a_recommendation_the_form_is_prefilled(client_as, sekretariat, rekomendasi,
                                                     dinkes, dinsos):
    url = reverse("tindak_lanjut:tambah") + f"?rekomendasi={rekomendasi.pk}"
    form = client_as(sekretariat).get(url).context["form"]
    assert form["rekomendasi"].value() == rekomendasi.pk
    assert form["uraian"].value() == "Lakukan pemadanan data sasaran secara berkala."
    assert form["opd_penanggung_jawab"].value() == dinkes.pk  # first in roster order
    assert form["opd_pendukung"].value() == [dinsos.pk]
    assert form["tenggat"].value() == date(2026, 12, 31)


def test_one_click_from_a_recommendation_creates_its_follow_up(client_as, sekretariat,
                                                               rekomendasi, dinkes, dinsos):
    c = client_as(sekretariat)
    url = reverse("tindak_lanjut:tambah") + f"?rekomendasi={rekomendasi.pk}"
    resp = c.post(url, data_tl(dinkes, opd_pendukung=[dinsos.pk]))
    assert resp.status_code == 302 and resp["Location"] == rekomendasi.get_absolute_url()
    tl = TindakLanjut.objects.get()
    assert tl.asal == rekomendasi and tl.get_asal_display() == "Rekomendasi BPKP"
    # The recommendation's page links to the register filtered by it.
    lain = make_tindak_lanjut(dinkes, uraian="Dari rapat")
    daftar = c.get(reverse("tindak_lanjut:daftar"), {"rekomendasi": rekomendasi.pk})
    assert [t.pk for t in daftar.context["halaman"]] == [tl.pk]
    teks = c.get(reverse("tindak_lanjut:daftar"), {"asal": "rekomendasi"}).content.decode()
    assert "Pemadanan data sasaran" in teks and lain.uraian not in teks
    assert rekomendasi.get_absolute_url() in teks


def test_a_recommendation_follow_up_cannot_be_due_before_the_bpkp_report(client_as, sekretariat,
                                                                         rekomendasi, dinkes):
    resp = client_as(sekretariat).post(
        reverse("tindak_lanjut:tambah") + f"?rekomendasi={rekomendasi.pk}",
        data_tl(dinkes, tenggat="2025-06-01"))
    assert resp.status_code == 200
    assert "Tenggat tidak boleh sebelum tanggal asalnya (30-06-2025)" in resp.content.decode()
    assert not TindakLanjut.objects.exists()


def test_from_an_achievement_below_target(client_as, sekretariat, capaian_rendah, dinkes):
    c = client_as(sekretariat)
    url = reverse("tindak_lanjut:tambah") + f"?capaian={capaian_rendah.pk}"
    form = c.get(url).context["form"]
    assert form["opd_penanggung_jawab"].value() == dinkes.pk
    assert form["uraian"].value() == "Sweeping ibu hamil KEK di tiga desa"
    resp = c.post(url, data_tl(dinkes, uraian="Sweeping ibu hamil KEK"))
    assert resp.status_code == 302 and resp["Location"] == capaian_rendah.get_absolute_url()
    tl = TindakLanjut.objects.get()
    assert tl.capaian == capaian_rendah and tl.get_asal_display() == "Capaian di bawah target"
    resp = c.post(url, data_tl(dinkes, tenggat="2025-06-29"))
    assert "Tenggat tidak boleh sebelum tanggal asalnya (30-06-2025)" in resp.content.decode()
    assert TindakLanjut.objects.count() == 1


def test_an_achievement_on_target_takes_no_follow_up(client_as, sekretariat, capaian_rendah,
                                                     dinkes):
    capaian_rendah.pembilang = 85
    capaian_rendah.save()
    url = reverse("tindak_lanjut:tambah") + f"?capaian={capaian_rendah.pk}"
    c = client_as(sekretariat)
    resp = c.post(url, data_tl(dinkes), follow=True)
    assert "tidak di bawah target" in resp.content.decode()
    assert not TindakLanjut.objects.exists()
    assert c.get(url)["Location"] == capaian_rendah.get_absolute_url()


@pytest.mark.parametrize("nama", ["rekomendasi", "capaian"])
def test_unknown_origins_are_404(client_as, sekretariat, nama):
    url = reverse("tindak_lanjut:tambah") + f"?{nama}=424242"
    assert client_as(sekretariat).get(url).status_code == 404


def test_operator_cannot_create_from_a_recommendation(client_as, operator_dinkes, rekomendasi,
                                                      dinkes):
    url = reverse("tindak_lanjut:tambah") + f"?rekomendasi={rekomendasi.pk}"
    c = client_as(operator_dinkes)
    assert c.get(url).status_code == 403
    assert c.post(url, data_tl(dinkes)).status_code == 403
    assert not TindakLanjut.objects.exists()


def test_exactly_one_origin(rekomendasi, dinkes):
    keputusan = make_keputusan(make_rapat())
    with pytest.raises(IntegrityError):
        TindakLanjut.objects.create(keputusan=keputusan, rekomendasi=rekomendasi,
                                    opd_penanggung_jawab=dinkes, uraian="Dua asal",
                                    tenggat=HARI_INI)


def test_every_origin_is_carried_onto_the_next_agenda_and_listed_in_few_queries(
    client_as, petugas, sekretariat, rekomendasi, capaian_rendah, dinkes, dinsos,
    django_assert_num_queries,
):
    TindakLanjut.objects.create(rekomendasi=rekomendasi, opd_penanggung_jawab=dinsos,
                                uraian="Dari BPKP", tenggat=date(2025, 12, 31))
    TindakLanjut.objects.create(capaian=capaian_rendah, opd_penanggung_jawab=dinkes,
                                uraian="Dari capaian", tenggat=HARI_INI + timedelta(days=5))
    make_tindak_lanjut(dinkes, uraian="Dari rapat")
    c = client_as(sekretariat)
    c.post(reverse("rapat:tambah"), {
        "jenis": "koordinasi", "judul": "Rapat berikut", "tanggal": HARI_INI.isoformat(),
        "jam_mulai": "09:00", "tempat": "Balai Kota", "pimpinan_rapat": "Sekda",
        "diundang": [dinkes.pk]})
    from tpps.models import Rapat

    rapat = Rapat.objects.get(judul="Rapat berikut")
    assert list(rapat.agenda.values_list("tindak_lanjut__uraian", flat=True)) == [
        "Dari BPKP", "Dari capaian", "Dari rapat"]

    p = client_as(petugas)
    p.get(reverse("tindak_lanjut:daftar"))
    for n in range(5):
        TindakLanjut.objects.create(rekomendasi=rekomendasi, opd_penanggung_jawab=make_opd(f"X{n}"),
                                    uraian=f"BPKP {n}", tenggat=date(2026, 1, 1))
    # session, user, perms (2), agencies for the filter, count, rows, supporting agencies
    with django_assert_num_queries(8):
        teks = p.get(reverse("tindak_lanjut:daftar")).content.decode()
    # A Petugas Posyandu reads the origin's name but gets no link to pages closed to them.
    assert str(capaian_rendah) in teks and str(rekomendasi) in teks
    assert capaian_rendah.get_absolute_url() not in teks
    assert rekomendasi.get_absolute_url() not in teks
    teks = client_as(sekretariat).get(reverse("tindak_lanjut:daftar")).content.decode()
    assert capaian_rendah.get_absolute_url() in teks and rekomendasi.get_absolute_url() in teks


def test_origin_links_only_for_who_may_open_them(client_as, petugas, pimpinan, operator_dinkes,
                                                 operator_dinsos, rekomendasi, capaian_rendah,
                                                 dinkes):
    """Every link to an origin opens for who sees it; the others read the name only."""
    tl = TindakLanjut.objects.create(capaian=capaian_rendah, opd_penanggung_jawab=dinkes,
                                     uraian="Dari capaian", tenggat=HARI_INI)
    tautan = capaian_rendah.get_absolute_url()
    for user, boleh in ((operator_dinkes, True), (operator_dinsos, False), (pimpinan, False),
                        (petugas, False)):
        c = client_as(user)
        for halaman in (reverse("tindak_lanjut:daftar"), tl.get_absolute_url()):
            assert (tautan in c.get(halaman).content.decode()) is boleh, (user, halaman)
        # … and the link's promise holds: the draft report's achievement opens, or is
        # refused by role (403), or is another OPD's draft, answered as a missing one (404).
        status = c.get(tautan).status_code
        assert status == 200 if boleh else status == (403 if user is petugas else 404)
    capaian_rendah.laporan.status = "diverifikasi"
    capaian_rendah.laporan.save()
    assert tautan in client_as(pimpinan).get(tl.get_absolute_url()).content.decode()
    tl_bpkp = TindakLanjut.objects.create(rekomendasi=rekomendasi, opd_penanggung_jawab=dinkes,
                                          uraian="Dari BPKP", tenggat=date(2026, 1, 1))
    teks = client_as(petugas).get(tl_bpkp.get_absolute_url()).content.decode()
    assert rekomendasi.get_absolute_url() not in teks and str(rekomendasi) in teks
    assert client_as(petugas).get(rekomendasi.get_absolute_url()).status_code == 403
    assert rekomendasi.get_absolute_url() in client_as(operator_dinkes).get(
        tl_bpkp.get_absolute_url()).content.decode()


def test_buat_tindak_lanjut_only_for_who_may_add(client_as, sekretariat, operator_dinkes,
                                                pimpinan, rekomendasi, capaian_rendah):
    tambah = reverse("tindak_lanjut:tambah")
    daftar = reverse("tindak_lanjut:daftar")
    capaian_rendah.laporan.status = "diverifikasi"
    capaian_rendah.laporan.save()
    for url, asal in ((capaian_rendah.get_absolute_url(), f"capaian={capaian_rendah.pk}"),
                      (rekomendasi.get_absolute_url(), f"rekomendasi={rekomendasi.pk}")):
        for user, boleh in ((sekretariat, True), (operator_dinkes, False), (pimpinan, False)):
            c = client_as(user)
            teks = c.get(url).content.decode()
            assert ("Buat tindak lanjut" in teks) is boleh, (user, url)
            assert (f"{tambah}?{asal}" in teks) is boleh
            assert f"{daftar}?{asal}" in teks  # the register is open to every reader
            assert c.get(f"{tambah}?{asal}").status_code == (200 if boleh else 403)


def test_supporting_agencies_of_a_recommendation_post_their_own_progress(
    client_as, sekretariat, operator_dinkes, operator_dinsos, peran, rekomendasi, dinkes,
    dinsos,
):
    """BPKP named Dinsos and Dinkes: the follow-up has Dinkes responsible and Dinsos
    supporting; both operators post progress, Dinsos's labelled as its own, and only the
    responsible agency changes the state. An agency BPKP did not name cannot post."""
    from opd import roles
    from tests.factories import make_user

    url = reverse("tindak_lanjut:tambah") + f"?rekomendasi={rekomendasi.pk}"
    c = client_as(sekretariat)
    data = {k: v for k, v in c.get(url).context["form"].initial.items() if v is not None}
    data["tenggat"] = data["tenggat"].isoformat()
    data["rekomendasi"] = rekomendasi.pk
    assert c.post(url, data).status_code == 302
    tl = TindakLanjut.objects.get()
    assert tl.opd_penanggung_jawab == dinkes and list(tl.opd_pendukung.all()) == [dinsos]

    c = client_as(operator_dinsos)
    halaman = c.get(tl.get_absolute_url())
    assert "Catat progres" in halaman.content.decode()
    assert "status_baru" not in halaman.context["form"].fields
    resp = c.post(tl.get_absolute_url(), {"tanggal": HARI_INI.isoformat(),
                                          "catatan": "Data PKH dipadankan",
                                          "status_baru": "selesai"})
    assert resp.status_code == 302
    tl.refresh_from_db()
    progres = tl.progres.get()
    assert (progres.dicatat_oleh, progres.status_baru, tl.status) == (operator_dinsos, "",
                                                                       "belum_mulai")
    teks = client_as(operator_dinkes).get(tl.get_absolute_url()).content.decode()
    assert "Data PKH dipadankan" in teks and "Dinsos</span> (OPD pendukung)" in teks
    resp = client_as(operator_dinkes).post(tl.get_absolute_url(), {
        "tanggal": HARI_INI.isoformat(), "catatan": "Dimulai", "status_baru": "berjalan"})
    assert resp.status_code == 302
    tl.refresh_from_db()
    assert tl.status == "berjalan"

    lain = make_user("dppkb", peran=roles.OPERATOR_OPD, opd=make_opd("DPPKB"))
    c = client_as(lain)
    assert "Catat progres" not in c.get(tl.get_absolute_url()).content.decode()
    resp = c.post(tl.get_absolute_url(), {"tanggal": HARI_INI.isoformat(), "catatan": "Menyusup"})
    assert resp.status_code == 403 and tl.progres.count() == 2
