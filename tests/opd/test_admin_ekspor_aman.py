"""The admin's Excel/CSV exports (django-import-export) open safely: text people typed like a
formula goes out with a quote in front (tpps.lib.spreadsheet.aman_untuk_sel), whole."""

import csv
import io
from datetime import date

import openpyxl
import pytest

from opd.models import Mitra
from tests.factories import make_anggota

pytestmark = pytest.mark.django_db

NAMA = '=HYPERLINK("http://evil.example/x","klik")'


def _ekspor(c, model, resource, medan, format_):
    resp = c.post(f"/admin/opd/{model}/export/", {
        "format": format_, **{f"{resource}_{m}": "on" for m in medan}})
    assert resp.status_code == 200
    if format_ == "0":
        lembar = openpyxl.load_workbook(io.BytesIO(resp.content)).active
        assert not any(s.data_type == "f" for row in lembar.iter_rows() for s in row)
        rows = [[s.value for s in row] for row in lembar.iter_rows()]
    else:
        rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize("format_", ["0", "1"])  # XLSX, CSV
def test_team_members_typed_like_formulas_are_exported_as_text(client_as, sekretariat, dinkes,
                                                               format_):
    make_anggota(dinkes, nama=NAMA, jabatan="@SUM(1+1)", telepon="+62 812-3456",
                 mulai=date(2025, 1, 1))
    make_anggota(dinkes, nama="Rina", jabatan="Kabid", telepon="0812", mulai=date(2025, 1, 1))
    rows = _ekspor(client_as(sekretariat), "anggotatim", "anggotatimresource",
                   ["nama", "jabatan", "telepon"], format_)
    per_nama = {r["nama"]: r for r in rows}
    jahat = per_nama["'" + NAMA]
    assert (jahat["jabatan"], jahat["telepon"]) == ("'@SUM(1+1)", "'+62 812-3456")
    assert (per_nama["Rina"]["jabatan"], per_nama["Rina"]["telepon"]) == ("Kabid", "0812")


@pytest.mark.parametrize("format_", ["0", "1"])
def test_partners_typed_like_formulas_are_exported_as_text(client_as, sekretariat, format_):
    Mitra.objects.create(nama="+cmd|' /C calc'!A0", alamat="-2+3", narahubung="\t=1+1",
                         telepon="-62")
    (r,) = _ekspor(client_as(sekretariat), "mitra", "mitraresource",
                   ["nama", "alamat", "narahubung", "telepon"], format_)
    assert (r["nama"], r["alamat"], r["narahubung"]) == ("'+cmd|' /C calc'!A0", "'-2+3",
                                                         "'\t=1+1")
    assert r["telepon"] == "-62"  # only a number: no formula, left as it is
