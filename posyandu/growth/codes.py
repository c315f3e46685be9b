"""The words people type for sex, measurement position and oedema, as engine codes.

WHO Anthro's own codes (1/2, m/f, l/h, y/n) and the Indonesian ones used on
Posyandu forms and in e-PPGBM (L/P, telentang/berdiri, ya/tidak) are accepted,
case-insensitively; anything else raises ``ValueError`` with a message in
Indonesian, so a typo is reported instead of silently scored.
"""

from __future__ import annotations

from .engine import MEASURE_LYING, MEASURE_STANDING, MEASURE_UNKNOWN
from .tables import SEX_FEMALE, SEX_MALE

SEX_WORDS = {
    "1": SEX_MALE,
    "2": SEX_FEMALE,
    "l": SEX_MALE,
    "p": SEX_FEMALE,
    "m": SEX_MALE,
    "f": SEX_FEMALE,
    "lk": SEX_MALE,
    "pr": SEX_FEMALE,
    "laki-laki": SEX_MALE,
    "laki laki": SEX_MALE,
    "perempuan": SEX_FEMALE,
    "male": SEX_MALE,
    "female": SEX_FEMALE,
}

MEASURE_WORDS = {
    "": MEASURE_UNKNOWN,
    "l": MEASURE_LYING,
    "h": MEASURE_STANDING,
    "telentang": MEASURE_LYING,
    "berbaring": MEASURE_LYING,
    "berdiri": MEASURE_STANDING,
    "pb": MEASURE_LYING,  # panjang badan
    "tb": MEASURE_STANDING,  # tinggi badan
}

OEDEMA_WORDS = {
    "": False,
    "n": False,
    "y": True,
    "2": False,  # WHO Anthro codes oedema 1 = yes, 2 = no
    "1": True,
    "t": False,
    "tidak": False,
    "ya": True,
}

MEASURE_LETTERS = {MEASURE_LYING: "l", MEASURE_STANDING: "h", MEASURE_UNKNOWN: None}


def _word(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheet cells hold 1.0 for 1
    return str(value).strip().lower()


def sex_code(value: object) -> int:
    """1 (laki-laki) or 2 (perempuan) from 1/2, L/P, M/F and the full words."""
    if type(value) is int and value in (SEX_MALE, SEX_FEMALE):
        return value
    word = _word(value)
    if word not in SEX_WORDS:
        if not word:
            raise ValueError("jenis kelamin kosong; isi 1/2, L/P atau M/F")
        raise ValueError(f"jenis kelamin '{value}' tidak dikenal; gunakan 1/2, L/P atau M/F")
    return SEX_WORDS[word]


def measure_code(value: object) -> int:
    """Position: ``l``/telentang (lying), ``h``/berdiri (standing), blank = unknown."""
    if type(value) is int and value in MEASURE_LETTERS:
        return value
    word = _word(value)
    if word not in MEASURE_WORDS:
        raise ValueError(
            f"cara ukur '{value}' tidak dikenal; gunakan l (telentang), h (berdiri) "
            "atau kosongkan bila tidak diketahui"
        )
    return MEASURE_WORDS[word]


def oedema_flag(value: object) -> bool:
    """Oedema: ``y``/ya or ``n``/tidak (blank = no, as in WHO Anthro)."""
    if isinstance(value, bool):
        return value
    word = _word(value)
    if word not in OEDEMA_WORDS:
        raise ValueError(f"edema '{value}' tidak dikenal; gunakan y (ya) atau n (tidak)")
    return OEDEMA_WORDS[word]
