"""Factories for meetings and follow-ups (import as ``tests.rapat.factories``)."""

from datetime import time, timedelta

from django.utils import timezone

from tpps.models import KehadiranRapat, KeputusanRapat, ProgresTindakLanjut, Rapat, TindakLanjut


def make_rapat(*, undang=(), **kwargs) -> Rapat:
    kwargs.setdefault("jenis", Rapat.Jenis.KOORDINASI)
    kwargs.setdefault("judul", "Rapat Koordinasi TPPS Triwulan I")
    kwargs.setdefault("tanggal", timezone.localdate() - timedelta(days=30))
    kwargs.setdefault("jam_mulai", time(9, 0))
    kwargs.setdefault("tempat", "Ruang Rapat Utama Balai Kota Among Tani")
    kwargs.setdefault("pimpinan_rapat", "Sekretaris Daerah")
    rapat = Rapat.objects.create(**kwargs)
    for opd in undang:
        KehadiranRapat.objects.create(rapat=rapat, opd=opd)
    return rapat


def make_keputusan(rapat, **kwargs) -> KeputusanRapat:
    kwargs.setdefault("nomor", rapat.keputusan.count() + 1)
    kwargs.setdefault("uraian", "Dinkes memutakhirkan data balita stunting per desa.")
    return KeputusanRapat.objects.create(rapat=rapat, **kwargs)


def make_tindak_lanjut(opd, keputusan=None, **kwargs) -> TindakLanjut:
    if keputusan is None:
        keputusan = make_keputusan(make_rapat())
    kwargs.setdefault("uraian", "Memutakhirkan data balita stunting per desa")
    kwargs.setdefault("tenggat", keputusan.rapat.tanggal + timedelta(days=60))
    pendukung = kwargs.pop("pendukung", ())
    tindak_lanjut = TindakLanjut.objects.create(
        keputusan=keputusan, opd_penanggung_jawab=opd, **kwargs
    )
    tindak_lanjut.opd_pendukung.set(pendukung)
    return tindak_lanjut


def make_progres(tindak_lanjut, **kwargs) -> ProgresTindakLanjut:
    kwargs.setdefault("tanggal", timezone.localdate())
    kwargs.setdefault("catatan", "Rapat teknis dengan Puskesmas sudah dilaksanakan.")
    return ProgresTindakLanjut.objects.create(tindak_lanjut=tindak_lanjut, **kwargs)
