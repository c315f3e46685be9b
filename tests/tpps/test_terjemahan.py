"""The texts a page's script shows come from the server (tpps.lib.pesan_skrip), in one
place: the scripts hold none of their own, and every key they read exists."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from tpps.lib.pesan_skrip import PESAN_SKRIP

SKRIP = sorted((Path(settings.BASE_DIR) / "static" / "js").glob("*.js"))
LITERAL = re.compile(r"\"((?:[^\"\\\n]|\\.)*)\"|'((?:[^'\\\n]|\\.)*)'")
#: A sentence for people: a capital, a word, then more words ("Gagal menyimpan.").
KALIMAT = re.compile(r"^[A-Z][a-z]+[ ,;:]+[A-Za-z]")


def _literal(teks: str) -> list[str]:
    tanpa_komentar = re.sub(r"/\*.*?\*/|^\s*//.*$", "", teks, flags=re.S | re.M)
    return [a or b for a, b in LITERAL.findall(tanpa_komentar)]


def test_scripts_hold_no_text_of_their_own():
    assert len(SKRIP) >= 5, SKRIP
    salah = []
    for berkas in SKRIP:
        teks = berkas.read_text(encoding="utf-8")
        salah += [f"{berkas.name}: {s}" for s in _literal(teks) if KALIMAT.match(s)]
        # Chart legends are texts too, however short.
        salah += [f"{berkas.name}: {m.group(0)}" for m in re.finditer(r"label:\s*[\"']", teks)]
    assert salah == []


def test_the_reader_finds_a_sentence_in_a_script():
    contoh = 'x.textContent = "Tidak tersambung ke server"; el("div", "text-danger", p);'
    assert [s for s in _literal(contoh) if KALIMAT.match(s)] == ["Tidak tersambung ke server"]


def test_every_key_a_script_reads_exists():
    dibaca = set()
    for berkas in SKRIP:
        dibaca |= set(re.findall(r"pesan\(\s*[\"'](\w+)[\"']", berkas.read_text("utf-8")))
    assert {"tidak_ditemukan", "sesi_berakhir", "konfirmasi", "grafik_median"} <= dibaca
    assert dibaca - set(PESAN_SKRIP) == set()


@pytest.mark.django_db
def test_every_page_carries_the_texts_as_data(client_as, sekretariat):
    resp = client_as(sekretariat).get("/dasbor/")
    m = re.search(r'<script id="pesan-skrip" type="application/json">(.*?)</script>',
                  resp.content.decode(), re.S)
    assert m, "#pesan-skrip tidak ada"
    assert json.loads(m.group(1)) == {k: str(v) for k, v in PESAN_SKRIP.items()}
    assert json.loads(m.group(1))["tidak_tersambung"] == "Tidak tersambung ke server; coba lagi."
