"""Semester evaluation: catalogue and targets, OPD reports, BPKP evaluation."""

from .bpkp import Aspek, EvaluasiBPKP, Predikat, RekomendasiBPKP, TemuanBPKP
from .katalog import Indikator, PredikatCapaian, Semester, TargetIndikator
from .laporan import (
    Capaian,
    KekuranganKunci,
    KomentarBaris,
    LaporanSemester,
    PembukaanKunci,
    ProgramKegiatan,
    kekurangan_kunci,
    opd_belum_mengajukan,
    rekap_opd,
)

__all__ = [
    "Aspek", "Capaian", "EvaluasiBPKP", "Indikator", "KekuranganKunci", "KomentarBaris",
    "LaporanSemester", "PembukaanKunci", "Predikat", "PredikatCapaian", "ProgramKegiatan",
    "RekomendasiBPKP", "Semester", "TargetIndikator", "TemuanBPKP", "kekurangan_kunci", "opd_belum_mengajukan",
    "rekap_opd",
]
