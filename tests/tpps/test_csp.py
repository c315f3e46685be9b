"""Content-Security-Policy: every page says scripts come from this site only, and no
template of ours holds a script the policy would block."""

import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _kebijakan(resp) -> dict[str, list[str]]:
    kebijakan = {}
    for bagian in resp["Content-Security-Policy"].split(";"):
        nama, *nilai = bagian.split()
        kebijakan[nama] = nilai
    return kebijakan


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/akun/masuk/", "/", "/dasbor/", "/admin/"])
def test_every_page_allows_scripts_from_this_site_only(client_as, sekretariat, url):
    k = _kebijakan(client_as(sekretariat).get(url))
    assert k["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in k["script-src"] and "'unsafe-eval'" not in k["script-src"]
    assert k["object-src"] == ["'none'"] and k["frame-ancestors"] == ["'none'"]
    assert k["default-src"] == ["'self'"]


def test_templates_hold_no_inline_script_or_event_handler():
    """Inline <script> bodies and on…= attributes would be blocked: behaviour lives in
    static/js (e.g. data-cetak, data-kirim-otomatis in js/tpps.js)."""
    salah, dibaca = [], set()
    for berkas in TEMPLATES.rglob("*.html"):
        teks = berkas.read_text(encoding="utf-8")
        dibaca.add(berkas.relative_to(TEMPLATES).as_posix())
        for m in re.finditer(r"<script\b([^>]*)>", teks):
            if "src=" not in m.group(1) and "application/json" not in m.group(1):
                salah.append(f"{berkas.relative_to(TEMPLATES)}: {m.group(0)}")
        for m in re.finditer(r"\son[a-z]+\s*=\s*[\"']", teks):
            salah.append(f"{berkas.relative_to(TEMPLATES)}: {m.group(0).strip()}")
    # It read the templates: every app's, and the pages whose scripts matter most.
    assert len(dibaca) >= 80, sorted(dibaca)
    assert {"base.html", "posyandu/kegiatan_detail.html", "dasbor/dasbor.html",
            "evaluasi/laporan.html"} <= dibaca
    assert salah == []
