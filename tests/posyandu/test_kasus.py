"""A case's treatments are a set: PMT and counselling recorded together, through the page
and on the model; unknown or repeated codes refused; the old single value migrated."""

import importlib
import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from posyandu.models import Kasus
from tests.jawaban import tidak_ditemukan
from tests.posyandu.factories import make_balita, ukur

pytestmark = pytest.mark.django_db

MIGRASI = "0006_kasus_penanganan_daftar"
SEBELUM = "0005_balita_punya_buku_kia"


@pytest.fixture
def kasus(melati):
    anak = make_balita(melati, nama="Citra", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    return Kasus.objects.get()


def kotak_penanganan(halaman):
    """{code: ticked} of the treatment checkboxes on the case page."""
    kotak = re.findall(r'<input type="checkbox"[^>]*name="penanganan"[^>]*>', halaman)
    return {re.search(r'value="([^"]*)"', k)[1]: " checked" in k for k in kotak}


def ditangani(*penanganan, **lain):
    return {"status": "ditangani", "tanggal_dirujuk": "2025-02-06",
            "tanggal_ditangani": "2025-02-10", "penanganan": list(penanganan), **lain}


def test_the_page_records_pmt_and_counselling_together_and_shows_both(
    client_as, kader_melati, kasus
):
    c = client_as(kader_melati)
    halaman = c.get(f"/posyandu/kasus/{kasus.pk}/").content.decode()
    assert kotak_penanganan(halaman) == {"pengobatan": False, "pmt": False, "konseling": False}

    resp = c.post(f"/posyandu/kasus/{kasus.pk}/", ditangani("konseling", "pmt"))
    assert resp.status_code == 302
    kasus.refresh_from_db()
    assert kasus.penanganan == ["pmt", "konseling"]  # in the order of the choices
    kedua = "Pemberian makanan tambahan (PMT), Konseling gizi"
    assert kedua in c.get("/posyandu/kasus/").content.decode()
    assert kedua in c.get(kasus.balita.get_absolute_url()).content.decode()
    # Both ticked again when the case is reopened.
    halaman = c.get(f"/posyandu/kasus/{kasus.pk}/").content.decode()
    assert kotak_penanganan(halaman) == {"pengobatan": False, "pmt": True, "konseling": True}
    # History keeps who changed the treatments from what to what.
    c.post(f"/posyandu/kasus/{kasus.pk}/", ditangani("pmt"))
    baru, lama = kasus.history.all()[:2]
    (ubah,) = baru.diff_against(lama).changes
    assert (ubah.field, ubah.old, ubah.new) == ("penanganan", ["pmt", "konseling"], ["pmt"])
    assert baru.history_user == kader_melati


def test_handled_needs_a_treatment_and_resolved_keeps_them(client_as, kader_melati, kasus):
    c = client_as(kader_melati)
    resp = c.post(f"/posyandu/kasus/{kasus.pk}/", ditangani())
    assert resp.context["form"].errors["penanganan"] == ["Wajib diisi untuk status ini."]
    c.post(f"/posyandu/kasus/{kasus.pk}/", ditangani("pmt", "konseling"))
    # Resolving a handled case by unticking everything is refused.
    resp = c.post(f"/posyandu/kasus/{kasus.pk}/",
                  ditangani(status="selesai", tanggal_selesai="2025-05-01"))
    assert "Wajib diisi untuk status ini" in resp.content.decode()
    kasus.refresh_from_db()
    assert (kasus.status, kasus.penanganan) == ("ditangani", ["pmt", "konseling"])


@pytest.mark.parametrize("kiriman, pesan", [
    (["pmt", "jamu"], "Penanganan tidak dikenal: jamu."),
    (["pmt", "pmt"], "Setiap penanganan cukup dipilih sekali."),
])
def test_a_forged_code_is_refused_in_indonesian_and_nothing_changes(
    client_as, kader_melati, kasus, kiriman, pesan
):
    riwayat = kasus.history.count()
    resp = client_as(kader_melati).post(f"/posyandu/kasus/{kasus.pk}/", ditangani(*kiriman))
    assert resp.status_code == 200
    assert resp.context["form"].errors["penanganan"] == [pesan]
    kasus.refresh_from_db()
    assert (kasus.status, kasus.penanganan) == ("ditemukan", [])
    assert kasus.history.count() == riwayat


def test_out_of_scope_or_without_permission_cannot_edit(client_as, kader_melati, pimpinan,
                                                        mawar):
    anak = make_balita(mawar, nama="Jauh", tanggal_lahir=date(2023, 1, 5))
    ukur(anak, date(2025, 2, 5), berat=10.7, tinggi=78.0)
    kasus = Kasus.objects.get()
    # Another Posyandu's case is answered as a missing one; Pimpinan's role reads no case.
    c = client_as(kader_melati)
    assert tidak_ditemukan(c.get(f"/posyandu/kasus/{kasus.pk}/"))
    assert tidak_ditemukan(c.post(f"/posyandu/kasus/{kasus.pk}/", ditangani("pmt")))
    c = client_as(pimpinan)
    assert c.get(f"/posyandu/kasus/{kasus.pk}/").status_code == 403
    assert c.post(f"/posyandu/kasus/{kasus.pk}/", ditangani("pmt")).status_code == 403
    kasus.refresh_from_db()
    assert (kasus.status, kasus.penanganan) == ("ditemukan", [])


def test_clean_rules_on_the_model():
    def galat(**kolom):
        k = Kasus(jenis="stunting", tanggal_ditemukan=date(2025, 2, 5), **kolom)
        try:
            k.clean()
        except ValidationError as e:
            return e.message_dict
        return {}

    assert galat(status="ditangani", tanggal_ditangani=date(2025, 2, 10),
                 penanganan=["pengobatan", "pmt", "konseling"]) == {}
    assert galat(status="ditangani", tanggal_ditangani=date(2025, 2, 10)) == {
        "penanganan": ["Wajib diisi untuk status ini."]}
    assert galat(status="selesai", tanggal_selesai=date(2025, 3, 1)) == {}  # never handled
    assert "penanganan" in galat(status="selesai", tanggal_selesai=date(2025, 3, 1),
                                 tanggal_ditangani=date(2025, 2, 10))
    assert galat(penanganan=["PMT"]) == {"penanganan": ["Penanganan tidak dikenal: PMT."]}
    assert galat(penanganan="pmt") == {"penanganan": ["Penanganan harus berupa daftar pilihan."]}
    assert galat(penanganan=["pmt", "pmt"]) == {
        "penanganan": ["Setiap penanganan cukup dipilih sekali."]}
    assert galat(status="dirujuk", tanggal_dirujuk=date(2025, 1, 1)) == {
        "tanggal_dirujuk": ["Tidak boleh sebelum tanggal kasus ditemukan."]}


def test_the_label_lists_every_treatment():
    assert Kasus(penanganan=["pengobatan", "pmt"]).penanganan_label() == (
        "Pengobatan/tata laksana, Pemberian makanan tambahan (PMT)")
    assert Kasus().penanganan_label() == ""


def test_the_migration_turns_the_old_value_into_a_list():
    migrasi = importlib.import_module(f"posyandu.migrations.{MIGRASI}")
    assert migrasi.daftar_dari_lama("pmt") == ["pmt"]
    assert migrasi.daftar_dari_lama("") == []
    assert migrasi.daftar_dari_lama(None) == []


@pytest.mark.django_db(transaction=True)
def test_the_migration_copies_cases_and_their_history_both_ways(melati):
    anak = make_balita(melati, nama="Lama", tanggal_lahir=date(2023, 1, 5))
    executor = MigrationExecutor(connection)
    executor.migrate([("posyandu", SEBELUM)])
    try:
        lama = executor.loader.project_state(("posyandu", SEBELUM)).apps
        KasusLama = lama.get_model("posyandu", "Kasus")
        HistoriLama = lama.get_model("posyandu", "HistoricalKasus")
        umum = {"balita_id": anak.pk, "tanggal_ditemukan": date(2025, 2, 5)}
        pmt = KasusLama.objects.create(jenis="stunting", status="ditangani",
                                       penanganan="pmt", **umum)
        kosong = KasusLama.objects.create(jenis="wasting", **umum)
        HistoriLama.objects.create(id=pmt.pk, jenis="stunting", penanganan="konseling",
                                   history_date="2025-02-10T08:00:00Z", history_type="~",
                                   **umum)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Kasus.objects.get(pk=pmt.pk).penanganan == ["pmt"]
    assert Kasus.objects.get(pk=kosong.pk).penanganan == []
    assert Kasus.history.get().penanganan == ["konseling"]
    # Backwards, the first treatment goes back into the single column.
    Kasus.objects.filter(pk=pmt.pk).update(penanganan=["pmt", "konseling"])
    executor = MigrationExecutor(connection)
    executor.migrate([("posyandu", SEBELUM)])
    try:
        assert dict(KasusLama.objects.values_list("pk", "penanganan")) == {pmt.pk: "pmt",
                                                                           kosong.pk: ""}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_case_list_comes_a_page_at_a_time(client_as, dinkes_kota, melati,
                                              django_assert_num_queries):
    from datetime import timedelta

    anak = [make_balita(melati, nama=f"Anak {i:02d}", tanggal_lahir=date(2023, 1, 5))
            for i in range(55)]
    Kasus.objects.bulk_create(
        Kasus(balita=b, jenis=Kasus.Jenis.STUNTING,
              tanggal_ditemukan=date(2025, 1, 1) + timedelta(days=i))
        for i, b in enumerate(anak))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_as(dinkes_kota)
    c.get("/posyandu/kasus/")
    with CaptureQueriesContext(connection) as q:
        c.get("/posyandu/kasus/?halaman=2")
    with django_assert_num_queries(len(q)):  # a full page costs what a short one does
        pertama = c.get("/posyandu/kasus/")
    teks = pertama.content.decode()
    assert "55 kasus" in teks and "1 / 2" in teks
    assert len(pertama.context["daftar_kasus"]) == 50
    assert "Anak 54" in teks and "Anak 04" not in teks  # the latest found first
    kedua = c.get("/posyandu/kasus/?status=terbuka&halaman=2").content.decode()
    assert "Anak 04" in kedua and "Anak 05" not in kedua
    # A page number that is no number falls back to the first page, never a 500.
    assert c.get("/posyandu/kasus/?halaman=abc").status_code == 200
