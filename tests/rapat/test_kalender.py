"""The .ics writer (tpps/lib/kalender.py): pure, no database."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tpps.lib.kalender import Acara, ics

WIB = timezone(timedelta(hours=7))


def acara(**kwargs):
    kwargs.setdefault("uid", "rapat-1@tpps.test")
    kwargs.setdefault("mulai", datetime(2026, 3, 10, 9, 0, tzinfo=WIB))
    kwargs.setdefault("selesai", datetime(2026, 3, 10, 12, 0, tzinfo=WIB))
    kwargs.setdefault("judul", "Rapat Koordinasi TPPS")
    kwargs.setdefault("dibuat", datetime(2026, 3, 1, tzinfo=UTC))
    return Acara(**kwargs)


def test_times_are_written_in_utc_and_lines_end_with_crlf():
    teks = ics(acara())
    assert teks.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert "DTSTART:20260310T020000Z\r\n" in teks
    assert "DTEND:20260310T050000Z\r\n" in teks
    assert "DTSTAMP:20260301T000000Z\r\n" in teks
    assert teks.endswith("END:VEVENT\r\nEND:VCALENDAR\r\n")
    assert "\n" not in teks.replace("\r\n", "")


def test_without_an_end_the_event_lasts_two_hours():
    assert "DTEND:20260310T040000Z" in ics(acara(selesai=None))


def test_text_is_escaped():
    teks = ics(acara(judul="Rapat; evaluasi, tindak lanjut", tempat="Balai Kota\\Ruang 1",
                     uraian="Agenda:\n1. Pembukaan"))
    assert "SUMMARY:Rapat\\; evaluasi\\, tindak lanjut\r\n" in teks
    assert "LOCATION:Balai Kota\\\\Ruang 1\r\n" in teks
    assert "DESCRIPTION:Agenda:\\n1. Pembukaan\r\n" in teks


def test_long_lines_are_folded_at_75_octets_without_splitting_characters():
    judul = "Rapat koordinasi percepatan penurunan stunting — évaluasi " * 4
    teks = ics(acara(judul=judul))
    for baris in teks.split("\r\n"):
        assert len(baris.encode()) <= 75
    dibuka = teks.replace("\r\n ", "")
    assert f"SUMMARY:{judul}\r\n" in dibuka


def test_naive_times_are_refused():
    with pytest.raises(ValueError, match="zona waktu"):
        acara(mulai=datetime(2026, 3, 10, 9, 0))
