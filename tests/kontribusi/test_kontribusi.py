"""Partner contributions: recorded by Sekretariat TPPS, shown on the partner's page and in a
list with totals; an event it funded must be that partner's event."""

from datetime import date

import pytest
from django.urls import reverse

from posyandu.models import Kegiatan
from tests.factories import make_mitra
from tests.posyandu.factories import make_posyandu, make_wilayah
from tpps.models import KontribusiMitra

pytestmark = pytest.mark.django_db


@pytest.fixture
def mitra():
    return make_mitra(nama="PT Selecta Wisata Batu")


@pytest.fixture
def mitra_lain():
    return make_mitra(nama="PT Bank Jatim", sektor="Perbankan")


@pytest.fixture
def posyandu_spesial(mitra):
    return Kegiatan.objects.create(jenis="posyandu_spesial", nama="Posyandu Spesial",
                                   tanggal=date(2025, 8, 17), posyandu=make_posyandu("Melati"),
                                   mitra=mitra)


def data_kontribusi(mitra, **kwargs):
    data = {"mitra": mitra.pk, "tahun": "2025", "bentuk": "jasa",
            "uraian": "Posyandu Spesial di rumah dinas wali kota", "nilai_rp": "25.000.000",
            "sasaran": "balita", "jumlah_penerima": "150", "catatan": ""}
    data.update(kwargs)
    return data


def test_sekretariat_records_a_contribution_from_the_partner_page(client_as, sekretariat, mitra,
                                                                 posyandu_spesial):
    c = client_as(sekretariat)
    halaman = c.get(mitra.get_absolute_url()).content.decode()
    tambah = reverse("kontribusi:tambah") + f"?mitra={mitra.pk}"
    assert tambah.replace("&", "&amp;") in halaman
    form = c.get(tambah).context["form"]
    assert list(form.fields["kegiatan"].queryset) == [posyandu_spesial]
    resp = c.post(tambah, data_kontribusi(mitra, kegiatan=posyandu_spesial.pk))
    assert resp.status_code == 302
    assert resp["Location"] == mitra.get_absolute_url() + "#kontribusi"
    k = KontribusiMitra.objects.get()
    assert (k.mitra, k.tahun, k.nilai_rp, k.jumlah_penerima) == (mitra, 2025, 25_000_000, 150)
    # The desa is the event's Posyandu's desa when left empty.
    assert k.desa == posyandu_spesial.posyandu.desa
    assert k.history.first().history_user == sekretariat


def test_the_partner_page_shows_what_it_gave_where_and_for_whom(client_as, petugas, mitra,
                                                                mitra_lain):
    w = make_wilayah()
    KontribusiMitra.objects.create(mitra=mitra, tahun=2025, bentuk="jasa", nilai_rp=25_000_000,
                                   uraian="Posyandu Spesial", sasaran="balita",
                                   jumlah_penerima=150, desa=w["sisir"])
    KontribusiMitra.objects.create(mitra=mitra, tahun=2025, bentuk="barang", nilai_rp=5_000_000,
                                   uraian="Alat antropometri", sasaran="kader")
    KontribusiMitra.objects.create(mitra=mitra, tahun=2024, bentuk="dana", nilai_rp=10_000_000,
                                   uraian="PMT lokal", sasaran="ibu_hamil")
    KontribusiMitra.objects.create(mitra=mitra_lain, tahun=2025, bentuk="dana",
                                   nilai_rp=99_000_000, uraian="Milik mitra lain",
                                   sasaran="umum")
    # The partner's page belongs to the contributions feature (the roster app links to it).
    assert mitra.get_absolute_url() == reverse("kontribusi:mitra", args=[mitra.pk]) == (
        f"/kontribusi/mitra/{mitra.pk}/")
    assert client_as(petugas).get(f"/opd/mitra/{mitra.pk}/").status_code == 404
    teks = client_as(petugas).get(mitra.get_absolute_url()).content.decode()
    for isi in ["Posyandu Spesial", "25.000.000", "Balita", "150 orang", "Kelurahan Sisir",
                "Alat antropometri", "Kader / tenaga kesehatan", "Tingkat kota",
                "Rp 30.000.000", "Rp 10.000.000"]:
        assert isi in teks, isi
    assert "Milik mitra lain" not in teks
    assert "Catat kontribusi" not in teks and "Ubah" not in teks


@pytest.mark.parametrize(
    "salah, pesan",
    [
        ({"nilai_rp": "25,5 juta"}, "Nilai rupiah tidak sah"),
        ({"nilai_rp": "0"}, "lebih besar dari atau sama dengan 1"),
        ({"nilai_rp": ""}, "Bidang ini tidak boleh kosong"),
        ({"tahun": "1990"}, "lebih besar dari atau sama dengan 2000"),
        ({"bentuk": "saham"}, "Masukkan pilihan yang valid"),
        ({"uraian": ""}, "Bidang ini tidak boleh kosong"),
        ({"sasaran": ""}, "Bidang ini tidak boleh kosong"),
    ],
)
def test_bad_contribution_is_refused_with_a_message(client_as, sekretariat, mitra, salah, pesan):
    resp = client_as(sekretariat).post(reverse("kontribusi:tambah"),
                                       data_kontribusi(mitra, **salah))
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not KontribusiMitra.objects.exists()


def test_the_event_funded_must_be_this_partners_event(client_as, sekretariat, mitra, mitra_lain,
                                                      posyandu_spesial):
    resp = client_as(sekretariat).post(
        reverse("kontribusi:tambah"), data_kontribusi(mitra_lain, kegiatan=posyandu_spesial.pk))
    assert resp.status_code == 200
    assert "tidak tercatat didanai mitra ini" in resp.content.decode()
    assert not KontribusiMitra.objects.exists()


def test_the_event_year_and_desa_must_agree(client_as, sekretariat, mitra, posyandu_spesial):
    w = make_wilayah()
    c = client_as(sekretariat)
    resp = c.post(reverse("kontribusi:tambah"),
                  data_kontribusi(mitra, kegiatan=posyandu_spesial.pk, tahun="2024"))
    assert "Kegiatan itu berlangsung tahun 2025" in resp.content.decode()
    resp = c.post(reverse("kontribusi:tambah"),
                  data_kontribusi(mitra, kegiatan=posyandu_spesial.pk, desa=w["bumiaji"].pk))
    assert "desa kontribusi harus sama" in resp.content.decode()
    assert not KontribusiMitra.objects.exists()


def test_from_the_partner_page_the_partner_cannot_be_forged(client_as, sekretariat, mitra,
                                                            mitra_lain):
    client_as(sekretariat).post(reverse("kontribusi:tambah") + f"?mitra={mitra.pk}",
                                data_kontribusi(mitra_lain))
    assert KontribusiMitra.objects.get().mitra == mitra


def test_sekretariat_edits_and_deletes(client_as, sekretariat, mitra):
    k = KontribusiMitra.objects.create(mitra=mitra, tahun=2025, bentuk="dana", nilai_rp=1_000,
                                       uraian="Awal", sasaran="umum")
    c = client_as(sekretariat)
    assert c.get(reverse("kontribusi:ubah", args=[k.pk])).context["form"]["nilai_rp"].value() == (
        "1.000")
    resp = c.post(reverse("kontribusi:ubah", args=[k.pk]),
                  data_kontribusi(mitra, nilai_rp="Rp 2.500.000,00"))
    assert resp.status_code == 302
    k.refresh_from_db()
    assert k.nilai_rp == 2_500_000 and k.uraian == "Posyandu Spesial di rumah dinas wali kota"
    c.post(reverse("kontribusi:hapus", args=[k.pk]))
    assert not KontribusiMitra.objects.exists()


@pytest.mark.parametrize("pengguna", ["operator_dinkes", "pimpinan", "petugas"])
def test_only_sekretariat_records(request, client_as, pengguna, mitra):
    k = KontribusiMitra.objects.create(mitra=mitra, tahun=2025, bentuk="dana", nilai_rp=1_000,
                                       uraian="Awal", sasaran="umum")
    c = client_as(request.getfixturevalue(pengguna))
    assert c.get(reverse("kontribusi:daftar")).status_code == 200
    assert c.get(reverse("kontribusi:tambah")).status_code == 403
    assert c.post(reverse("kontribusi:tambah"), data_kontribusi(mitra)).status_code == 403
    assert c.post(reverse("kontribusi:ubah", args=[k.pk]),
                  data_kontribusi(mitra, uraian="Diubah")).status_code == 403
    assert c.post(reverse("kontribusi:hapus", args=[k.pk])).status_code == 403
    k.refresh_from_db()
    assert k.uraian == "Awal" and KontribusiMitra.objects.count() == 1


def test_list_totals_and_filters(client_as, pimpinan, mitra, mitra_lain):
    for m, tahun, bentuk, nilai in [(mitra, 2025, "dana", 10), (mitra, 2025, "jasa", 5),
                                    (mitra_lain, 2025, "dana", 100), (mitra, 2024, "dana", 7)]:
        KontribusiMitra.objects.create(mitra=m, tahun=tahun, bentuk=bentuk, nilai_rp=nilai,
                                       uraian=f"{m} {tahun}", sasaran="umum")
    c = client_as(pimpinan)
    resp = c.get(reverse("kontribusi:daftar"), {"tahun": "2025"})
    assert [(m["mitra__nama"], m["total_rp"]) for m in resp.context["per_mitra"]] == [
        ("PT Bank Jatim", 100), ("PT Selecta Wisata Batu", 15)]
    assert list(resp.context["per_tahun"]) == [{"tahun": 2025, "jumlah": 3, "total_rp": 115}]
    resp = c.get(reverse("kontribusi:daftar"), {"bentuk": "dana"})
    assert sorted(t["total_rp"] for t in resp.context["per_tahun"]) == [7, 110]


def test_list_query_count_does_not_grow(client_as, petugas, mitra, posyandu_spesial,
                                        django_assert_num_queries):
    c = client_as(petugas)
    c.get(reverse("kontribusi:daftar"))
    w = make_wilayah()
    for n in range(8):
        KontribusiMitra.objects.create(
            mitra=make_mitra(nama=f"PT {n}"), tahun=2025, bentuk="barang", nilai_rp=n + 1,
            uraian=f"Kontribusi {n}", sasaran="balita", desa=w["sisir"])
    KontribusiMitra.objects.create(mitra=mitra, tahun=2025, bentuk="jasa", nilai_rp=5,
                                   uraian="Acara", sasaran="balita", kegiatan=posyandu_spesial)
    # session, user, perms (2), per partner, per year, the rows (with partner, desa, event),
    # the user's scope and the funded events they may open (2)
    with django_assert_num_queries(9):
        c.get(reverse("kontribusi:daftar"))


@pytest.mark.parametrize("pengguna, tautan", [
    ("sekretariat", True), ("pimpinan", False), ("operator_dinkes", False)])
def test_the_funded_event_is_linked_only_for_who_may_open_it(request, client_as, mitra,
                                                             posyandu_spesial, pengguna, tautan):
    """Pimpinan and operators see aggregates, not a Posyandu's event: its name, no link to
    a refusal; on the list and on the partner's page alike."""
    KontribusiMitra.objects.create(mitra=mitra, tahun=2025, bentuk="jasa", nilai_rp=5,
                                   uraian="Acara", sasaran="balita", kegiatan=posyandu_spesial)
    c = client_as(request.getfixturevalue(pengguna))
    href = f'href="{posyandu_spesial.get_absolute_url()}"'
    for halaman in (reverse("kontribusi:daftar"), mitra.get_absolute_url()):
        teks = c.get(halaman).content.decode()
        assert "Posyandu Spesial" in teks
        assert (href in teks) is tautan, halaman
    assert c.get(posyandu_spesial.get_absolute_url()).status_code == (200 if tautan else 403)
