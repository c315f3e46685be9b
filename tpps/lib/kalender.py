"""An iCalendar (RFC 5545) file for one event: a meeting invitation people can add to
their calendar. Pure Python, no Django; times are written in UTC ("Z")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = ["Acara", "ics"]


@dataclass(frozen=True)
class Acara:
    uid: str
    mulai: datetime  # timezone-aware
    selesai: datetime | None
    judul: str
    tempat: str = ""
    uraian: str = ""
    dibuat: datetime | None = None
    #: SEQUENCE: raised each time the date, time or place changes, so calendars replace
    #: the event they hold instead of adding a second one.
    urutan: int = 0
    batal: bool = False

    def __post_init__(self):
        if self.mulai.tzinfo is None or (self.selesai and self.selesai.tzinfo is None):
            raise ValueError("waktu acara harus menyertakan zona waktu")


def _teks(nilai: str) -> str:
    """Escape a TEXT value (RFC 5545 §3.3.11)."""
    return (
        nilai.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _lipat(baris: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (§3.1)."""
    data = baris.encode()
    if len(data) <= 75:
        return baris
    potongan, awal, batas = [], 0, 75
    while awal < len(data):
        akhir = min(awal + batas, len(data))
        while akhir < len(data) and (data[akhir] & 0xC0) == 0x80:
            akhir -= 1
        potongan.append(data[awal:akhir].decode())
        awal, batas = akhir, 74  # continuation lines start with a space
    return "\r\n ".join(potongan)


def _utc(waktu: datetime) -> str:
    return waktu.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def ics(acara: Acara, *, prodid: str = "-//TPPS//Sistem Informasi TPPS//ID") -> str:
    """The calendar file's text (CRLF line ends). Without an end time the event lasts two
    hours, the usual length of a coordination meeting. A cancelled event (``batal``) is
    written with STATUS:CANCELLED: a calendar that holds the same UID drops it."""
    selesai = acara.selesai or acara.mulai + timedelta(hours=2)
    baris = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{acara.uid}",
        f"DTSTAMP:{_utc(acara.dibuat or datetime.now(UTC))}",
        f"DTSTART:{_utc(acara.mulai)}",
        f"DTEND:{_utc(selesai)}",
        f"SEQUENCE:{acara.urutan}",
        f"STATUS:{'CANCELLED' if acara.batal else 'CONFIRMED'}",
        f"SUMMARY:{_teks(acara.judul)}",
    ]
    if acara.tempat:
        baris.append(f"LOCATION:{_teks(acara.tempat)}")
    if acara.uraian:
        baris.append(f"DESCRIPTION:{_teks(acara.uraian)}")
    baris += ["END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(_lipat(b) for b in baris) + "\r\n"
