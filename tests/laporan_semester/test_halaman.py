"""The report's pages and Excel file: who may read them (by URL and by list), what they
show, and a number of queries that does not grow with the data."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from evaluasi.models import Capaian
from tests.evaluasi.factories import make_semester
from tests.posyandu.factories import make_balita, make_posyandu, ukur
from tpps.laporan_semester import alur

from .conftest import kunci

pytestmark = pytest.mark.django_db

SEKSI = ("ringkasan", "capaian-spesifik", "capaian-sensitif", "anggaran", "prevalensi",
         "tindak-lanjut", "bpkp", "pengesahan")


def url(nama, kode="2025S1"):
    return reverse(f"laporan_semester:{nama}", args=[kode])


@pytest.mark.parametrize("siapa", ["sekretariat", "pimpinan", "operator_dinkes"])
def test_readers_of_semester_data_read_the_report(request, client_as, data, siapa):
    c = client_as(request.getfixturevalue(siapa))
    resp = c.get(url("laporan"))
    assert resp.status_code == 200
    teks = resp.content.decode()
    for seksi in SEKSI:
        assert f'id="{seksi}"' in teks
    assert "Sangat baik" in teks and "80,00 %" in teks
    assert "1.250" not in teks  # Dinsos's unverified K8 is not shown
    assert "Februari 2025" in teks and "bukan survei" in teks
    assert "Temuan tahun 2026" not in teks
    assert "Anak Melati" not in teks and "Anak Mawar" not in teks  # no child is named
    assert c.get(url("excel")).status_code == 200
    daftar = c.get(reverse("laporan_semester:daftar"))
    assert url("laporan") in daftar.content.decode()


def test_petugas_posyandu_reads_no_semester_report(client_as, data, sekretariat, pimpinan,
                                                   petugas):
    kunci(data["semester"], sekretariat)
    alur.sahkan_laporan(semester=data["semester"], oleh=pimpinan)
    c = client_as(petugas)
    for nama in ("laporan", "excel", "disahkan", "excel-disahkan", "sahkan"):
        assert c.get(url(nama)).status_code in (403, 405) and c.post(url(nama)).status_code == 403
    assert c.get(reverse("laporan_semester:daftar")).status_code == 403


def test_anonymous_is_sent_to_sign_in(client, data):
    resp = client.get(url("laporan"))
    assert resp.status_code == 302 and "/akun/masuk/" in resp["Location"]


def test_unknown_semester_and_unsigned_copy_are_404(client_as, data, pimpinan):
    c = client_as(pimpinan)
    assert c.get(url("laporan", "2031S1")).status_code == 404
    assert c.get(url("disahkan")).status_code == 404
    assert c.get(url("excel-disahkan")).status_code == 404


def test_semester_page_links_to_the_report(client_as, data, pimpinan):
    resp = client_as(pimpinan).get(reverse("evaluasi:semester-detail", args=["2025S1"]))
    assert url("laporan") in resp.content.decode()


def test_list_shows_sign_off_state(client_as, data, sekretariat, pimpinan,
                                   django_assert_num_queries):
    make_semester("2024S2")
    kunci(data["semester"], sekretariat)
    alur.sahkan_laporan(semester=data["semester"], oleh=pimpinan)
    c = client_as(sekretariat)
    # session, user, permissions (user and group), the user's OPD (menu), semesters with
    # their sign-off in one query.
    with django_assert_num_queries(6):
        resp = c.get(reverse("laporan_semester:daftar"))
    teks = resp.content.decode()
    assert url("disahkan") in teks and "belum disahkan" in teks


def _jumlah_query(c) -> int:
    with CaptureQueriesContext(connection) as q:
        assert c.get(url("laporan")).status_code == 200
    return len(q)


def test_report_queries_do_not_grow_with_the_data(client_as, data, pimpinan, dinkes):
    c = client_as(pimpinan)
    sebelum = _jumlah_query(c)
    # More children, another Posyandu, more programmes and follow-ups: same queries.
    w = data["wilayah"]
    lain = make_posyandu("Kenanga", desa=w["bumiaji"], puskesmas=w["pkm_bumiaji"])
    for i in range(6):
        ukur(make_balita(lain, nama=f"K{i}", tanggal_lahir=date(2023, 2, 1)), date(2025, 2, 10),
             berat=11.0, tinggi=85.0)
    from tests.evaluasi.factories import make_program
    from tests.rapat.factories import make_keputusan, make_progres, make_rapat, make_tindak_lanjut

    keputusan = make_keputusan(make_rapat(tanggal=date(2025, 3, 1)))
    for i in range(4):
        make_program(data["lap_dinkes"], kegiatan=f"Kegiatan {i}", indikator=[data["s1"]])
        tl = make_tindak_lanjut(dinkes, keputusan, uraian=f"Tindak lanjut {i}",
                                tenggat=date(2025, 5, 1))
        make_progres(tl, tanggal=date(2025, 4, 1), status_baru="berjalan")
    assert _jumlah_query(c) == sebelum
    assert sebelum < 45


def test_report_queries_do_not_grow_with_the_kecamatan(client_as, data, pimpinan):
    """The desa of every kecamatan are read at once (``gizi.desa_per_kecamatan``), not per
    kecamatan; and the report reads nothing twice."""
    from collections import Counter

    from posyandu.models import Desa, Kecamatan, Puskesmas

    c = client_as(pimpinan)
    sebelum = _jumlah_query(c)
    for n in range(3):
        kec = Kecamatan.objects.create(kode=f"35.79.1{n}", nama=f"Kecamatan {n}")
        desa = Desa.objects.create(kecamatan=kec, nama=f"Desa {n}", jenis="desa")
        pkm = Puskesmas.objects.create(nama=f"Puskesmas {n}", kecamatan=kec)
        ukur(make_balita(make_posyandu(f"Posyandu {n}", desa=desa, puskesmas=pkm),
                         nama=f"Anak {n}", tanggal_lahir=date(2023, 2, 1)),
             date(2025, 2, 10), berat=11.0, tinggi=85.0)
    with CaptureQueriesContext(connection) as q:
        resp = c.get(url("laporan"))
    assert len(q) == sebelum
    assert [sql for sql, n in Counter(x["sql"] for x in q.captured_queries).items() if n > 1] == []
    wilayah = {k["nama"]: [d["nama"] for d in k["desa"]]
               for k in resp.context["data"]["prevalensi"]["kecamatan"]}
    assert wilayah["Kecamatan 1"] == ["Desa 1"] and wilayah["Bumiaji"] == ["Bumiaji"]


def test_excel_holds_the_same_content(client_as, data, operator_dinkes):
    Capaian.objects.filter(indikator=data["s1"]).update(kendala="=HYPERLINK(\"http://x\")")
    resp = client_as(operator_dinkes).get(url("excel"))
    assert resp["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert 'filename="laporan-semester-2025S1.xlsx"' in resp["Content-Disposition"]
    wb = load_workbook(BytesIO(resp.content))
    assert wb.sheetnames == ["Ringkasan", "Capaian 1A", "Capaian 1B", "Anggaran", "Prevalensi",
                             "Tindak lanjut", "BPKP"]
    baris = {r[0]: r for r in wb["Capaian 1A"].iter_rows(values_only=True) if r and r[0]}
    s1 = baris["S1"]
    assert s1[4:10] == (80, 60, 75, 80, 100, "Sangat baik")
    assert s1[10] == '\'=HYPERLINK("http://x")'  # a quote in front: text, never a formula
    sel = next(r[10] for r in wb["Capaian 1A"].iter_rows() if r[0].value == "S1")
    assert sel.data_type == "s"  # stays text, never a formula
    b1 = {r[0]: r for r in wb["Capaian 1B"].iter_rows(values_only=True) if r and r[0]}
    assert b1["K8"][7] is None  # unverified: not shown
    anggaran = [r for r in wb["Anggaran"].iter_rows(values_only=True) if r[0] == "Semua OPD"]
    assert anggaran[0][6:9] == (150_000_000, 90_000_000, 60)
    prev = [r for r in wb["Prevalensi"].iter_rows(values_only=True) if r[0] == "Kota"][0]
    assert prev[1] == "Kota Batu" and prev[2:6] == (40, pytest.approx(11.76, abs=0.01),
                                                    pytest.approx(76.93, abs=0.01), 5)
    tl = [r[1] for r in wb["Tindak lanjut"].iter_rows(values_only=True)]
    assert "Rapat teknis Puskesmas" in tl and "Sudah lama selesai" not in tl
    bpkp = [r for r in wb["BPKP"].iter_rows(values_only=True) if r[0] == "1.1"][0]
    assert (bpkp[4], bpkp[5].date(), bpkp[6]) == ("Dinkes", date(2025, 6, 30), "Terlambat")


def test_excel_of_the_signed_copy_names_who_signed(client_as, data, sekretariat, pimpinan):
    kunci(data["semester"], sekretariat)
    alur.sahkan_laporan(semester=data["semester"], oleh=pimpinan)
    resp = client_as(sekretariat).get(url("excel-disahkan"))
    assert "laporan-semester-2025S1-disahkan.xlsx" in resp["Content-Disposition"]
    ringkasan = list(load_workbook(BytesIO(resp.content))["Ringkasan"].iter_rows(values_only=True))
    assert ("Disahkan oleh", "Sekda", None) in [r[:3] for r in ringkasan]
