"""The permission matrix: every URL of the site, opened by every role, in and out of scope.

The cases are generated from the URL resolver (``tpps.urls``, walked recursively): every
route with its name and converters. ``ATURAN`` holds each URL name's access rule; a URL
with no rule fails the suite (``test_setiap_url_punya_aturan``, and its cases), so a new
page cannot arrive without saying who may open it. The admin (``admin:``) is left out but
for ``test_admin_hanya_untuk_staf``.

A rule reads as a matrix row: one letter per actor, in the order of ``AKTOR`` —

    anonim  sekretariat  operator_dinkes  operator_dinsos  pimpinan  petugas

* ``L`` sent to sign in: 302 to ``/akun/masuk/?next=<path>`` (a script's endpoint,
  ``@jawaban_json``: 401 in JSON);
* ``O`` allowed: 200 or a redirect (not to sign in); a POST may also be refused by its form
  (400/409): an empty body is sent;
* ``T`` the role lacks the permission: 403;
* ``H`` missing, or outside the user's OPD / wilayah: 404 with the one message
  (``tests.jawaban.tidak_ditemukan``), so that ids cannot be probed;
* ``X`` the method is not allowed: 405;
* ``B`` 400 (a broken link); ``N`` a page's own 404 (the public verification page).

Never a 500: the test client re-raises the view's exception. A refused POST (any letter
but ``O``) must leave every table as it was (row counts of every model, history included,
and the accounts' state).

Parameters come from ``tests/matriks_izin_data.py`` (one dataset per module, built on
``HARI_UJI``): a rule's ``param`` names, per variant, the data key of each URL kwarg — e.g.
``{"melati": {"pk": "balita_melati"}, "mawar": {"pk": "balita_mawar"}}``: a child in the
kader's scope and one outside it. A letter string applies to every variant; a dict gives
one per variant. ``tidak_ada`` (id 999 999) checks that a missing object answers as an
out-of-scope one does, and that a permission the role lacks is refused before the object
is looked up.
"""

from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qs, urlsplit

import pytest
import time_machine
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.conftest import HARI_UJI
from tests.jawaban import tidak_ditemukan

pytestmark = pytest.mark.django_db

AKTOR = ("anonim", "sekretariat", "operator_dinkes", "operator_dinsos", "pimpinan", "petugas")
HURUF = set("LOTHXBN")


@dataclass(frozen=True)
class Aturan:
    """Who may GET (and POST, for a view that writes) one URL: a row of letters per
    variant of its parameters (see the module's docstring)."""

    get: str | dict[str, str]
    post: str | dict[str, str] | None = None
    #: variant → URL kwarg → key in the dataset's ``param``; None: a URL without kwargs.
    param: dict[str, dict[str, str]] | None = None
    #: (method, variant, actor) → why that cell is a known failure (xfail, strict).
    gagal: dict[tuple[str, str, str], str] = field(default_factory=dict)


# Letter rows used by many URLs.
SEMUA = "L O O O O O"      # every signed-in user
PUBLIK = "O O O O O O"     # no sign-in needed
POST_SAJA = "L X X X X X"  # a GET on a POST-only view
SEKRETARIAT = "L O T T T T"
BACA_EVALUASI = "L O O O O T"  # semester data: not a Petugas Posyandu
DATA_BALITA = "L O T T T O"    # children: Sekretariat and a Petugas in scope
BALITA_LUAR = "L O T T T H"    # … a child, event or case outside the kader's scope
BALITA_HILANG = "L H T T T H"  # … and a missing one


def pk(**lain: str) -> dict[str, dict[str, str]]:
    """Variants of a URL with one ``pk``: the data key per variant, ``tidak_ada`` added."""
    return {**{nama: {"pk": k} for nama, k in lain.items()}, "tidak_ada": {"pk": "tidak_ada"}}


def balita_rule(tanpa_get=False, post=True, di="balita"):
    """A child / event / case URL: Melati is the kader's, Mawar not."""
    baris = {"melati": DATA_BALITA, "mawar": BALITA_LUAR, "tidak_ada": BALITA_HILANG}
    return Aturan(get=POST_SAJA if tanpa_get else baris, post=baris if post else None,
                  param=pk(melati=f"{di}_melati", mawar=f"{di}_mawar"))


def sekretariat_rule(kunci: str, *, post=True, post_saja=False):
    """A page only Sekretariat TPPS opens, on object ``kunci`` (any one may be missing)."""
    baris = {"ada": SEKRETARIAT, "tidak_ada": "L H T T T T"}
    return Aturan(get=POST_SAJA if post_saja else baris, post=baris if post else None,
                  param=pk(ada=kunci))


SMT = {"kode": "smt_buka"}
LAPORAN = {
    "dinkes": {**SMT, "opd_pk": "dinkes"},   # verified: every reader of semester data
    "dinsos": {**SMT, "opd_pk": "dinsos"},   # submitted: a draft to Dinkes and Pimpinan
    "opd_tidak_ada": {**SMT, "opd_pk": "tidak_ada"},
    "smt_tidak_ada": {"kode": "smt_tidak_ada", "opd_pk": "dinkes"},
}
LAPORAN_LIHAT = {"dinkes": BACA_EVALUASI, "dinsos": "L O H O H T",
                 "opd_tidak_ada": "L H H H H T", "smt_tidak_ada": "L H H H H T"}
LAPORAN_VERIFIKASI = {"dinkes": SEKRETARIAT, "dinsos": SEKRETARIAT,
                      "opd_tidak_ada": "L H T T T T", "smt_tidak_ada": "L H T T T T"}
SEMESTER = {"ada": {"kode": "smt_buka"}, "tidak_ada": {"kode": "smt_tidak_ada"}}
SEMESTER_KUNCI = {"ada": SEKRETARIAT, "tidak_ada": "L H T T T T"}
LAPORAN_SEMESTER = {"disahkan": {"kode": "smt_disahkan"}, "belum": {"kode": "smt_buka"},
                    "tidak_ada": {"kode": "smt_tidak_ada"}}
DISAHKAN = {"disahkan": BACA_EVALUASI, "belum": "L H H H H T", "tidak_ada": "L H H H H T"}


def token_akun(token: str) -> dict[str, dict[str, str]]:
    """An account link (invitation, password reset): a valid one for Okta, a broken one."""
    return {"sah": {"uidb64": "uid_okta", "token": token},
            "salah": {"uidb64": "uid_salah", "token": "token_akun_salah"}}


ATURAN: dict[str, Aturan] = {
    # --- Home, dashboard, sign-in ---------------------------------------------------
    "beranda": Aturan(get=SEMUA),
    "dasbor": Aturan(get=SEMUA),
    "dasbor-ringkas": Aturan(get=SEMUA),
    "akun:masuk": Aturan(get=PUBLIK, post=PUBLIK),
    "akun:keluar": Aturan(get=POST_SAJA, post=SEMUA),
    "akun:ganti-sandi": Aturan(get=SEMUA, post=SEMUA),
    "akun:ganti-sandi-selesai": Aturan(get=SEMUA),
    "akun:undangan": Aturan(get=PUBLIK, post=PUBLIK, param=token_akun("token_undangan")),
    "akun:undangan-selesai": Aturan(get=PUBLIK),
    "akun:lupa-sandi": Aturan(get=PUBLIK, post=PUBLIK),
    "akun:lupa-sandi-terkirim": Aturan(get=PUBLIK),
    "akun:atur-ulang": Aturan(get=PUBLIK, post=PUBLIK, param=token_akun("token_atur_ulang")),
    "akun:atur-ulang-selesai": Aturan(get=PUBLIK),
    # --- Roster: everyone reads; an Operator OPD edits their own agency's people (another
    # agency's, which they read, is a 403, not a 404) -----------------------------------
    "opd:daftar": Aturan(get=SEMUA),
    "opd:detail": Aturan(get={"dinkes": SEMUA, "tidak_ada": "L H H H H H"},
                         param=pk(dinkes="dinkes")),
    "opd:perwakilan-tambah": Aturan(
        get=(kelola := {"dinkes": "L O O T T T", "dinsos": "L O T O T T",
                        "tidak_ada": "L H H H T T"}),
        post=kelola, param=pk(dinkes="dinkes", dinsos="dinsos")),
    "opd:perwakilan-ubah": Aturan(get=kelola, post=kelola,
                                  param=pk(dinkes="anggota_dinkes", dinsos="anggota_dinsos")),
    "opd:perwakilan-akhiri": Aturan(get=POST_SAJA, post=kelola,
                                    param=pk(dinkes="anggota_dinkes",
                                             dinsos="anggota_dinsos")),
    "opd:sk-daftar": Aturan(get=SEMUA),
    "opd:mitra-daftar": Aturan(get=SEMUA),
    # --- Accounts: Sekretariat TPPS; a superuser's account is not there (404) ---------
    "pengguna:daftar": Aturan(get=SEKRETARIAT),
    "pengguna:undang": Aturan(get=SEKRETARIAT, post=SEKRETARIAT),
    **{f"pengguna:{nama}": Aturan(
        get=(akun := {"okta": SEKRETARIAT, "root": "L H T T T T", "tidak_ada": "L H T T T T"}),
        post=akun, param=pk(okta="pengguna_okta", root="pengguna_root"))
       for nama in ("ubah", "nonaktifkan", "aktifkan", "undang-ulang")},
    # Sign-in locks: the Sekretariat; an address with no lock (none given) is missing.
    "kunci_masuk:daftar": Aturan(get=SEKRETARIAT),
    "kunci_masuk:buka": Aturan(get="L H T T T T", post="L H T T T T"),
    # --- Semester evaluation ---------------------------------------------------------
    "evaluasi:beranda": Aturan(get=BACA_EVALUASI),
    "evaluasi:antrean": Aturan(get=SEKRETARIAT),
    "evaluasi:indikator-daftar": Aturan(get=BACA_EVALUASI),
    "evaluasi:semester-detail": Aturan(
        get={"ada": BACA_EVALUASI, "tidak_ada": "L H H H H T"}, param=SEMESTER),
    "evaluasi:semester-status": Aturan(get=POST_SAJA, post=SEMESTER_KUNCI, param=SEMESTER),
    "evaluasi:semester-kunci": Aturan(get=SEMESTER_KUNCI, post=SEMESTER_KUNCI, param=SEMESTER),
    "evaluasi:antrean-massal": Aturan(get=POST_SAJA, post=SEMESTER_KUNCI, param=SEMESTER),
    "evaluasi:kartu-skor": Aturan(
        get={"ada": BACA_EVALUASI, "tidak_ada": "L H H H H T"}, param=SEMESTER),
    "evaluasi:laporan": Aturan(
        get=LAPORAN_LIHAT,
        # Filling: the Sekretariat any OPD's, an Operator OPD their own; Dinsos reads
        # Dinkes's verified report but may not change it (403).
        post={"dinkes": "L O O T T T", "dinsos": "L O H O H T",
              "opd_tidak_ada": "L H H H H T", "smt_tidak_ada": "L H H H H T"},
        param=LAPORAN),
    "evaluasi:laporan-unduh": Aturan(get=LAPORAN_LIHAT, param=LAPORAN),
    "evaluasi:laporan-unggah": Aturan(
        get=POST_SAJA,
        post={"dinkes": "L O O T T T", "dinsos": "L O H O T T",
              "opd_tidak_ada": "L H H H T T", "smt_tidak_ada": "L H H H T T"},
        param=LAPORAN),
    "evaluasi:laporan-verifikasi": Aturan(get=POST_SAJA, post=LAPORAN_VERIFIKASI, param=LAPORAN),
    "evaluasi:laporan-kembalikan": Aturan(get=POST_SAJA, post=LAPORAN_VERIFIKASI, param=LAPORAN),
    "evaluasi:laporan-riwayat": Aturan(get=LAPORAN_LIHAT, param=LAPORAN),
    "evaluasi:capaian-tahun": Aturan(
        get={"ada": BACA_EVALUASI, "tidak_ada": "L H H H H T"},
        param={"ada": {"tahun": "tahun_buka"}, "tidak_ada": {"tahun": "tahun_tidak_ada"}}),
    "evaluasi:capaian-detail": Aturan(
        get={"dinkes": BACA_EVALUASI, "dinsos": "L O H O H T", "tidak_ada": "L H H H H T"},
        param=pk(dinkes="capaian_dinkes", dinsos="capaian_dinsos")),
    "evaluasi:bpkp-daftar": Aturan(get=BACA_EVALUASI),
    "evaluasi:bpkp-detail": Aturan(
        get={"ada": BACA_EVALUASI, "tidak_ada": "L H H H H T"},
        param={"ada": {"tahun": "tahun_bpkp"}, "tidak_ada": {"tahun": "tahun_tidak_ada"}}),
    "evaluasi:rekomendasi-detail": Aturan(
        get={"ada": BACA_EVALUASI, "tidak_ada": "L H H H H T"}, param=pk(ada="rekomendasi")),
    # --- Posyandu: children only to the Sekretariat and a Petugas in scope -------------
    "posyandu:beranda": Aturan(get=SEMUA),
    "posyandu:posyandu-detail": balita_rule(post=False, di="posyandu"),
    "posyandu:skdn": balita_rule(post=False, di="posyandu"),
    "posyandu:balita-daftar": Aturan(get=DATA_BALITA),
    # Cleaning needs a city-wide scope; showing NIK "lihat_nik", which no role holds.
    "posyandu:nik-ganda": Aturan(get=SEKRETARIAT, post="L T T T T T"),
    "posyandu:balita-tambah": Aturan(get=DATA_BALITA, post=DATA_BALITA),
    "posyandu:balita-detail": balita_rule(post=False),
    "posyandu:balita-ubah": balita_rule(),
    "posyandu:balita-nik": Aturan(get=POST_SAJA, post="L T T T T T",
                                  param=pk(melati="balita_melati", mawar="balita_mawar")),
    "posyandu:balita-pindah": balita_rule(tanpa_get=True),
    "posyandu:balita-gabung": balita_rule(),
    "posyandu:pengukuran-tambah": balita_rule(),
    # A parent's request: one child's whole record (Sekretariat TPPS only).
    "posyandu:balita-ekspor-data": Aturan(
        get=POST_SAJA, post={"melati": SEKRETARIAT, "mawar": SEKRETARIAT,
                             "tidak_ada": "L H T T T T"},
        param=pk(melati="balita_melati", mawar="balita_mawar")),
    "posyandu:log-akses": Aturan(get=SEKRETARIAT),
    "posyandu:kegiatan-daftar": Aturan(get=SEMUA),
    "posyandu:kegiatan-tambah": Aturan(get=DATA_BALITA, post=DATA_BALITA),
    "posyandu:kegiatan-detail": balita_rule(post=False, di="kegiatan"),
    "posyandu:kegiatan-ubah": balita_rule(di="kegiatan"),
    "posyandu:pengukuran-hapus": balita_rule(di="pengukuran"),
    **{f"posyandu:kegiatan-{nama}": Aturan(
        get=POST_SAJA,
        post=(ukur := {"melati": DATA_BALITA, "mawar": BALITA_LUAR,
                       "anak_luar": BALITA_LUAR, "tidak_ada": BALITA_HILANG}),
        param={"melati": {"pk": "kegiatan_melati", "balita_pk": "balita_melati"},
               "mawar": {"pk": "kegiatan_mawar", "balita_pk": "balita_mawar"},
               # the kader's event, a child outside the kader's scope
               "anak_luar": {"pk": "kegiatan_melati", "balita_pk": "balita_mawar"},
               "tidak_ada": {"pk": "tidak_ada", "balita_pk": "tidak_ada"}})
       for nama in ("ukur", "tiba")},
    "posyandu:kegiatan-cari": balita_rule(post=False, di="kegiatan"),
    "posyandu:kegiatan-kedatangan": balita_rule(post=False, di="kegiatan"),
    "posyandu:kegiatan-balita-baru": balita_rule(tanpa_get=True, di="kegiatan"),
    "posyandu:kasus-daftar": Aturan(get=SEMUA),
    "posyandu:kasus-ubah": balita_rule(di="kasus"),
    # e-PPGBM: an import is its uploader's (and the Sekretariat's).
    "posyandu:impor-unggah": Aturan(get=DATA_BALITA, post=DATA_BALITA),
    **{f"posyandu:impor-{nama}": Aturan(
        get=POST_SAJA if nama == "simpan" else (impor := {
            "kader": DATA_BALITA, "lain": BALITA_LUAR, "tidak_ada": BALITA_HILANG}),
        post=impor if nama == "simpan" else None,
        param=pk(kader="impor_petugas", lain="impor_sekretariat"))
       for nama in ("detail", "status", "simpan", "ditolak")},
    "posyandu:ekspor": Aturan(get=DATA_BALITA),
    # --- Meetings, register, contributions: everyone reads; the Sekretariat manages ----
    "rapat:daftar": Aturan(get=SEMUA),
    "rapat:tambah": Aturan(get=SEKRETARIAT, post=SEKRETARIAT),
    "rapat:rekap-kehadiran": Aturan(get=SEMUA),
    **{f"rapat:{nama}": Aturan(get={"ada": SEMUA, "tidak_ada": "L H H H H H"},
                               param=pk(ada="rapat"))
       for nama in ("detail", "undangan", "undangan-ics", "daftar-hadir", "notulen")},
    **{f"rapat:{nama}": sekretariat_rule("rapat") for nama in ("ubah", "catat", "batalkan")},
    **{f"rapat:{nama}": sekretariat_rule("rapat", post_saja=True)
       for nama in ("bawa-tindak-lanjut", "keputusan-tambah")},
    "rapat:keputusan-ubah": sekretariat_rule("keputusan"),
    "rapat:keputusan-hapus": sekretariat_rule("keputusan", post_saja=True),
    "tindak_lanjut:daftar": Aturan(get=SEMUA),
    "tindak_lanjut:rekap": Aturan(get=SEMUA),
    "tindak_lanjut:tambah": Aturan(get=SEKRETARIAT, post=SEKRETARIAT),
    # Progress: the Sekretariat, and the Operator OPD of the agency that owes it (Dinkes).
    "tindak_lanjut:detail": Aturan(
        get={"ada": SEMUA, "tidak_ada": "L H H H H H"},
        post={"ada": "L O O T T T", "tidak_ada": "L H H H T T"},
        param=pk(ada="tindak_lanjut")),
    "tindak_lanjut:ubah": sekretariat_rule("tindak_lanjut"),
    "kontribusi:daftar": Aturan(get=SEMUA),
    "kontribusi:mitra": Aturan(get={"ada": SEMUA, "tidak_ada": "L H H H H H"},
                               param=pk(ada="mitra")),
    "kontribusi:tambah": Aturan(get=SEKRETARIAT, post=SEKRETARIAT),
    "kontribusi:ubah": sekretariat_rule("kontribusi"),
    "kontribusi:hapus": sekretariat_rule("kontribusi", post_saja=True),
    # --- The semester report: readers of semester data; Pimpinan signs -----------------
    "laporan_semester:daftar": Aturan(get=BACA_EVALUASI),
    **{f"laporan_semester:{nama}": Aturan(
        get={"disahkan": BACA_EVALUASI, "belum": BACA_EVALUASI, "tidak_ada": "L H H H H T"},
        param=LAPORAN_SEMESTER) for nama in ("laporan", "excel")},
    "laporan_semester:sahkan": Aturan(
        get=(sahkan := {"disahkan": "L T T T O T", "belum": "L T T T O T",
                        "tidak_ada": "L T T T H T"}),
        post=sahkan, param=LAPORAN_SEMESTER),
    **{f"laporan_semester:{nama}": Aturan(get=DISAHKAN, param=LAPORAN_SEMESTER)
       for nama in ("disahkan", "excel-disahkan", "pdf-disahkan")},
    "verifikasi": Aturan(get={"ada": PUBLIK, "salah": "N N N N N N"},
                         param={"ada": {"kode": "kode_verifikasi"},
                                "salah": {"kode": "kode_salah"}}),
    # --- Notifications: one's own only ------------------------------------------------
    "pemberitahuan:daftar": Aturan(get=SEMUA),
    "pemberitahuan:buka": Aturan(
        get={"okta": "L H O H H H", "dani": "L H H O H H", "tidak_ada": "L H H H H H"},
        param=pk(okta="pemberitahuan_okta", dani="pemberitahuan_dani")),
    "pemberitahuan:baca-semua": Aturan(get=POST_SAJA, post=SEMUA),
    "pemberitahuan:pengaturan": Aturan(get=SEMUA, post=SEMUA),
    "pemberitahuan:berhenti": Aturan(
        get=(berhenti := {"sah": PUBLIK, "salah": "B B B B B B"}), post=berhenti,
        param={"sah": {"token": "token_berhenti"}, "salah": {"token": "token_salah"}}),
    # --- Files, health, offline ------------------------------------------------------
    "berkas": Aturan(
        get={"sk": SEMUA, "bukti_draf_dinsos": "L O H O H T", "progres": SEMUA,
             "pdf_disahkan": BACA_EVALUASI, "tidak_ada": "L H H H H H"},
        param={"sk": {"nama": "berkas_sk"}, "bukti_draf_dinsos": {"nama": "berkas_capaian_dinsos"},
               "progres": {"nama": "berkas_progres"}, "pdf_disahkan": {"nama": "berkas_pdf"},
               "tidak_ada": {"nama": "berkas_tidak_ada"}}),
    "sehat": Aturan(get=PUBLIK),
    "pekerja-layanan": Aturan(get=PUBLIK),
    "luring": Aturan(get=PUBLIK),
    "/favicon.ico": Aturan(get=PUBLIK),  # unnamed: keyed by its route
}


# --- The resolver ---------------------------------------------------------------------


@dataclass(frozen=True)
class Rute:
    route: str
    nama: str  # the URL name with its namespaces, or "/<route>" for an unnamed one
    kwargs: frozenset[str]


def _jelajah(resolver, prefix="", ns="", kwargs=frozenset()):
    """Every URLPattern under ``resolver``: its full route, name with namespaces and the
    kwargs of its converters (those of the includes above it too)."""
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
            yield from _jelajah(p, prefix + str(p.pattern), sub,
                                kwargs | set(p.pattern.converters))
        elif isinstance(p, URLPattern):
            route = prefix + str(p.pattern)
            nama = (f"{ns}:{p.name}" if ns else p.name) if p.name else f"/{route}"
            yield Rute(route, nama, kwargs | set(p.pattern.converters))


@cache
def semua_rute() -> tuple[Rute, ...]:
    """Every URL of the site but the admin's."""
    return tuple(r for r in _jelajah(get_resolver()) if not r.route.startswith("admin/"))


def _baris(nilai, variasi):
    return nilai if isinstance(nilai, str) else nilai[variasi]


def _kasus():
    for rute in semua_rute():
        aturan = ATURAN.get(rute.nama)
        if aturan is None:
            yield pytest.param(rute.nama, "-", "GET", "anonim", id=f"{rute.nama}-TANPA-ATURAN")
            continue
        for variasi in aturan.param or {"-": {}}:
            for metode, nilai in (("GET", aturan.get), ("POST", aturan.post)):
                if nilai is None:
                    continue
                for aktor in AKTOR:
                    marks = []
                    if alasan := aturan.gagal.get((metode, variasi, aktor)):
                        marks.append(pytest.mark.xfail(strict=True, reason=alasan))
                    yield pytest.param(rute.nama, variasi, metode, aktor, marks=marks,
                                       id=f"{rute.nama}[{variasi}]-{metode}-{aktor}")


KASUS = list(_kasus())


# --- The dataset, once per module -----------------------------------------------------


@pytest.fixture(scope="module")
def dunia(django_db_setup, django_db_blocker):
    """The dataset of tests/matriks_izin_data.py, built once on ``HARI_UJI`` inside a
    transaction that is rolled back after the module; each test runs in a savepoint."""
    from tests.matriks_izin_data import buat_data

    with (time_machine.travel(HARI_UJI, tick=True), django_db_blocker.unblock(),
          transaction.atomic()):
        yield buat_data()
        transaction.set_rollback(True)


def _potret() -> dict:
    """What a refused POST must not change: every table's row count (history tables
    included, so an update shows too), and the accounts' state."""
    from opd.models import User

    hitung = {m._meta.label: m._default_manager.count() for m in apps.get_models()
              if m._meta.app_label not in ("sessions", "axes")}
    hitung["akun"] = list(User.objects.order_by("pk").values_list("pk", "is_active", "password"))
    return hitung


def _json_view(path: str) -> bool:
    return getattr(resolve(urlsplit(path).path).func, "jawaban_json", False)


def _ke_masuk(resp, path) -> bool:
    if resp.status_code != 302:
        return False
    lokasi = urlsplit(resp["Location"])
    return lokasi.path == reverse("akun:masuk") and parse_qs(lokasi.query).get("next") == [path]


def _sesuai(huruf: str, resp, path: str, metode: str, nama: str) -> bool:
    kode = resp.status_code
    if huruf == "L":
        if _json_view(path):
            return kode == 401 and resp.json()["ok"] is False
        return _ke_masuk(resp, path)
    if huruf == "O":
        boleh = {200, 301, 302} | ({400, 409} if metode == "POST" else set())
        if kode in (301, 302) and nama != "akun:keluar":
            return kode in boleh and not resp["Location"].startswith(reverse("akun:masuk"))
        return kode in boleh
    if huruf == "H":
        return tidak_ditemukan(resp)
    return kode == {"T": 403, "X": 405, "B": 400, "N": 404}[huruf]


@pytest.mark.parametrize("nama,variasi,metode,aktor", KASUS)
def test_matriks(dunia, nama, variasi, metode, aktor):
    aturan = ATURAN.get(nama)
    if aturan is None:
        pytest.fail(f"URL {nama!r} belum punya aturan akses: tambahkan ke ATURAN di "
                    f"tests/test_matriks_izin.py (siapa boleh GET/POST, di dalam dan di luar "
                    f"cakupan).")
    rute = next(r for r in semua_rute() if r.nama == nama)
    kwargs = {k: dunia["param"][v] for k, v in (aturan.param or {"-": {}})[variasi].items()}
    assert set(kwargs) == set(rute.kwargs), (
        f"parameter aturan {sorted(kwargs)} tidak sama dengan rute {rute.route}")
    path = reverse(nama, kwargs=kwargs) if not nama.startswith("/") else nama
    huruf = _baris(aturan.get if metode == "GET" else aturan.post, variasi).split()
    assert len(huruf) == len(AKTOR) and set(huruf) <= HURUF, huruf
    harapan = huruf[AKTOR.index(aktor)]

    client = Client()
    if aktor != "anonim":
        client.force_login(dunia["orang"][aktor])
    ditolak = metode == "POST" and harapan != "O"
    sebelum = _potret() if ditolak else None
    resp = client.get(path) if metode == "GET" else client.post(path, {})
    assert _sesuai(harapan, resp, path, metode, nama), (
        f"{metode} {path} sebagai {aktor}: diharapkan {harapan}, dapat {resp.status_code} "
        f"{resp.get('Location', '')}")
    if ditolak:
        assert _potret() == sebelum, f"POST {path} ditolak ({resp.status_code}) tetapi mengubah data"


def test_setiap_url_punya_aturan():
    """A URL without a rule (or a rule for a URL that no longer exists) fails here."""
    nama = [r.nama for r in semua_rute()]
    tanpa = sorted(set(nama) - set(ATURAN))
    assert not tanpa, (f"URL tanpa aturan akses: {tanpa}. Tambahkan aturannya ke ATURAN di "
                       f"tests/test_matriks_izin.py.")
    usang = sorted(set(ATURAN) - set(nama))
    assert not usang, f"Aturan untuk URL yang tidak ada lagi: {usang}"
    for r in semua_rute():
        for variasi, kw in (ATURAN[r.nama].param or {"-": {}}).items():
            assert set(kw) == set(r.kwargs), (r.nama, variasi, sorted(kw), sorted(r.kwargs))


@pytest.mark.parametrize("aktor", AKTOR)
def test_admin_hanya_untuk_staf(dunia, aktor):
    """The admin is left out of the matrix but for this: only staff are let in."""
    client = Client()
    if aktor != "anonim":
        client.force_login(dunia["orang"][aktor])
    resp = client.get(reverse("admin:index"))
    if aktor == "sekretariat":
        assert resp.status_code == 200
    else:
        assert resp.status_code == 302
        assert resp["Location"].startswith(reverse("admin:login"))
