"""Personal data of children under UU 27/2022: opening a child's page is logged (once per
user, child and day), the Sekretariat's access log, a parent's request served (export of the
whole record, logged; correction), and the anonymisation of a child beneath the daily job."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from posyandu import alur
from posyandu.models import Balita, Kasus, LogAksesData
from posyandu.models.balita import tanggal_lahir_anonim
from tests.factories import make_user
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import make_balita, ukur

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_uji")]
WIB = ZoneInfo("Asia/Jakarta")
LOG = reverse("posyandu:log-akses")


def _lihat(user):
    return LogAksesData.objects.filter(user=user, aksi=LogAksesData.Aksi.LIHAT_BALITA)


def _dengan_lihat_nik(user):
    user.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    return type(user).objects.get(pk=user.pk)


# --- 1. Opening a child's page is logged -------------------------------------------------


def test_opening_a_childs_page_is_logged_once_per_user_child_and_day(client_as, kader_melati,
                                                                    dinkes_kota, anak_melati):
    with time_machine.travel(datetime(2026, 11, 20, 23, 50, tzinfo=WIB), tick=False):
        c = client_as(kader_melati)
        for _ in range(3):  # reloads write nothing new
            assert c.get(anak_melati.get_absolute_url()).status_code == 200
        c.get(reverse("posyandu:balita-ubah", args=[anak_melati.pk]))  # the same child's form
        log = _lihat(kader_melati).get()
        assert (log.balita, log.tanggal) == (anak_melati, date(2026, 11, 20))
    # Ten minutes later it is another day in Batu (UTC is still on the 20th).
    with time_machine.travel(datetime(2026, 11, 21, 0, 0, tzinfo=WIB), tick=False):
        c.get(anak_melati.get_absolute_url())
    assert list(_lihat(kader_melati).values_list("tanggal", flat=True).order_by("tanggal")) == [
        date(2026, 11, 20), date(2026, 11, 21)]
    client_as(dinkes_kota).get(anak_melati.get_absolute_url())  # another user: their own row
    assert _lihat(dinkes_kota).count() == 1


def test_a_refused_page_logs_nothing(client_as, kader_melati, anak_mawar, pimpinan):
    assert tidak_ditemukan(client_as(kader_melati).get(anak_mawar.get_absolute_url()))
    assert client_as(pimpinan).get(anak_mawar.get_absolute_url()).status_code == 403
    assert not LogAksesData.objects.exists()


def test_logging_costs_the_page_one_query(client_as, kader_melati, anak_melati, monkeypatch):
    ukur(anak_melati, date(2026, 8, 12), berat=9.5, tinggi=80.0)
    c = client_as(kader_melati)
    url = anak_melati.get_absolute_url()
    c.get(url)  # sessions, caches warmed

    def hitung():
        with CaptureQueriesContext(connection) as q:
            assert c.get(url).status_code == 200
        return q.captured_queries

    dengan = hitung()  # the row exists already: the insert is still tried, and dropped
    monkeypatch.setattr(alur, "catat_lihat_balita", lambda **kw: None)
    tanpa = hitung()
    tambahan = [q["sql"] for q in dengan if "posyandu_logaksesdata" in q["sql"]]
    assert len(dengan) == len(tanpa) + 1 and len(tambahan) == 1
    assert tambahan[0].lstrip().upper().startswith("INSERT")


# --- 2. The access log (Sekretariat TPPS) --------------------------------------------------


@pytest.fixture
def riwayat(kader_melati, dinkes_kota, sekretariat, anak_melati, anak_mawar):
    """Access rows over three days: the kader opened Aisyah and revealed her NIK on the
    18th, Dinkes opened Bima on the 19th and exported on the 20th."""
    A = LogAksesData.Aksi
    for waktu, user, aksi, balita in (
        (datetime(2026, 11, 18, 8, 0, tzinfo=WIB), kader_melati, A.LIHAT_BALITA, anak_melati),
        (datetime(2026, 11, 18, 8, 5, tzinfo=WIB), kader_melati, A.LIHAT_NIK, anak_melati),
        (datetime(2026, 11, 19, 9, 0, tzinfo=WIB), dinkes_kota, A.LIHAT_BALITA, anak_mawar),
        (datetime(2026, 11, 20, 0, 30, tzinfo=WIB), dinkes_kota, A.EKSPOR, None),
    ):
        with time_machine.travel(waktu, tick=False):
            LogAksesData.objects.create(user=user, aksi=aksi, balita=balita)


def _baris(resp):
    return [(r.user.username, r.aksi, r.balita_id) for r in resp.context["halaman"]]


def test_sekretariat_filters_the_log_by_child_user_action_and_dates(client_as, sekretariat,
                                                                   riwayat, anak_melati,
                                                                   dinkes_kota):
    c = client_as(sekretariat)
    assert len(_baris(c.get(LOG))) == 4
    resp = c.get(LOG, {"balita": anak_melati.pk})
    assert _baris(resp) == [("kader.melati", "lihat_nik", anak_melati.pk),
                            ("kader.melati", "lihat_balita", anak_melati.pk)]
    teks = resp.content.decode()
    assert "Riwayat akses data pribadi: Aisyah Putri" in teks and "Melihat NIK lengkap" in teks
    assert [r[0] for r in _baris(c.get(LOG, {"pengguna": dinkes_kota.pk}))] == ["gizi.dinkes"] * 2
    assert _baris(c.get(LOG, {"aksi": "ekspor"})) == [("gizi.dinkes", "ekspor", None)]
    assert len(_baris(c.get(LOG, {"nama": "bima"}))) == 1
    # Local days: 00:30 on the 20th in Batu is the 19th in UTC, and is on the 20th here.
    assert [r[1] for r in _baris(c.get(LOG, {"dari": "2026-11-19", "sampai": "2026-11-19"}))] == [
        "lihat_balita"]
    assert len(_baris(c.get(LOG, {"dari": "2026-11-20"}))) == 1


def test_bad_filters_show_a_message_and_nothing(client_as, sekretariat, riwayat):
    c = client_as(sekretariat)
    for saring, pesan in (({"dari": "2026-11-20", "sampai": "2026-11-18"},
                           "Tanggal akhir sebelum tanggal awal"),
                          ({"balita": "999999"}, "Saringan tidak sah"),
                          ({"aksi": "hapus"}, "Saringan tidak sah"),
                          ({"dari": "kemarin"}, "Saringan tidak sah")):
        resp = c.get(LOG, saring)
        assert resp.status_code == 200 and pesan in resp.content.decode()
        assert _baris(resp) == []


@pytest.mark.parametrize("nama", ["kader_melati", "dinkes_kota", "pimpinan", "operator_dinkes"])
def test_only_the_sekretariat_opens_the_log_or_sees_its_link(client_as, request, nama,
                                                            riwayat, anak_melati):
    user = request.getfixturevalue(nama)
    c = client_as(user)
    resp = c.get(LOG, {"balita": anak_melati.pk})
    assert resp.status_code == 403
    if nama in ("kader_melati", "dinkes_kota"):
        teks = c.get(anak_melati.get_absolute_url()).content.decode()
        assert "Riwayat akses" not in teks and LOG not in teks
        assert "permintaan-data" not in teks


def test_the_childs_page_links_the_sekretariat_to_its_log(client_as, sekretariat, anak_melati):
    teks = client_as(sekretariat).get(anak_melati.get_absolute_url()).content.decode()
    assert f'href="{LOG}?balita={anak_melati.pk}"' in teks and "Riwayat akses" in teks


def test_log_page_query_count_does_not_grow_with_rows(client_as, sekretariat, kader_melati,
                                                      melati, django_assert_num_queries):
    c = client_as(sekretariat)
    anak = make_balita(melati, nama="Satu")
    LogAksesData.objects.create(user=kader_melati, aksi="lihat_nik", balita=anak)
    c.get(LOG)
    saring = {"balita": anak.pk, "dari": "2026-01-01"}
    with django_assert_num_queries(9):
        c.get(LOG, saring)
    for i in range(30):
        lain = make_user(f"petugas{i}")
        LogAksesData.objects.create(user=lain, aksi="lihat_balita", balita=anak)
    with django_assert_num_queries(9):
        resp = c.get(LOG, saring)
    assert len(_baris(resp)) == 31


def test_the_log_is_paginated(client_as, sekretariat, kader_melati, anak_melati):
    LogAksesData.objects.bulk_create(
        LogAksesData(user=kader_melati, aksi="lihat_nik", balita=anak_melati) for _ in range(55))
    c = client_as(sekretariat)
    resp = c.get(LOG, {"aksi": "lihat_nik"})
    assert len(_baris(resp)) == 50 and "Halaman 1 dari 2" in resp.content.decode()
    assert "aksi=lihat_nik&amp;halaman=2" in resp.content.decode()
    assert len(_baris(c.get(LOG, {"aksi": "lihat_nik", "halaman": 2}))) == 5


# --- 3. A parent's request: export (logged) and correction ----------------------------------


def _ekspor(c, balita, **data):
    return c.post(reverse("posyandu:balita-ekspor-data", args=[balita.pk]), data)


def _lembar(resp):
    wb = load_workbook(io.BytesIO(resp.content))
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb}


def test_sekretariat_exports_a_childs_whole_record_and_it_is_logged(client_as, sekretariat,
                                                                   kader_melati, anak_melati):
    anak_melati.alamat, anak_melati.rt, anak_melati.rw = "Jl. Melati 3", "02", "05"
    alur.ubah_balita(balita=anak_melati, user=kader_melati)
    ukur(anak_melati, date(2026, 8, 12), berat=7.0, tinggi=70.0, user=kader_melati)  # a case
    LogAksesData.objects.create(user=kader_melati, aksi="lihat_nik", balita=anak_melati)
    c = client_as(sekretariat)
    teks = c.get(anak_melati.get_absolute_url()).content.decode()
    assert "permintaan-data" in teks
    assert reverse("posyandu:balita-ubah", args=[anak_melati.pk]) in teks  # correction

    resp = _ekspor(c, anak_melati, keterangan="Surat Ibu Siti Rahma 12/XI")
    assert resp.status_code == 200 and resp["Content-Disposition"] == (
        f'attachment; filename="data-balita-{anak_melati.pk}-20261120.xlsx"')
    log = LogAksesData.objects.get(aksi=LogAksesData.Aksi.EKSPOR_ANAK)
    assert (log.user, log.balita) == (sekretariat, anak_melati)
    assert "NIK disamarkan" in log.keterangan and "Surat Ibu Siti Rahma 12/XI" in log.keterangan

    lembar = _lembar(resp)
    assert list(lembar) == ["Data balita", "Pengukuran", "Kasus", "Riwayat perubahan",
                            "Log akses"]
    data = {r[0]: r[1] for r in lembar["Data balita"][3:]}
    assert data["NIK"] == "3579********0001"  # no "lihat NIK": masked, as every export
    assert (data["Nama"], data["Nama ibu"], data["Alamat"], data["RT"], data["RW"]) == (
        "Aisyah Putri", "Siti Rahma", "Jl. Melati 3", "02", "05")
    assert data["Jenis kelamin"] == "Perempuan" and data["Kecamatan"] == "Batu"
    assert data["Tanggal lahir"].date() == date(2024, 3, 10)
    kepala, ukuran = lembar["Pengukuran"][0], lembar["Pengukuran"][1]
    assert kepala[:4] == ["Tanggal ukur", "Kegiatan", "Umur (hari)", "Berat (kg)"]
    assert ukuran[3] == 7.0 and ukuran[kepala.index("BB/U")] == "Berat badan sangat kurang"
    assert ukuran[kepala.index("Dicatat oleh")] == "Kader.Melati"
    assert any(r[0].startswith("Stunting") for r in lembar["Kasus"][1:])
    perubahan = lembar["Riwayat perubahan"]
    assert perubahan[1][2] == "dibuat" and "Alamat: – → Jl. Melati 3" in perubahan[2][4]
    aksi = [r[2] for r in lembar["Log akses"][1:]]
    assert "Melihat NIK lengkap" in aksi and aksi[-1] == "Mengekspor seluruh data satu balita"


def test_the_export_carries_the_full_nik_only_with_lihat_nik(client_as, sekretariat, anak_melati):
    resp = _ekspor(client_as(_dengan_lihat_nik(sekretariat)), anak_melati)
    data = {r[0]: r[1] for r in _lembar(resp)["Data balita"][3:]}
    assert data["NIK"] == "3579015003240001"
    assert "NIK lengkap" in LogAksesData.objects.get(aksi="ekspor_anak").keterangan


@pytest.mark.parametrize("nama", ["kader_melati", "dinkes_kota", "pimpinan", "operator_dinkes"])
def test_others_cannot_export_a_childs_record(client_as, request, nama, anak_melati):
    resp = _ekspor(client_as(request.getfixturevalue(nama)), anak_melati)
    assert resp.status_code == 403 and not LogAksesData.objects.filter(aksi="ekspor_anak").exists()


def test_export_is_a_post_and_a_missing_child_is_a_404(client_as, sekretariat, anak_melati):
    c = client_as(sekretariat)
    assert c.get(reverse("posyandu:balita-ekspor-data", args=[anak_melati.pk])).status_code == 405
    assert tidak_ditemukan(c.post(reverse("posyandu:balita-ekspor-data", args=[999999])))
    assert not LogAksesData.objects.filter(aksi="ekspor_anak").exists()


def test_a_formula_in_a_name_stays_text(client_as, sekretariat, melati):
    anak = make_balita(melati, nama="=HYPERLINK(\"http://x\")", nama_ibu="@SUM(1+1)",
                       alamat="+cmd|' /C calc'!A0")
    wb = load_workbook(io.BytesIO(_ekspor(client_as(sekretariat), anak).content))
    teks = {sel.value for baris in wb["Data balita"].iter_rows() for sel in baris
            if isinstance(sel.value, str)}
    assert {"'=HYPERLINK(\"http://x\")", "'@SUM(1+1)", "'+cmd|' /C calc'!A0"} <= teks
    assert not any(t.startswith(("=", "@", "+")) for t in teks)


def test_sekretariat_corrects_the_record_on_the_edit_page(client_as, sekretariat, anak_melati,
                                                          melati):
    c = client_as(sekretariat)
    url = reverse("posyandu:balita-ubah", args=[anak_melati.pk])
    assert c.get(url).status_code == 200
    data = {"nik": "", "nama": "Aisyah Putri Rahma", "jenis_kelamin": "P",
            "tanggal_lahir": "2024-03-10", "nama_ibu": "Siti Rahmawati", "posyandu": melati.pk,
            "desa": melati.desa_id, "rt": "", "rw": "", "alamat": "", "berat_lahir_kg": "",
            "panjang_lahir_cm": "", "punya_buku_kia": "", "status": "aktif"}
    assert c.post(url, data).status_code == 302
    anak_melati.refresh_from_db()
    assert (anak_melati.nama, anak_melati.nama_ibu) == ("Aisyah Putri Rahma", "Siti Rahmawati")
    assert anak_melati.history.first().history_user == sekretariat


# --- 4. Anonymisation (the unit beneath the daily job) --------------------------------------


@pytest.mark.parametrize("lahir, anonim", [
    (date(2019, 3, 1), date(2019, 3, 1)), (date(2019, 3, 2), date(2019, 3, 2)),
    (date(2019, 3, 31), date(2019, 3, 2)), (date(2020, 2, 29), date(2020, 2, 2)),
])
def test_the_anonymised_birth_date_keeps_the_month(lahir, anonim):
    assert tanggal_lahir_anonim(lahir) == anonim


def test_anonymising_clears_identity_in_the_record_its_history_and_merged_duplicates(
        sekretariat, kader_melati, melati, mawar, anak_melati):
    ganda = make_balita(mawar, nama="Aisyah P.", nik="3579015003240009", nama_ibu="Siti R.",
                        alamat="Jl. Mawar 1", tanggal_lahir=anak_melati.tanggal_lahir)
    ukur(ganda, date(2025, 9, 12), berat=7.0, tinggi=70.0)  # stunted: opens a case
    kasus = Kasus.objects.filter(balita=ganda).first()
    kasus.catatan = "Ibu Siti menolak rujukan"
    kasus.save()
    id_ganda = ganda.pk
    alur.gabungkan_balita(utama=anak_melati, duplikat=ganda, user=sekretariat)
    anak_melati.refresh_from_db()
    anak_melati.rt, anak_melati.alamat = "07", "Jl. Melati 3"
    alur.ubah_balita(balita=anak_melati, user=kader_melati)
    lain = make_balita(melati, nama="Citra", nik="3579010101010003")  # another child
    z = list(anak_melati.pengukuran.values_list("umur_hari", "zlen", "zwei", "zwfl"))

    alur.anonimkan_balita(balita=anak_melati)
    anak_melati.refresh_from_db()
    assert anak_melati.nama == f"Balita anonim #{anak_melati.pk}"
    assert (anak_melati.nik, anak_melati.nama_ibu, anak_melati.alamat, anak_melati.rt,
            anak_melati.rw) == ("", "", "", "", "")
    assert anak_melati.tanggal_lahir == date(2024, 3, 2) and anak_melati.jenis_kelamin == "P"
    assert anak_melati.dianonimkan_pada is not None
    # Stored ages and z-scores as they were: nothing was recomputed.
    assert list(anak_melati.pengukuran.values_list("umur_hari", "zlen", "zwei", "zwfl")) == z
    riwayat = Balita.history.filter(id__in=[anak_melati.pk, id_ganda])
    assert {h.id for h in riwayat} == {anak_melati.pk, id_ganda}
    for h in riwayat:
        assert (h.nik, h.nama_ibu, h.alamat, h.rt, h.rw) == ("", "", "", "", "")
        assert h.nama == anak_melati.nama and h.tanggal_lahir == date(2024, 3, 2)
    assert Kasus.history.filter(balita_id=id_ganda).exists()  # rows kept, emptied
    assert not Kasus.history.exclude(catatan="").filter(balita_id__in=[anak_melati.pk, id_ganda])
    assert Kasus.objects.get(pk=kasus.pk).catatan == ""
    lain.refresh_from_db()
    assert (lain.nama, lain.nik) == ("Citra", "3579010101010003")
    assert Balita.history.filter(id=lain.pk, nama="Citra").exists()


def test_an_anonymised_record_is_closed(client_as, kader_melati, sekretariat, anak_melati,
                                        melati):
    p = ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    alur.anonimkan_balita(balita=anak_melati)
    anak_melati.refresh_from_db()
    sekali = anak_melati.dianonimkan_pada
    assert alur.anonimkan_balita(balita=anak_melati).dianonimkan_pada == sekali  # idempotent
    for langkah in (
        lambda: ukur(anak_melati, date(2025, 9, 12), berat=8.3),
        lambda: alur.hapus_pengukuran(pengukuran=p, user=kader_melati),
        lambda: alur.ubah_balita(balita=anak_melati, user=kader_melati),
        lambda: alur.gabungkan_balita(utama=make_balita(melati, tanggal_lahir=date(2024, 3, 2)),
                                      duplikat=anak_melati, user=sekretariat),
    ):
        with pytest.raises(ValidationError, match="sudah dianonimkan"):
            langkah()
    teks = client_as(kader_melati).get(anak_melati.get_absolute_url()).content.decode()
    assert "Dianonimkan" in teks and "Catat pengukuran" not in teks and "Siti" not in teks


def test_recomputing_all_scores_leaves_anonymised_children_alone(melati, anak_melati):
    from django.core.management import call_command

    p = ukur(anak_melati, date(2024, 9, 12), berat=7.1, tinggi=66.0)
    alur.anonimkan_balita(balita=anak_melati)
    call_command("hitung_ulang_zscore", stdout=io.StringIO())
    p2 = type(p).objects.get(pk=p.pk)
    assert (p2.umur_hari, p2.zlen, p2.zwei, p2.naik) == (p.umur_hari, p.zlen, p.zwei, p.naik)


def test_a_merged_duplicate_without_measurements_is_found_by_its_merge(sekretariat, mawar,
                                                                       anak_melati):
    ganda = make_balita(mawar, nama="Aisyah Putri R.", nik="3579015003240007",
                        tanggal_lahir=anak_melati.tanggal_lahir)
    id_ganda = ganda.pk
    alur.gabungkan_balita(utama=anak_melati, duplikat=ganda, user=sekretariat)
    alur.anonimkan_balita(balita=anak_melati)
    assert Balita.history.filter(id=id_ganda).count() == 2
    assert not Balita.history.filter(id=id_ganda).exclude(nik="").exists()
    assert not Balita.history.filter(nama__startswith="Aisyah").exists()
