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
"""

from __future__ import annotations

import codecs
import csv
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import Any, TextIO

__all__ = [
    "CSV_SUFFIXES",
    "EXCEL_SUFFIXES",
    "SpreadsheetError",
    "Table",
    "TableWriter",
    "open_table",
    "open_writer",
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
        self._take = source.take if isinstance(source, _CsvRecords) else partial(_take, source)
        self._name = name
        self._close = close

    def chunks(self, size: int = 10_000) -> Iterator[list[list[Any]]]:
        """Rows in lists of up to ``size``, each row padded with "" to the header's width."""
        width = len(self.header)
        while True:
            try:
                block = self._take(size)
            except UnicodeDecodeError as exc:
                raise SpreadsheetError(
                    f"Berkas '{self._name}' bukan teks UTF-8 (bita ke-{exc.start}); "
                    "simpan ulang sebagai 'CSV UTF-8'."
                ) from None
            except csv.Error as exc:
                raise SpreadsheetError(
                    f"Berkas '{self._name}' bukan CSV yang sah: {exc}."
                ) from None
            if not block:
                return
            yield [
                row if row.__class__ is list and len(row) >= width else _pad(row, width)
                for row in block
            ]

    @property
    def rows(self) -> Iterator[list[Any]]:
        return chain.from_iterable(self.chunks())

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

    def __init__(self, file: TextIO, delimiter: str):
        self._lines = iter(file)
        self._delimiter = delimiter

    def take(self, size: int) -> list[list[str]]:
        lines = list(islice(self._lines, size))
        text = "".join(lines)
        if '"' not in text:
            delimiter = self._delimiter
            return [line.rstrip("\r\n").split(delimiter) for line in lines]
        odd = text.count('"') % 2
        while odd:
            line = next(self._lines, None)
            if line is None:
                break  # an unclosed quote: csv.reader keeps the rest in the field
            lines.append(line)
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


def _detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM); else Windows-1252, which Excel's "CSV" uses."""
    with path.open("rb") as f:
        sample = f.read(_SAMPLE_BYTES)
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        # A multi-byte character may be cut at the end of the sample.
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def _open_csv(path: Path) -> Table:
    encoding = _detect_encoding(path)
    f: TextIO = path.open(encoding=encoding, newline="")
    try:
        first_line = f.readline()
        f.seek(0)
        delimiter = _sniff_delimiter(first_line)
        records = _CsvRecords(f, delimiter)
        header_cells = records.take(1)
        if not header_cells:
            raise SpreadsheetError(f"Berkas '{path.name}' kosong.")
        header = _header(header_cells[0])
    except UnicodeDecodeError:
        f.close()
        raise SpreadsheetError(
            f"Berkas '{path.name}' bukan teks UTF-8; simpan ulang sebagai 'CSV UTF-8'."
        ) from None
    except csv.Error as exc:
        f.close()
        raise SpreadsheetError(f"Berkas '{path.name}' bukan CSV yang sah: {exc}.") from None
    except BaseException:
        f.close()
        raise
    return Table(
        header, records, name=path.name, delimiter=delimiter, encoding=encoding, close=f.close
    )


def _open_excel(path: Path, sheet: str | int | None) -> Table:
    from python_calamine import CalamineError, CalamineWorkbook, WorksheetNotFound

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        if isinstance(sheet, str):
            worksheet = workbook.get_sheet_by_name(sheet)
        else:
            worksheet = workbook.get_sheet_by_index(sheet or 0)
        rows = iter(worksheet.iter_rows())
    except (WorksheetNotFound, IndexError):
        raise SpreadsheetError(f"Lembar '{sheet}' tidak ada di berkas '{path.name}'.") from None
    except (CalamineError, ValueError) as exc:
        raise SpreadsheetError(
            f"Berkas '{path.name}' tidak dapat dibaca sebagai Excel: {exc}."
        ) from None
    header_cells = next(rows, None)
    if header_cells is None:
        raise SpreadsheetError(f"Berkas '{path.name}' kosong.")
    header = _header(header_cells)
    return Table(header, rows, name=path.name)


@contextmanager
def open_table(path: str | Path, *, sheet: str | int | None = None) -> Iterator[Table]:
    """Open a CSV (delimiter ``,``, ``;`` or tab, sniffed) or Excel file as a ``Table``.

    ``sheet`` picks an Excel sheet by name or index (default: the first).
    Raises ``SpreadsheetError`` with a message for the user.
    """
    path = Path(path)
    if not path.is_file():
        raise SpreadsheetError(f"Berkas '{path}' tidak ditemukan.")
    table = _open_csv(path) if _suffix(path) in CSV_SUFFIXES else _open_excel(path, sheet)
    try:
        yield table
    finally:
        table.close()


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
