"""Coordination meetings: plan, record, read, print; the attendance record."""
