"""The desk of an event (a Posyandu Spesial above all): search as you type, the arrivals
queue every desk sees, and a child measured the same day at another event, who is never
overwritten or moved without the user choosing it."""

import uuid
from datetime import date

import pytest
from django.contrib.auth.models import Permission

from posyandu import alur
from posyandu.models import Kedatangan, Kegiatan, LogAksesData, Pengukuran
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db

HARI = date(2025, 8, 12)


@pytest.fixture
def spesial(dinkes_kota):
    return Kegiatan.objects.create(jenis="posyandu_spesial", nama="Posyandu Spesial",
                                   tanggal=HARI, lokasi="Rumah Dinas Wali Kota")


@pytest.fixture
def bulanan(melati):
    return Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)


@pytest.fixture
def nadia(melati, mawar):
    """Three children named Nadia Hidayat, told apart by mother, desa and age."""
    return [
        make_balita(melati, nama="Nadia Hidayat", nama_ibu="Sri Wahyuni",
                    tanggal_lahir=date(2023, 2, 1), nik="3579014102230001"),
        make_balita(mawar, nama="Nadia Hidayat", nama_ibu="Lilis Suryani",
                    tanggal_lahir=date(2024, 6, 15)),
        make_balita(melati, nama="Nadia Hidayat", nama_ibu="Rina Marlina",
                    tanggal_lahir=date(2021, 11, 3)),
    ]


def _cari(c, kegiatan, q):
    resp = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/cari/", {"q": q})
    assert resp.status_code == 200
    return resp.json()


def test_the_search_tells_three_namesakes_apart(client_as, dinkes_kota, spesial, nadia):
    ukur(nadia[0], date(2025, 7, 10), berat=11.2, tinggi=85.5)
    j = _cari(client_as(dinkes_kota), spesial, "nadia")
    assert j["jumlah"] == 3
    html = j["html"]
    for ibu in ("Sri Wahyuni", "Lilis Suryani", "Rina Marlina"):
        assert ibu in html
    assert "Desa Sisir" in html and "Desa Bumiaji" in html
    assert "30 bln 11 hr" in html  # Nadia (Sri Wahyuni) on the event's day
    assert "Terakhir: 10-07-2025, BB 11,20 kg, PB/TB 85,50 cm" in html
    assert html.count("Belum pernah diukur") == 2


@pytest.mark.parametrize("q, siapa", [
    ("lilis", {"Lilis Suryani"}),               # mother's name
    ("nadia rina", {"Rina Marlina"}),           # every word must match
    ("15-06-2024", {"Lilis Suryani"}),          # birth date as typed
    ("2021-11-03", {"Rina Marlina"}),
    ("bumiaji", {"Lilis Suryani"}),             # desa
])
def test_the_search_reads_mother_birth_date_and_desa(client_as, dinkes_kota, spesial, nadia,
                                                     q, siapa):
    j = _cari(client_as(dinkes_kota), spesial, q)
    ibu = {b.nama_ibu for b in nadia if f'data-balita="{b.pk}"' in j["html"]}
    assert ibu == siapa


def test_a_nik_is_searched_only_with_the_permission_and_logged(client_as, dinkes_kota, spesial,
                                                               nadia):
    c = client_as(dinkes_kota)
    j = _cari(c, spesial, "3579 0141 0223 0001")
    assert j["jumlah"] == 0 and "hanya untuk pengguna yang berhak melihat NIK" in j["html"]
    assert not LogAksesData.objects.exists()

    dinkes_kota.user_permissions.add(Permission.objects.get(codename="lihat_nik"))
    c = client_as(type(dinkes_kota).objects.get(pk=dinkes_kota.pk))
    j = _cari(c, spesial, "3579014102230001")
    assert j["jumlah"] == 1 and f'data-balita="{nadia[0].pk}"' in j["html"]
    log = LogAksesData.objects.get()
    assert (log.user, log.aksi, log.balita) == (dinkes_kota, "cari_nik", nadia[0])
    # The entry page's own search box follows the same rule.
    resp = c.get(spesial.get_absolute_url(), {"cari": "3579014102230001"})
    assert [b["balita"] for b in resp.context["baris"]] == [nadia[0]]
    assert LogAksesData.objects.count() == 2


def test_a_kader_finds_only_the_children_of_their_scope(client_as, kader_melati, bulanan, nadia):
    j = _cari(client_as(kader_melati), bulanan, "nadia")
    assert j["jumlah"] == 2 and f'data-balita="{nadia[1].pk}"' not in j["html"]
    # A child outside the scope cannot be put in the queue either: 404, like a missing one.
    resp = client_as(kader_melati).post(f"/posyandu/kegiatan/{bulanan.pk}/tiba/{nadia[1].pk}/")
    assert resp.status_code == 404 and not Kedatangan.objects.exists()


def test_an_arrival_joins_the_queue_every_desk_sees(client_as, dinkes_kota, spesial, nadia):
    meja1, meja2 = client_as(dinkes_kota), client_as(dinkes_kota)
    awal = meja2.get(f"/posyandu/kegiatan/{spesial.pk}/kedatangan/", {"sesudah": 0}).json()
    assert awal == {"ok": True, "terakhir": 0, "baris": []}
    for anak in (nadia[2], nadia[0]):
        resp = meja1.post(f"/posyandu/kegiatan/{spesial.pk}/tiba/{anak.pk}/")
        assert resp.status_code == 200 and f'data-balita="{anak.pk}"' in resp.json()["html"]
    # Arriving twice keeps one place in the queue.
    meja1.post(f"/posyandu/kegiatan/{spesial.pk}/tiba/{nadia[2].pk}/")
    assert Kedatangan.objects.count() == 2

    j = meja2.get(f"/posyandu/kegiatan/{spesial.pk}/kedatangan/", {"sesudah": 0}).json()
    assert [b["html"].count(f'data-balita="{a.pk}"') for b, a in zip(j["baris"], (nadia[2], nadia[0]),
                                                                       strict=True)] == [1, 1]
    sesudah = j["terakhir"]
    assert meja2.get(f"/posyandu/kegiatan/{spesial.pk}/kedatangan/",
                     {"sesudah": sesudah}).json()["baris"] == []
    # The page itself: the queue in order of arrival, whoever recorded it.
    resp = meja2.get(spesial.get_absolute_url())
    assert [b["balita"] for b in resp.context["baris"]] == [nadia[2], nadia[0]]
    # A forged 'sesudah' is read as none.
    assert meja2.get(f"/posyandu/kegiatan/{spesial.pk}/kedatangan/",
                     {"sesudah": "x'--"}).json()["terakhir"] == sesudah


def test_a_child_registered_at_the_desk_is_in_the_queue(client_as, dinkes_kota, spesial, melati):
    resp = client_as(dinkes_kota).post(f"/posyandu/kegiatan/{spesial.pk}/balita-baru/", {
        "nama": "Bima Sakti", "jenis_kelamin": "L", "tanggal_lahir": "2024-02-02",
        "nama_ibu": "Dewi", "posyandu": melati.pk, "desa": melati.desa_id})
    assert resp.status_code == 200, resp.content
    assert Kedatangan.objects.get(kegiatan=spesial).balita.nama == "Bima Sakti"


def test_measured_at_home_today_is_neither_overwritten_nor_moved_unasked(
        client_as, dinkes_kota, spesial, bulanan, nadia):
    anak = nadia[0]
    rumah = ukur(anak, HARI, berat=11.5, tinggi=86, kegiatan=bulanan)
    c = client_as(dinkes_kota)
    # The desk sees it before anyone types: in the search …
    assert "Sudah diukur hari ini di Penimbangan bulanan" in _cari(c, spesial, "sri")["html"]
    # … and on the child's row once arrived.
    baris = c.post(f"/posyandu/kegiatan/{spesial.pk}/tiba/{anak.pk}/").json()["html"]
    assert "Sudah diukur hari ini di Penimbangan bulanan" in baris and "BB 11,50 kg" in baris

    url = f"/posyandu/kegiatan/{spesial.pk}/ukur/{anak.pk}/"
    resp = c.post(url, {"berat_kg": "11,8", "tinggi_cm": "86,5", "cara_ukur": "h",
                        "id_entri": str(uuid.uuid4())})
    assert resp.status_code == 409
    j = resp.json()
    assert j["perlu_pindah"] and "Koreksi pengukuran itu dan pindahkan" in j["kesalahan"][0]
    rumah.refresh_from_db()
    assert (rumah.kegiatan, str(rumah.berat_kg)) == (bulanan, "11.50")

    # The user chooses to correct and move it: one measurement, here, with its history.
    resp = c.post(url, {"berat_kg": "11,8", "tinggi_cm": "86,5", "cara_ukur": "h",
                        "pindahkan": "on", "id_entri": str(uuid.uuid4())})
    assert resp.status_code == 200 and resp.json()["ok"]
    p = Pengukuran.objects.get(balita=anak)
    assert p.pk == rumah.pk and p.kegiatan == spesial and str(p.berat_kg) == "11.80"
    sejarah = list(p.history.order_by("-history_date"))
    assert sejarah[0].history_change_reason.startswith("Dikoreksi dan dipindahkan dari")
    assert (sejarah[1].kegiatan_id, str(sejarah[1].berat_kg)) == (bulanan.pk, "11.50")


def test_the_rule_holds_in_the_workflow_itself(spesial, bulanan, nadia):
    anak = nadia[1]
    ukur(anak, HARI, berat=9.0, kegiatan=spesial)
    with pytest.raises(alur.SudahDiukurDiKegiatanLain) as info:
        ukur(anak, HARI, berat=9.4, kegiatan=bulanan)
    assert info.value.pengukuran.kegiatan == spesial
    # The same event corrects its own measurement as before; no event (the child's page)
    # corrects that day's measurement where it is.
    ukur(anak, HARI, berat=9.1, kegiatan=spesial)
    assert str(Pengukuran.objects.get(balita=anak).berat_kg) == "9.10"
    ukur(anak, HARI, berat=9.2)
    p = Pengukuran.objects.get(balita=anak)
    assert (p.kegiatan, str(p.berat_kg)) == (spesial, "9.20")


def test_the_search_answers_bad_input_calmly(client_as, dinkes_kota, spesial, nadia):
    c = client_as(dinkes_kota)
    for q in ("", "a", "31-02-2024", "%", "' OR 1=1 --", "x" * 500):
        resp = c.get(f"/posyandu/kegiatan/{spesial.pk}/cari/", {"q": q})
        assert resp.status_code == 200 and resp.json()["ok"]
    resp = c.get("/posyandu/kegiatan/999999/cari/", {"q": "nadia"})
    assert resp.status_code == 404 and resp.json()["ok"] is False
