"""Figures as Indonesians write them: 1.250.000 and 12,5 (presentation only)."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def bulat(nilai):
    """An integer with dots between thousands: 1250000 → 1.250.000."""
    if nilai is None or nilai == "":
        return "–"
    return f"{int(nilai):,}".replace(",", ".")


@register.filter
def desimal(nilai, tempat=1):
    """A decimal with a comma and ``tempat`` places: 12.5 → 12,5; thousands with dots."""
    if nilai is None or nilai == "":
        return "–"
    teks = f"{Decimal(str(nilai)):,.{int(tempat)}f}"
    return teks.replace(",", "_").replace(".", ",").replace("_", ".")


@register.filter
def nilai_indikator(nilai, indikator):
    """A value in its indicator's unit: 85,5 % or 1.250."""
    if nilai is None:
        return "–"
    if indikator.is_persen:
        return f"{desimal(nilai, 2)} %"
    return bulat(nilai)
