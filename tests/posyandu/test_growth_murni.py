"""The WHO engine ``posyandu/growth/`` stays pure Python + numpy: no Django, no app, no file
or spreadsheet reading or writing (that is ``posyandu/survei.py``'s)."""

import ast
from pathlib import Path

import posyandu.growth

PAKET = Path(posyandu.growth.__file__).parent
TERLARANG = {
    "django", "tpps", "opd", "posyandu", "evaluasi",  # Django and the apps
    "openpyxl", "python_calamine", "csv",  # spreadsheets
    "io", "os", "pathlib", "shutil", "tempfile", "gzip", "zipfile", "pickle", "sqlite3",  # files
}


def _impor(pohon: ast.AST) -> set[str]:
    nama = set()
    for node in ast.walk(pohon):
        if isinstance(node, ast.Import):
            nama |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            nama.add(node.module)
    return nama


def test_the_engine_imports_no_django_app_file_or_spreadsheet_module():
    berkas = sorted(PAKET.glob("*.py"))
    assert {b.name for b in berkas} >= {"__init__.py", "engine.py", "tables.py", "child.py",
                                         "categories.py", "codes.py"}
    for b in berkas:
        pohon = ast.parse(b.read_text(encoding="utf-8"))
        dipakai = {m.split(".")[0] for m in _impor(pohon)}
        assert not dipakai & TERLARANG, f"{b.name} mengimpor {sorted(dipakai & TERLARANG)}"
        terbuka = [n.lineno for n in ast.walk(pohon) if isinstance(n, ast.Call)
                   and isinstance(n.func, ast.Name) and n.func.id == "open"]
        assert not terbuka, f"{b.name} membuka berkas di baris {terbuka}"


def test_the_scan_sees_a_forbidden_import():
    pohon = ast.parse("import numpy as np\nfrom django.db import models\nimport csv, os.path\n")
    assert {m.split(".")[0] for m in _impor(pohon)} & TERLARANG == {"django", "csv", "os"}
