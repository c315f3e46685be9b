"""export_eppgbm: columns, our z-scores, filters, log; a round trip through the import."""

import csv
import io
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse

from posyandu.eppgbm.impor import impor_berkas
from posyandu.models import Balita, LogAksesData, Pengukuran
from tests.posyandu.eppgbm_berkas import HEADER
from tests.posyandu.factories import ukur
from tpps.lib.spreadsheet import open_table


def beri_lihat_nik(user):
    user.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


@pytest.fixture
def data(anak_melati, anak_mawar):
    ukur(anak_melati, date(2025, 7, 12), berat=7.9, tinggi=73.0)
    ukur(anak_melati, date(2025, 8, 12), berat=8.1, tinggi=74.2)
    ukur(anak_mawar, date(2025, 8, 12), berat=11.0, tinggi=85.0, cara_ukur="h")


@pytest.mark.parametrize("akhiran", ["csv", "xlsx"])
def test_export_round_trips_through_the_import(tmp_path, data, sekretariat, akhiran):
    beri_lihat_nik(sekretariat)  # a round trip needs the full NIK
    f = tmp_path / f"e.{akhiran}"
    out = io.StringIO()
    call_command("export_eppgbm", "-o", str(f), "--pengguna", "sari", stdout=out)
    assert "3 pengukuran" in out.getvalue()
    with open_table(f) as t:
        assert t.header == HEADER
        rows = list(t.rows)
    d = dict(zip(HEADER, rows[-1], strict=True))
    p = Pengukuran.objects.get(balita__nama="Bima Sakti")
    assert float(str(d["ZS TB/U"]).replace(",", ".")) == round(p.zlen, 2)
    assert d["TB/U"] == p.kategori_tb_u and d["Cara Ukur"] == "Berdiri"
    assert LogAksesData.objects.get().aksi == "ekspor"
    # Back in: the same children and measurements, nothing added.
    hasil = impor_berkas(f)
    assert hasil.hitung()["sama"] == 3 and Balita.objects.count() == 2
    Pengukuran.objects.all().delete()
    Balita.objects.all().delete()
    hasil = impor_berkas(f)
    assert hasil.hitung()["baru"] == 3 and Balita.objects.count() == 2
    assert Pengukuran.objects.get(balita__nama="Bima Sakti").zlen == p.zlen


def test_a_masked_export_comes_back_in_without_duplicates_or_lost_nik(tmp_path, data,
                                                                       sekretariat):
    """Without "lihat NIK" the file holds 3579********0001: importing it back matches the
    children by name, birth date and mother, adds nothing and keeps the stored NIK."""
    f = tmp_path / "e.csv"
    call_command("export_eppgbm", "-o", str(f), "--pengguna", "sari", stdout=io.StringIO())
    with open_table(f) as t:
        assert "3579********0001" in {str(r[HEADER.index("NIK")]) for r in t.rows}
    hasil = impor_berkas(f)
    assert hasil.hitung()["sama"] == 3 and hasil.hitung()["ditolak"] == 0
    assert Balita.objects.count() == 2
    assert Balita.objects.get(nama="Aisyah Putri").nik == "3579015003240001"


def test_export_filters_and_scope(tmp_path, data, kader_melati):
    f = tmp_path / "k.csv"
    call_command("export_eppgbm", "-o", str(f), "--pengguna", "kader.melati", stdout=io.StringIO())
    with open_table(f) as t:
        assert {r[1] for r in t.rows} == {"Aisyah Putri"}
    call_command("export_eppgbm", "-o", str(f), "--pengguna", "kader.melati",
                 "--from", "01/08/2025", "--to", "31/08/2025", stdout=io.StringIO())
    with open_table(f) as t:
        assert len(list(t.rows)) == 1


def test_export_by_kecamatan_desa_posyandu(tmp_path, data, sekretariat):
    f = tmp_path / "w.csv"
    for args, n in ((["--kecamatan", "Bumiaji"], 1), (["--kecamatan", "Batu", "--desa", "Sisir"], 2),
                    (["--posyandu", "Melati"], 2)):
        call_command("export_eppgbm", "-o", str(f), "--pengguna", "sari", *args,
                     stdout=io.StringIO())
        with open_table(f) as t:
            assert len(list(t.rows)) == n
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("export_eppgbm", "-o", str(f), "--pengguna", "sari", "--desa", "Atlantis")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("export_eppgbm", "-o", str(f), "--pengguna", "siapa")


def _unduh_csv(c) -> list[dict]:
    r = c.get(reverse("posyandu:ekspor"), {"format": "csv"})
    teks = b"".join(r.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(teks), delimiter=";"))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_export_masks_nik_without_the_permission_and_logs_it(client_as, data, kader_melati):
    rows = _unduh_csv(client_as(kader_melati))
    assert [r["NIK"] for r in rows] == ["3579********0001"] * 2
    assert "3579015003240001" not in str(rows)
    log = LogAksesData.objects.get()
    assert log.aksi == "ekspor" and "NIK disamarkan" in log.keterangan


def test_export_writes_nik_in_full_with_the_permission_and_logs_it(client_as, data,
                                                                   kader_melati):
    rows = _unduh_csv(client_as(beri_lihat_nik(kader_melati)))
    assert [r["NIK"] for r in rows] == ["3579015003240001"] * 2
    log = LogAksesData.objects.get()
    assert "NIK lengkap" in log.keterangan and "NIK disamarkan" not in log.keterangan


@pytest.mark.parametrize("akhiran", ["csv", "xlsx"])
def test_export_command_masks_nik_and_empty_nik_stays_empty(tmp_path, data, sekretariat,
                                                            akhiran):
    f = tmp_path / f"m.{akhiran}"
    call_command("export_eppgbm", "-o", str(f), "--pengguna", "sari", stdout=io.StringIO())
    with open_table(f) as t:
        per_nama = {r[1]: (r[0] or "") for r in t.rows}
    assert per_nama == {"Aisyah Putri": "3579********0001", "Bima Sakti": ""}
    assert "NIK disamarkan" in LogAksesData.objects.get().keterangan
