"""K of SKDN: whether a child holds a KIA book/KMS ("punya buku KIA"), recorded on the
child's form, at registration on the event page, by the e-PPGBM import, and exported."""

import csv
import io
from datetime import date

import pytest

from posyandu.eppgbm.ekspor import baris as baris_ekspor
from posyandu.eppgbm.ekspor import csv_bertahap, pengukuran_untuk_ekspor
from posyandu.eppgbm.impor import BARU, DITOLAK, SAMA, impor_berkas, pratinjau, tulis_ditolak
from posyandu.laporan import rekap_skdn
from posyandu.models import Balita, Kegiatan
from tests.posyandu.eppgbm_berkas import HEADER, baris, tulis_csv
from tests.posyandu.factories import make_balita, make_posyandu, ukur
from tests.posyandu.test_balita import data_balita

pytestmark = pytest.mark.django_db

AGUSTUS = date(2025, 8, 1)
LAHIR = date(2024, 1, 1)


def test_k_counts_children_of_s_recorded_with_a_kia_book(melati, mawar):
    make_balita(melati, nama="A", tanggal_lahir=LAHIR, punya_buku_kia=True)
    make_balita(melati, nama="B", tanggal_lahir=LAHIR, punya_buku_kia=True)
    make_balita(melati, nama="C", tanggal_lahir=LAHIR, punya_buku_kia=False)
    make_balita(melati, nama="D", tanggal_lahir=LAHIR)                     # not recorded
    make_balita(melati, nama="Tua", tanggal_lahir=date(2020, 1, 1), punya_buku_kia=True)
    make_balita(mawar, nama="Lain", tanggal_lahir=LAHIR, punya_buku_kia=True)
    assert Balita.objects.jumlah_sasaran_dan_kia_per_posyandu(AGUSTUS) == {
        melati.pk: (4, 2, 1), mawar.pk: (1, 1, 0)}
    kenanga = make_posyandu("Kenanga", desa=melati.desa, puskesmas=melati.puskesmas)
    rekap, kosong = rekap_skdn([melati, kenanga], AGUSTUS)
    assert (rekap.s, rekap.k, rekap.k_belum, rekap.k_per_s) == (4, 2, 1, 50.0)
    assert (kosong.s, kosong.k, kosong.k_per_s) == (0, 0, None)


def test_skdn_page_shows_k_and_k_per_s_and_says_unknown_is_not_k(client_as, kader_melati,
                                                                   melati):
    make_balita(melati, nama="A", tanggal_lahir=LAHIR, punya_buku_kia=True)
    make_balita(melati, nama="B", tanggal_lahir=LAHIR, punya_buku_kia=False)
    make_balita(melati, nama="C", tanggal_lahir=LAHIR)
    teks = client_as(kader_melati).get(f"/posyandu/posyandu/{melati.pk}/skdn/",
                                       {"bulan": "2025-08"}).content.decode()
    assert '<td class="text-end fs-5" id="skdn-k">1</td>' in teks
    assert '<td class="text-end" id="skdn-k-s">33,3%</td>' in teks
    assert "(1 balita belum dicatat)" in teks
    assert "belum dicatat dihitung tidak memiliki buku KIA" in teks


def test_the_child_form_records_it_with_history(client_as, kader_melati, melati, anak_melati):
    c = client_as(kader_melati)
    teks = c.get(f"/posyandu/balita/{anak_melati.pk}/ubah/").content.decode()
    assert 'name="punya_buku_kia"' in teks and "Belum dicatat" in teks
    data = data_balita(melati, nik="", nama=anak_melati.nama, tanggal_lahir="2024-03-10",
                       jenis_kelamin="P", status="aktif", punya_buku_kia="True")
    assert c.post(f"/posyandu/balita/{anak_melati.pk}/ubah/", data).status_code == 302
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is True
    assert anak_melati.history.first().punya_buku_kia is True
    assert "Buku KIA/KMS: punya" in c.get(anak_melati.get_absolute_url()).content.decode()
    data["punya_buku_kia"] = "False"
    c.post(f"/posyandu/balita/{anak_melati.pk}/ubah/", data)
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is False
    assert [h.punya_buku_kia for h in anak_melati.history.all()[:3]] == [False, True, None]
    # Garbage is refused and nothing changes.
    resp = c.post(f"/posyandu/balita/{anak_melati.pk}/ubah/", {**data, "punya_buku_kia": "x"})
    assert resp.status_code == 200 and "Masukkan pilihan yang valid" in resp.content.decode()
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is False


def test_registration_on_the_event_page_records_it(client_as, kader_melati, melati):
    kegiatan = Kegiatan.objects.create(jenis="bulan_penimbangan", tanggal=date(2025, 8, 12),
                                       posyandu=melati)
    c = client_as(kader_melati)
    assert 'name="punya_buku_kia"' in c.get(kegiatan.get_absolute_url()).content.decode()
    data = {"nama": "Zahra", "jenis_kelamin": "P", "tanggal_lahir": "2025-02-01",
            "nama_ibu": "Lina", "posyandu": melati.pk, "desa": melati.desa_id,
            "punya_buku_kia": "True"}
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/", data)
    assert resp.status_code == 200 and resp.json()["ok"]
    assert Balita.objects.get(nama="Zahra").punya_buku_kia is True
    c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/",
           {**data, "nama": "Zaki", "nama_ibu": "Rina", "punya_buku_kia": ""})
    assert Balita.objects.get(nama="Zaki").punya_buku_kia is None


def test_import_reads_ya_tidak_and_blank_keeps_the_stored_value(tmp_path, melati, anak_melati,
                                                                 anak_mawar, sekretariat):
    anak_mawar.punya_buku_kia = True
    anak_mawar.save()
    mawar = {"NIK": "", "Nama": "Bima Sakti", "JK": "L", "Tgl Lahir": "01/06/2023",
             "Nama Ortu": "Dewi", "Kec": "Bumiaji", "Desa/Kel": "Bumiaji", "Posyandu": "Mawar",
             "Berat": "11", "Tinggi": "85"}
    rows = [
        baris(KIA="Ya"),                                       # registered, None → True
        baris(**mawar, KIA=""),                                # blank: stays True
        baris(NIK="", Nama="Citra", **{"Nama Ortu": "Wati"}, KIA="tidak"),      # new: False
        baris(NIK="", Nama="Dodi", JK="L", **{"Nama Ortu": "Yanti"}, KIA=" "),  # new: None
    ]
    f = tulis_csv(tmp_path / "kia.csv", rows)
    hasil = pratinjau(f)
    assert hasil.hitung()["kia_berubah"] == 1 and hasil.status == [BARU] * 4
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is None  # a preview writes nothing

    impor_berkas(f, user=sekretariat)
    anak_melati.refresh_from_db()
    anak_mawar.refresh_from_db()
    assert (anak_melati.punya_buku_kia, anak_mawar.punya_buku_kia) == (True, True)
    assert Balita.objects.get(nama="Citra").punya_buku_kia is False
    assert Balita.objects.get(nama="Dodi").punya_buku_kia is None
    h = anak_melati.history.first()
    assert h.punya_buku_kia is True and h.history_user == sekretariat
    assert "KIA" in h.history_change_reason

    # The same rows again: measurements the same, a "Tidak" corrects the book, with history.
    rows[0] = baris(KIA="TIDAK PUNYA")
    hasil = impor_berkas(tulis_csv(tmp_path / "kia2.csv", rows))
    assert hasil.status == [SAMA] * 4 and hasil.hitung()["kia_berubah"] == 1
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is False
    assert [x.punya_buku_kia for x in anak_melati.history.all()[:2]] == [False, True]
    # And again: nothing to change.
    assert impor_berkas(tulis_csv(tmp_path / "kia3.csv", rows)).hitung()["kia_berubah"] == 0


def test_import_rejects_an_unknown_kia_value_naming_its_column(tmp_path, melati, anak_melati):
    hasil = impor_berkas(tulis_csv(tmp_path / "kia.csv", [baris(KIA="mungkin")]))
    assert hasil.status == [DITOLAK]
    assert hasil.baris[0].alasan_per_kolom() == [
        ("KIA", "Kolom KIA: 'mungkin' tidak dikenal; gunakan Ya, Tidak, atau kosongkan.")]
    teks = io.StringIO()
    tulis_ditolak(hasil, teks)
    assert '2;KIA;"Kolom KIA:' in teks.getvalue()
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is None and not anak_melati.pengukuran.exists()


def test_export_writes_the_kia_column_and_it_comes_back(tmp_path, melati, sekretariat):
    for nama, kia in (("Ada", True), ("Tiada", False), ("Entah", None)):
        anak = make_balita(melati, nama=nama, nama_ibu=f"Ibu {nama}", punya_buku_kia=kia)
        ukur(anak, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    qs = pengukuran_untuk_ekspor(sekretariat).order_by("balita__nama")
    per_nama = {r[1]: r[HEADER.index("KIA")] for r in baris_ekspor(qs)}
    assert per_nama == {"Ada": "Ya", "Tiada": "Tidak", "Entah": ""}
    teks = "".join(csv_bertahap(qs)).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(teks), delimiter=";"))
    assert {r["Nama"]: r["KIA"] for r in rows} == per_nama

    # Back in after the records are cleared of it: the file restores what it says.
    Balita.objects.update(punya_buku_kia=None)
    f = tmp_path / "e.csv"
    f.write_text(teks, encoding="utf-8")
    assert impor_berkas(f).hitung()["kia_berubah"] == 2
    assert dict(Balita.objects.values_list("nama", "punya_buku_kia")) == {
        "Ada": True, "Tiada": False, "Entah": None}


def test_merging_keeps_a_recorded_kia_book(melati, kader_melati):
    from posyandu.alur import gabungkan_balita

    utama = make_balita(melati, nama="Utama")
    duplikat = make_balita(melati, nama="Utama dobel", punya_buku_kia=False)
    gabungkan_balita(utama=utama, duplikat=duplikat, user=kader_melati)
    utama.refresh_from_db()
    assert utama.punya_buku_kia is False  # "no" is a record: not lost to "not recorded"
    lain = make_balita(melati, nama="Lain", punya_buku_kia=True)
    gabungkan_balita(utama=utama, duplikat=lain, user=kader_melati)
    utama.refresh_from_db()
    assert utama.punya_buku_kia is False  # the main record's own value stays


def test_import_page_says_how_many_kia_records_the_file_changes(client_as, kader_melati,
                                                                 anak_melati, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from posyandu.models import ImporEppgbm

    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": tmp_path / "media"}}}
    c = client_as(kader_melati)
    data = tulis_csv(tmp_path / "a.csv", [baris(KIA="Ya")]).read_bytes()
    c.post(reverse("posyandu:impor-unggah"),
           {"berkas": SimpleUploadedFile("a.csv", data, content_type="text/csv")})
    impor = ImporEppgbm.objects.get()
    halaman = c.get(impor.get_absolute_url()).content.decode()
    assert "Kolom KIA mengubah isian buku KIA 1 balita terdaftar" in halaman
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is None
    c.post(reverse("posyandu:impor-simpan", args=[impor.pk]))
    halaman = c.get(impor.get_absolute_url()).content.decode()
    assert "Isian buku KIA 1 balita terdaftar diperbarui" in halaman
    anak_melati.refresh_from_db()
    assert anak_melati.punya_buku_kia is True
