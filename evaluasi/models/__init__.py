"""Semester evaluation: catalogue and targets, OPD reports, BPKP evaluation."""

from .bpkp import Aspek, EvaluasiBPKP, Predikat, RekomendasiBPKP, TemuanBPKP
from .katalog import Indikator, PredikatCapaian, Semester, TargetIndikator
from .laporan import Capaian, LaporanSemester, PembukaanKunci, ProgramKegiatan, rekap_opd

__all__ = [
    "Aspek", "Capaian", "EvaluasiBPKP", "Indikator", "LaporanSemester", "PembukaanKunci",
    "Predikat", "PredikatCapaian", "ProgramKegiatan", "RekomendasiBPKP", "Semester",
    "TargetIndikator", "TemuanBPKP", "rekap_opd",
]
