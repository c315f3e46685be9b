"""Saving a measurement checks it as ``full_clean`` does, without asking the database again
whether the child (locked), the event and the user (just read) exist: the same errors and
messages, the one-measurement-per-child-per-day constraint included."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from posyandu import alur
from posyandu.models import Kegiatan, Pengukuran
from tests.posyandu.factories import ukur

pytestmark = pytest.mark.django_db

HARI = date(2025, 8, 5)


def _galat(periksa):
    try:
        periksa()
    except ValidationError as e:
        return e.message_dict
    return None


@pytest.mark.parametrize("nilai", [
    {},
    {"berat_kg": Decimal("9.123")},
    {"cara_ukur": "x", "tinggi_cm": Decimal("-1")},
    {"tanggal_ukur": HARI},  # the day already measured: the constraint
    {"tanggal_ukur": HARI, "berat_kg": Decimal("9.123")},
])
def test_the_same_errors_as_full_clean_with_fewer_queries(
        anak_melati, melati, sekretariat, nilai, django_assert_num_queries):
    ukur(anak_melati, HARI, berat=9.0)
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)
    p = Pengukuran(balita=anak_melati, kegiatan=kegiatan, dicatat_oleh=sekretariat,
                   **{"tanggal_ukur": date(2025, 8, 6), "berat_kg": Decimal("9.2"), **nilai})
    with django_assert_num_queries(4):  # child, event, user, constraint
        harap = _galat(p.full_clean)
    with django_assert_num_queries(1):  # the constraint
        assert _galat(lambda: alur._periksa(p)) == harap
    assert (harap is None) == (nilai == {})
