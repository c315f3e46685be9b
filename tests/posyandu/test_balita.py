"""Registering and keeping a child's record: duplicates, NIK privacy, corrections, merges."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission

from posyandu.models import Balita, Kasus, LogAksesData, Pengukuran
from tests.posyandu.factories import make_balita, ukur

# Registering a child is refused from 60 months of age today: the day is set.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]


def data_balita(posyandu, **kwargs):
    data = {"nik": "3579014509240002", "nama": "Rafa Pratama", "jenis_kelamin": "L",
            "tanggal_lahir": "2024-09-05", "nama_ibu": "Nur Aini", "posyandu": posyandu.pk,
            "desa": posyandu.desa_id, "rt": "2", "rw": "3", "alamat": "Jl. Dewi Sartika",
            "berat_lahir_kg": "3,1", "panjang_lahir_cm": "49,5"}
    data.update(kwargs)
    return data


def test_kader_registers_a_child(client_as, kader_melati, melati):
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", data_balita(melati))
    anak = Balita.objects.get()
    assert resp.status_code == 302 and resp["Location"] == anak.get_absolute_url()
    assert str(anak.berat_lahir_kg) == "3.10" and anak.posyandu == melati


@pytest.mark.parametrize("salah, pesan", [
    ({"nik": "357901450924"}, "NIK harus tepat 16 angka"),
    ({"nik": "35790145092400AB"}, "NIK harus tepat 16 angka"),
    ({"tanggal_lahir": "2099-01-01"}, "tidak boleh di masa depan"),
    ({"berat_lahir_kg": "tiga"}, "Masukkan angka"),
    ({"nama": ""}, "tidak boleh kosong"),
])
def test_bad_input_is_refused(client_as, kader_melati, melati, salah, pesan):
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", data_balita(melati, **salah))
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert not Balita.objects.exists()


def test_kader_cannot_register_into_another_posyandu(client_as, kader_melati, mawar):
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", data_balita(mawar))
    assert resp.status_code == 200 and "pilihan yang valid" in resp.content.decode()
    assert not Balita.objects.exists()


def test_a_likely_duplicate_in_scope_is_shown_with_a_link(client_as, kader_melati, melati,
                                                         anak_melati):
    c = client_as(kader_melati)
    data = data_balita(melati, nik="", nama="aisyah putri", tanggal_lahir="2024-03-10",
                       nama_ibu="SITI RAHMA")
    resp = c.post("/posyandu/balita/tambah/", data)
    teks = resp.content.decode()
    assert "tampaknya sudah terdaftar" in teks and anak_melati.get_absolute_url() in teks
    assert Balita.objects.count() == 1
    assert c.post("/posyandu/balita/tambah/", {**data, "tetap_simpan": "1"}).status_code == 302
    assert Balita.objects.count() == 2


def test_a_duplicate_outside_scope_names_only_its_posyandu(client_as, kader_melati, melati,
                                                           anak_mawar):
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", data_balita(
        melati, nik="", nama="Bima Sakti", jenis_kelamin="L", tanggal_lahir="2023-06-01",
        nama_ibu="Dewi"))
    teks = resp.content.decode()
    assert "terdaftar di Posyandu Mawar (Bumiaji)" in teks
    assert anak_mawar.get_absolute_url() not in teks
    assert Balita.objects.count() == 1


def test_same_nik_birth_date_and_name_cannot_be_stored_twice(client_as, kader_melati, melati,
                                                             anak_melati):
    resp = client_as(kader_melati).post("/posyandu/balita/tambah/", data_balita(
        melati, nik=anak_melati.nik, nama="Aisyah Putri", tanggal_lahir="2024-03-10",
        tetap_simpan="1"))
    assert "Sudah ada balita dengan NIK, tanggal lahir dan nama yang sama" in resp.content.decode()
    assert Balita.objects.count() == 1


def test_twins_on_a_parents_nik_are_two_children_and_flagged_for_cleaning(melati):
    kakak = make_balita(melati, nama="Hasan", nik="3579010101800001", tanggal_lahir=date(2024, 1, 1))
    adik = make_balita(melati, nama="Husein", nik="3579010101800001", tanggal_lahir=date(2024, 1, 1))
    make_balita(melati, nama="Lain", nik="3579010101800009")
    assert set(Balita.objects.nik_dipakai_bersama()) == {kakak, adik}


def test_nik_is_masked_and_a_reveal_needs_the_permission_and_is_logged(client_as, kader_melati,
                                                                       anak_melati):
    c = client_as(kader_melati)
    teks = c.get(anak_melati.get_absolute_url()).content.decode()
    assert "3579********0001" in teks and anak_melati.nik not in teks
    assert c.post(f"/posyandu/balita/{anak_melati.pk}/nik/").status_code == 403
    assert not LogAksesData.objects.exclude(aksi="lihat_balita").exists()  # opening is logged

    kader_melati.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    c = client_as(type(kader_melati).objects.get(pk=kader_melati.pk))
    resp = c.post(f"/posyandu/balita/{anak_melati.pk}/nik/")
    assert resp.json() == {"nik": anak_melati.nik}
    log = LogAksesData.objects.exclude(aksi="lihat_balita").get()
    assert (log.user, log.balita, log.aksi) == (kader_melati, anak_melati, "lihat_nik")
    assert c.get(f"/posyandu/balita/{anak_melati.pk}/nik/").status_code == 405


def test_edit_form_never_shows_the_nik_without_the_permission(client_as, kader_melati,
                                                              anak_melati, melati):
    c = client_as(kader_melati)
    teks = c.get(f"/posyandu/balita/{anak_melati.pk}/ubah/").content.decode()
    assert anak_melati.nik not in teks and "3579********0001" in teks
    data = data_balita(melati, nik="", nama="Aisyah Putri Ramadhani", tanggal_lahir="2024-03-10",
                       jenis_kelamin="P", status="aktif")
    assert c.post(f"/posyandu/balita/{anak_melati.pk}/ubah/", data).status_code == 302
    anak_melati.refresh_from_db()
    assert anak_melati.nik == "3579015003240001" and anak_melati.nama == "Aisyah Putri Ramadhani"


def _dengan_lihat_nik(user):
    user.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    return type(user).objects.get(pk=user.pk)


def test_edit_form_shows_the_nik_masked_even_with_the_permission_reveal_is_logged(
        client_as, kader_melati, anak_melati):
    c = client_as(_dengan_lihat_nik(kader_melati))
    teks = c.get(f"/posyandu/balita/{anak_melati.pk}/ubah/").content.decode()
    assert anak_melati.nik not in teks and "3579********0001" in teks
    assert "tombol-nik" in teks and "js/balita.js" in teks
    assert not LogAksesData.objects.exclude(aksi="lihat_balita").exists()  # opening is logged
    assert c.post(f"/posyandu/balita/{anak_melati.pk}/nik/").json()["nik"] == anak_melati.nik
    assert LogAksesData.objects.exclude(aksi="lihat_balita").get().aksi == "lihat_nik"


def test_edit_form_without_the_permission_has_no_reveal(client_as, kader_melati, anak_melati):
    teks = client_as(kader_melati).get(f"/posyandu/balita/{anak_melati.pk}/ubah/").content.decode()
    assert "tombol-nik" not in teks and "3579********0001" in teks


@pytest.mark.parametrize("lihat_nik", [False, True])
@pytest.mark.parametrize("isian, nik_akhir", [
    ({"nik": ""}, "3579015003240001"),                       # empty keeps the stored NIK
    ({"nik": "3579015003240009"}, "3579015003240009"),       # typed replaces
    ({"nik": "", "hapus_nik": "on"}, ""),                    # explicit removal
])
def test_edit_form_keeps_replaces_or_removes_the_nik(client_as, kader_melati, anak_melati,
                                                     melati, lihat_nik, isian, nik_akhir):
    user = _dengan_lihat_nik(kader_melati) if lihat_nik else kader_melati
    data = data_balita(melati, nama="Aisyah Putri", tanggal_lahir="2024-03-10",
                       jenis_kelamin="P", status="aktif", **isian)
    resp = client_as(user).post(f"/posyandu/balita/{anak_melati.pk}/ubah/", data)
    assert resp.status_code == 302
    anak_melati.refresh_from_db()
    assert anak_melati.nik == nik_akhir
    assert not LogAksesData.objects.exists()


def test_edit_form_refuses_a_new_nik_together_with_removal(client_as, kader_melati,
                                                          anak_melati, melati):
    data = data_balita(melati, nik="3579015003240009", hapus_nik="on", nama="Ganti",
                       tanggal_lahir="2024-03-10", jenis_kelamin="P", status="aktif")
    resp = client_as(kader_melati).post(f"/posyandu/balita/{anak_melati.pk}/ubah/", data)
    teks = resp.content.decode()
    assert resp.status_code == 200 and "Pilih salah satu" in teks
    assert "3579015003240001" not in teks
    anak_melati.refresh_from_db()
    assert (anak_melati.nik, anak_melati.nama) == ("3579015003240001", "Aisyah Putri")


def test_changing_birth_date_or_sex_recomputes_every_measurement(client_as, kader_melati,
                                                                 anak_melati, melati):
    p = ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    z_lama, umur_lama = p.zlen, p.umur_hari
    data = data_balita(melati, nik="", nama="Aisyah Putri", tanggal_lahir="2024-01-10",
                       jenis_kelamin="L", status="aktif")
    assert client_as(kader_melati).post(f"/posyandu/balita/{anak_melati.pk}/ubah/",
                                        data).status_code == 302
    p.refresh_from_db()
    assert p.umur_hari == umur_lama + 60 and p.zlen != z_lama
    from posyandu.growth import score_child
    assert p.zlen == pytest.approx(score_child("L", birth_date=date(2024, 1, 10),
                                               measured_on=date(2025, 8, 12), weight_kg=8.1,
                                               lenhei_cm=74.2).zlen)


def test_a_birth_date_after_a_measurement_is_refused(client_as, kader_melati, anak_melati,
                                                     melati):
    ukur(anak_melati, date(2024, 5, 1), berat=5.0)
    data = data_balita(melati, nik="", nama="Aisyah Putri", tanggal_lahir="2024-06-01",
                       jenis_kelamin="P", status="aktif")
    resp = client_as(kader_melati).post(f"/posyandu/balita/{anak_melati.pk}/ubah/", data)
    assert "sebelum tanggal lahir ini" in resp.content.decode()
    anak_melati.refresh_from_db()
    assert anak_melati.tanggal_lahir == date(2024, 3, 10)


def test_moving_a_child_needs_a_scope_covering_the_target(client_as, kader_melati, dinkes_kota,
                                                         anak_melati, mawar):
    resp = client_as(kader_melati).post(f"/posyandu/balita/{anak_melati.pk}/pindah/",
                                        {"posyandu": mawar.pk}, follow=True)
    assert "di dalam cakupan Anda" in resp.content.decode()
    anak_melati.refresh_from_db()
    assert anak_melati.posyandu.nama == "Melati"
    client_as(dinkes_kota).post(f"/posyandu/balita/{anak_melati.pk}/pindah/",
                                {"posyandu": mawar.pk})
    anak_melati.refresh_from_db()
    assert anak_melati.posyandu == mawar


def test_merging_two_records_keeps_measurements_and_cases(client_as, sekretariat, melati,
                                                          mawar, anak_melati):
    ganda = make_balita(mawar, nama="Aisyah P.", tanggal_lahir=anak_melati.tanggal_lahir,
                        nama_ibu="", nik="")
    ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    ukur(ganda, date(2025, 8, 12), berat=9.9, tinggi=74.2)   # same day: the main record wins
    ukur(ganda, date(2025, 9, 12), berat=7.0, tinggi=70.0)   # stunted: opens a case
    assert Kasus.objects.filter(balita=ganda).exists()
    c = client_as(sekretariat)
    konfirmasi = c.get(f"/posyandu/balita/{anak_melati.pk}/gabung/").content.decode()
    assert "1 pengukurannya pada tanggal yang sama dengan data ini akan dibuang" in konfirmasi
    assert "Penggabungan tidak dapat dibatalkan." in konfirmasi
    # Without "Saya mengerti" nothing is merged.
    ragu = c.post(f"/posyandu/balita/{anak_melati.pk}/gabung/", {"duplikat": ganda.pk},
                  follow=True)
    assert "untuk menggabungkan: data ganda yang dipilih akan dihapus" in ragu.content.decode()
    assert Balita.objects.filter(pk=ganda.pk).exists()
    resp = c.post(f"/posyandu/balita/{anak_melati.pk}/gabung/",
                  {"duplikat": ganda.pk, "yakin": "1"}, follow=True)
    assert resp.redirect_chain[-1][0] == anak_melati.get_absolute_url()
    assert "1 pengukuran data ganda pada tanggal yang sama dengan data ini tidak dipakai" in (
        resp.content.decode())
    assert not Balita.objects.filter(pk=ganda.pk).exists()
    dibuang = Pengukuran.history.filter(balita_id=ganda.pk, history_type="-").get()
    assert str(dibuang.berat_kg) == "9.90"  # the dropped one stays in the audit log
    tanggal = list(anak_melati.pengukuran.order_by("tanggal_ukur").values_list("berat_kg", flat=True))
    assert [str(b) for b in tanggal] == ["8.10", "7.00"]
    assert Kasus.objects.filter(balita=anak_melati).exists()
    assert Balita.history.filter(id=ganda.pk, history_type="-").exists()


def test_merge_without_same_day_measurements_drops_nothing(melati, mawar, anak_melati,
                                                          sekretariat):
    from posyandu import alur

    ganda = make_balita(mawar, nama="Aisyah P.", tanggal_lahir=anak_melati.tanggal_lahir)
    ukur(anak_melati, date(2025, 8, 12), berat=8.1)
    ukur(ganda, date(2025, 8, 13), berat=8.2)
    utama, dibuang = alur.gabungkan_balita(utama=anak_melati, duplikat=ganda,
                                                 user=sekretariat)
    assert (utama, dibuang) == (anak_melati, 0) and utama.pengukuran.count() == 2


def test_merge_refuses_records_with_another_birth_date(client_as, sekretariat, anak_melati,
                                                       anak_mawar):
    resp = client_as(sekretariat).post(f"/posyandu/balita/{anak_melati.pk}/gabung/",
                                       {"duplikat": anak_mawar.pk, "yakin": "1"})
    assert resp.status_code == 404
    assert Balita.objects.count() == 2 and Pengukuran.objects.count() == 0


@pytest.mark.parametrize("url, data", [
    ("/posyandu/balita/{pk}/pindah/", {"posyandu": "abc"}),
    ("/posyandu/balita/{pk}/gabung/", {"duplikat": "1 OR 1=1", "yakin": "1"}),
])
def test_forged_ids_are_refused_without_an_error(client_as, sekretariat, anak_melati, url, data):
    resp = client_as(sekretariat).post(url.format(pk=anak_melati.pk), data)
    assert resp.status_code in (302, 404)
    anak_melati.refresh_from_db()
    assert anak_melati.posyandu.nama == "Melati"


def test_forged_posyandu_in_the_query_string_is_ignored(client_as, kader_melati, melati, mawar):
    c = client_as(kader_melati)
    # The link from a Posyandu page fills in that Posyandu and its desa …
    form = c.get(f"/posyandu/balita/tambah/?posyandu={melati.pk}").context["form"]
    assert form.initial == {"posyandu": melati, "desa": melati.desa}
    # … but a value that is no id, or another Posyandu's id, fills in nothing and is not
    # offered: the kader still chooses among their own Posyandu only.
    for palsu in ("x", "1 OR 1=1", str(mawar.pk)):
        resp = c.get("/posyandu/balita/tambah/", {"posyandu": palsu})
        assert resp.status_code == 200
        form = resp.context["form"]
        assert "posyandu" not in form.initial and "desa" not in form.initial
        assert list(form.fields["posyandu"].queryset) == [melati]
