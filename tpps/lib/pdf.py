"""A4 documents made by the server, on fpdf2 (pure Python): the city's letterhead on the
first page, "Halaman X dari Y" on every page, headings, paragraphs, tables that break
across pages with their header repeated, bar charts drawn with rectangles, and a QR code
(segno, rendered to PNG in memory).

fpdf2's core fonts (Helvetica) hold latin-1 only, and no font ships with it: every text
passes through ``teks_aman`` (``–`` → ``-``, ``’`` → ``'``, ``≥`` → ``>=``; anything else
outside latin-1 loses its accent or becomes ``?``), so no text can stop a document.

A document is reproducible: its creation date is the one given (not "now") and fpdf2
derives the file's /ID from the content, so the same content gives the same bytes.

This module knows no app: what a document holds is given by its caller (architecture.md,
"PDF").
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO

import segno
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.fonts import FontFace

#: Characters outside latin-1 that Indonesian reports use, and what prints instead.
GANTI = {
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"',
    "\u201e": '"', "\u2026": "...", "\u2022": "-", "\u2265": ">=", "\u2264": "<=",
    "\u2260": "!=", "\u2248": "~", "\u00f7": ":", "\u2192": "->", "\u2190": "<-",
    "\u2191": "^", "\u2193": "v", "\u2009": " ", "\u202f": " ", "\u200b": "",
    "\u2030": "o/oo", "\u20ac": "EUR",
}

#: Bootstrap colour names (as the catalogue stores them) as RGB.
WARNA = {
    "success": (25, 135, 84), "primary": (13, 110, 253), "info": (13, 202, 240),
    "warning": (255, 193, 7), "danger": (220, 53, 69), "secondary": (108, 117, 125),
    "dark": (33, 37, 41), "light": (222, 226, 230),
}
HIJAU_MUDA = (238, 243, 236)
ABU_MUDA = (246, 246, 246)
ABU = (110, 110, 110)

A4_LEBAR_MM = 210


def teks_aman(teks) -> str:
    """``teks`` printable in a core font (latin-1): known symbols spelt out in ASCII,
    accents outside latin-1 dropped, whatever remains becomes ``?``."""
    if teks is None:
        return ""
    teks = str(teks)
    try:
        teks.encode("latin-1")
        return teks
    except UnicodeEncodeError:
        pass
    hasil = []
    for huruf in teks:
        if huruf in GANTI:
            hasil.append(GANTI[huruf])
            continue
        try:
            huruf.encode("latin-1")
            hasil.append(huruf)
            continue
        except UnicodeEncodeError:
            pass
        dasar = "".join(c for c in unicodedata.normalize("NFKD", huruf)
                        if not unicodedata.combining(c))
        try:
            hasil.append(dasar.encode("latin-1").decode("latin-1") or "?")
        except UnicodeEncodeError:
            hasil.append("?")
    return "".join(hasil)


def qr_png(data: str) -> BytesIO:
    """A QR code (always a full QR, never a Micro QR) of ``data`` as PNG in memory."""
    kode = segno.make_qr(data, error="m")
    keluaran = BytesIO()
    kode.save(keluaran, kind="png", scale=10, border=0)
    keluaran.seek(0)
    return keluaran


@dataclass(frozen=True)
class Kolom:
    judul: str
    lebar: float  # relative; the table spans the text width
    rata: str = "LEFT"  # LEFT, RIGHT, CENTER


@dataclass(frozen=True)
class BarisTebal:
    """A table row printed bold on a grey ground (a group's or a total's row)."""

    sel: list


@dataclass(frozen=True)
class Batang:
    """One row of a bar chart: a label and one value per series (None: no figure)."""

    label: str
    nilai: list
    teks: str = ""  # printed after the bars; the first value by default


@dataclass
class Seri:
    nama: str
    warna: tuple = WARNA["primary"]


@dataclass
class Grafik:
    judul: str
    baris: list[Batang]
    seri: list[Seri] = field(default_factory=lambda: [Seri("")])
    acuan: float | None = None  # a vertical line across the bars (e.g. the city's figure)
    label_acuan: str = ""
    catatan: str = ""
    maks: float | None = None
    warna_baris: list | None = None  # one colour per row (one series only)


class DokumenA4(FPDF):
    """An A4 portrait document with a letterhead (``kop``: lines, largest first) on its
    first page, a running title on the others, and "Halaman X dari Y" in every footer
    (``catatan_kaki`` beside it)."""

    KIRI, ATAS, KANAN, BAWAH = 20, 15, 15, 20

    def __init__(self, *, kop: list[tuple[str, float]], judul_berjalan: str,
                 catatan_kaki: str, dibuat_pada: datetime, judul: str, penulis: str = ""):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.kop = kop
        self.judul_berjalan = judul_berjalan
        self.catatan_kaki = catatan_kaki
        self.set_margins(self.KIRI, self.ATAS, self.KANAN)
        self.set_auto_page_break(True, margin=self.BAWAH)
        # In UTC, however the moment was handed over: the same moment, the same bytes.
        self.set_creation_date(dibuat_pada.astimezone(UTC))
        self.set_title(teks_aman(judul))
        self.set_author(teks_aman(penulis))
        self.set_creator("Sistem Informasi TPPS")
        self.alias_nb_pages("{nb}")

    @property
    def lebar_teks(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(teks_aman(text))

    # --- Every page ----------------------------------------------------------------------

    def header(self):
        if self.page_no() == 1:
            self._kop()
            return
        self.set_font("Helvetica", size=7.5)
        self.set_text_color(*ABU)
        self.cell(0, 4, self.judul_berjalan, align="L", new_x="LMARGIN", new_y="NEXT")
        self.set_draw_color(*ABU)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y() + 0.5, self.w - self.r_margin, self.get_y() + 0.5)
        self.set_text_color(0, 0, 0)
        self.ln(4)

    def _kop(self):
        for teks, ukuran in self.kop:
            self.set_font("Helvetica", "B", ukuran)
            self.cell(0, ukuran * 0.48, teks, align="C", new_x="LMARGIN", new_y="NEXT")
        y = self.get_y() + 1.5
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.9)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_line_width(0.25)
        self.line(self.l_margin, y + 1.3, self.w - self.r_margin, y + 1.3)
        self.set_y(y + 5)

    def footer(self):
        self.set_y(-13)
        self.set_font("Helvetica", size=7.5)
        self.set_text_color(*ABU)
        halaman = _("Halaman %(nomor)s dari %(jumlah)s") % {
            "nomor": self.page_no(), "jumlah": "{nb}"}
        lebar = self.lebar_teks
        self.cell(lebar * 0.7, 4, self.catatan_kaki, align="L")
        self.cell(lebar * 0.3, 4, halaman, align="R")
        self.set_text_color(0, 0, 0)

    # --- Blocks --------------------------------------------------------------------------

    def pastikan_ruang(self, tinggi_mm: float) -> None:
        """Start a new page unless ``tinggi_mm`` still fits on this one."""
        if self.get_y() + tinggi_mm > self.h - self.b_margin:
            self.add_page()

    def judul_tengah(self, teks: str, ukuran: float = 12, gaya: str = "B") -> None:
        self.set_font("Helvetica", gaya, ukuran)
        self.multi_cell(0, ukuran * 0.5, teks, align="C", new_x="LMARGIN", new_y="NEXT")

    def judul_bagian(self, teks: str) -> None:
        self.pastikan_ruang(30)
        self.ln(3)
        self.set_font("Helvetica", "B", 11)
        self.multi_cell(0, 6, teks.upper(), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)

    def subjudul(self, teks: str) -> None:
        self.pastikan_ruang(22)
        self.ln(1.5)
        self.set_font("Helvetica", "B", 10)
        self.multi_cell(0, 5, teks, new_x="LMARGIN", new_y="NEXT")
        self.ln(0.5)

    def paragraf(self, teks: str, ukuran: float = 10) -> None:
        self.set_font("Helvetica", size=ukuran)
        self.multi_cell(0, ukuran * 0.5, teks, align="J", new_x="LMARGIN", new_y="NEXT")
        self.ln(1.5)

    def catatan(self, teks: str) -> None:
        self.set_font("Helvetica", "I", 8)
        self.set_text_color(60, 60, 60)
        self.multi_cell(0, 4, teks, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(0, 0, 0)
        self.ln(1)

    def tabel(self, kolom: list[Kolom], baris: list, *, ukuran: float = 8) -> None:
        """A table across the text width; its header row repeats on every page it runs
        over. A row is a list of cells (str/number) or a ``BarisTebal``."""
        self.set_font("Helvetica", size=ukuran)
        # fpdf2 takes the cells' ground from the colour set last (a chart's bar): white.
        self.set_fill_color(255, 255, 255)
        self.set_draw_color(0, 0, 0)
        self.set_line_width(0.2)
        kepala = FontFace(emphasis="BOLD", fill_color=HIJAU_MUDA)
        tebal = FontFace(emphasis="BOLD", fill_color=ABU_MUDA)
        self.pastikan_ruang(14)
        with self.table(
            col_widths=tuple(k.lebar for k in kolom), width=self.lebar_teks,
            text_align=tuple(k.rata for k in kolom), line_height=ukuran * 0.47,
            headings_style=kepala, padding=(0.8, 1.2), align="LEFT",
            repeat_headings=1, v_align="TOP",
        ) as tabel:
            r = tabel.row()
            for k in kolom:
                r.cell(k.judul)
            for isi in baris:
                if isinstance(isi, BarisTebal):
                    r = tabel.row(style=tebal)
                    sel = list(isi.sel)
                else:
                    r = tabel.row()
                    sel = list(isi)
                if len(sel) < len(kolom):
                    # A short row: its last cell spans the columns left.
                    for s in sel[:-1]:
                        r.cell(_sel(s))
                    r.cell(_sel(sel[-1]), colspan=len(kolom) - len(sel) + 1)
                    continue
                for s in sel:
                    r.cell(_sel(s))
        self.ln(2)

    def grafik(self, g: Grafik) -> None:
        """Horizontal bars, one row per ``Batang`` and one bar per series, scaled to the
        largest value (or ``g.maks``), each followed by its figure."""
        tinggi_bar = 4.2 if len(g.seri) == 1 else 3.2
        tinggi_baris = tinggi_bar * len(g.seri) + 2.2
        tinggi = 10 + tinggi_baris * max(len(g.baris), 1) + (6 if len(g.seri) > 1 else 0) + 8
        self.pastikan_ruang(min(tinggi, 120))
        self.set_font("Helvetica", "B", 9)
        self.multi_cell(0, 5, g.judul, new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        label_lebar, teks_lebar = 48, 30
        x0 = self.l_margin + label_lebar
        area = self.lebar_teks - label_lebar - teks_lebar
        semua = [v for b in g.baris for v in b.nilai if v is not None]
        if g.acuan is not None:
            semua.append(g.acuan)
        maks = g.maks or (max(semua) if semua else 0) or 1
        y_awal = self.get_y()
        self.set_font("Helvetica", size=7.5)
        for i, b in enumerate(g.baris):
            if self.get_y() + tinggi_baris > self.h - self.b_margin:
                self._garis_acuan(g, x0, area, maks, y_awal, self.get_y())
                self.add_page()
                y_awal = self.get_y()
                self.set_font("Helvetica", size=7.5)
            y = self.get_y()
            self.set_xy(self.l_margin, y)
            self.cell(label_lebar - 2, tinggi_baris - 2.2, b.label, align="R")
            for j, nilai in enumerate(b.nilai):
                warna = (g.warna_baris[i] if g.warna_baris and len(g.seri) == 1
                         else g.seri[j].warna)
                yb = y + j * tinggi_bar
                if nilai is None:
                    continue
                lebar = max(area * min(nilai, maks) / maks, 0.4 if nilai else 0)
                self.set_fill_color(*warna)
                if lebar:
                    self.rect(x0, yb, lebar, tinggi_bar - 0.6, style="F")
            self.set_xy(x0 + area + 1.5, y)
            teks = b.teks or ("-" if b.nilai[0] is None else str(b.nilai[0]))
            self.cell(teks_lebar - 1.5, tinggi_baris - 2.2, teks, align="L")
            self.set_y(y + tinggi_baris)
        self.set_draw_color(*ABU)
        self.set_line_width(0.2)
        self.line(x0, y_awal - 0.5, x0, self.get_y() - 1.5)
        self.set_draw_color(0, 0, 0)
        self._garis_acuan(g, x0, area, maks, y_awal, self.get_y())
        if len(g.seri) > 1:
            self._legenda(g.seri)
        if g.catatan:
            self.catatan(g.catatan)
        self.ln(2)

    def _garis_acuan(self, g: Grafik, x0, area, maks, y1, y2) -> None:
        if g.acuan is None or y2 <= y1:
            return
        x = x0 + area * min(g.acuan, maks) / maks
        self.set_draw_color(*WARNA["dark"])
        self.set_line_width(0.3)
        self.set_dash_pattern(dash=1.2, gap=0.8)
        self.line(x, y1 - 1.5, x, y2 - 1.5)
        self.set_dash_pattern()
        if g.label_acuan:
            self.set_font("Helvetica", "I", 6.5)
            self.set_xy(x - 25, y2 - 1.2)
            self.cell(50, 3, g.label_acuan, align="C")
            self.set_xy(self.l_margin, y2 + 2.5)
            self.set_font("Helvetica", size=7.5)

    def _legenda(self, seri: list[Seri]) -> None:
        self.set_font("Helvetica", size=7.5)
        x = self.l_margin + 48
        y = self.get_y()
        for s in seri:
            self.set_fill_color(*s.warna)
            self.rect(x, y + 0.8, 3.5, 2.6, style="F")
            self.set_xy(x + 4.5, y)
            lebar = self.get_string_width(s.nama) + 4
            self.cell(lebar, 4, s.nama)
            x += lebar + 8
        self.set_y(y + 5)

    def kode_qr(self, data: str, *, x: float, y: float, ukuran_mm: float) -> None:
        self.image(qr_png(data), x=x, y=y, w=ukuran_mm, h=ukuran_mm)

    def hasil(self) -> bytes:
        return bytes(self.output())


def _sel(nilai) -> str:
    if nilai is None:
        return "-"
    return str(nilai)


__all__ = ["A4_LEBAR_MM", "BarisTebal", "Batang", "DokumenA4", "Grafik", "Kolom", "Seri",
           "WARNA", "qr_png", "teks_aman"]
