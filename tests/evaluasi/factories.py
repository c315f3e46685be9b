"""Small factories for the semester evaluation (functions with setdefault)."""

from datetime import timedelta

from django.utils import timezone

from evaluasi.models import (
    Capaian,
    EvaluasiBPKP,
    Indikator,
    LaporanSemester,
    ProgramKegiatan,
    RekomendasiBPKP,
    Semester,
    TargetIndikator,
    TemuanBPKP,
)


def make_semester(kode="2025S1", **kwargs) -> Semester:
    mulai, selesai = Semester.periode_baku(kode)
    hari_ini = timezone.localdate()
    kwargs.setdefault("tanggal_mulai", mulai)
    kwargs.setdefault("tanggal_selesai", selesai)
    kwargs.setdefault("pengisian_dibuka", hari_ini - timedelta(days=10))
    kwargs.setdefault("batas_pengisian", hari_ini + timedelta(days=20))
    return Semester.objects.create(kode=kode, **kwargs)


def make_indikator(kode, opd_utama, **kwargs) -> Indikator:
    kwargs.setdefault("nama", f"Indikator {kode}")
    kwargs.setdefault("kelompok", Indikator.Kelompok.SPESIFIK)
    kwargs.setdefault("urutan", 100)
    return Indikator.objects.create(kode=kode, opd_utama=opd_utama, **kwargs)


def make_target(indikator, tahun=2025, **kwargs) -> TargetIndikator:
    return TargetIndikator.objects.create(indikator=indikator, tahun=tahun, **kwargs)


def make_katalog(dinkes, dinsos) -> dict[str, Indikator]:
    """Four indicators whose figures the tests work out by hand: S1, S2 (1A, Dinkes; S1 with
    a city target of 80, S2 the national 90), K2 (1B, Dinsos, lower is better, city target
    20) and K8 (1B, Dinsos, a count, no target)."""
    s1 = make_indikator("S1", dinkes, nama="Ibu hamil KEK mendapat tambahan asupan gizi",
                        urutan=1)
    s2 = make_indikator("S2", dinkes, nama="Ibu hamil mengonsumsi TTD", urutan=2)
    k2 = make_indikator("K2", dinsos, nama="Kehamilan yang tidak diinginkan",
                        kelompok=Indikator.Kelompok.SENSITIF, arah=Indikator.Arah.TURUN,
                        urutan=3)
    k8 = make_indikator("K8", dinsos, nama="Keluarga penerima bantuan tunai bersyarat",
                        kelompok=Indikator.Kelompok.SENSITIF, satuan=Indikator.Satuan.JUMLAH,
                        urutan=4)
    make_target(s1, target_kota=80, target_nasional=90)
    make_target(s2, target_nasional=90)
    make_target(k2, target_kota=20)
    return {"S1": s1, "S2": s2, "K2": k2, "K8": k8}


def make_laporan(semester, opd, **kwargs) -> LaporanSemester:
    return LaporanSemester.objects.create(semester=semester, opd=opd, **kwargs)


def make_capaian(laporan, indikator, pembilang=None, penyebut=None, **kwargs) -> Capaian:
    kwargs.setdefault("versi", 1)
    return Capaian.objects.create(laporan=laporan, semester=laporan.semester,
                                  indikator=indikator, pembilang=pembilang, penyebut=penyebut,
                                  **kwargs)


def make_program(laporan, **kwargs) -> ProgramKegiatan:
    indikator = kwargs.pop("indikator", [])
    kwargs.setdefault("program", "Program Kesehatan Masyarakat")
    kwargs.setdefault("kegiatan", "Penyediaan Layanan Gizi")
    kwargs.setdefault("pagu_rp", 100_000_000)
    kwargs.setdefault("realisasi_rp", 40_000_000)
    kwargs.setdefault("versi", 1)
    program = ProgramKegiatan.objects.create(laporan=laporan, **kwargs)
    program.indikator.set(indikator)
    return program


def make_rekomendasi(tahun=2024, opd=(), **kwargs) -> RekomendasiBPKP:
    evaluasi, _ = EvaluasiBPKP.objects.get_or_create(
        tahun=tahun, defaults={"predikat_desain": "memadai",
                               "predikat_pelaksanaan": "belum_sepenuhnya",
                               "predikat_akuntabilitas": "belum_memadai"},
    )
    temuan = TemuanBPKP.objects.create(evaluasi=evaluasi, nomor=1, aspek="pelaksanaan",
                                       uraian="Data sasaran belum padan antar-OPD.")
    kwargs.setdefault("uraian", "Lakukan pemadanan data sasaran secara berkala.")
    kwargs.setdefault("bukti_diminta", "Berita acara pemadanan data")
    rekomendasi = RekomendasiBPKP.objects.create(temuan=temuan, **kwargs)
    rekomendasi.opd.set(opd)
    return rekomendasi


def data_halaman(resp) -> dict:
    """The entry page's form as the browser would send it back unchanged."""
    isian = resp.context["isian"]
    data = {}

    def tambah(form, lewati=("berkas",)):
        for nama, field in form.fields.items():
            if nama in lewati:
                continue
            bf = form[nama]
            nilai = bf.value()
            if nama == "indikator":
                data[bf.html_name] = [str(v) for v in nilai or []]
            elif nama == "DELETE":
                if nilai:
                    data[bf.html_name] = "on"
            else:
                data[bf.html_name] = "" if nilai is None else field.prepare_value(nilai)

    for baris in isian.baris:
        if baris.form is not None:
            tambah(baris.form)
    formset = isian.formset
    tambah(formset.management_form, lewati=())
    for form in formset.forms:
        tambah(form)
    return data


def isian_capaian(indikator, pembilang, penyebut=None, versi=0, **teks):
    """A row as a person enters it (``alur.IsianCapaian``): evidence link, blank texts."""
    from evaluasi.alur import IsianCapaian

    nilai = {"pembilang": pembilang, "penyebut": penyebut, "sumber_data": "", "kendala": "",
             "rencana_tindak_lanjut": "", "penjelasan_perubahan": "",
             "tautan_bukti": f"https://data.batukota.go.id/{indikator.kode.lower()}"}
    nilai.update(teks)
    return IsianCapaian(indikator=indikator, versi=versi, nilai=nilai)


def isi_dan_ajukan(semester, opd, oleh, katalog, *, program=False) -> LaporanSemester:
    """The OPD's report filled through the workflow by ``oleh`` and submitted (no errors):
    Dinkes S1 85/100 and S2 95/100, Dinsos K2 10/100 and K8 1.250."""
    from evaluasi import alur

    angka = {"S1": (85, 100), "S2": (95, 100), "K2": (10, 100), "K8": (1_250, None)}
    baris = [isian_capaian(i, *angka[kode]) for kode, i in katalog.items()
             if i.opd_utama_id == opd.pk]
    isian_program = []
    if program:
        isian_program = [alur.IsianProgram(pk=None, versi=0, nilai={
            "program": "Program Pemenuhan Upaya Kesehatan", "kegiatan": "PMT ibu hamil KEK",
            "sub_kegiatan": "", "sumber_dana": "apbd", "pagu_rp": 100_000_000,
            "realisasi_rp": 40_000_000, "keluaran": "", "satuan_keluaran": "",
            "target_keluaran": None, "realisasi_keluaran": None,
        }, indikator=[katalog["S1"]])]
    laporan = alur.simpan_laporan(laporan=LaporanSemester(semester=semester, opd=opd),
                                  oleh=oleh, capaian=baris, program=isian_program).laporan
    hasil = alur.ajukan_laporan(laporan=laporan, oleh=oleh)
    assert not [h for h in hasil if h.is_galat], [h.as_dict() for h in hasil]
    laporan.refresh_from_db()
    return laporan
