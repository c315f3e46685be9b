"""Texts defined when a module is imported are translated when they are shown.

``gettext`` called at import time translates once, into the language active then (none, at
start-up), and never again. A text held at module or class level must be
``gettext_lazy`` (or ``pgettext_lazy`` / ``ngettext_lazy``); ``gettext`` belongs inside
functions, which run per request. This test reads every module of the project."""

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
PAKET = ("tpps", "opd", "posyandu", "evaluasi")
SEGERA = {"gettext", "ngettext", "pgettext", "npgettext"}


def _nama_segera(pohon: ast.Module) -> set[str]:
    """Local names bound to an immediate gettext (``from … import gettext as _``)."""
    nama = set()
    for node in ast.walk(pohon):
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
            nama |= {a.asname or a.name for a in node.names if a.name in SEGERA}
    return nama


def _panggilan_saat_impor(badan, nama):
    """Calls of ``nama`` in statements run at import time: module and class bodies, not
    function bodies (nor lambdas, which run later)."""
    for stmt in badan:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for hiasan in stmt.decorator_list:  # decorators do run at import time
                yield from _dalam(hiasan, nama)
            continue
        if isinstance(stmt, ast.ClassDef):
            yield from _panggilan_saat_impor(stmt.body, nama)
            continue
        yield from _dalam(stmt, nama)


def _dalam(node, nama):
    tumpukan = [node]
    while tumpukan:
        n = tumpukan.pop()
        if isinstance(n, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in nama:
            yield n
        tumpukan.extend(ast.iter_child_nodes(n))


def test_texts_defined_at_import_time_are_lazy():
    salah, dibaca = [], 0
    for paket in PAKET:
        for berkas in sorted((BASE / paket).rglob("*.py")):
            if "migrations" in berkas.parts:
                continue
            pohon = ast.parse(berkas.read_text(encoding="utf-8"))
            dibaca += 1
            nama = _nama_segera(pohon)
            for call in _panggilan_saat_impor(pohon.body, nama):
                salah.append(f"{berkas.relative_to(BASE)}:{call.lineno}")
    assert dibaca > 100
    assert salah == [], "gettext saat impor (pakai gettext_lazy): " + ", ".join(salah)


def test_the_check_finds_an_immediate_gettext_at_module_level():
    """The reader above does find what it looks for (and leaves functions alone)."""
    contoh = ast.parse(
        "from django.utils.translation import gettext as _\n"
        "LABEL = {'a': _('Dibuat')}\n"
        "class Form:\n    judul = _('Judul')\n"
        "def lihat():\n    return _('Boleh di sini')\n"
    )
    baris = [c.lineno for c in _panggilan_saat_impor(contoh.body, _nama_segera(contoh))]
    assert baris == [2, 4]
