from .balita import Balita, LogAksesData, samarkan_nik
from .cakupan import CakupanPetugas
from .kegiatan import Kegiatan, Layanan
from .pengukuran import Kasus, Pengukuran
from .wilayah import Desa, Kecamatan, Posyandu, Puskesmas

__all__ = [
    "Balita",
    "CakupanPetugas",
    "Desa",
    "Kasus",
    "Kecamatan",
    "Kegiatan",
    "Layanan",
    "LogAksesData",
    "Pengukuran",
    "Posyandu",
    "Puskesmas",
    "samarkan_nik",
]
