"""Score a survey file (CSV or XLSX) the way WHO Anthro's survey module does.

This is the work behind ``manage.py zscore``: the files around the pure engine
``posyandu.growth`` (which reads and writes none). It imports no Django, so it is
tested and benchmarked on its own. Input columns (case-insensitive):

``sex`` (1/2, L/P, M/F) · ``age_days`` or ``age_months`` or ``tanggal_lahir`` +
``tanggal_ukur`` · ``weight_kg`` · ``lenhei_cm`` · ``measure`` (l/h,
telentang/berdiri, blank = unknown) · ``headc_cm`` · ``muac_cm`` · ``oedema``
(y/n). Numbers may use a decimal comma ("12,5"). When a row has more than one
age, the dates win (exact days), then ``age_days``, then ``age_months``.

Output: every input column, then ``OUTPUT_COLUMNS``: WHO Anthro's names, so the
results can be compared side by side, then the four Permenkes categories. A CSV
is written with "," and a decimal point (``semicolon=True``: ";" and a decimal
comma, for Excel set to Indonesian); an XLSX with numbers as numbers. Input text that
would start a formula in Excel (``=``, ``+``, ``-``, ``@``, …) is written with a quote in
front (``tpps.lib.spreadsheet.aman_untuk_sel``); numbers, "-2,31" included, stay as they are.

A row with a bad value is reported (row as numbered in Excel, column, what was
expected), kept in the output with every result blank, and counted as
rejected; the other rows are scored. Empty rows are left out.

Speed: rows go through in chunks of ``CHUNK_ROWS`` so that memory stays flat;
each distinct cell value is parsed once (``tpps.lib.parse_cache``, the e-PPGBM
import's cache too: survey columns repeat their values a lot); the scoring is
the vectorised ``score_batch``.
"""

from __future__ import annotations

import gc
import math
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from posyandu.growth import (
    GrowthBatch,
    categorize,
    measure_code,
    oedema_flag,
    score_batch,
    sex_code,
)
from tpps.lib.numbers import parse_date, parse_float
from tpps.lib.parse_cache import Invalid, ParseCache, blank_or, parse_measurement
from tpps.lib.spreadsheet import (
    SpreadsheetError,
    Table,
    aman_untuk_kolom,
    aman_untuk_sel,
    open_table,
    open_writer,
)

CHUNK_ROWS = 50_000

MEASUREMENT_COLUMNS = ("weight_kg", "lenhei_cm", "headc_cm", "muac_cm")
INPUT_COLUMNS = (
    "sex",
    "age_days",
    "age_months",
    "tanggal_lahir",
    "tanggal_ukur",
    *MEASUREMENT_COLUMNS,
    "measure",
    "oedema",
)
Z_COLUMNS = ("zlen", "zwei", "zwfl", "zbmi", "zhc", "zac")
FLAG_COLUMNS = ("flen", "fwei", "fwfl", "fbmi", "fhc", "fac")
CATEGORY_COLUMNS = {
    "kategori_bb_u": "bb_u",
    "kategori_tb_u": "tb_u",  # PB/U under 24 months, TB/U from 24 months
    "kategori_bb_tb": "bb_tb",  # BB/PB or BB/TB
    "kategori_imt_u": "imt_u",
}
OUTPUT_COLUMNS = ("clenhei", "cbmi", *Z_COLUMNS, *FLAG_COLUMNS, *CATEGORY_COLUMNS)


class SurveyError(ValueError):
    """The file as a whole cannot be scored (unreadable, a column missing)."""


@dataclass
class SurveySummary:
    scored: int = 0
    rejected: int = 0
    output: Path | None = None

    @property
    def message(self) -> str:
        return (
            f"Selesai: {self.scored} baris dinilai, {self.rejected} baris ditolak. "
            f"Hasil ditulis ke {self.output}."
        )


def _positive(value: Any) -> float:
    """A weight, length or circumference as written (``parse_measurement``, as the
    e-PPGBM import reads it): a number above zero."""
    number = float(parse_measurement(value))
    if not number > 0:
        raise ValueError(f"'{value}' harus lebih dari 0")
    return number


def _non_negative(value: Any) -> float:
    number = parse_float(value)
    if number < 0:
        raise ValueError(f"'{value}' tidak boleh negatif")
    return number


def _column_map(header: Sequence[str]) -> dict[str, int]:
    """Recognised input column → position; checks what the file as a whole needs."""
    found: dict[str, int] = {}
    for position, name in enumerate(header):
        key = name.strip().lower()
        if key in INPUT_COLUMNS:
            if key in found:
                raise SurveyError(f"Kolom '{key}' muncul lebih dari sekali.")
            found[key] = position
    missing = []
    if "sex" not in found:
        missing.append("sex")
    if not any(name in found for name in MEASUREMENT_COLUMNS):
        missing.append("minimal satu dari " + ", ".join(MEASUREMENT_COLUMNS))
    if ("tanggal_lahir" in found) != ("tanggal_ukur" in found):
        missing.append("tanggal_ukur" if "tanggal_lahir" in found else "tanggal_lahir")
    if missing:
        raise SurveyError(
            "Kolom wajib tidak ada: "
            + "; ".join(missing)
            + ". Kolom yang dikenali: "
            + ", ".join(INPUT_COLUMNS)
            + " (huruf besar/kecil tidak dibedakan)."
        )
    return found


class _Chunk:
    """One chunk of rows being parsed; collects errors per row position.

    ``cells`` holds the chunk column by column (one ``zip(*rows)``, much faster
    than reading cell by cell); ``numbers`` the rows' numbers as Excel shows them.
    """

    def __init__(
        self,
        cells: list[tuple],
        numbers: Sequence[int],
        columns: dict[str, int],
        header: Sequence[str],
    ):
        self.cells, self.numbers, self.columns, self.header = cells, numbers, columns, header
        self.n = len(numbers)
        self.errors: dict[int, list[str]] = {}

    def add_error(self, position: int, column: str, message: str) -> None:
        label = self.header[self.columns[column]].strip()
        self.errors.setdefault(position, []).append(
            f"Baris {self.numbers[position]}, kolom {label}: {message}."
        )

    def values(self, column: str, memo: ParseCache, dtype: Any) -> np.ndarray | None:
        """The parsed column as an array, or None when the file has no such column."""
        if column not in self.columns:
            return None
        parsed = list(map(memo.__getitem__, self.cells[self.columns[column]]))
        if memo.invalid:
            for position, value in enumerate(parsed):
                if value.__class__ is Invalid:
                    self.add_error(position, column, value.message)
                    parsed[position] = math.nan if dtype is float else 0
        return np.array(parsed, dtype=dtype)


class _Parsers:
    """The memos of one file, shared by its chunks (distinct values repeat across chunks)."""

    def __init__(self):
        self.sex = ParseCache(sex_code)
        self.measure = ParseCache(measure_code)
        self.oedema = ParseCache(oedema_flag)
        self.age = ParseCache(blank_or(_non_negative, math.nan))
        self.dates = ParseCache(blank_or(lambda v: float(parse_date(v).toordinal()), math.nan))
        self.measurements = ParseCache(blank_or(_positive, math.nan))


def _nan(n: int) -> np.ndarray:
    return np.full(n, np.nan)


def _score_chunk(chunk: _Chunk, parsers: _Parsers) -> GrowthBatch:
    n = chunk.n
    sex = chunk.values("sex", parsers.sex, np.int64)
    age_days = chunk.values("age_days", parsers.age, float)
    age_months = chunk.values("age_months", parsers.age, float)
    born = chunk.values("tanggal_lahir", parsers.dates, float)
    measured = chunk.values("tanggal_ukur", parsers.dates, float)
    age_days = _nan(n) if age_days is None else age_days
    age_months = _nan(n) if age_months is None else age_months
    if born is not None:
        # Exact days from the two dates win over a typed age (domain.md §6: age in days).
        from_dates = measured - born
        for position in np.flatnonzero(from_dates < 0):
            chunk.add_error(int(position), "tanggal_ukur", "tanggal ukur sebelum tanggal lahir")
        half = np.isnan(born) != np.isnan(measured)
        for position in np.flatnonzero(half & np.isnan(age_days) & np.isnan(age_months)):
            column = "tanggal_ukur" if np.isnan(measured[position]) else "tanggal_lahir"
            chunk.add_error(int(position), column, "kosong, padahal tanggal pasangannya diisi")
        age_days = np.where(np.isnan(from_dates), age_days, from_dates)
    measurements = {
        name: chunk.values(name, parsers.measurements, float) for name in MEASUREMENT_COLUMNS
    }
    measure = chunk.values("measure", parsers.measure, np.int8)
    oedema = chunk.values("oedema", parsers.oedema, bool)

    inputs = {
        "age_days": age_days,
        "age_months": age_months,
        **{name: _nan(n) if values is None else values for name, values in measurements.items()},
        "measure": np.zeros(n, np.int8) if measure is None else measure,
        "oedema": np.zeros(n, bool) if oedema is None else oedema,
    }
    if chunk.errors:
        # A rejected row is output blank: no part of it is scored.
        rejected = np.fromiter(chunk.errors, dtype=np.int64)
        sex[rejected] = 0
        for values in inputs.values():
            values[rejected] = (
                False if values.dtype == bool else (0 if values.dtype.kind == "i" else np.nan)
            )
    return score_batch(sex, **inputs)


_BLANK = 1e308  # stands for NaN while formatting through a dict
_Z_TEXT_LIMIT = 2000  # z-scores within ±20.00 are formatted by table lookup


class _Formatter:
    """Turns a scored chunk into output cells: text for CSV, numbers for XLSX."""

    def __init__(self, text: bool, decimal_comma: bool):
        self.text = text
        mark = "," if decimal_comma else "."
        self._number = ParseCache(lambda v: "" if v == _BLANK else f"{v:.15g}".replace(".", mark))
        # Every z-score is a whole number of hundredths: its text is looked up
        # in one take (index 2·limit + 1 is the blank cell).
        hundredths = np.arange(-_Z_TEXT_LIMIT, _Z_TEXT_LIMIT + 1)
        self._z_text = np.array(
            [f"{k / 100:.2f}".replace(".", mark) for k in hundredths.tolist()] + [""], dtype=object
        )
        self._z_mark = mark
        self._flags = np.array(["0", "1", ""] if text else [0, 1, None], dtype=object)

    def _floats(self, values: np.ndarray) -> list:
        if not self.text:
            return np.where(np.isnan(values), None, values).tolist()
        return list(
            map(self._number.__getitem__, np.where(np.isnan(values), _BLANK, values).tolist())
        )

    def _z(self, z: np.ndarray) -> list:
        if not self.text:
            return self._floats(z)
        blank = np.isnan(z)
        hundredths = np.rint(np.where(blank, 0, z) * 100)
        inside = np.abs(hundredths) <= _Z_TEXT_LIMIT
        index = np.where(
            blank, 2 * _Z_TEXT_LIMIT + 1, np.where(inside, hundredths, 0) + _Z_TEXT_LIMIT
        )
        cells = self._z_text.take(index.astype(np.int64))
        for i in np.flatnonzero(~inside & ~blank):  # beyond ±20: formatted one by one
            cells[i] = f"{z[i]:.2f}".replace(".", self._z_mark)
        return cells.tolist()

    def columns(self, batch: GrowthBatch) -> list[list]:
        categories = categorize(batch)
        columns = [self._floats(batch.clenhei), self._floats(batch.cbmi)]
        columns += [self._z(getattr(batch, name)) for name in Z_COLUMNS]
        for z_name, flag_name in zip(Z_COLUMNS, FLAG_COLUMNS, strict=True):
            codes = np.where(np.isnan(getattr(batch, z_name)), 2, getattr(batch, flag_name))
            columns.append(self._flags.take(codes).tolist())
        blank = "" if self.text else None
        columns += [categories.labels(name, blank) for name in CATEGORY_COLUMNS.values()]
        return columns


def _chunks(
    blocks: Iterable[list[list[Any]]], width: int
) -> Iterator[tuple[list[Sequence[Any]], Sequence[int]]]:
    """Each block of rows as ``width`` columns, empty rows left out, with the
    rows' numbers as Excel shows them (the header is row 1). Cells beyond the
    header's width have no column name and are dropped."""
    first = 2
    for rows in blocks:
        n = len(rows)
        numbers: Sequence[int] = range(first, first + n)
        first += n
        empty = [row.count("") == len(row) for row in rows]
        if any(empty):
            numbers = [number for number, skip in zip(numbers, empty, strict=True) if not skip]
            rows = [row for row, skip in zip(rows, empty, strict=True) if not skip]
            if not rows:
                continue
        columns = list(zip(*rows, strict=False))[:width]
        yield columns, numbers


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for a bulk job.

    A large file is millions of small lists and strings, none of them in a
    reference cycle; the collector would walk them again and again (a third of
    the run time on 200,000 rows) without freeing anything. Reference counting
    still frees every chunk as soon as it is written.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def score_file(
    input_path: str | Path,
    output_path: str | Path,
    *,
    semicolon: bool = False,
    report: Callable[[str], None] = print,
    chunk_rows: int = CHUNK_ROWS,
) -> SurveySummary:
    """Score ``input_path`` into ``output_path`` (.csv or .xlsx by its suffix).

    ``report`` receives each message (a rejected row, a replaced column) as it
    happens. ``semicolon`` writes a CSV for Excel set to Indonesian: ``;`` between
    columns, decimal comma, UTF-8 BOM. Raises ``SurveyError`` for a file that
    cannot be scored at all (unreadable or checked out by ``open_table``: a zip bomb, NUL
    bytes, formulas without a stored value; a column missing; no row); nothing is
    written then. An OSError of the output is raised as it is.
    """
    output_path = Path(output_path)
    # Written beside the target and renamed at the end: a failed run leaves no half file.
    partial = output_path.with_name(f".{output_path.stem}.sebagian{output_path.suffix}")
    try:
        with _without_cyclic_gc(), open_table(input_path) as table:
            summary = _score_table(table, partial, semicolon, report, chunk_rows)
        if summary.scored + summary.rejected == 0:
            raise SurveyError(
                f"Berkas '{Path(input_path).name}' tidak berisi baris data: hanya judul kolom."
            )
        os.replace(partial, output_path)
    except SpreadsheetError as exc:
        raise SurveyError(str(exc)) from None
    finally:
        partial.unlink(missing_ok=True)
    summary.output = output_path
    return summary


def _score_table(
    table: Table,
    output_path: Path,
    semicolon: bool,
    report: Callable[[str], None],
    chunk_rows: int,
) -> SurveySummary:
    columns = _column_map(table.header)
    table.tolak_rumus(columns.values())  # formulas without a value would read as blanks
    width = len(table.header)
    keep = [i for i, name in enumerate(table.header) if name.strip().lower() not in OUTPUT_COLUMNS]
    for i in range(width):
        if i not in keep:
            report(f"Kolom masukan '{table.header[i]}' diganti dengan hasil perhitungan.")
    header = [aman_untuk_sel(table.header[i]) for i in keep] + list(OUTPUT_COLUMNS)
    formatter = _Formatter(text=output_path.suffix.lower() != ".xlsx", decimal_comma=semicolon)
    text = table.delimiter is not None and formatter.text  # CSV in, CSV out: every cell is a str
    parsers = _Parsers()
    summary = SurveySummary()
    options = {"delimiter": ";", "decimal_comma": True, "bom": True} if semicolon else {}
    with open_writer(output_path, header, **options) as writer:
        for cells, numbers in _chunks(table.chunks(chunk_rows), width):
            chunk = _Chunk(cells, numbers, columns, table.header)
            batch = _score_chunk(chunk, parsers)
            for position in sorted(chunk.errors):
                for message in chunk.errors[position]:
                    report(message)
            summary.rejected += len(chunk.errors)
            summary.scored += chunk.n - len(chunk.errors)
            # Input cells go out as they came, except that text starting like a formula
            # gets a quote in front (aman_untuk_sel): the file opens safely in Excel.
            out = [aman_untuk_kolom(cells[i]) for i in keep] + formatter.columns(batch)
            if text:
                writer.write_text_columns(out)
            else:
                writer.writerows(zip(*out, strict=True))
    return summary
