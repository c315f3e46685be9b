"""e-PPGBM import: headers, matching, preview, rejection, idempotence, scope, commit."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from posyandu import alur
from posyandu.eppgbm import impor as impor_mod
from posyandu.eppgbm.impor import BARU, BERUBAH, DITOLAK, SAMA, impor_berkas, pratinjau
from posyandu.eppgbm.kolom import KolomError, petakan
from posyandu.models import Balita, Kasus, Pengukuran
from posyandu.skor import INDEKS_Z, hitung_naik, isi_skor
from tests.posyandu.eppgbm_berkas import HEADER, baris, tulis_csv, tulis_xlsx
from tests.posyandu.factories import make_balita, ukur


def test_headers_are_matched_loosely_including_pukesmas():
    peta = petakan(["nik", " NAMA ", "jenis kelamin", "TGL_LAHIR", "Nama Ibu", "kecamatan",
                    "Puskesmas", "Desa / Kel", "posyandu", "tanggal  pengukuran", "BERAT",
                    "Tinggi", "zs bb/u"])
    assert peta["puskesmas"] == 6 and peta["nama_ortu"] == 4 and peta["zs_bb_u"] == 12
    assert petakan(HEADER)["puskesmas"] == HEADER.index("Pukesmas")


def test_missing_columns_are_named_in_indonesian(tmp_path, melati):
    with pytest.raises(KolomError, match="Kolom wajib tidak ditemukan: Tgl Lahir, Berat"):
        petakan(["Nama", "JK", "Kec", "Desa/Kel", "Posyandu", "Tanggal Pengukuran", "Tinggi"])
    f = tmp_path / "x.csv"
    f.write_text("Nama;JK\nA;L\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Kolom wajib"):
        call_command("import_eppgbm", str(f), stdout=io.StringIO())
    assert not Balita.objects.exists()


def test_import_creates_children_and_scores_with_the_engine_not_the_file(tmp_path, melati, mawar):
    f = tulis_csv(tmp_path / "a.csv", [
        baris(),
        baris(**{"Tanggal Pengukuran": "12/07/2025", "Berat": "7.9", "Tinggi": "73"}),
        baris(NIK="", Nama="Bima Sakti", JK="L", **{"Tgl Lahir": "2023-06-01", "Nama Ortu": "Dewi",
              "Kec": "Bumiaji", "Desa/Kel": "Bumiaji", "Posyandu": "posyandu MAWAR",
              "Berat": "11", "Tinggi": "85", "Cara Ukur": "Berdiri"}),
    ])
    out = io.StringIO()
    call_command("import_eppgbm", str(f), "--dry-run", stdout=out)
    assert "Dibuat: 3" in out.getvalue() and not Pengukuran.objects.exists()
    call_command("import_eppgbm", str(f), stdout=out)
    assert Balita.objects.count() == 2
    aisyah = Balita.objects.get(nama="Aisyah Putri")
    assert (aisyah.posyandu, aisyah.desa, aisyah.nik, aisyah.rt) == (melati, melati.desa,
                                                                     "3579015003240001", "002")
    assert aisyah.berat_lahir_kg == Decimal("3.10")
    bima = Balita.objects.get(nama="Bima Sakti")
    assert bima.posyandu == mawar  # desa Bumiaji of kecamatan Bumiaji
    for p in Pengukuran.objects.select_related("balita"):
        segar = Pengukuran.objects.select_related("balita").get(pk=p.pk)
        isi_skor([segar])
        for k in (*INDEKS_Z, "kategori_bb_u", "kategori_tb_u", "kategori_bb_tb"):
            assert getattr(p, k) == getattr(segar, k)
        assert p.zwei != 9.99
    naik = dict(aisyah.pengukuran.values_list("tanggal_ukur", "naik"))
    assert naik == {date(2025, 7, 12): "B", date(2025, 8, 12): "N"}


def test_same_file_twice_adds_nothing_and_xlsx_works(tmp_path, melati):
    rows = [baris(), baris(**{"Tanggal Pengukuran": "12/07/2025", "Berat": "7,9"})]
    f = tulis_xlsx(tmp_path / "a.xlsx", rows)
    pertama = impor_berkas(f)
    assert pertama.hitung()[BARU] == 2
    kedua = impor_berkas(f)
    assert kedua.hitung()[SAMA] == 2 and kedua.hitung()[BARU] == 0
    assert Pengukuran.objects.count() == 2 and Balita.objects.count() == 1


def test_xlsx_number_and_date_cells(tmp_path, melati):
    r = baris(NIK=3579015003240001.0, Berat=8.1, Tinggi=74.2)
    r["Tgl Lahir"] = date(2024, 3, 10)
    r["Tanggal Pengukuran"] = date(2025, 8, 12)
    hasil = impor_berkas(tulis_xlsx(tmp_path / "n.xlsx", [r]))
    assert hasil.hitung()[BARU] == 1
    assert Balita.objects.get().nik == "3579015003240001"


def test_changed_measurement_of_the_same_day_is_updated_with_history(tmp_path, melati, sekretariat):
    anak = make_balita(melati, nik="3579015003240001")
    p = ukur(anak, date(2025, 8, 12), berat=8.0, tinggi=74.0)
    hasil = pratinjau(tulis_csv(tmp_path / "c.csv", [baris(Nama="AISYAH  putri")]),
                      user=sekretariat)
    assert hasil.status == [BERUBAH]
    assert "berat 8.00 kg" in hasil.contoh()[0]["lama"]
    impor_berkas(tulis_csv(tmp_path / "c.csv", [baris(Nama="AISYAH  putri")]), user=sekretariat)
    p.refresh_from_db()
    assert (p.berat_kg, p.tinggi_cm) == (Decimal("8.10"), Decimal("74.2"))
    riwayat = list(p.history.order_by("history_date"))
    assert len(riwayat) == 2 and riwayat[-1].history_user == sekretariat
    assert riwayat[0].berat_kg == Decimal("8.00")
    assert Balita.objects.count() == 1


def test_children_matched_by_name_birth_and_mother_twins_on_a_parents_nik(tmp_path, melati):
    tanpa_nik = make_balita(melati, nama="Citra Dewi", nik="", nama_ibu="Rina")
    f = tulis_csv(tmp_path / "m.csv", [
        baris(NIK="", Nama="citra dewi", **{"Nama Ortu": "RINA", "Tgl Lahir": "10/03/2024"}),
        baris(NIK="3579010101800001", Nama="Kembar Satu"),
        baris(NIK="3579010101800001", Nama="Kembar Dua"),
    ])
    hasil = impor_berkas(f)
    assert hasil.hitung()[BARU] == 3 and hasil.balita_baru == 2
    assert tanpa_nik.pengukuran.count() == 1
    assert Balita.objects.filter(nik="3579010101800001").count() == 2
    assert Balita.objects.nik_dipakai_bersama().count() == 2


def test_malformed_rows_are_rejected_with_reasons_and_others_imported(tmp_path, melati):
    rows = [
        baris(),
        baris(**{"Tgl Lahir": "31/02/2024"}),
        baris(Nama="Anak B", Berat="delapan"),
        baris(Nama="Anak C", NIK="3.57901E+15"),
        baris(Nama="Anak D", **{"Tanggal Pengukuran": "01/01/2024"}),
        baris(Nama="Anak E", Kec="Batu", **{"Desa/Kel": "Bumiaji"}),
        baris(Nama="Anak F", Posyandu="Kamboja"),
        baris(),  # a duplicate row
        baris(Berat="8,4"),  # same child, same day, other values
        baris(Nama="Anak G", **{"Tanggal Pengukuran": "12/08/2099"}),
        baris(Nama="Anak H", Berat="", Tinggi=""),
        baris(Nama="Anak I", Tinggi="742"),
    ]
    hasil = pratinjau(tulis_csv(tmp_path / "r.csv", rows))
    alasan = {b.nomor: " ".join(b.alasan) for b in hasil.baris}
    assert hasil.status[0] == BARU and hasil.status[1:].count(DITOLAK) == 11
    assert "tidak ada di kalender" in alasan[3]
    assert "Kolom Berat: 'delapan' bukan angka yang sah" in alasan[4]
    assert "angka ilmiah" in alasan[5]
    assert "sebelum tanggal lahir" in alasan[6]
    assert "'Bumiaji' tidak ada di Kecamatan 'Batu'" in alasan[7]
    assert "Posyandu 'Kamboja' tidak terdaftar" in alasan[8]
    assert "Baris ganda: sama dengan baris 2" in alasan[9]
    assert "satu pengukuran per hari" in alasan[10]
    assert "masa depan" in alasan[11]
    assert "Berat dan tinggi kosong" in alasan[12]
    assert "tidak masuk akal" in alasan[13]
    assert not Pengukuran.objects.exists()
    impor_berkas(tulis_csv(tmp_path / "r.csv", rows))
    assert Pengukuran.objects.count() == 1 and Balita.objects.count() == 1


def test_scope_a_petugas_imports_only_into_their_posyandu(tmp_path, melati, mawar, kader_melati,
                                                          anak_mawar):
    f = tulis_csv(tmp_path / "s.csv", [
        baris(),
        baris(Nama="Budi", Kec="Bumiaji", **{"Desa/Kel": "Bumiaji"}, Posyandu="Mawar"),
        # a child registered at Mawar, weighed with a Melati row: still outside the scope
        baris(NIK="", Nama="Bima Sakti", JK="L", **{"Tgl Lahir": "01/06/2023", "Nama Ortu": "Dewi"}),
    ])
    hasil = impor_berkas(f, user=kader_melati)
    assert hasil.status == [BARU, DITOLAK, DITOLAK]
    assert "di luar cakupan wilayah Anda" in " ".join(hasil.baris[1].alasan)
    assert "terdaftar di Posyandu Mawar, di luar cakupan" in " ".join(hasil.baris[2].alasan)
    assert not anak_mawar.pengukuran.exists()
    out = io.StringIO()
    call_command("import_eppgbm", str(f), "--pengguna", "kader.melati", stdout=out)
    assert "Ditolak: 2" in out.getvalue()


def test_commit_is_all_or_nothing(tmp_path, melati, monkeypatch):
    def gagal(*a, **k):
        raise RuntimeError("putus")

    monkeypatch.setattr(alur, "buka_kasus_banyak", gagal)
    with pytest.raises(RuntimeError):
        impor_berkas(tulis_csv(tmp_path / "g.csv", [baris(), baris(Nama="Lain")]))
    assert not Balita.objects.exists() and not Pengukuran.objects.exists()


def test_cases_open_for_the_latest_imported_measurement(tmp_path, melati):
    impor_berkas(tulis_csv(tmp_path / "k.csv", [baris(Tinggi="66", Berat="7,9")]))
    assert set(Kasus.objects.values_list("jenis", flat=True)) == {"stunting"}


def test_n_t_counts_completed_months_at_the_end_of_a_month(melati):
    """KBM by completed months, as relativedelta counts them: born 31 January, on 30 March
    a child is 1 month old (KBM 800 g), on 31 March 2 months (KBM 900 g)."""
    anak = make_balita(melati, nama="Akhir Bulan", nik="", tanggal_lahir=date(2024, 1, 31))
    Pengukuran.objects.create(balita=anak, tanggal_ukur=date(2024, 2, 29),
                              berat_kg=Decimal("4.00"))
    Pengukuran.objects.create(balita=anak, tanggal_ukur=date(2024, 3, 30),
                              berat_kg=Decimal("4.85"))
    hitung_naik(anak)
    assert list(anak.pengukuran.order_by("tanggal_ukur").values_list("naik", flat=True)) == [
        "B", "N"]
    Pengukuran.objects.filter(tanggal_ukur=date(2024, 3, 30)).update(
        tanggal_ukur=date(2024, 3, 31))
    hitung_naik(anak)
    assert list(anak.pengukuran.order_by("tanggal_ukur").values_list("naik", flat=True)) == [
        "B", "T"]


def test_empty_optional_cells_keep_what_is_stored(tmp_path, melati, anak_melati):
    """A file without LiLA or Cara Ukur must not erase them (nor the lying/standing
    correction); a filled cell updates the stored value."""
    tgl = date(2025, 8, 12)
    p = ukur(anak_melati, tgl, berat=8.1, tinggi=74.2, cara_ukur="l", lila_cm=Decimal("13.5"))
    zlen_awal = p.zlen
    kosong = {"LiLA": "", "Cara Ukur": ""}

    f = tulis_csv(tmp_path / "sama.csv", [baris(**kosong)])
    hasil = impor_berkas(f)
    assert hasil.status == [SAMA]  # same weight and height, nothing said about the rest
    p.refresh_from_db()
    assert (p.lila_cm, p.cara_ukur, p.zlen) == (Decimal("13.5"), "l", zlen_awal)

    f = tulis_csv(tmp_path / "berat.csv", [baris(Berat="8,4", **kosong)])
    hasil = impor_berkas(f)
    assert hasil.status == [BERUBAH]
    p.refresh_from_db()
    assert (p.berat_kg, p.lila_cm, p.cara_ukur) == (Decimal("8.40"), Decimal("13.5"), "l")
    segar = Pengukuran.objects.select_related("balita").get(pk=p.pk)
    isi_skor([segar])
    assert p.zlen == segar.zlen == zlen_awal  # still scored as measured lying down

    f = tulis_csv(tmp_path / "isi.csv", [baris(Berat="8,4", LiLA="14", **{"Cara Ukur": "Berdiri"})])
    assert impor_berkas(f).status == [BERUBAH]
    p.refresh_from_db()
    assert (p.lila_cm, p.cara_ukur) == (Decimal("14.0"), "h")
    assert p.zlen != zlen_awal  # standing: the 0.7 cm correction applies


def test_rejected_rows_carry_the_column_of_a_bad_weight_and_a_bad_date(tmp_path, melati):
    rows = [
        baris(Berat="delapan"),                                  # not a number
        baris(Nama="Anak B", Berat="200"),                       # not plausible
        baris(Nama="Anak C", **{"Tgl Lahir": "31/02/2024"}),     # no such day
        baris(Nama="Anak D", **{"Tanggal Pengukuran": "01/01/2024"}),  # before birth
        baris(Nama="Anak E", **{"Tgl Lahir": ""}),               # empty
    ]
    hasil = pratinjau(tulis_csv(tmp_path / "k.csv", rows))
    assert hasil.status == [DITOLAK] * 5
    kolom = {b.nomor: b.kolom_alasan for b in hasil.baris}
    assert kolom == {2: [("berat",)], 3: [("berat",)], 4: [("tgl_lahir",)],
                     5: [("tgl_ukur",)], 6: [("tgl_lahir",)]}
    [(judul, pesan)] = hasil.baris[0].alasan_per_kolom()
    assert judul == "Berat" and pesan.startswith("Kolom Berat: 'delapan' bukan angka")
    assert hasil.baris[2].alasan_per_kolom()[0][0] == "Tgl Lahir"
    teks = io.StringIO()
    impor_mod.tulis_ditolak(hasil, teks)
    baris_csv = teks.getvalue().lstrip("\ufeff").splitlines()
    assert [r.split(";")[:2] for r in baris_csv[1:]] == [
        ["2", "Berat"], ["3", "Berat"], ["4", "Tgl Lahir"], ["5", "Tanggal Pengukuran"],
        ["6", "Tgl Lahir"]]
