"""Roster pages under /opd/: everyone signed in reads; only the right people edit."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from opd.models import OPD, AnggotaTim
from tests.factories import make_anggota, make_bidang, make_mitra, make_opd, make_sk

pytestmark = pytest.mark.django_db


@pytest.fixture
def roster(dinkes, dinsos):
    """Dinkes with a head, a focal person and a past representative; Dinsos with one person."""
    return {
        "ketua": make_anggota(dinkes, nama="dr. Kadis Sehat", peran=AnggotaTim.Peran.ANGGOTA,
                              jabatan="Kepala Dinas"),
        "focal": make_anggota(dinkes, nama="Rina Focal", peran=AnggotaTim.Peran.FOCAL_PERSON,
                              telepon="0812-3456-7890"),
        "lama": make_anggota(dinkes, nama="Pak Lama", mulai=date(2022, 1, 1),
                             sampai=date(2024, 12, 31)),
        "dinsos": make_anggota(dinsos, nama="Bu Sosial"),
    }


def test_list_shows_each_agency_with_its_current_people(client_as, petugas, roster):
    resp = client_as(petugas).get("/opd/")
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "dr. Kadis Sehat" in teks and "Rina Focal" in teks and "Bu Sosial" in teks
    assert "Pak Lama" not in teks  # ended: history, not the current roster
    baris = {o.singkatan: o for o in resp.context["daftar_opd"]}
    assert [a.nama for a in baris["Dinkes"].focal_kini] == ["Rina Focal"]
    assert [a.nama for a in baris["Dinsos"].focal_kini] == []


def test_list_filters_by_search_kind_and_status(client_as, pimpinan, roster):
    make_opd("Kemenag", nama="Kantor Kementerian Agama", jenis=OPD.Jenis.INSTANSI_VERTIKAL)
    make_opd("Dispora", nama="Dinas Pemuda dan Olahraga", aktif=False)
    c = client_as(pimpinan)

    def singkatan(**q):
        return [o.singkatan for o in c.get("/opd/", q).context["daftar_opd"]]

    assert singkatan(q="agama") == ["Kemenag"]
    assert singkatan(jenis="instansi_vertikal") == ["Kemenag"]
    assert "Dispora" not in singkatan()
    assert singkatan(status="nonaktif") == ["Dispora"]
    assert set(singkatan(status="semua")) == {"Dinkes", "Dinsos", "Kemenag", "Dispora"}


def test_list_query_count_does_not_grow_with_the_roster(client_as, pimpinan, roster,
                                                        django_assert_num_queries):
    c = client_as(pimpinan)
    c.get("/opd/")  # warm the session
    for nomor in range(10):
        make_anggota(make_opd(f"OPD{nomor}"), nama=f"Orang {nomor}")
    # session, user, the user's permissions (2, for the navigation), agencies, current
    # representatives, current focal persons
    with django_assert_num_queries(7):
        c.get("/opd/")


def test_detail_shows_current_history_and_upcoming(client_as, pimpinan, dinkes, roster):
    make_anggota(dinkes, nama="Calon Baru", mulai=timezone.localdate() + timedelta(days=10))
    resp = client_as(pimpinan).get(reverse("opd:detail", args=[dinkes.pk]))
    assert [a.nama for a in resp.context["anggota_kini"]] == ["dr. Kadis Sehat", "Rina Focal"]
    assert [a.nama for a in resp.context["anggota_lalu"]] == ["Pak Lama"]
    assert [a.nama for a in resp.context["anggota_mendatang"]] == ["Calon Baru"]
    assert "Tambah / ganti perwakilan" not in resp.content.decode()


def test_operator_sees_edit_buttons_only_on_their_own_agency(client_as, operator_dinkes,
                                                             dinkes, dinsos, roster):
    c = client_as(operator_dinkes)
    assert "Tambah / ganti perwakilan" in c.get(f"/opd/{dinkes.pk}/").content.decode()
    assert "Tambah / ganti perwakilan" not in c.get(f"/opd/{dinsos.pk}/").content.decode()


def data_perwakilan(**kwargs):
    data = {"nama": "Siti Aminah", "jabatan": "Kepala Bidang Kesmas", "peran": "focal_person",
            "telepon": "0813-1111-2222", "email": "siti@batukota.go.id", "mulai": "2026-03-01"}
    data.update(kwargs)
    return data


def test_operator_adds_a_representative_to_their_own_agency(client_as, operator_dinkes, dinkes):
    resp = client_as(operator_dinkes).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/", data_perwakilan()
    )
    assert resp.status_code == 302 and resp["Location"] == f"/opd/{dinkes.pk}/"
    siti = AnggotaTim.objects.get(nama="Siti Aminah")
    assert siti.opd == dinkes and siti.mulai == date(2026, 3, 1) and siti.sampai is None
    assert siti.history.first().history_user == operator_dinkes


def test_operator_cannot_touch_another_agencys_people(client_as, operator_dinkes, dinsos,
                                                       roster):
    c = client_as(operator_dinkes)
    bu_sosial = roster["dinsos"]
    assert c.get(f"/opd/{dinsos.pk}/perwakilan/tambah/").status_code == 403
    assert c.post(f"/opd/{dinsos.pk}/perwakilan/tambah/", data_perwakilan()).status_code == 403
    assert c.post(f"/opd/perwakilan/{bu_sosial.pk}/ubah/",
                  data_perwakilan(nama="Diganti")).status_code == 403
    assert c.post(f"/opd/perwakilan/{bu_sosial.pk}/akhiri/",
                  {"sampai": "2026-01-01"}).status_code == 403
    bu_sosial.refresh_from_db()
    assert bu_sosial.nama == "Bu Sosial" and bu_sosial.sampai is None
    assert not AnggotaTim.objects.filter(nama="Siti Aminah").exists()


def test_forged_agency_in_the_form_is_ignored(client_as, operator_dinkes, dinkes, dinsos):
    client_as(operator_dinkes).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/", data_perwakilan(opd=dinsos.pk)
    )
    assert AnggotaTim.objects.get(nama="Siti Aminah").opd == dinkes


@pytest.mark.parametrize("pengguna", ["pimpinan", "petugas"])
def test_readers_cannot_edit(request, client_as, pengguna, dinkes, roster):
    c = client_as(request.getfixturevalue(pengguna))
    assert c.get(f"/opd/{dinkes.pk}/").status_code == 200
    assert c.post(f"/opd/{dinkes.pk}/perwakilan/tambah/", data_perwakilan()).status_code == 403
    assert c.post(f"/opd/perwakilan/{roster['focal'].pk}/akhiri/",
                  {"sampai": "2026-01-01"}).status_code == 403


def test_sekretariat_edits_every_agency(client_as, sekretariat, dinsos, roster):
    c = client_as(sekretariat)
    resp = c.post(f"/opd/{dinsos.pk}/perwakilan/tambah/", data_perwakilan())
    assert resp.status_code == 302
    resp = c.post(f"/opd/perwakilan/{roster['dinsos'].pk}/ubah/",
                  data_perwakilan(nama="Bu Sosial, S.Sos.", peran="anggota", mulai="2025-01-02"))
    assert resp.status_code == 302
    roster["dinsos"].refresh_from_db()
    assert roster["dinsos"].nama == "Bu Sosial, S.Sos."


def test_replacing_a_representative_ends_the_old_term_and_keeps_history(
    client_as, operator_dinkes, dinkes, roster
):
    focal_lama = roster["focal"]
    resp = client_as(operator_dinkes).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/",
        data_perwakilan(menggantikan=focal_lama.pk, mulai="2026-07-01"),
    )
    assert resp.status_code == 302
    focal_lama.refresh_from_db()
    assert focal_lama.sampai == date(2026, 6, 30)
    pada = date(2026, 7, 1)
    assert [a.nama for a in dinkes.anggota.aktif(pada).filter(peran="focal_person")] == [
        "Siti Aminah"
    ]
    assert [a.nama for a in dinkes.anggota.aktif(date(2026, 6, 30)).filter(
        peran="focal_person")] == ["Rina Focal"]


def test_cannot_replace_someone_from_another_agency(client_as, sekretariat, dinkes, roster):
    resp = client_as(sekretariat).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/",
        data_perwakilan(menggantikan=roster["dinsos"].pk),
    )
    assert resp.status_code == 200
    assert "Masukkan pilihan yang valid" in resp.content.decode()
    roster["dinsos"].refresh_from_db()
    assert roster["dinsos"].sampai is None


def test_replacement_must_start_after_the_person_replaced(client_as, sekretariat, dinkes,
                                                          roster):
    resp = client_as(sekretariat).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/",
        data_perwakilan(menggantikan=roster["focal"].pk, mulai="2024-01-01"),
    )
    assert resp.status_code == 200
    assert "harus sesudah tanggal mulai" in resp.content.decode()
    roster["focal"].refresh_from_db()
    assert roster["focal"].sampai is None
    assert not AnggotaTim.objects.filter(nama="Siti Aminah").exists()


@pytest.mark.parametrize(
    "salah, pesan",
    [
        ({"nama": ""}, "Bidang ini tidak boleh kosong"),
        ({"mulai": "31-02-2026"}, "Masukkan tanggal yang valid"),
        ({"peran": "raja"}, "Masukkan pilihan yang valid"),
        ({"email": "bukan-email"}, "alamat email yang valid"),
        ({"peran": "koordinator"}, "Koordinator bidang harus memilih bidangnya"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(client_as, operator_dinkes,
                                                               dinkes, salah, pesan):
    resp = client_as(operator_dinkes).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/", data_perwakilan(**salah)
    )
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not AnggotaTim.objects.exists()


def test_coordinator_with_a_working_group(client_as, sekretariat, dinkes):
    bidang = make_bidang(make_sk())
    resp = client_as(sekretariat).post(
        f"/opd/{dinkes.pk}/perwakilan/tambah/",
        data_perwakilan(peran="koordinator", bidang=bidang.pk),
    )
    assert resp.status_code == 302
    assert AnggotaTim.objects.get().bidang == bidang


def test_correcting_an_end_date_before_the_start_is_refused(client_as, operator_dinkes, roster):
    focal = roster["focal"]
    resp = client_as(operator_dinkes).post(
        f"/opd/perwakilan/{focal.pk}/ubah/",
        data_perwakilan(nama=focal.nama, mulai="2025-01-02", sampai="2024-12-01"),
    )
    assert resp.status_code == 200
    assert "tidak boleh sebelum tanggal mulai" in resp.content.decode()
    focal.refresh_from_db()
    assert focal.sampai is None and focal.nama == "Rina Focal"


def test_ending_a_term(client_as, operator_dinkes, dinkes, roster):
    c = client_as(operator_dinkes)
    focal = roster["focal"]
    assert c.get(f"/opd/perwakilan/{focal.pk}/akhiri/").status_code == 405
    resp = c.post(f"/opd/perwakilan/{focal.pk}/akhiri/", {"sampai": "2025-12-31"}, follow=True)
    assert "riwayatnya tetap tersimpan" in resp.content.decode()
    focal.refresh_from_db()
    assert focal.sampai == date(2025, 12, 31)
    assert focal in dinkes.anggota.selesai()


def test_ending_a_term_before_it_began_is_refused(client_as, operator_dinkes, roster):
    focal = roster["focal"]
    resp = client_as(operator_dinkes).post(
        f"/opd/perwakilan/{focal.pk}/akhiri/", {"sampai": "2020-01-01"}, follow=True
    )
    assert "tidak boleh sebelum tanggal mulai" in resp.content.decode()
    focal.refresh_from_db()
    assert focal.sampai is None


def test_decrees_and_partners_are_readable(client_as, petugas):
    sk = make_sk()
    make_bidang(sk, nama="Bidang Koordinasi dan Konvergensi")
    mitra = make_mitra()
    c = client_as(petugas)
    teks = c.get("/opd/sk/").content.decode()
    assert sk.nomor in teks and "Bidang Koordinasi dan Konvergensi" in teks
    assert "PT Selecta Wisata Batu" in c.get("/opd/mitra/").content.decode()
    assert "Pariwisata" in c.get(mitra.get_absolute_url()).content.decode()


def test_unknown_agency_is_404(client_as, pimpinan):
    assert client_as(pimpinan).get("/opd/99999/").status_code == 404
