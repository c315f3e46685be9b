"""Two kader saving at the same Posyandu in the same month, at the same moment.

Each save refreshes the Posyandu's summary row of that month in its own transaction. The
second refresh must wait for the first and then count both measurements, not fail on the
row the first one inserted (nor overwrite it with a count that misses the first child).
"""

import threading
from datetime import date

import pytest
from django.db import connection, transaction

from posyandu import ringkasan
from posyandu.models import RingkasanBulanan
from tests.posyandu.factories import make_balita, ukur

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_concurrent_saves_at_one_posyandu_both_count(melati):
    anak = [make_balita(melati, nama=f"Anak {i}", tanggal_lahir=date(2023, 1, 5))
            for i in range(3)]
    ukur(anak[0], date(2025, 8, 4), berat=10.0, tinggi=80.0)  # the month's row exists

    pertama_menyegarkan = threading.Event()
    kedua_mulai = threading.Event()
    galat = []

    def kader_pertama():
        try:
            with transaction.atomic():
                ukur(anak[1], date(2025, 8, 5), berat=10.5, tinggi=81.0)
                pertama_menyegarkan.set()
                # Hold the transaction open while the second kader saves.
                kedua_mulai.wait(5)
                threading.Event().wait(0.5)
        except Exception as e:  # pragma: no cover - reported below
            galat.append(e)
        finally:
            connection.close()

    def kader_kedua():
        try:
            pertama_menyegarkan.wait(5)
            kedua_mulai.set()
            ukur(anak[2], date(2025, 8, 6), berat=11.0, tinggi=82.0)
        except Exception as e:
            galat.append(e)
        finally:
            connection.close()

    benang = [threading.Thread(target=kader_pertama), threading.Thread(target=kader_kedua)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(20)

    assert galat == []
    baris = RingkasanBulanan.objects.get(bulan=date(2025, 8, 1), posyandu=melati)
    assert baris.diukur == 3
    # And it equals a fresh computation of the month.
    segar = ringkasan._hitung(date(2025, 8, 1))
    assert [(r.posyandu_id, r.diukur) for r in segar] == [(melati.pk, 3)]
