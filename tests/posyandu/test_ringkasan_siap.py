"""The refresh after a save runs the group's two summary queries compiled once
(``ringkasan._KueriSiap``): its rows are those of the ORM's fresh computation, a query
whose SQL would depend on more than the keys is never reused, and a save through the
entry page costs a fixed number of queries."""

import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from posyandu import ringkasan
from posyandu.models import Balita, Kegiatan, RingkasanBulanan
from posyandu.ringkasan import _KueriSiap
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db

JULI, AGUSTUS, SEPTEMBER = date(2025, 7, 1), date(2025, 8, 1), date(2025, 9, 1)


def _isi(baris: list[RingkasanBulanan]) -> list[dict]:
    """Every column of the rows (with its type: 0 is not 0.0), but the key."""
    return [{f.attname: (type(getattr(r, f.attname)), getattr(r, f.attname))
             for f in RingkasanBulanan._meta.concrete_fields if not f.primary_key}
            for r in baris]


def _anak_kelompok(desa_id, posyandu_id):
    return Balita.objects.filter(desa_id=desa_id, posyandu_id=posyandu_id)


def tersimpan_segar(bulan):
    """The month's stored rows are each group's fresh computation (sums of floats to the
    rounding: the database may add a group's rows in another order)."""
    tersimpan = {(r.desa_id, r.posyandu_id): _isi([r])[0]
                 for r in RingkasanBulanan.objects.filter(bulan=bulan)}
    segar = {}
    for kunci in set(Balita.objects.values_list("desa", "posyandu")):
        for r in ringkasan._hitung(bulan, _anak_kelompok(*kunci)):
            segar[kunci] = _isi([r])[0]
    assert set(tersimpan) == set(segar)
    for kunci, isi in segar.items():
        for kolom, (jenis, nilai) in isi.items():
            assert tersimpan[kunci][kolom][0] is jenis, (kunci, kolom)
            harap = pytest.approx(nilai) if jenis is float else nilai
            assert tersimpan[kunci][kolom][1] == harap, (kunci, kolom)


@pytest.fixture
def anak(melati, mawar, wilayah):
    anak = [make_balita(melati, nama=f"A{i}", jenis_kelamin="LP"[i % 2],
                        tanggal_lahir=date(2023, 1 + i, 5)) for i in range(4)]
    anak.append(make_balita(melati, nama="Tinggal di Bumiaji", desa=wilayah["bumiaji"],
                            tanggal_lahir=date(2022, 2, 5)))
    anak.append(make_balita(mawar, nama="B", tanggal_lahir=date(2023, 5, 5)))
    for i, a in enumerate(anak):
        ukur(a, date(2025, 7, 10), berat=round(9 + i * 0.37, 2), tinggi=round(76 + i * 1.7, 1))
        ukur(a, date(2025, 8, 3 + i), berat=round(9.2 + i * 0.3, 1))  # weight only
    ukur(anak[0], date(2025, 8, 20), berat=9.6, tinggi=45.0)  # a flagged HAZ, the latest
    ukur(anak[1], date(2025, 7, 12), edema=True, berat=8.0, tinggi=77.0)
    return anak


def test_the_compiled_queries_give_the_orms_rows(anak):
    kelompok = {(a.desa_id, a.posyandu_id) for a in anak}
    assert len(kelompok) == 3
    for bulan in (JULI, AGUSTUS, SEPTEMBER):
        assert ringkasan._kueri_kelompok_siap(bulan) is not None  # built, not the fallback
        for desa_id, posyandu_id in kelompok:
            segar = ringkasan._hitung(bulan, _anak_kelompok(desa_id, posyandu_id))
            # The same query: the same rows, to the last bit.
            assert _isi(ringkasan._hitung_kelompok(bulan, desa_id, posyandu_id)) == _isi(segar)
            assert len(segar) == (bulan != SEPTEMBER)
        tersimpan_segar(bulan)


def test_without_compiled_queries_the_orm_computes_the_same(anak, monkeypatch):
    monkeypatch.setattr(ringkasan, "_siap", {})
    monkeypatch.setattr(_KueriSiap, "buat", classmethod(lambda cls, bangun, using: None))
    a = anak[0]
    assert ringkasan._kueri_kelompok_siap(JULI) is None
    segar = ringkasan._hitung(JULI, _anak_kelompok(a.desa_id, a.posyandu_id))
    assert _isi(ringkasan._hitung_kelompok(JULI, a.desa_id, a.posyandu_id)) == _isi(segar)
    ukur(a, date(2025, 7, 25), berat=9.9, tinggi=80.0)
    tersimpan_segar(JULI)


def test_a_query_whose_sql_depends_on_more_than_the_keys_is_not_reused(anak):
    using = Balita.objects.db
    (a1, _p1), (a2, _p2) = _KueriSiap.PENGGANTI

    def berubah_bentuk(d, p):  # another list length: other SQL
        return Balita.objects.filter(pk__in=[d] if d == a1 else [d, p]).values("pk")

    assert _KueriSiap.buat(berubah_bentuk, using) is None
    # A key unused, or changed before it reaches the SQL.
    assert _KueriSiap.buat(lambda d, p: Balita.objects.filter(pk=d).values("pk"), using) is None
    assert _KueriSiap.buat(lambda d, p: Balita.objects.filter(
        pk=d + 1, posyandu_id=p).values("pk"), using) is None
    assert _KueriSiap.buat(lambda d, p: Balita.objects.filter(
        desa_id=d, posyandu_id=p if d == a1 else a1).values("pk"), using) is None

    siap = _KueriSiap.buat(lambda d, p: Balita.objects.filter(
        desa_id=d, posyandu_id=p).values("posyandu", "nama").order_by("nama"), using)
    b = anak[-1]
    assert siap.jalankan(b.desa_id, b.posyandu_id) == list(
        Balita.objects.filter(desa_id=b.desa_id, posyandu_id=b.posyandu_id)
        .values("posyandu", "nama").order_by("nama"))
    assert siap.jalankan(a2, a2) == []


def test_a_group_nobody_counts_in_any_more_loses_its_row(anak):
    b = anak[-1]
    assert RingkasanBulanan.objects.filter(bulan=AGUSTUS, posyandu=b.posyandu).exists()
    Balita.objects.filter(pk=b.pk).update(posyandu=anak[0].posyandu, desa=anak[0].desa)
    ringkasan.segarkan_kelompok({(b.desa_id, b.posyandu_id),
                                 (anak[0].desa_id, anak[0].posyandu_id)}, {AGUSTUS})
    assert not RingkasanBulanan.objects.filter(bulan=AGUSTUS, posyandu=b.posyandu).exists()
    tersimpan_segar(AGUSTUS)


def test_a_save_through_the_entry_page_costs_a_fixed_number_of_queries(
        client_as, kader_melati, anak):
    """The session, the user's permissions and scope (read once), the event and the child
    (8), then the save in a transaction (here a savepoint, two queries): the child locked,
    the entry id, the day's measurement, the one-per-day constraint, the row and its
    history, the N/T chain, the Posyandu locked, D and the counts, the summary row, the entry id (14).
    A new measurement here changes its N/T (one update); a correction the same day does
    not; a condition new at it opens a case and tells the nutrition staff."""
    kegiatan = Kegiatan.objects.create(jenis="bulanan", tanggal=date(2025, 8, 25),
                                       posyandu=anak[0].posyandu)
    c = client_as(kader_melati)
    url = f"/posyandu/kegiatan/{kegiatan.pk}/ukur/{anak[2].pk}/"
    jumlah = []
    for berat in ("10,1", "10,2", "6,0"):  # a new measurement, its correction, severe
        with CaptureQueriesContext(connection) as q:
            resp = c.post(url, {"berat_kg": berat, "tinggi_cm": "81,5", "cara_ukur": "h",
                                "id_entri": str(uuid.uuid4()), "konfirmasi": "on"})
        assert resp.status_code == 200, resp.content
        jumlah.append(len(q))
    assert jumlah == [23, 22, 27]
    tersimpan_segar(AGUSTUS)
