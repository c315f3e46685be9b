"""The semester report's workbook opens safely: every text cell typed like a formula
(= + - @, full-width ones too) goes out with a quote in front; figures stay numbers."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from evaluasi.models import Capaian, ProgramKegiatan
from tpps.models import TindakLanjut

pytestmark = pytest.mark.django_db


def test_text_typed_like_a_formula_stays_text(client_as, data, operator_dinkes):
    Capaian.objects.filter(indikator=data["s1"]).update(kendala="@SUM(1+1)",
                                                        rencana_tindak_lanjut="+cmd|' /C calc'!A0")
    ProgramKegiatan.objects.filter(laporan=data["lap_dinkes"]).update(program="-2+3")
    TindakLanjut.objects.update(uraian="\uff1dHYPERLINK(\"http://x\")")
    resp = client_as(operator_dinkes).get(reverse("laporan_semester:excel", args=["2025S1"]))
    assert resp.status_code == 200
    wb = load_workbook(BytesIO(resp.content))
    assert not any(s.data_type == "f" for ws in wb for row in ws.iter_rows() for s in row)
    s1 = next(r for r in wb["Capaian 1A"].iter_rows(values_only=True) if r and r[0] == "S1")
    assert s1[10:12] == ("'@SUM(1+1)", "'+cmd|' /C calc'!A0")
    assert s1[4:10] == (80, 60, 75, 80, 100, "Sangat baik")  # figures: numbers
    program = [r[1] for r in wb["Anggaran"].iter_rows(values_only=True)]
    assert "'-2+3" in program and "-2+3" not in program
    uraian = [r[1] for r in wb["Tindak lanjut"].iter_rows(values_only=True)]
    assert "'\uff1dHYPERLINK(\"http://x\")" in uraian
