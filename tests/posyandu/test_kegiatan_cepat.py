"""The entry page as it is rendered for speed: every row from one template (the page's rows
and the rows an answer brings are the same markup), labels translated once, links built
without a reverse() per row, and the new-child form written out instead of crispy-forms,
yet the same markup as crispy's."""

import re
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from posyandu.forms import BalitaForm
from posyandu.models import Balita, CakupanPetugas, Kedatangan, Kegiatan, Layanan
from tests.factories import make_user
from tests.posyandu.factories import beri_cakupan, make_balita, ukur

pytestmark = pytest.mark.django_db

HARI = date(2025, 8, 12)


@pytest.fixture
def kegiatan(melati):
    return Kegiatan.objects.create(jenis="bulanan", tanggal=HARI, posyandu=melati)


def _rata(html: str) -> str:
    """Markup without the whitespace between and around tags (crispy's spacing differs)."""
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*(<[^>]+>)\s*", r"\1", html).strip()


def _baris(html: str, balita) -> str:
    """The row of ``balita`` in ``html``."""
    cocok = re.search(rf'<tr class="baris-ukur[^"]*"[^>]*data-balita="{balita.pk}".*?</tr>',
                      html, re.S)
    assert cocok, f"no row for {balita}"
    return _rata(cocok.group(0))


def _form_baru(html: str) -> str:
    awal = html.index('id="pesan-balita-baru" role="alert"></div>') + len(
        'id="pesan-balita-baru" role="alert"></div>')
    return _rata(html[awal:html.index('<div class="form-check mb-2 d-none" id="tetap-simpan')])


def _crispy(form) -> str:
    return _rata(engines["django"].from_string(
        "{% load crispy_forms_tags %}{{ form|crispy }}").render({"form": form}))


@pytest.mark.parametrize("di_posyandu", [True, False])
def test_the_new_child_form_is_crispys_markup(client_as, kader_melati, dinkes_kota, melati,
                                              di_posyandu):
    if di_posyandu:
        kegiatan, user = Kegiatan.objects.create(jenis="bulanan", tanggal=HARI,
                                                 posyandu=melati), kader_melati
    else:  # a city-wide event: no Posyandu or desa chosen beforehand
        kegiatan, user = Kegiatan.objects.create(jenis="posyandu_spesial", tanggal=HARI,
                                                 lokasi="Rumdin"), dinkes_kota
    resp = client_as(user).get(kegiatan.get_absolute_url())
    html = resp.content.decode()
    form = resp.context["form_balita"]
    assert isinstance(form, BalitaForm) and not form.is_bound
    # Field by field (names, ids, labels, required marks, help texts, choices, the chosen
    # Posyandu and desa): what {{ form|crispy }} gives for the very same form.
    assert _form_baru(html) == _crispy(form)
    assert (f'<option value="{melati.pk}" selected>' in _form_baru(html)) is di_posyandu


def test_a_row_sent_by_an_answer_is_the_pages_row(client_as, kader_melati, melati, kegiatan):
    c = client_as(kader_melati)
    resp = c.post(f"/posyandu/kegiatan/{kegiatan.pk}/balita-baru/", {
        "nama": "Zahra <b>&", "jenis_kelamin": "P", "tanggal_lahir": "2025-02-01",
        "nama_ibu": "Lina", "posyandu": melati.pk, "desa": melati.desa_id})
    assert resp.status_code == 200, resp.content
    zahra = Balita.objects.get(nama="Zahra <b>&")
    dari_jawaban = _baris(resp.json()["html"], zahra)
    halaman = c.get(kegiatan.get_absolute_url()).content.decode()
    assert dari_jawaban == _baris(halaman, zahra)
    # The arrivals another desk fetches: the same row again.
    j = c.get(f"/posyandu/kegiatan/{kegiatan.pk}/kedatangan/", {"sesudah": 0}).json()
    assert [_baris(b["html"], zahra) for b in j["baris"]] == [dari_jawaban]
    # The name is escaped, once, wherever the row shows it.
    assert 'data-nama="Zahra &lt;b&gt;&amp;"' in dari_jawaban
    assert 'aria-label="Berat (kg) Zahra &lt;b&gt;&amp;"' in dari_jawaban
    assert "&amp;lt;" not in halaman


def test_row_links_labels_and_position(client_as, kader_melati, melati, kegiatan):
    bayi = make_balita(melati, nama="Bayi", tanggal_lahir=date(2025, 5, 1))
    besar = make_balita(melati, nama="Besar", tanggal_lahir=date(2022, 1, 1))
    tanpa_cara = make_balita(melati, nama="Tanpa Cara", tanggal_lahir=date(2023, 1, 1))
    p = ukur(besar, HARI, berat=13, tinggi=92, kegiatan=kegiatan, cara_ukur="h")
    ukur(tanpa_cara, HARI, berat=12, tinggi=88, kegiatan=kegiatan, cara_ukur="")
    html = client_as(kader_melati).get(kegiatan.get_absolute_url()).content.decode()

    baris = _baris(html, besar)
    assert f'data-url="{reverse("posyandu:kegiatan-ukur", args=[kegiatan.pk, besar.pk])}"' in baris
    assert f'<a href="{besar.get_absolute_url()}" tabindex="-1">Besar</a>' in baris
    assert "01-01-2022" in baris
    hapus = reverse("posyandu:pengukuran-hapus", args=[p.pk])
    assert f'<a href="{hapus}?kembali=kegiatan" class="link-danger" tabindex="-1" ' \
           'title="Hapus pengukuran yang salah">Hapus</a>' in baris
    assert 'aria-label="Berat (kg) Besar" value="13,00"' in baris and '<option value="h" selected>berdiri</option>' in baris
    for label, aria in [("BB (kg)", "Berat (kg)"), ("PB/TB (cm)", "PB/TB (cm)"),
                        ("Cara", "Cara ukur"), ("LiLA", "LiLA (cm)"),
                        ("LK", "Lingkar kepala (cm)"), ("Edema", "Edema"),
                        ("Vit A", "Vitamin A"), ("Imun", "Imunisasi")]:
        assert f'data-label="{label}"' in baris and f'aria-label="{aria} Besar"' in baris

    baris = _baris(html, bayi)  # not measured yet: lying under 24 months, empty, no delete
    assert '<option value="l" selected>telentang</option>' in baris
    assert 'value=""' in baris and "link-danger" not in baris and "table-success" not in baris
    # Measured with the position unknown: "?" is chosen, as before.
    assert '<option value="" selected>?</option>' in _baris(html, tanpa_cara)


def test_a_user_who_may_not_correct_sees_no_delete_link(client_as, melati, kegiatan, peran):
    anak = make_balita(melati, nama="Aisyah")
    ukur(anak, HARI, berat=9, tinggi=76, kegiatan=kegiatan)
    lihat = make_user("hanya.lihat")
    lihat.user_permissions.add(Permission.objects.get(codename="view_balita"))
    beri_cakupan(lihat, CakupanPetugas.Tingkat.POSYANDU, posyandu=[melati])
    html = client_as(lihat).get(kegiatan.get_absolute_url()).content.decode()
    baris = _baris(html, anak)
    assert "link-danger" not in baris and 'name="berat_kg"' not in baris
    assert "Z: TB/U" in baris and 'id="form-balita-baru"' not in html


def test_services_and_rows_add_no_query(client_as, kader_melati, melati, kegiatan):
    c = client_as(kader_melati)

    def hitung():
        with CaptureQueriesContext(connection) as q:
            html = c.get(kegiatan.get_absolute_url()).content.decode()
        return len(q), html

    anak = make_balita(melati, nama="Anak")
    ukur(anak, HARI, berat=9, tinggi=76, kegiatan=kegiatan)
    sedikit, _html = hitung()
    kegiatan.layanan.set([Layanan.objects.create(kode="timbang", nama="Penimbangan"),
                          Layanan.objects.create(kode="imun", nama="Imunisasi")])
    for i in range(5):
        lain = make_balita(melati, nama=f"Anak {i}", tanggal_lahir=date(2024, 2, 1 + i))
        ukur(lain, HARI, berat=9, tinggi=76, kegiatan=kegiatan)
        Kedatangan.objects.create(kegiatan=kegiatan, balita=lain)
    banyak, html = hitung()
    assert "Layanan: Imunisasi, Penimbangan" in html
    assert banyak == sedikit
