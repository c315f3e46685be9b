"""The validation rules a report must pass to be submitted, with their severity.

``galat`` (error) blocks submitting; ``peringatan`` (warning) lets it through and is kept
on the report for the verifier to see. The rules (issue 6):

* every indicator the OPD owns is filled;
* numerator ≤ denominator, and a denominator above 0 (percent indicators);
* below the year's target → obstacles (kendala) and follow-up plan are required;
* a change from the previous semester above the indicator's threshold → an explanation;
* budget realisation ≤ pagu;
* warnings: no evidence, no target to compare with, programmes without an indicator or a
  pagu, output realisation above its target, no programme at all, submitted late.
"""

from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Capaian, Indikator, LaporanSemester


class Tingkat(models.TextChoices):
    GALAT = "galat", gettext_lazy("Harus diperbaiki")
    PERINGATAN = "peringatan", gettext_lazy("Peringatan")


@dataclass(frozen=True)
class HasilPeriksa:
    tingkat: str
    objek: str
    pesan: str

    @property
    def is_galat(self) -> bool:
        return self.tingkat == Tingkat.GALAT

    def as_dict(self) -> dict:
        return asdict(self)


def _angka(nilai) -> str:
    """A figure as Indonesians write it: 1.250.000 or 12,5."""
    if nilai is None:
        return "–"
    nilai = Decimal(nilai)
    if nilai == nilai.to_integral_value():
        return f"{int(nilai):,}".replace(",", ".")
    return f"{nilai.normalize():f}".replace(".", ",")


def _perubahan_melebihi_ambang(indikator: Indikator, nilai: Decimal, lalu: Decimal) -> bool:
    selisih = abs(nilai - lalu)
    if indikator.is_persen:
        return selisih > indikator.ambang_perubahan
    if lalu == 0:
        return selisih > 0
    return selisih * 100 / abs(lalu) > indikator.ambang_perubahan


def periksa_capaian(laporan: LaporanSemester) -> list[HasilPeriksa]:
    galat, peringatan = Tingkat.GALAT, Tingkat.PERINGATAN
    hasil = []
    semester = laporan.semester
    dimiliki = list(Indikator.objects.milik(laporan.opd))
    capaian = {
        c.indikator_id: c
        for c in Capaian.objects.filter(laporan=laporan).dengan_persen_capaian()
    }
    lalu = dict(
        Capaian.objects.filter(
            semester__kode=semester.kode_sebelumnya, indikator__in=dimiliki, nilai__isnull=False
        ).values_list("indikator_id", "nilai")
    )
    for indikator in dimiliki:
        kode = indikator.kode
        c = capaian.get(indikator.pk)
        if c is None or c.pembilang is None or (indikator.is_persen and c.penyebut is None):
            hasil.append(HasilPeriksa(galat, kode, _("Belum diisi.")))
            continue
        if indikator.is_persen:
            if c.penyebut == 0:
                hasil.append(HasilPeriksa(galat, kode, _("Penyebut tidak boleh 0.")))
                continue
            if c.pembilang > c.penyebut:
                hasil.append(HasilPeriksa(galat, kode, _(
                    "Pembilang (%(pembilang)s) melebihi penyebut (%(penyebut)s)."
                ) % {"pembilang": _angka(c.pembilang), "penyebut": _angka(c.penyebut)}))
                continue
        if c.target is None:
            hasil.append(HasilPeriksa(peringatan, kode, _(
                "Belum ada target tahun %(tahun)s: capaian tidak dapat dinilai."
            ) % {"tahun": semester.tahun}))
        elif c.tercapai is False and not (c.kendala.strip() and c.rencana_tindak_lanjut.strip()):
            hasil.append(HasilPeriksa(galat, kode, _(
                "Nilai %(nilai)s di bawah target %(target)s: isi kendala dan rencana tindak "
                "lanjut."
            ) % {"nilai": _angka(c.nilai), "target": _angka(c.target)}))
        sebelumnya = lalu.get(indikator.pk)
        if (sebelumnya is not None and not c.penjelasan_perubahan.strip()
                and _perubahan_melebihi_ambang(indikator, c.nilai, sebelumnya)):
            hasil.append(HasilPeriksa(galat, kode, _(
                "Nilai berubah dari %(lalu)s (%(kode_lalu)s) menjadi %(nilai)s, melebihi "
                "ambang %(ambang)s: tulis penjelasan perubahan."
            ) % {"lalu": _angka(sebelumnya), "kode_lalu": semester.kode_sebelumnya,
                 "nilai": _angka(c.nilai), "ambang": _angka(indikator.ambang_perubahan)}))
        if not c.berkas and not c.tautan_bukti:
            hasil.append(HasilPeriksa(peringatan, kode, _("Belum ada berkas atau tautan bukti.")))
    return hasil


def periksa_program(laporan: LaporanSemester) -> list[HasilPeriksa]:
    galat, peringatan = Tingkat.GALAT, Tingkat.PERINGATAN
    hasil = []
    daftar = list(laporan.program.prefetch_related("indikator"))
    if not daftar:
        hasil.append(HasilPeriksa(peringatan, _("Program"), _(
            "Belum ada program/kegiatan yang dilaporkan."
        )))
    for p in daftar:
        nama = str(p)
        if p.realisasi_rp > p.pagu_rp:
            hasil.append(HasilPeriksa(galat, nama, _(
                "Realisasi Rp %(realisasi)s melebihi pagu Rp %(pagu)s."
            ) % {"realisasi": _angka(p.realisasi_rp), "pagu": _angka(p.pagu_rp)}))
        elif p.pagu_rp == 0:
            hasil.append(HasilPeriksa(peringatan, nama, _("Pagu belum diisi (Rp 0).")))
        if not p.indikator.all():
            hasil.append(HasilPeriksa(peringatan, nama, _("Belum dikaitkan dengan indikator.")))
        if (p.target_keluaran is not None and p.realisasi_keluaran is not None
                and p.realisasi_keluaran > p.target_keluaran):
            hasil.append(HasilPeriksa(peringatan, nama, _(
                "Realisasi keluaran (%(realisasi)s) melebihi targetnya (%(target)s): periksa."
            ) % {"realisasi": _angka(p.realisasi_keluaran), "target": _angka(p.target_keluaran)}))
    return hasil


def periksa_laporan(laporan: LaporanSemester) -> list[HasilPeriksa]:
    """Every rule's findings, errors first."""
    if laporan.pk is None:
        return [HasilPeriksa(Tingkat.GALAT, _("Laporan"), _("Laporan belum pernah disimpan."))]
    hasil = periksa_capaian(laporan) + periksa_program(laporan)
    if laporan.semester.is_terlambat() and laporan.diajukan_pertama_pada is None:
        hasil.append(HasilPeriksa(Tingkat.PERINGATAN, _("Laporan"), _(
            "Batas pengisian %(tanggal)s sudah lewat: laporan dicatat terlambat."
        ) % {"tanggal": laporan.semester.batas_pengisian.strftime("%d-%m-%Y")}))
    return sorted(hasil, key=lambda h: not h.is_galat)
