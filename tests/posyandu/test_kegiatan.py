"""Measurement events and the fast-entry page: rows saved one by one, scored at once."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from posyandu.models import Balita, Kegiatan, Pengukuran
from tests.factories import make_mitra
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db


@pytest.fixture
def kegiatan(melati):
    return Kegiatan.objects.create(jenis="bulan_penimbangan", tanggal=date(2025, 8, 12),
                                   posyandu=melati)


def test_kader_creates_an_event_for_their_posyandu(client_as, kader_melati, melati, mawar):
    mitra = make_mitra(nama="PT Bank Jatim")
    c = client_as(kader_melati)
    resp = c.post("/posyandu/kegiatan/tambah/", {
        "jenis": "bulanan", "tanggal": "2025-08-12", "posyandu": melati.pk, "mitra": mitra.pk})
    kegiatan = Kegiatan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == kegiatan.get_absolute_url()
    assert kegiatan.mitra == mitra and kegiatan.dibuat_oleh == kader_melati

    resp = c.post("/posyandu/kegiatan/tambah/", {"jenis": "bulanan", "tanggal": "2025-08-12",
                                                 "posyandu": mawar.pk})
    assert "pilihan yang valid" in resp.content.decode()
    resp = c.post("/posyandu/kegiatan/tambah/", {"jenis": "posyandu_spesial",
                                                 "tanggal": "2025-08-12", "lokasi": "Rumdin"})
    assert "hanya untuk petugas dengan cakupan seluruh kota" in resp.content.decode()
    assert Kegiatan.objects.count() == 1


def test_a_city_wide_event_needs_a_place_and_a_city_scope(client_as, dinkes_kota):
    c = client_as(dinkes_kota)
    resp = c.post("/posyandu/kegiatan/tambah/", {"jenis": "posyandu_spesial",
                                                 "tanggal": "2025-08-12"})
    assert "harus menyebut lokasinya" in resp.content.decode()
    resp = c.post("/posyandu/kegiatan/tambah/", {
        "jenis": "posyandu_spesial", "nama": "Posyandu Spesial", "tanggal": "2025-08-12",
        "lokasi": "Rumah Dinas Wali Kota"})
    assert resp.status_code == 302 and Kegiatan.objects.get().tingkat_kota


def test_entry_page_lists_the_children_expected(client_as, kader_melati, melati, kegiatan):
    make_balita(melati, nama="Ada", tanggal_lahir=date(2024, 1, 1))
    make_balita(melati, nama="Pindah", tanggal_lahir=date(2024, 1, 1), status="pindah",
                tanggal_status=date(2025, 1, 1))
    make_balita(melati, nama="Besar", tanggal_lahir=date(2020, 7, 1))  # over 60 months
    make_balita(melati, nama="Bayi", tanggal_lahir=date(2025, 5, 1))
    resp = client_as(kader_melati).get(kegiatan.get_absolute_url())
    baris = {b["balita"].nama: b for b in resp.context["baris"]}
    assert set(baris) == {"Ada", "Bayi"}
    # Position defaults by age: lying under 24 months, standing from 24 months.
    assert baris["Bayi"]["cara_awal"] == "l"


def test_saving_a_row_returns_scores_and_categories(client_as, kader_melati, anak_melati,
                                                    kegiatan):
    resp = client_as(kader_melati).post(
        f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/",
        {"berat_kg": "8,1", "tinggi_cm": "74,2", "cara_ukur": "l", "vitamin_a": "on"})
    assert resp.status_code == 200, resp.content
    hasil = resp.json()["hasil"]
    p = Pengukuran.objects.get()
    assert p.tanggal_ukur == kegiatan.tanggal and p.kegiatan == kegiatan and p.vitamin_a
    assert str(p.berat_kg) == "8.10" and hasil["umur"] == "17 bln 2 hr"
    assert hasil["z"]["tb_u"] == f"{p.zlen:.2f}".replace(".", ",")
    assert {k["indeks"]: k["label"] for k in hasil["kategori"]}["PB/U–TB/U"] == p.kategori_tb_u


def test_implausible_values_need_a_confirmation(client_as, kader_melati, anak_melati, kegiatan):
    c = client_as(kader_melati)
    url = f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/"
    resp = c.post(url, {"berat_kg": "81", "tinggi_cm": "74,2"})
    assert resp.status_code == 400 and resp.json()["perlu_konfirmasi"]
    assert "di luar rentang wajar 0,9–58 kg" in " ".join(resp.json()["kesalahan"])
    assert not Pengukuran.objects.exists()
    resp = c.post(url, {"berat_kg": "81", "tinggi_cm": "74,2", "konfirmasi": "on"})
    assert resp.status_code == 200
    assert any("tidak wajar menurut WHO" in p for p in resp.json()["hasil"]["peringatan"])


@pytest.mark.parametrize("data, pesan", [
    ({"berat_kg": "8..1"}, "Masukkan angka"),
    ({"berat_kg": "-2"}, "lebih besar dari atau sama dengan 0"),
    ({"cara_ukur": "x", "berat_kg": "8"}, "pilihan yang valid"),
    ({}, "Isi sedikitnya satu ukuran"),
])
def test_garbage_is_refused_with_a_message_and_saves_nothing(client_as, kader_melati,
                                                             anak_melati, kegiatan, data, pesan):
    resp = client_as(kader_melati).post(
        f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/", data)
    assert resp.status_code == 400 and pesan in " ".join(resp.json()["kesalahan"])
    assert not Pengukuran.objects.exists()


def test_register_a_child_on_the_spot(client_as, kader_melati, melati, kegiatan):
    c = client_as(kader_melati)
    data = {"nama": "Zahra", "jenis_kelamin": "P", "tanggal_lahir": "2025-02-01",
            "nama_ibu": "Lina", "posyandu": melati.pk, "desa": melati.desa_id}
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/", data)
    assert resp.status_code == 200 and resp.json()["ok"]
    zahra = Balita.objects.get(nama="Zahra")
    assert f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{zahra.pk}/" in resp.json()["html"]
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/", data)
    assert resp.status_code == 409 and "Sudah terdaftar: Zahra" in resp.json()["kesalahan"][0]
    assert Balita.objects.filter(nama="Zahra").count() == 1
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/", {**data, "tanggal_lahir": ""})
    assert resp.status_code == 400 and "Tanggal lahir" in resp.json()["kesalahan"][0]


def test_a_visitor_measured_at_the_event_stays_on_its_page(client_as, dinkes_kota, kegiatan,
                                                           anak_mawar):
    ukur(anak_mawar, kegiatan.tanggal, berat=11, tinggi=85, kegiatan=kegiatan)
    resp = client_as(dinkes_kota).get(kegiatan.get_absolute_url())
    assert any(b["balita"] == anak_mawar and b["p"] for b in resp.context["baris"])


def test_future_dates_are_refused_in_the_single_form(client_as, kader_melati, anak_melati):
    besok = (timezone.localdate() + timedelta(days=1)).isoformat()
    resp = client_as(kader_melati).post(f"/posyandu/balita/{anak_melati.pk}/ukur/",
                                        {"tanggal_ukur": besok, "berat_kg": "9"})
    assert "tidak boleh di masa depan" in resp.content.decode()
    assert not Pengukuran.objects.exists()


def test_entry_page_query_count_does_not_grow_with_rows(client_as, kader_melati, melati,
                                                        kegiatan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_as(kader_melati)

    def hitung():
        with CaptureQueriesContext(connection) as q:
            resp = c.get(kegiatan.get_absolute_url())
        return len(q), len(resp.context["baris"])

    for i in range(3):
        anak = make_balita(melati, nama=f"Anak {i}", tanggal_lahir=date(2024, 1, 1 + i))
        ukur(anak, kegiatan.tanggal, berat=9, tinggi=76, kegiatan=kegiatan)
    sedikit = hitung()
    for i in range(10):
        anak = make_balita(melati, nama=f"Anak lagi {i}", tanggal_lahir=date(2024, 2, 1 + i))
        ukur(anak, kegiatan.tanggal, berat=9, tinggi=76, kegiatan=kegiatan)
    banyak = hitung()
    assert (sedikit[1], banyak[1]) == (3, 13)
    assert sedikit[0] == banyak[0]


# --- The result shown after a save: age, z-scores and categories -------------------------


def test_saved_row_shows_z_scores_in_json_and_on_the_page(client_as, kader_melati, anak_melati,
                                                          kegiatan):
    c = client_as(kader_melati)
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/",
                  {"berat_kg": "8,1", "tinggi_cm": "74,2", "cara_ukur": "l"})
    p = Pengukuran.objects.get()
    z = resp.json()["hasil"]["z"]
    assert z == {"tb_u": f"{p.zlen:.2f}".replace(".", ","),
                 "bb_u": f"{p.zwei:.2f}".replace(".", ","),
                 "bb_tb": f"{p.zwfl:.2f}".replace(".", ","),
                 "imt_u": f"{p.zbmi:.2f}".replace(".", ",")}
    # The result cell the script shows at once, and the row after reloading the page,
    # show the same three z-scores.
    baris = f"Z: TB/U {z['tb_u']} · BB/U {z['bb_u']} · BB/TB {z['bb_tb']}"
    assert baris in resp.json()["html"]
    html = c.get(kegiatan.get_absolute_url()).content.decode()
    assert baris in html
    assert "," in z["tb_u"] and "." not in z["tb_u"]


def test_result_template_and_script_show_the_z_scores():
    from django.conf import settings
    from django.template.loader import render_to_string

    html = render_to_string("posyandu/_hasil_ukur.html", {"h": {
        "umur": "17 bln 2 hr", "naik": "", "peringatan": [], "kategori": [],
        "z": {"tb_u": "-2,31", "bb_u": "-1,05", "bb_tb": None, "imt_u": None}}})
    assert "Z: TB/U -2,31 · BB/U -1,05 · BB/TB –" in html
    # A saved row shows this very template: the script inserts what the server rendered.
    js = (settings.BASE_DIR / "static/js/entri-cepat.js").read_text()
    assert "res.j.html" in js and "TB/U" not in js


# --- Refusals of the JSON endpoints are JSON, with a message the script shows -------------


def test_out_of_scope_row_is_refused_as_json(client_as, kader_melati, anak_mawar, kegiatan):
    resp = client_as(kader_melati).post(
        f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_mawar.pk}/", {"berat_kg": "9"})
    # Another Posyandu's child and a child that does not exist get one answer.
    assert resp["Content-Type"] == "application/json" and tidak_ditemukan(resp)
    resp = client_as(kader_melati).post(f"/posyandu/kegiatan/{kegiatan.pk}/ukur/999999/",
                                        {"berat_kg": "9"})
    assert tidak_ditemukan(resp)
    assert not Pengukuran.objects.exists()


def test_a_user_without_the_permission_gets_json_403(client_as, melati, anak_melati, kegiatan,
                                                     peran):
    from posyandu.models import CakupanPetugas
    from tests.factories import make_user
    from tests.posyandu.factories import beri_cakupan

    lihat = make_user("hanya.lihat")
    from django.contrib.auth.models import Permission
    lihat.user_permissions.add(Permission.objects.get(codename="view_balita"))
    beri_cakupan(lihat, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    resp = client_as(lihat).post(f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/",
                                 {"berat_kg": "9"})
    assert resp.status_code == 403 and "Anda tidak berhak" in resp.json()["kesalahan"][0]
    assert not Pengukuran.objects.exists()


def test_expired_csrf_or_session_answers_json_session_ended(kader_melati, anak_melati, kegiatan,
                                                            melati):
    from django.test import Client

    url = f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak_melati.pk}/"
    c = Client(enforce_csrf_checks=True)
    c.force_login(kader_melati)
    resp = c.post(url, {"berat_kg": "9"}, HTTP_X_CSRFTOKEN="salah")
    assert resp.status_code == 403 and resp.json()["sesi_berakhir"]
    assert "Sesi berakhir, muat ulang halaman" in resp.json()["kesalahan"][0]
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/", {"nama": "X"})
    assert resp.status_code == 403 and resp.json()["sesi_berakhir"]
    assert not Pengukuran.objects.exists() and not Balita.objects.filter(nama="X").exists()

    # With a valid token the same client saves.
    c.get(kegiatan.get_absolute_url())
    token = c.cookies["csrftoken"].value
    resp = c.post(url, {"berat_kg": "9"}, HTTP_X_CSRFTOKEN=token)
    assert resp.status_code == 200 and resp.json()["ok"]

    keluar = Client()  # signed out: no redirect to the sign-in page, a JSON answer
    resp = keluar.post(url, {"berat_kg": "9,5"})
    assert resp.status_code == 401 and resp.json()["sesi_berakhir"]
    assert Pengukuran.objects.get().berat_kg == 9
