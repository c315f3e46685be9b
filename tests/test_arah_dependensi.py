"""Dependencies point one way: opd ← posyandu ← evaluasi ← tpps. Each app imports only the
apps to its left (and itself), plus the shared helpers in tpps.lib; tpps.lib and the growth
engine (posyandu.growth) import no app at all. Read from every module's source (AST), so an
import inside a function counts as one at the top; tests, benchmarks and migrations are
not app code and are left out."""

import ast
import sys
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
#: Left to right: an app may import the ones before it.
URUTAN = ("opd", "posyandu", "evaluasi", "tpps")
BERSAMA = "tpps.lib"
#: Packages that import no app (themselves only).
MANDIRI = ("tpps.lib", "posyandu.growth")


def _di_dalam(nama: str, paket: str) -> bool:
    return nama == paket or nama.startswith(paket + ".")


def _modul(path: Path) -> tuple[str, bool]:
    """The dotted name of a source file, and whether it is a package's __init__."""
    bagian = list(path.relative_to(AKAR).with_suffix("").parts)
    paket = bagian[-1] == "__init__"
    if paket:
        bagian.pop()
    return ".".join(bagian), paket


def _impor(path: Path):
    """(line, imported module) for every import in the file, relative ones resolved."""
    nama, paket = _modul(path)
    dasar = nama.split(".") if paket else nama.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                induk = dasar[: len(dasar) - (node.level - 1)]
                modul = ".".join([*induk, node.module] if node.module else induk)
            else:
                modul = node.module
            # ``from tpps import access`` imports tpps.access: judge each name imported.
            for alias in node.names:
                yield node.lineno, f"{modul}.{alias.name}"


def _boleh(pengimpor: str, modul: str) -> bool:
    """Whether ``pengimpor`` may import ``modul`` (an app module)."""
    for mandiri in MANDIRI:
        if _di_dalam(pengimpor, mandiri):
            return _di_dalam(modul, mandiri)
    app = pengimpor.split(".")[0]
    izin = (*URUTAN[: URUTAN.index(app) + 1], BERSAMA)
    return any(_di_dalam(modul, paket) for paket in izin)


def _berkas_aplikasi():
    for app in URUTAN:
        for path in sorted((AKAR / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield path


def _pelanggaran(paths) -> list[str]:
    hasil = []
    for path in paths:
        pengimpor, _paket = _modul(path)
        for baris, modul in _impor(path):
            if not any(_di_dalam(modul, app) for app in URUTAN):
                continue  # Django, the standard library, other libraries
            if not _boleh(pengimpor, modul):
                hasil.append(f"{path.relative_to(AKAR)}:{baris} ({pengimpor}) imports {modul}")
    return hasil


def test_every_app_module_imports_only_the_apps_to_its_left():
    paths = list(_berkas_aplikasi())
    # Every app is read (a wrong root would find nothing and pass).
    for app in (*URUTAN, "tpps/lib", "posyandu/growth"):
        assert any(p.is_relative_to(AKAR / app) for p in paths), app
    assert len(paths) > 100
    assert _pelanggaran(paths) == []


@pytest.mark.parametrize("pengimpor, sumber, salah", [
    ("opd/views.py", "def f():\n    from posyandu.access import kegiatan_terlihat\n",
     "opd/views.py:2 (opd.views) imports posyandu.access.kegiatan_terlihat"),
    ("opd/models.py", "from tpps import access\n", "opd/models.py:1 (opd.models) imports tpps.access"),
    ("posyandu/alur.py", "import evaluasi.models\n",
     "posyandu/alur.py:1 (posyandu.alur) imports evaluasi.models"),
    ("evaluasi/views.py", "from tpps.access import can_tambah_tindak_lanjut\n",
     "evaluasi/views.py:1 (evaluasi.views) imports tpps.access.can_tambah_tindak_lanjut"),
    ("tpps/lib/numbers.py", "from opd.models import OPD\n",
     "tpps/lib/numbers.py:1 (tpps.lib.numbers) imports opd.models.OPD"),
    ("tpps/lib/numbers.py", "from tpps import access\n",
     "tpps/lib/numbers.py:1 (tpps.lib.numbers) imports tpps.access"),
    ("posyandu/growth/engine.py", "from ..models import Balita\n",
     "posyandu/growth/engine.py:1 (posyandu.growth.engine) imports posyandu.models.Balita"),
])
def test_the_scan_reports_each_wrong_way_import_with_its_line(tmp_path, monkeypatch, pengimpor,
                                                               sumber, salah):
    berkas = tmp_path / pengimpor
    berkas.parent.mkdir(parents=True)
    berkas.write_text(sumber, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "AKAR", tmp_path)
    assert _pelanggaran([berkas]) == [salah]


@pytest.mark.parametrize("pengimpor, sumber", [
    ("tpps/dasbor/gizi.py", "from posyandu.prevalensi import x\nfrom evaluasi.models import y\n"),
    ("evaluasi/views.py", "from posyandu.models import Kecamatan\nfrom tpps.lib.numbers import a\n"),
    ("posyandu/alur.py", "from opd.models import OPD\nfrom .growth import hitung\n"),
    ("posyandu/growth/engine.py", "from .tables import LMS\nfrom django.conf import settings\n"),
    ("tpps/lib/berkas.py", "from .numbers import parse_id\n"),
])
def test_the_scan_lets_imports_to_the_left_through(tmp_path, monkeypatch, pengimpor, sumber):
    berkas = tmp_path / pengimpor
    berkas.parent.mkdir(parents=True)
    berkas.write_text(sumber, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "AKAR", tmp_path)
    assert _pelanggaran([berkas]) == []
