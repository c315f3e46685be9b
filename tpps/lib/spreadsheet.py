"""Read and write tables as a header plus a stream of rows: CSV or XLSX.

Generic on purpose: the z-score command, the e-PPGBM import (100,000-row files)
and every export use it. Reading streams CSV row by row; XLSX is parsed by
``python-calamine`` (openpyxl needs ~40 s for 100,000 rows, architecture.md).
Writing streams too: CSV through ``csv``, XLSX through openpyxl's write-only mode.

    with open_table(path) as table:
        table.header              # ["nik", "nama", ...] (stripped text)
        for row in table.rows:    # lists at least as long as the header
            ...
        # or, for large files: for block in table.chunks(10_000): ...

    write_table(path, header, rows)

CSV cells are strings; XLSX cells are str, float, bool, date or datetime (empty
cells are ""). Rows are padded with "" to the header's length, so ``row[i]``
always exists; a row longer than the header keeps its extra cells.

A file is checked before it is parsed (``periksa_xlsx``, ``periksa_csv``; ``open_table``
runs them too): an .xlsx is a zip, and what it inflates to is bounded (size, compression
ratio, rows) so that a small file cannot fill the memory; a CSV is UTF-8, Windows-1252 or
UTF-16 with its BOM (Excel's "Unicode Text"), and one with NUL bytes is refused. Every
refusal is a ``SpreadsheetError`` whose message (Indonesian) is for the user.
"""

from __future__ import annotations

import codecs
import csv
import math
import re
import struct
import sys
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_SUFFIXES",
    "InfoXlsx",
    "SpreadsheetError",
    "Table",
    "TableWriter",
    "open_table",
    "open_writer",
    "periksa_csv",
    "periksa_tabel",
    "periksa_xlsx",
    "write_table",
]

CSV_SUFFIXES = frozenset({".csv", ".txt"})
EXCEL_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
_DELIMITERS = (",", ";", "\t")
_SAMPLE_BYTES = 64 * 1024


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table; the message is for the user."""


class Table:
    """An open table: ``header``, and its rows read once, either one by one
    (``rows``) or in lists (``chunks()``, faster for large files)."""

    def __init__(
        self,
        header: list[str],
        source: Iterator[Sequence[Any]],
        *,
        name: str,
        delimiter: str | None = None,
        encoding: str | None = None,
        close: Callable[[], None] | None = None,
    ):
        self.header = header
        self.delimiter = delimiter  # CSV only
        self.encoding = encoding  # CSV only
        #: XLSX: header position → formula cells in that column with no stored value (they
        #: read as empty; a reader that needs the column refuses the file: ``tolak_rumus``).
        self.rumus_tanpa_nilai: dict[int, int] = {}
        self._take = source.take if isinstance(source, _CsvRecords) else partial(_take, source)
        self._name = name
        self._close = close

    def chunks(self, size: int = 10_000) -> Iterator[list[list[Any]]]:
        """Rows in lists of up to ``size``, each row padded with "" to the header's width."""
        width = len(self.header)
        while True:
            try:
                block = self._take(size)
            except UnicodeDecodeError:
                raise SpreadsheetError(_pesan_tak_terbaca(self._name, self.encoding)) from None
            except csv.Error as exc:
                raise SpreadsheetError(_pesan_csv(self._name, exc)) from None
            if not block:
                return
            yield [
                row if row.__class__ is list and len(row) >= width else _pad(row, width)
                for row in block
            ]

    @property
    def rows(self) -> Iterator[list[Any]]:
        return chain.from_iterable(self.chunks())

    def tolak_rumus(self, kolom: Iterable[int]) -> None:
        """Refuse the file (``SpreadsheetError``) when a column the reader uses (header
        positions ``kolom``) holds formulas without a stored value: they would read as
        empty cells. Other columns' formulas do not matter."""
        kena = sorted(i for i in set(kolom) if self.rumus_tanpa_nilai.get(i))
        if kena:
            raise SpreadsheetError(_pesan_rumus(
                self._name, sum(self.rumus_tanpa_nilai[i] for i in kena),
                [self.header[i] for i in kena]))

    def close(self) -> None:
        if self._close is not None:
            self._close()
            self._close = None


def _take(rows: Iterator[Sequence[Any]], size: int) -> list[Sequence[Any]]:
    return list(islice(rows, size))


class _CsvRecords:
    """The records of a CSV file, read a block at a time.

    A block of lines without a quote character is split with ``str.split``,
    which gives what ``csv.reader`` gives for such lines, several times faster.
    A block with a quote goes through ``csv.reader``, first extended until its
    quotes pair up, since a quoted field may hold a line break.
    """

    def __init__(self, file: TextIO, delimiter: str, name: str = ""):
        self._lines = iter(file)
        self._delimiter = delimiter
        self._name = name
        self._read = 0  # lines read so far

    def take(self, size: int) -> list[list[str]]:
        lines = list(islice(self._lines, size))
        text = "".join(lines)
        if "\x00" in text:  # a NUL is no text (UTF-16 without its BOM, a binary file)
            line = self._read + text.count("\n", 0, text.index("\x00")) + 1
            raise SpreadsheetError(_pesan_nul(self._name, line))
        self._read += len(lines)
        if '"' not in text:
            delimiter = self._delimiter
            return [line.rstrip("\r\n").split(delimiter) for line in lines]
        odd = text.count('"') % 2
        while odd:
            line = next(self._lines, None)
            if line is None:
                break  # an unclosed quote: csv.reader keeps the rest in the field
            if "\x00" in line:
                raise SpreadsheetError(_pesan_nul(self._name, self._read + 1))
            lines.append(line)
            self._read += 1
            odd ^= line.count('"') % 2
        return list(csv.reader(lines, delimiter=self._delimiter))


def _pad(row: Sequence[Any], width: int) -> list[Any]:
    row = list(row)
    row.extend([""] * (width - len(row)))
    return row


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in CSV_SUFFIXES | EXCEL_SUFFIXES:
        raise SpreadsheetError(
            f"Jenis berkas '{path.name}' tidak didukung: gunakan CSV (.csv) atau Excel (.xlsx)."
        )
    return suffix


def _header(cells: Sequence[Any]) -> list[str]:
    header = [_cell_text(cell).strip() for cell in cells]
    while header and not header[-1]:
        header.pop()  # trailing empty header cells are formatting, not columns
    if not header:
        raise SpreadsheetError("Baris pertama (judul kolom) kosong.")
    return header


def _sniff_delimiter(first_line: str) -> str:
    """The candidate that occurs most often in the header line (outside quotes)."""
    unquoted = first_line.split('"')[::2]
    counts = {d: sum(part.count(d) for part in unquoted) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _detect_encoding(sample: bytes, name: str) -> str:
    """UTF-8 (with or without BOM); UTF-16 with its BOM (Excel's "Unicode Text"); else
    Windows-1252, which Excel's "CSV" uses. A sample with NUL bytes (UTF-16 without its
    BOM, UTF-32, an image) is refused: no reading of it would give the text back."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise SpreadsheetError(_pesan_nul(name, 1))
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        raise SpreadsheetError(_pesan_nul(name, sample.count(b"\n", 0, sample.index(b"\x00")) + 1))
    try:
        # A multi-byte character may be cut at the end of the sample.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _open_csv(path: Path) -> Table:
    with path.open("rb") as f:
        encoding = _detect_encoding(f.read(_SAMPLE_BYTES), path.name)
    f: TextIO = path.open(encoding=encoding, newline="")
    try:
        first_line = f.readline()
        f.seek(0)
        delimiter = _sniff_delimiter(first_line)
        records = _CsvRecords(f, delimiter, path.name)
        header_cells = records.take(1)
        if not header_cells:
            raise SpreadsheetError(f"Berkas '{path.name}' kosong.")
        header = _header(header_cells[0])
    except UnicodeDecodeError:
        f.close()
        raise SpreadsheetError(_pesan_tak_terbaca(path.name, encoding)) from None
    except csv.Error as exc:
        f.close()
        raise SpreadsheetError(_pesan_csv(path.name, exc)) from None
    except BaseException:
        f.close()
        raise
    return Table(
        header, records, name=path.name, delimiter=delimiter, encoding=encoding, close=f.close
    )


def _open_excel(path: Path, sheet: str | int | None) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook, WorksheetNotFound

    info = None
    if path.suffix.lower() in ZIP_SUFFIXES:
        info = periksa_xlsx(path, nama=path.name)  # before calamine holds any of it
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if isinstance(sheet, str):
            worksheet = workbook.get_sheet_by_name(sheet)
        else:
            worksheet = workbook.get_sheet_by_index(sheet or 0)
        rows = iter(worksheet.iter_rows())
    except (WorksheetNotFound, IndexError):
        raise SpreadsheetError(f"Lembar '{sheet}' tidak ada di berkas '{path.name}'.") from None
    except (CalamineError, ValueError, OSError):
        # calamine's own words are English: the user gets what to do instead.
        raise SpreadsheetError(_pesan_rusak(path.name)) from None
    header_cells = next(rows, None)
    if header_cells is None:
        raise SpreadsheetError(f"Berkas '{path.name}' kosong.")
    header = _header(header_cells)
    table = Table(header, rows, name=path.name)
    if info is not None and info.kolom_rumus:
        geser = (worksheet.start or (0, 0))[1]  # calamine's rows begin at the first used column
        table.rumus_tanpa_nilai = {
            k - geser: n for k, n in info.kolom_rumus.items() if 0 <= k - geser < len(header)}
    return table


@contextmanager
def open_table(path: str | Path, *, sheet: str | int | None = None) -> Iterator[Table]:
    """Open a CSV (delimiter ``,``, ``;`` or tab, sniffed) or Excel file as a ``Table``.

    ``sheet`` picks an Excel sheet by name or index (default: the first). An .xlsx is
    checked first (``periksa_xlsx``): a file it refuses is never parsed. Raises
    ``SpreadsheetError`` with a message for the user.
    """
    path = Path(path)
    if not path.is_file():
        raise SpreadsheetError(f"Berkas '{path}' tidak ditemukan.")
    table = _open_csv(path) if _suffix(path) in CSV_SUFFIXES else _open_excel(path, sheet)
    try:
        yield table
    finally:
        table.close()


# --- Checks before parsing ------------------------------------------------------------
#
# An .xlsx (.xlsm, .ods) is a zip: ~1 MB of deflated XML can stand for gigabytes, and
# calamine holds a whole sheet in memory. ``periksa_xlsx`` reads the zip's directory and
# refuses, before any parsing, what inflates beyond ``UKURAN_XLSX_TERURAI_MAKS_MB`` (a
# setting; a city's 100,000-row e-PPGBM export inflates to 164 MB, 17 MB on disk), a member
# deflated more than ``RASIO_MAKS`` times (real sheets: ~10), more than ``BARIS_XLSX_MAKS``
# rows in a sheet (declared, counted, or the last row's number), a sheet whose rows × columns
# (up to its farthest cell) exceed ``SEL_XLSX_MAKS`` — calamine allocates that rectangle
# (32 bytes a cell): 2,000 rows with one cell in column XFD, a 19 KB file, take 1 GB — and
# more than ``ANGGOTA_ZIP_MAKS`` members. It
# then inflates each member once, 1 MB at a time (memory stays flat), so that a directory
# lying about sizes, a cut file or a damaged member is refused too (CRC checked). The
# limits are read from Django's settings when Django is loaded (never imported here:
# ``posyandu.survei`` runs without it), else these defaults.

UKURAN_XLSX_TERURAI_MAKS_MB = 400
BARIS_XLSX_MAKS = 300_000
SEL_XLSX_MAKS = 12_000_000  # a 100,000-row e-PPGBM export: 3.3 million (33 columns)
RASIO_MAKS = 100
_RASIO_DIHITUNG_DARI = 1024 * 1024  # a member smaller than this inflates harmlessly
ANGGOTA_ZIP_MAKS = 10_000
ZIP_SUFFIXES = frozenset({".xlsx", ".xlsm", ".ods"})
_POTONGAN = 1024 * 1024
_SAMBUNG_BARIS = 8
_SAMBUNG_SEL = 32  # the longest cell reference, r="XFD1048576", cut between two pieces
_NOMOR_BARIS = re.compile(rb'\sr="(\d+)"')
#: Cell references by the length of their column letters (3: from column AAA).
_REF_KOLOM = {n: re.compile(rb'r="([A-Z]{%d})\d' % n) for n in (3, 2, 1)}  # literal first: fast
_DIMENSI = re.compile(rb'<(?:\w{1,10}:)?dimension\s+ref="[A-Za-z]*\d*(?::[A-Za-z]*(\d+))?"')
# A formula cell with no stored value, and its column: ``<c r="B2"><f>…</f></c>`` or with
# ``<v/>`` (openpyxl and other programs write these; Excel stores the value, "" as
# ``<v></v>``). A formula's text holds no "<" (XML escapes it) and is at most 8,192 long.
_RUMUS_KOSONG = re.compile(
    rb'<(?:\w{1,10}:)?c\b[^<>]{0,300}?\br="([A-Z]{1,3})\d+"[^<>]{0,300}>\s{0,20}'
    rb"<(?:\w{1,10}:)?f\b(?:[^<>]{0,300}/>|[^<>]{0,300}>[^<]{0,9000}</(?:\w{1,10}:)?f>)"
    rb"\s{0,20}(?:<(?:\w{1,10}:)?v\s{0,5}/>\s{0,20})?</(?:\w{1,10}:)?c>"
)
_SAMBUNG_RUMUS = 10_000


def _kolom_terjauh(teks: bytes, sejauh: int) -> int:
    """The farthest column (A = 0) a cell reference in ``teks`` names, or ``sejauh`` when
    none goes farther; longer letters are looked for first (most files have none)."""
    for n, pola in _REF_KOLOM.items():
        if sejauh >= 26 ** n:  # no reference of n letters can go farther
            break
        refs = set(pola.findall(teks))
        if refs:
            return max(sejauh, *map(_nomor_kolom, refs))
    return sejauh


def _nomor_kolom(huruf: bytes) -> int:
    """A column's letters as a number from 0 (A = 0, Z = 25, AA = 26)."""
    n = 0
    for h in huruf:
        n = n * 26 + h - 64
    return n - 1


def _hitung_baris(teks: bytes) -> int:
    """Row elements in a piece of sheet XML: ``<row …>``, or ``<x:row …>`` with a prefix."""
    return teks.count(b"<row") + teks.count(b":row ")


def _setelan(nama: str, bawaan: int) -> int:
    conf = sys.modules.get("django.conf")
    if conf is not None and conf.settings.configured:
        return int(getattr(conf.settings, nama, bawaan))
    return bawaan


@dataclass
class InfoXlsx:
    """What ``periksa_xlsx`` found in a workbook that passed."""

    terurai_byte: int = 0  # every member inflated
    baris: dict[str, int] = field(default_factory=dict)  # sheet member → rows counted
    rumus_tanpa_nilai: int = 0  # formula cells without a stored value (read as empty)
    kolom_rumus: dict[int, int] = field(default_factory=dict)  # their column (A = 0) → count


def _nama_berkas(berkas: Any, nama: str | None) -> str:
    if nama:
        return nama
    asli = berkas if isinstance(berkas, (str, Path)) else getattr(berkas, "name", None)
    return Path(str(asli)).name if asli else "berkas"


@contextmanager
def _biner(berkas: Any) -> Iterator[Any]:
    """A binary file object for a path or an (uploaded) file, at its start; an open file
    given is put back where it was."""
    if isinstance(berkas, (str, Path)):
        with open(berkas, "rb") as f:
            yield f
        return
    posisi = berkas.tell() if hasattr(berkas, "tell") else 0
    berkas.seek(0)
    try:
        yield berkas
    finally:
        berkas.seek(posisi)


def _jumlah_anggota(f: Any) -> int | None:
    """Members the zip's end record announces (None: no end record to read)."""
    f.seek(0, 2)
    ukuran = f.tell()
    f.seek(max(0, ukuran - (1 << 16) - 22))
    ekor = f.read()
    i = ekor.rfind(b"PK\x05\x06")
    if i < 0 or len(ekor) < i + 22:
        return None
    return struct.unpack_from("<H", ekor, i + 10)[0]


def periksa_xlsx(berkas: Any, *, nama: str | None = None) -> InfoXlsx:
    """Check an .xlsx/.xlsm/.ods (a path or a binary file object) before it is parsed:
    raises ``SpreadsheetError`` for a file that is no zip or a damaged one, or would
    inflate beyond the limits (see above). ``nama``: the file's name in the messages."""
    nama = _nama_berkas(berkas, nama)
    batas_mb = _setelan("UKURAN_XLSX_TERURAI_MAKS_MB", UKURAN_XLSX_TERURAI_MAKS_MB)
    batas_baris = _setelan("BARIS_XLSX_MAKS", BARIS_XLSX_MAKS)
    info = InfoXlsx()
    with _biner(berkas) as f:
        jumlah = _jumlah_anggota(f)
        if jumlah is None:
            raise SpreadsheetError(_pesan_rusak(nama))
        if jumlah > ANGGOTA_ZIP_MAKS:
            raise SpreadsheetError(
                f"Berkas '{nama}' berisi {jumlah} bagian di dalamnya, lebih dari "
                f"{ANGGOTA_ZIP_MAKS} yang wajar untuk Excel; berkas ditolak."
            )
        f.seek(0)
        try:
            arsip = zipfile.ZipFile(f)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
            raise SpreadsheetError(_pesan_rusak(nama)) from None
        with arsip:
            anggota = arsip.infolist()
            if len(anggota) > ANGGOTA_ZIP_MAKS:
                raise SpreadsheetError(_pesan_rusak(nama))
            terurai = sum(a.file_size for a in anggota)
            if terurai > batas_mb * 1024 * 1024:
                raise SpreadsheetError(_pesan_terlalu_besar(nama, terurai, batas_mb))
            for a in anggota:
                if a.file_size > _RASIO_DIHITUNG_DARI and (
                    a.file_size > RASIO_MAKS * max(a.compress_size, 1)
                ):
                    raise SpreadsheetError(_pesan_bom(nama, a.file_size, a.compress_size))
            for a in anggota:
                _periksa_anggota(arsip, a, nama, batas_baris, info)
    return info


def _periksa_anggota(arsip: zipfile.ZipFile, a: zipfile.ZipInfo, nama: str, batas_baris: int,
                     info: InfoXlsx) -> None:
    """Inflate one member 1 MB at a time: its real size, CRC, and for a sheet its rows
    (declared dimension and counted) and formula cells without a value."""
    lembar = a.filename.startswith("xl/worksheets/") and a.filename.endswith(".xml")
    baris = dibaca = baris_terakhir = 0
    kolom = -1
    rumus: dict[int, int] = {}
    sambung_b = sambung_r = b""
    batas_sel = _setelan("SEL_XLSX_MAKS", SEL_XLSX_MAKS)
    try:
        with arsip.open(a) as isi:
            while potongan := isi.read(_POTONGAN):
                if not dibaca and lembar:
                    dimensi = _DIMENSI.search(potongan, 0, 4096)
                    if dimensi and dimensi.group(1) and int(dimensi.group(1)) > batas_baris:
                        raise SpreadsheetError(
                            _pesan_baris(nama, int(dimensi.group(1)), batas_baris))
                dibaca += len(potongan)  # zipfile stops at the declared size (then CRC)
                if lembar:
                    kepala = potongan[:_SAMBUNG_BARIS]  # a tag cut between two pieces
                    baris += _hitung_baris(potongan) + _hitung_baris(sambung_b + kepala) - (
                        _hitung_baris(sambung_b) + _hitung_baris(kepala))
                    sambung_b = potongan[-_SAMBUNG_BARIS:]
                    kolom = _kolom_terjauh(potongan, kolom)
                    kolom = _kolom_terjauh(sambung_r[-_SAMBUNG_SEL:] + potongan[:_SAMBUNG_SEL],
                                           kolom)
                    i = max(potongan.rfind(b"<row"), potongan.rfind(b":row "))
                    if i >= 0 and (m := _NOMOR_BARIS.search(potongan, i, i + 300)):
                        baris_terakhir = max(baris_terakhir, int(m.group(1)))
                    teks = sambung_r + potongan
                    if b"<f" in teks or b":f" in teks:  # formulas at all (most files: none)
                        for m in _RUMUS_KOSONG.finditer(teks):
                            if m.end() > len(sambung_r):
                                k = _nomor_kolom(m.group(1))
                                rumus[k] = rumus.get(k, 0) + 1
                    sambung_r = teks[-_SAMBUNG_RUMUS:]
                    tinggi = max(baris, baris_terakhir)
                    if tinggi > batas_baris:
                        raise SpreadsheetError(_pesan_baris(nama, tinggi, batas_baris))
                    if tinggi * (kolom + 1) > batas_sel:
                        raise SpreadsheetError(_pesan_sel(nama, tinggi, kolom + 1, batas_sel))
    except SpreadsheetError:
        raise
    except RuntimeError:  # zipfile: "File is encrypted, password required"
        raise SpreadsheetError(
            f"Berkas '{nama}' dilindungi kata sandi; simpan ulang tanpa kata sandi."
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
            NotImplementedError):
        raise SpreadsheetError(_pesan_rusak(nama)) from None
    if dibaca != a.file_size:  # the directory says otherwise: a damaged or forged zip
        raise SpreadsheetError(_pesan_rusak(nama))
    info.terurai_byte += dibaca
    if lembar:
        info.baris[a.filename] = baris
        info.rumus_tanpa_nilai += sum(rumus.values())
        for k, n in rumus.items():
            info.kolom_rumus[k] = info.kolom_rumus.get(k, 0) + n


def periksa_csv(berkas: Any, *, nama: str | None = None) -> str:
    """Check a CSV (a path or a binary file object) before it is parsed, the whole of it:
    its encoding is UTF-8, Windows-1252 or UTF-16 with a BOM (returned), it decodes, and
    it holds no NUL byte. Raises ``SpreadsheetError``. Reading is 1 MB at a time."""
    nama = _nama_berkas(berkas, nama)
    with _biner(berkas) as f:
        sampel = f.read(_SAMPLE_BYTES)
        encoding = _detect_encoding(sampel, nama)
        pengurai = codecs.getincrementaldecoder(encoding)()
        potongan, baris = sampel, 1
        while potongan:
            try:
                teks = pengurai.decode(potongan)
            except UnicodeDecodeError:
                raise SpreadsheetError(_pesan_tak_terbaca(nama, encoding)) from None
            if "\x00" in teks:
                raise SpreadsheetError(
                    _pesan_nul(nama, baris + teks.count("\n", 0, teks.index("\x00"))))
            baris += teks.count("\n")
            potongan = f.read(_POTONGAN)
        try:
            pengurai.decode(b"", final=True)
        except UnicodeDecodeError:
            raise SpreadsheetError(_pesan_tak_terbaca(nama, encoding)) from None
    return encoding


def periksa_tabel(berkas: Any, *, nama: str | None = None) -> None:
    """``periksa_xlsx`` or ``periksa_csv`` by the file's suffix (others: nothing to check
    here; ``open_table`` says what it supports)."""
    akhiran = Path(_nama_berkas(berkas, nama)).suffix.lower()
    if akhiran in ZIP_SUFFIXES:
        periksa_xlsx(berkas, nama=nama)
    elif akhiran in CSV_SUFFIXES:
        periksa_csv(berkas, nama=nama)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f}"


def _angka(n: int) -> str:
    """A count as Indonesian writes it: 1.048.576."""
    return f"{n:,}".replace(",", ".")


def _pesan_nul(nama: str, baris: int) -> str:
    return (
        f"Berkas '{nama}' berisi bita NUL (baris ke-{baris}): ini bukan teks CSV, mungkin "
        "teks UTF-16 tanpa penanda BOM atau berkas lain yang diberi nama .csv. Simpan ulang "
        "dari Excel sebagai 'CSV UTF-8' atau 'Teks Unicode'."
    )


def _pesan_tak_terbaca(nama: str, encoding: str | None) -> str:
    kode = "UTF-16" if encoding == "utf-16" else "UTF-8"
    return (
        f"Berkas '{nama}' bukan teks {kode} yang utuh; simpan ulang dari Excel sebagai "
        "'CSV UTF-8'."
    )


def _pesan_csv(nama: str, galat: csv.Error) -> str:
    if "field limit" in str(galat):
        return (
            f"Berkas '{nama}' memuat sel lebih dari {_angka(csv.field_size_limit())} karakter "
            "(mungkin tanda kutip yang tidak ditutup); periksa berkasnya."
        )
    return (
        f"Berkas '{nama}' bukan CSV yang sah (tanda kutip atau pemisah kolom rusak); "
        "simpan ulang dari Excel sebagai 'CSV UTF-8'."
    )


def _pesan_rusak(nama: str) -> str:
    return (
        f"Berkas '{nama}' tidak dapat dibaca sebagai Excel: bukan berkas .xlsx yang utuh "
        "(terpotong, rusak, atau berkas lain yang diberi nama .xlsx). Buka di Excel lalu "
        "simpan ulang sebagai 'Excel Workbook (.xlsx)'."
    )


def _pesan_terlalu_besar(nama: str, terurai: int, batas_mb: int) -> str:
    return (
        f"Berkas '{nama}' terlalu besar setelah dibuka: isinya {_mb(terurai)} MB, batasnya "
        f"{batas_mb} MB. Bagi menjadi beberapa berkas, atau kirim sebagai CSV."
    )


def _pesan_bom(nama: str, terurai: int, padat: int) -> str:
    return (
        f"Berkas '{nama}' ditolak: isinya dipadatkan secara tidak wajar ({_mb(terurai)} MB "
        f"dalam {padat / 1024:.0f} KB). Simpan ulang dari Excel, atau kirim sebagai CSV."
    )


def _pesan_baris(nama: str, baris: int, batas: int) -> str:
    return (
        f"Berkas '{nama}' berisi lebih dari {_angka(batas)} baris ({_angka(baris)}); bagi "
        "menjadi beberapa berkas, atau hapus baris kosong di bawah data."
    )


def _pesan_sel(nama: str, baris: int, kolom: int, batas: int) -> str:
    return (
        f"Berkas '{nama}' terlalu lebar untuk dibaca: {_angka(baris)} baris × {_angka(kolom)} "
        f"kolom (sampai sel terjauh yang terisi), lebih dari {_angka(batas)} sel. Hapus sel "
        "di kanan atau di bawah data, atau kirim sebagai CSV."
    )


def _pesan_rumus(nama: str, jumlah: int, kolom: list[str]) -> str:
    return (
        f"Berkas '{nama}': kolom {', '.join(kolom)} berisi {jumlah} sel rumus tanpa nilai "
        "tersimpan (berkas dibuat program lain dan belum pernah disimpan di Excel), yang "
        "akan terbaca kosong. Buka di Excel lalu simpan ulang, atau salin dan tempel sebagai "
        "nilai."
    )


def _cell_text(value: Any, decimal_comma: bool = False) -> str:
    """A cell as CSV text: "" for None/NaN, integral floats without ".0", ISO dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        text = str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


class TableWriter:
    """Writes rows to CSV or XLSX; use through ``open_writer``."""

    def __init__(
        self,
        path: Path,
        header: Sequence[str],
        *,
        delimiter: str,
        decimal_comma: bool,
        bom: bool,
        sheet_title: str,
    ):
        self.path = path
        self.count = 0
        self._decimal_comma = decimal_comma
        self._delimiter = delimiter
        if _suffix(path) in CSV_SUFFIXES:
            self._file = path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="")
            self._csv = csv.writer(self._file, delimiter=delimiter, lineterminator="\r\n")
            self._csv.writerow(header)
            self._workbook = None
        elif path.suffix.lower() == ".xlsx":
            from openpyxl import Workbook

            self._file = None
            self._workbook = Workbook(write_only=True)
            self._sheet = self._workbook.create_sheet(title=sheet_title)
            self._sheet.append(list(header))
        else:
            raise SpreadsheetError(f"Berkas keluaran '{path.name}' harus .csv atau .xlsx.")

    def writerows(self, rows: Iterable[Sequence[Any]], *, text: bool = False) -> None:
        """Write rows. CSV: str cells pass through, others become text (see
        ``_cell_text``); ``text=True`` promises every cell is a str already and
        skips that check. XLSX: NaN becomes an empty cell and text starting with
        "=" stays text, never a formula."""
        if self._workbook is None:
            if text:
                pass
            elif self._decimal_comma:
                rows = ([_cell_text(v, True) for v in row] for row in rows)
            else:
                rows = ([v if v.__class__ is str else _cell_text(v) for v in row] for row in rows)
            self._csv.writerows(self._counted(rows))
            return
        for row in self._counted(rows):
            self._sheet.append([self._excel_cell(v) for v in row])

    def write_text_columns(self, columns: Sequence[Sequence[str]]) -> None:
        """Write a block of rows given column by column, every cell a str.

        For large CSV exports: quoting is decided per column (most columns need
        none) and lines are joined in C, several times faster than ``writerows``.
        Any CSV reader reads back exactly the cells given.
        """
        if not columns or not columns[0]:
            return
        if self._workbook is not None or len(columns) == 1:
            self.writerows(zip(*columns, strict=True), text=True)
            return
        delimiter = self._delimiter
        special = (delimiter, '"', "\r", "\n")
        prepared = []
        for column in columns:
            joined = "".join(column)
            if '"' in joined or "\r" in joined or "\n" in joined:
                column = [_quoted(v) if any(c in v for c in special) else v for v in column]
            elif delimiter in joined:
                # e.g. decimal commas: nothing to escape, so wrap every cell of
                # the column at C speed (quoting a cell that needs none is valid CSV).
                column = ('"' + '"\n"'.join(column) + '"').split("\n")
            prepared.append(column)
        self._file.write("\r\n".join(map(delimiter.join, zip(*prepared, strict=True))))
        self._file.write("\r\n")
        self.count += len(columns[0])

    def _counted(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for row in rows:
            self.count += 1
            yield row

    def writerow(self, row: Sequence[Any]) -> None:
        self.writerows([row])

    def _excel_cell(self, value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return None
        if isinstance(value, str) and value.startswith("="):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self._sheet, value=value)
            cell.data_type = "s"
            return cell
        return value

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.save(self.path)
            self._workbook = None
        elif self._file is not None:
            self._file.close()
            self._file = None


@contextmanager
def open_writer(
    path: str | Path,
    header: Sequence[str],
    *,
    delimiter: str = ",",
    decimal_comma: bool = False,
    bom: bool = False,
    sheet_title: str = "Data",
) -> Iterator[TableWriter]:
    """Open ``path`` (.csv or .xlsx, by its suffix) for writing, header first.

    CSV options: ``delimiter``; ``decimal_comma`` writes floats as "12,5" (use
    with ``delimiter=";"`` for Excel set to Indonesian); ``bom`` adds the UTF-8
    BOM that Excel needs to recognise UTF-8. The file is complete on exit.
    """
    writer = TableWriter(
        Path(path),
        header,
        delimiter=delimiter,
        decimal_comma=decimal_comma,
        bom=bom,
        sheet_title=sheet_title,
    )
    try:
        yield writer
    finally:
        writer.close()


def write_table(
    path: str | Path, header: Sequence[str], rows: Iterable[Sequence[Any]], **options
) -> int:
    """Write a whole table (see ``open_writer`` for options); returns the row count."""
    with open_writer(path, header, **options) as writer:
        writer.writerows(rows)
    return writer.count


# --- Cells that open safely in a spreadsheet (CSV / formula injection) -----------------
#
# Every export applies ``aman_untuk_sel`` to each text cell it writes, CSV and XLSX alike
# (OWASP "CSV Injection"): text a spreadsheet would take as the start of a formula gets a
# single quote in front, so ``=HYPERLINK(...)`` typed as a child's name is shown as text
# and never runs. Numbers are not text and are never touched; text that is only a number
# ("-2,31", "+62812", "1.250.000") is no formula either and is written as it is. Readers
# of our own files take the quote off again with ``asli_dari_sel`` (the e-PPGBM import,
# the semester workbook): re-importing an export gives back the text exactly.

#: What Excel, LibreOffice and Google Sheets read as the start of a formula: = + - @, tab
#: and carriage return, and the full-width = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20).
AWAL_RUMUS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Text that already starts with a quote gets one more, so the quote can always be taken
# off again: asli_dari_sel(aman_untuk_sel(t)) == t for every text t.
_DIBERI_KUTIP = AWAL_RUMUS | {"'"}
_HANYA_ANGKA = re.compile(
    r"[+\-]?(?:\d+(?:[.,]\d+)*[.,]?|[.,]\d+)(?:[eE][+\-]?\d+)?", re.ASCII
)
_AWAL_SEL_DIBERI_KUTIP = re.compile("(?:^|\n)[" + re.escape("".join(sorted(_DIBERI_KUTIP))) + "]")


def aman_untuk_sel(nilai: Any) -> Any:
    """``nilai`` as a cell that cannot run as a formula: text starting with one of
    ``AWAL_RUMUS`` (or with a quote) gets a single quote in front, unless it is only a
    number ("-2,31"). Anything that is not text (numbers, dates, None) is returned as it is.
    """
    if (
        not isinstance(nilai, str)
        or nilai[:1] not in _DIBERI_KUTIP
        or _HANYA_ANGKA.fullmatch(nilai) is not None
    ):
        return nilai
    return "'" + nilai


def asli_dari_sel(nilai: Any) -> Any:
    """The text ``aman_untuk_sel`` was given: the one quote it put in front is taken off;
    any other value is returned as it is."""
    if isinstance(nilai, str) and nilai[:1] == "'" and aman_untuk_sel(nilai[1:]) != nilai[1:]:
        return nilai[1:]
    return nilai


def aman_untuk_kolom(kolom: Sequence[Any]) -> Sequence[Any]:
    """``aman_untuk_sel`` over a column of cells; the column itself when no cell needs it
    (checked at C speed for a column of text, so a large export pays almost nothing)."""
    try:
        gabung = "\n".join(kolom)
    except TypeError:  # not all text (an XLSX's numbers and dates)
        return [aman_untuk_sel(v) for v in kolom]
    if _AWAL_SEL_DIBERI_KUTIP.search(gabung) is None:
        return kolom
    return [aman_untuk_sel(v) for v in kolom]
