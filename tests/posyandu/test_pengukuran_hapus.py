"""Deleting a wrong measurement (and what follows it) and editing an event after creation."""

from datetime import date

import pytest

from posyandu.alur import hapus_pengukuran
from posyandu.models import Kasus, Kegiatan, Layanan, Pengukuran, RingkasanBulanan
from tests.factories import make_mitra, make_user
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import ukur

pytestmark = pytest.mark.django_db

JULI = date(2025, 7, 1)


@pytest.fixture
def riwayat(anak_melati):
    """June and August fine; July's weight mistyped (5 kg: severely underweight, a case)."""
    juni = ukur(anak_melati, date(2025, 6, 10), berat=8.0, tinggi=74)
    juli = ukur(anak_melati, date(2025, 7, 10), berat=5.0)
    agustus = ukur(anak_melati, date(2025, 8, 10), berat=8.5, tinggi=76)
    return juni, juli, agustus


def _ringkasan_juli(anak):
    return RingkasanBulanan.objects.filter(bulan=JULI, posyandu=anak.posyandu).first()


def test_kader_deletes_a_wrong_measurement_through_the_page(client_as, kader_melati,
                                                            anak_melati, riwayat):
    juni, juli, agustus = riwayat
    kasus = Kasus.objects.get(pengukuran=juli)
    assert kasus.jenis == Kasus.Jenis.BB_SANGAT_KURANG
    assert _ringkasan_juli(anak_melati).diukur == 1
    c = client_as(kader_melati)

    resp = c.get(f"/posyandu/pengukuran/{juli.pk}/hapus/")
    assert resp.status_code == 200 and "Hapus pengukuran Aisyah Putri tanggal 10-07-2025" in \
        resp.content.decode()
    assert Pengukuran.objects.filter(pk=juli.pk).exists()  # a GET deletes nothing

    resp = c.post(f"/posyandu/pengukuran/{juli.pk}/hapus/")
    assert resp.status_code == 302 and resp["Location"] == anak_melati.get_absolute_url()
    assert not Pengukuran.objects.filter(pk=juli.pk).exists()
    agustus.refresh_from_db()
    assert agustus.naik == "O"  # previous weighing is now June: not weighed last month
    assert not Kasus.objects.filter(pk=kasus.pk).exists()
    assert _ringkasan_juli(anak_melati) is None  # July's summary recomputed: nobody measured
    hapus = Pengukuran.history.filter(id=juli.pk, history_type="-").get()
    assert hapus.history_user == kader_melati and "dihapus" in hapus.history_change_reason
    assert Kasus.history.filter(id=kasus.pk, history_type="-").exists()


def test_a_case_already_referred_stays_and_the_next_measurement_opens_what_is_new(
        anak_melati, kader_melati):
    juni = ukur(anak_melati, date(2025, 6, 10), berat=5.0)  # wrong: severely underweight
    juli = ukur(anak_melati, date(2025, 7, 10), berat=5.1)  # really so, the month after
    kasus = Kasus.objects.get(pengukuran=juni)
    kasus.status, kasus.tanggal_dirujuk = Kasus.Status.DIRUJUK, date(2025, 6, 11)
    kasus.save()
    hapus_pengukuran(pengukuran=juni, user=kader_melati)
    kasus.refresh_from_db()
    assert kasus.status == Kasus.Status.DIRUJUK and kasus.pengukuran is None
    assert Kasus.objects.filter(balita=anak_melati).count() == 1  # no second open case

    kasus.delete()
    mei = ukur(anak_melati, date(2025, 5, 10), berat=5.0)
    assert Kasus.objects.filter(pengukuran=mei).exists()
    hapus_pengukuran(pengukuran=mei, user=kader_melati)
    # The May case went with its measurement; July is now the first finding: a case there.
    assert Kasus.objects.get(balita=anak_melati).pengukuran == juli


def test_delete_from_the_event_page_returns_to_it(client_as, kader_melati, anak_melati, melati):
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=melati)
    p = ukur(anak_melati, kegiatan.tanggal, berat=9, tinggi=76, kegiatan=kegiatan)
    c = client_as(kader_melati)
    html = c.get(kegiatan.get_absolute_url()).content.decode()
    assert f"/posyandu/pengukuran/{p.pk}/hapus/?kembali=kegiatan" in html
    resp = c.post(f"/posyandu/pengukuran/{p.pk}/hapus/", {"kembali": "kegiatan"})
    assert resp["Location"] == kegiatan.get_absolute_url()
    assert not Pengukuran.objects.exists()


def test_out_of_scope_or_without_permission_deletes_nothing(client_as, kader_melati, anak_mawar,
                                                            anak_melati, peran, melati):
    p = ukur(anak_mawar, date(2025, 7, 10), berat=11, tinggi=85)
    c = client_as(kader_melati)
    assert tidak_ditemukan(c.get(f"/posyandu/pengukuran/{p.pk}/hapus/"))
    assert tidak_ditemukan(c.post(f"/posyandu/pengukuran/{p.pk}/hapus/"))
    assert tidak_ditemukan(c.post("/posyandu/pengukuran/999999/hapus/"))
    assert Pengukuran.objects.filter(pk=p.pk).exists()

    from django.contrib.auth.models import Permission

    from posyandu.models import CakupanPetugas
    from tests.posyandu.factories import beri_cakupan

    lihat = make_user("hanya.lihat")
    lihat.user_permissions.add(Permission.objects.get(codename="view_balita"))
    beri_cakupan(lihat, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    q = ukur(anak_melati, date(2025, 7, 10), berat=9, tinggi=76)
    assert client_as(lihat).post(f"/posyandu/pengukuran/{q.pk}/hapus/").status_code == 403
    assert Pengukuran.objects.count() == 2


# --- Editing an event --------------------------------------------------------------------


@pytest.fixture
def kegiatan(melati, kader_melati):
    return Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=melati,
                                   dibuat_oleh=kader_melati)


def test_kader_edits_their_event(client_as, kader_melati, kegiatan, mawar):
    mitra = make_mitra(nama="PT Bank Jatim")
    timbang = Layanan.objects.create(kode="timbang", nama="Penimbangan")
    c = client_as(kader_melati)
    assert f"/posyandu/kegiatan/{kegiatan.pk}/ubah/" in c.get(kegiatan.get_absolute_url()) \
        .content.decode()
    resp = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/ubah/")
    assert resp.status_code == 200 and "Ubah kegiatan" in resp.content.decode()
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ubah/", {
        "jenis": "bulanan", "tanggal": "2025-08-14", "mitra": mitra.pk, "layanan": [timbang.pk],
        "catatan": "Pindah hari karena hujan", "lokasi": "Balai RW 03",
        "posyandu": mawar.pk})  # not a field of the edit: ignored
    assert resp.status_code == 302 and resp["Location"] == kegiatan.get_absolute_url()
    kegiatan.refresh_from_db()
    assert (kegiatan.tanggal, kegiatan.mitra, kegiatan.lokasi, kegiatan.catatan) == (
        date(2025, 8, 14), mitra, "Balai RW 03", "Pindah hari karena hujan")
    assert list(kegiatan.layanan.all()) == [timbang] and kegiatan.posyandu.nama == "Melati"
    assert kegiatan.history.first().history_user == kader_melati


def test_event_date_cannot_move_away_from_its_measurements(client_as, kader_melati, kegiatan,
                                                           anak_melati):
    ukur(anak_melati, kegiatan.tanggal, berat=9, tinggi=76, kegiatan=kegiatan)
    c = client_as(kader_melati)
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ubah/",
                  {"jenis": "bulanan", "tanggal": "2025-08-14", "catatan": "x"})
    assert resp.status_code == 200
    assert "Tanggal tidak dapat diubah: sudah ada 1 pengukuran" in resp.content.decode()
    kegiatan.refresh_from_db()
    assert kegiatan.tanggal == date(2025, 8, 12) and kegiatan.catatan == ""
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ubah/",
                  {"jenis": "bulanan", "tanggal": "2025-08-12", "catatan": "x"})
    assert resp.status_code == 302
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/ubah/", {"jenis": "bulanan", "tanggal": ""})
    assert resp.status_code == 200 and resp.context["form"].errors["tanggal"]


def test_out_of_scope_users_cannot_edit_an_event(client_as, kader_melati, mawar, dinkes_kota):
    di_mawar = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 12), posyandu=mawar)
    kota = Kegiatan.objects.create(jenis="posyandu_spesial", tanggal=date(2025, 8, 12),
                                   lokasi="Rumdin")
    c = client_as(kader_melati)
    for k in (di_mawar, kota):
        assert tidak_ditemukan(c.get(f"/posyandu/kegiatan/{k.pk}/ubah/"))
        assert tidak_ditemukan(c.post(f"/posyandu/kegiatan/{k.pk}/ubah/",
                                      {"jenis": "lainnya", "tanggal": "2025-08-01"}))
    assert tidak_ditemukan(c.get("/posyandu/kegiatan/999999/ubah/"))
    assert set(Kegiatan.objects.values_list("tanggal", flat=True)) == {date(2025, 8, 12)}
    # The city-level officer may edit the city-wide event; its place stays required.
    resp = client_as(dinkes_kota).post(f"/posyandu/kegiatan/{kota.pk}/ubah/",
                                       {"jenis": "posyandu_spesial", "tanggal": "2025-08-12"})
    assert "harus menyebut lokasinya" in resp.content.decode()
    kota.refresh_from_db()
    assert kota.lokasi == "Rumdin"
