"""A corpus of malformed files, made at test time (nothing big is committed).

Each builder takes a table (header + rows of text) and returns the bytes of one kind of
bad file made from it, so that every upload path gets the same malformations of its own
columns: ``buat(nama, header, rows)``. ``KORPUS`` names them with the suffix the file is
uploaded under. The zip bomb is ~200 KB on disk and inflates to ``BOM_MB`` MB; it is
written through a streaming zip member, so building it never holds the padding in memory.

    utf16_bom        Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated (valid)
    utf16_tanpa_bom  the same without its BOM (NUL bytes everywhere)
    nul              UTF-8 CSV with a NUL byte in a cell
    nul_akhir        ... the NUL after the first 64 KB (beyond the encoding sample)
    latin1           Windows-1252/Latin-1 text with accented names (valid)
    kosong           an empty file
    judul_saja       the header and no row
    pemisah_salah    columns separated by "|"
    bom_zip          an .xlsx whose sheet inflates to BOM_MB MB (a zip bomb)
    bom_lebar        a 20 KB .xlsx of 2,000 rows with one cell in column XFD: calamine would
                     allocate the whole rectangle (1 GB)
    xlsx_bukan_zip   an .xlsx that is a CSV file renamed
    xlsx_terpotong   the first half of a real .xlsx
    csv_png          a PNG image named .csv
    sel_raksasa      a quoted cell of 300,000 characters
    nama_1mb         a 1 MB value in the first text column
    rumus            an .xlsx whose measurement cells are formulas without a stored value
"""

import codecs
import csv
import io
import re
import struct
import zipfile

from openpyxl import Workbook

BOM_MB = 200
NUL_SETELAH_BYTE = 70 * 1024
PNG = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
       + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0) + b"\x90wS\xde"
       + struct.pack(">I", 0) + b"IEND\xaeB`\x82")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _teks(header, rows, pemisah=";") -> str:
    keluar = io.StringIO()
    tulis = csv.writer(keluar, delimiter=pemisah, lineterminator="\r\n")
    tulis.writerow(header)
    tulis.writerows(rows)
    return keluar.getvalue()


def _xlsx(header, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    keluar = io.BytesIO()
    wb.save(keluar)
    return keluar.getvalue()


def utf16_bom(header, rows) -> bytes:
    return codecs.BOM_UTF16_LE + _teks(header, rows, "\t").encode("utf-16-le")


def utf16_tanpa_bom(header, rows) -> bytes:
    return _teks(header, rows, "\t").encode("utf-16-le")


def nul(header, rows) -> bytes:
    data = _teks(header, rows).encode("utf-8")
    baris_kedua = data.index(b"\r\n") + 2
    return data[:baris_kedua + 3] + b"\x00" + data[baris_kedua + 3:]


def nul_akhir(header, rows) -> bytes:
    """Blank lines (skipped by every reader) push the NUL beyond the encoding sample."""
    data = _teks(header, rows).encode("utf-8")
    judul = data.index(b"\r\n") + 2
    kosong = (";" * (len(header) - 1) + "\r\n").encode() * (NUL_SETELAH_BYTE // len(header))
    return data[:judul] + kosong + nul(header, rows)[judul:]


def latin1(header, rows) -> bytes:
    return _teks(header, rows).encode("latin-1")


def kosong(header, rows) -> bytes:
    return b""


def judul_saja(header, rows) -> bytes:
    return _teks(header, []).encode("utf-8")


def pemisah_salah(header, rows) -> bytes:
    return _teks(header, rows, "|").encode("utf-8")


def bom_zip(header, rows, mb: int = BOM_MB) -> bytes:
    """A real workbook whose first data row holds ``mb`` MB of padding in one more cell:
    ~200 KB on disk. Written member by member; the padding streams in 1 MB pieces."""
    asli = zipfile.ZipFile(io.BytesIO(_xlsx(header, rows)))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as bom:
        for info in asli.infolist():
            data = asli.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                bom.writestr(info.filename, data)
                continue
            akhir_baris = data.index(b"</row>", data.index(b"</row>") + 1)
            with bom.open(info.filename, "w") as f:
                f.write(data[:akhir_baris])
                f.write(b'<c r="ZZ2" t="inlineStr"><is><t>')
                potong = b"A" * (1024 * 1024)
                for _ in range(mb):
                    f.write(potong)
                f.write(b"</t></is></c>")
                f.write(data[akhir_baris:])
    return keluar.getvalue()


def bom_lebar(header, rows, baris: int = 2000) -> bytes:
    def lebar(xml: bytes) -> bytes:
        tambahan = b"".join(
            b'<row r="%d"><c r="XFD%d" t="n"><v>1</v></c></row>' % (k, k)
            for k in range(len(rows) + 2, len(rows) + 2 + baris))
        return re.sub(rb'<dimension ref="[^"]+" ?/>', b"", xml).replace(
            b"</sheetData>", tambahan + b"</sheetData>")
    return ganti_lembar(_xlsx(header, rows), lebar)


def ganti_lembar(data: bytes, ganti) -> bytes:
    """The same workbook with its first sheet's XML passed through ``ganti``."""
    asli = zipfile.ZipFile(io.BytesIO(data))
    keluar = io.BytesIO()
    with zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for info in asli.infolist():
            isi = asli.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                isi = ganti(isi)
            z.writestr(info.filename, isi)
    return keluar.getvalue()


def xlsx_bukan_zip(header, rows) -> bytes:
    return _teks(header, rows).encode("utf-8")


def xlsx_terpotong(header, rows) -> bytes:
    data = _xlsx(header, rows)
    return data[: len(data) // 2]


def csv_png(header, rows) -> bytes:
    return PNG


def sel_raksasa(header, rows) -> bytes:
    rows = [list(r) for r in rows]
    rows[0][-1] = 'x"' + "y" * 300_000  # a quote forces the CSV reader's own field limit
    return _teks(header, rows).encode("utf-8")


def nama_1mb(header, rows, kolom: int = 1) -> bytes:
    rows = [list(r) for r in rows]
    rows[0][kolom] = "Aisyah" * (1024 * 1024 // 6)
    return _teks(header, rows).encode("utf-8")


def rumus(header, rows, kolom=()) -> bytes:
    """Formulas (as openpyxl writes them: no stored value) in the columns ``kolom``."""
    rows = [list(r) for r in rows]
    for row in rows:
        for i in kolom:
            row[i] = "=1+" + str(row[i]).replace(",", ".")
    return _xlsx(header, rows)


#: name → (the suffix it is uploaded under, builder).
KORPUS = {
    "utf16_bom": (".csv", utf16_bom),
    "utf16_tanpa_bom": (".csv", utf16_tanpa_bom),
    "nul": (".csv", nul),
    "nul_akhir": (".csv", nul_akhir),
    "latin1": (".csv", latin1),
    "kosong": (".csv", kosong),
    "judul_saja": (".csv", judul_saja),
    "pemisah_salah": (".csv", pemisah_salah),
    "bom_zip": (".xlsx", bom_zip),
    "bom_lebar": (".xlsx", bom_lebar),
    "xlsx_bukan_zip": (".xlsx", xlsx_bukan_zip),
    "xlsx_terpotong": (".xlsx", xlsx_terpotong),
    "csv_png": (".csv", csv_png),
    "sel_raksasa": (".csv", sel_raksasa),
    "nama_1mb": (".csv", nama_1mb),
    "rumus": (".xlsx", rumus),
}


def buat(nama: str, header, rows, **opsi) -> tuple[str, bytes]:
    """(suffix, bytes) of the corpus file ``nama`` made from the table."""
    akhiran, pembuat = KORPUS[nama]
    return akhiran, pembuat(header, rows, **opsi)


def ubah_ukuran_terurai(data: bytes, anggota: str, ukuran: int) -> bytes:
    """A zip whose directory says member ``anggota`` inflates to ``ukuran`` bytes (a lie)."""
    data = bytearray(data)
    for tanda, geser in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        mulai = 0
        while (i := data.find(tanda, mulai)) >= 0:
            panjang_nama = struct.unpack_from("<H", data, i + (28 if tanda == b"PK\x01\x02" else 26))[0]
            awal_nama = i + (46 if tanda == b"PK\x01\x02" else 30)
            if bytes(data[awal_nama:awal_nama + panjang_nama]).decode() == anggota:
                struct.pack_into("<I", data, i + geser, ukuran)
            mulai = i + 4
    return bytes(data)


def xlsx(header, rows) -> bytes:
    """A valid workbook of the table (for comparison)."""
    return _xlsx(header, rows)

