"""aman_untuk_sel / asli_dari_sel (tpps.lib.spreadsheet): OWASP's rule for cells that open in
a spreadsheet, exactly reversible, numbers left alone."""

from datetime import date
from decimal import Decimal

import pytest

from tpps.lib.spreadsheet import aman_untuk_kolom, aman_untuk_sel, asli_dari_sel

DIKUTIP = [
    '=HYPERLINK("http://evil.example/x","klik")',
    "@SUM(1+1)",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "-",
    "-2,31 ",  # not only a number
    "\t=1+1",
    "\r=1+1",
    "\uff1dSUM(A1)",  # full-width = + - @
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
    "'sudah berkutip",  # a quote gets one more, so that it comes back whole
    "'=1+1",
    "-\u0663",  # an Arabic-Indic digit is no number to Excel
]
TETAP = ["Budi", "", " =1+1", "1+1", "Jl. Mawar -1", "3579********0001", "-2,31", "-2.31",
         "+62812345", "1.250.000", "-1.250.000", "-1e-5", ".5", "-.5", "12,", "0"]


@pytest.mark.parametrize("teks", DIKUTIP)
def test_text_that_would_start_a_formula_gets_a_quote_and_comes_back(teks):
    assert aman_untuk_sel(teks) == "'" + teks
    assert asli_dari_sel(aman_untuk_sel(teks)) == teks


@pytest.mark.parametrize("teks", TETAP)
def test_other_text_and_text_that_is_only_a_number_stay_as_they_are(teks):
    assert aman_untuk_sel(teks) == teks
    assert asli_dari_sel(teks) == teks


@pytest.mark.parametrize("nilai", [-2.31, -2, Decimal("-2.31"), None, True, date(2025, 1, 1)])
def test_what_is_not_text_is_never_touched(nilai):
    assert aman_untuk_sel(nilai) is nilai and asli_dari_sel(nilai) is nilai


def test_a_quote_people_typed_themselves_is_kept():
    # Not one we put there: "'Aisyah" was exported as "''Aisyah".
    assert asli_dari_sel("'Aisyah") == "'Aisyah"
    assert asli_dari_sel("''Aisyah") == "'Aisyah"


def test_a_column_is_returned_as_it_is_when_no_cell_needs_it():
    kolom = ("Budi", "2,31", "Sari")
    assert aman_untuk_kolom(kolom) is kolom
    # A number, or "=" after a line break inside a cell, is no formula: the cells stay.
    assert aman_untuk_kolom(("Budi", "-2,31", "Sari\n=bukan awal")) == [
        "Budi", "-2,31", "Sari\n=bukan awal"]
    assert aman_untuk_kolom(("Budi", "=1+1", "-")) == ["Budi", "'=1+1", "'-"]
    assert aman_untuk_kolom(("a\n", "=1")) == ["a\n", "'=1"]
    assert aman_untuk_kolom(["=1", -2.5, None, date(2025, 1, 1)]) == [
        "'=1", -2.5, None, date(2025, 1, 1)]
