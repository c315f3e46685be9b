"""The history of a report's figures as people read it: who, when, which field, old → new.

Built from django-simple-history's records (one per save), compared with the previous
record of the same row; three queries for a whole report.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from tpps.lib.numbers import format_nilai

from .models import Capaian, Indikator, LaporanSemester, ProgramKegiatan

MEDAN_CAPAIAN = ("pembilang", "penyebut", "nilai", "sumber_data", "kendala",
                 "rencana_tindak_lanjut", "penjelasan_perubahan", "tautan_bukti", "berkas")
MEDAN_PROGRAM = ("program", "kegiatan", "sub_kegiatan", "sumber_dana", "pagu_rp",
                 "realisasi_rp", "keluaran", "satuan_keluaran", "target_keluaran",
                 "realisasi_keluaran")
MEDAN_LAPORAN = ("status", "komentar_pengembalian")


@dataclass(frozen=True)
class Perubahan:
    waktu: datetime
    oleh: object
    objek: str
    medan: str
    lama: str
    baru: str


def _nilai(model, medan, h):
    nilai = getattr(h, medan)
    field = model._meta.get_field(medan)
    if field.choices and nilai:
        return str(dict(field.flatchoices).get(nilai, nilai))
    if hasattr(nilai, "name"):  # a file
        return nilai.name.rsplit("/", 1)[-1] if nilai else ""
    return nilai


def _bandingkan(model, records, medan, label) -> list[Perubahan]:
    hasil = []
    sebelumnya = {}
    for h in records:
        lalu = sebelumnya.get(h.id)
        objek = label(h)
        if h.history_type == "-":
            hasil.append(Perubahan(h.history_date, h.history_user, objek, _("baris"),
                                   _("ada"), _("dihapus")))
        else:
            for m in medan:
                baru = _nilai(model, m, h)
                lama = _nilai(model, m, lalu) if lalu is not None else None
                if lama != baru and not (lalu is None and baru in (None, "")):
                    hasil.append(Perubahan(
                        h.history_date, h.history_user, objek,
                        str(model._meta.get_field(m).verbose_name), format_nilai(lama), format_nilai(baru),
                    ))
        sebelumnya[h.id] = h
    return hasil


def riwayat_capaian(capaian: Capaian) -> list[Perubahan]:
    records = capaian.history.select_related("history_user").order_by("history_date",
                                                                       "history_id")
    kode = capaian.indikator.kode
    return _bandingkan(Capaian, records, MEDAN_CAPAIAN, lambda h: kode)[::-1]


def riwayat_laporan(laporan: LaporanSemester) -> list[Perubahan]:
    """Changes to the report's achievements, programmes and state, newest first."""
    kode = dict(Indikator.objects.values_list("pk", "kode"))
    urut = ("id", "history_date", "history_id")
    capaian = Capaian.history.filter(laporan_id=laporan.pk).select_related(
        "history_user").order_by(*urut)
    program = ProgramKegiatan.history.filter(laporan_id=laporan.pk).select_related(
        "history_user").order_by(*urut)
    status = laporan.history.select_related("history_user").order_by(*urut)
    hasil = (
        _bandingkan(Capaian, capaian, MEDAN_CAPAIAN, lambda h: kode.get(h.indikator_id, "?"))
        + _bandingkan(ProgramKegiatan, program, MEDAN_PROGRAM,
                      lambda h: _("Program \u201c%(nama)s\u201d") % {"nama": h.program})
        + _bandingkan(LaporanSemester, status, MEDAN_LAPORAN, lambda h: _("Laporan"))
    )
    return sorted(hasil, key=lambda p: p.waktu, reverse=True)
