"""A WhatsApp share link (``https://wa.me/<number>?text=…``) opens the user's own WhatsApp
with the message typed for one recipient: no third-party API, nothing sent by the server."""

import re
from urllib.parse import quote

__all__ = ["nomor_wa", "tautan_wa"]


def nomor_wa(telepon: str) -> str | None:
    """An Indonesian mobile number in the international form wa.me reads (``628…``), or
    None when ``telepon`` is not one (a landline, too short, letters)."""
    angka = re.sub(r"[\s\-().]", "", telepon or "")
    if angka.startswith("+"):
        angka = angka[1:]
    if not angka.isdigit():
        return None
    if angka.startswith("0"):
        angka = "62" + angka[1:]
    elif angka.startswith("8"):
        angka = "62" + angka
    if not angka.startswith("628") or not 10 <= len(angka) <= 15:
        return None
    return angka


def tautan_wa(telepon: str, teks: str) -> str | None:
    """The share link for ``teks`` to ``telepon``, or None without a mobile number."""
    nomor = nomor_wa(telepon)
    if nomor is None:
        return None
    return f"https://wa.me/{nomor}?text={quote(teks, safe='')}"
