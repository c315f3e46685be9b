"""Presentation helpers for the semester report, whose content is plain data (dates as
ISO text, so the signed copy stored as JSON prints exactly as the live report)."""

from datetime import date, datetime

from django import template

register = template.Library()


@register.filter
def tgl(nilai):
    """ISO text → date (for Django's ``date`` filter); anything else unchanged."""
    if isinstance(nilai, str) and nilai:
        try:
            return (datetime.fromisoformat(nilai) if "T" in nilai
                    else date.fromisoformat(nilai))
        except ValueError:
            return nilai
    return nilai


ROMAWI = {1: "I", 2: "II"}


@register.filter
def romawi(nomor):
    """Semester 1 → I, 2 → II (as official reports write it)."""
    return ROMAWI.get(nomor, nomor)
