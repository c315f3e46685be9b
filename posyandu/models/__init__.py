from .balita import Balita, LogAksesData, samarkan_nik
from .cakupan import CakupanPetugas
from .impor import ImporEppgbm
from .kegiatan import Kedatangan, Kegiatan, Layanan
from .pengukuran import EntriPerangkat, Kasus, Pengukuran
from .ringkasan import AngkaResmi, RingkasanBulanan, TargetPrevalensi
from .wilayah import Desa, Kecamatan, Posyandu, Puskesmas

__all__ = [
    "AngkaResmi",
    "Balita",
    "CakupanPetugas",
    "Desa",
    "EntriPerangkat",
    "ImporEppgbm",
    "Kasus",
    "Kedatangan",
    "Kecamatan",
    "Kegiatan",
    "Layanan",
    "LogAksesData",
    "Pengukuran",
    "Posyandu",
    "Puskesmas",
    "RingkasanBulanan",
    "TargetPrevalensi",
    "samarkan_nik",
]
