"""Demo roster: a decree with its bidang and, for every active member, a representative and
a focal person (invented names), so the roster pages of a demo look like a working task
force. Added only while the roster has no people at all."""

import random
from datetime import date, timedelta

from opd.models import OPD, SK, AnggotaTim, Bidang

BIDANG = (
    ("Bidang Koordinasi dan Konvergensi", "Menyelaraskan program OPD dan desa."),
    ("Bidang Perencanaan, Pemantauan dan Data", "Analisis situasi, sistem data, evaluasi."),
    ("Bidang Pelayanan Intervensi Spesifik dan Sensitif", "Layanan gizi, kesehatan, air, "
                                                          "sanitasi, perlindungan sosial."),
    ("Bidang Perubahan Perilaku dan Pendampingan Keluarga", "Komunikasi perubahan perilaku, "
                                                             "TPK dan kader."),
)
PERAN_KHUSUS = {"Setda": AnggotaTim.Peran.KETUA, "Bappelitbangda": AnggotaTim.Peran.SEKRETARIS,
                "Dinkes": AnggotaTim.Peran.KOORDINATOR, "DPPPAPPKB": AnggotaTim.Peran.KOORDINATOR,
                "Diskominfo": AnggotaTim.Peran.KOORDINATOR}
BIDANG_KHUSUS = {"Bappelitbangda": 1, "Dinkes": 2, "DPPPAPPKB": 3, "Diskominfo": 3}


def isi_roster(*, rng: random.Random, hari_ini: date, nama_orang, jabatan_kepala) -> int:
    """Create the decree, its bidang and two people per active member; return how many
    people were added (0 when the roster already has people)."""
    if AnggotaTim.objects.exists():
        return 0
    sk = SK.objects.filter(perihal__icontains="Percepatan Penurunan Stunting").first()
    if sk is None:
        sk = SK.objects.create(
            nomor=f"188.45/{rng.randint(100, 400)}/KEP/422.012/{hari_ini.year - 1}",
            tanggal=date(hari_ini.year - 1, 1, 20),
            perihal="Tim Percepatan Penurunan Stunting Kota Batu (demo)",
        )
    bidang = [Bidang.objects.get_or_create(sk=sk, nama=nama, defaults={"tugas": tugas,
                                                                       "urutan": i})[0]
              for i, (nama, tugas) in enumerate(BIDANG)]
    mulai = sk.tanggal
    orang = []
    for opd in OPD.objects.aktif():
        peran = PERAN_KHUSUS.get(opd.singkatan, AnggotaTim.Peran.ANGGOTA)
        orang.append(AnggotaTim(
            opd=opd, nama=nama_orang(rng), jabatan=f"{jabatan_kepala(opd)} {opd.singkatan}",
            peran=peran, sk=sk, mulai=mulai,
            bidang=bidang[BIDANG_KHUSUS.get(opd.singkatan, 0)]
            if peran in (AnggotaTim.Peran.KOORDINATOR, AnggotaTim.Peran.SEKRETARIS) else None,
            telepon=f"0812-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        ))
        orang.append(AnggotaTim(
            opd=opd, nama=nama_orang(rng), jabatan=f"Analis {opd.singkatan}",
            peran=AnggotaTim.Peran.FOCAL_PERSON, sk=sk, mulai=mulai,
            telepon=f"0813-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}",
        ))
    # One change of representative, so the history of a roster shows in the demo too.
    dinsos = next((o for o in orang if o.opd.singkatan == "Dinsos"
                   and o.peran == AnggotaTim.Peran.FOCAL_PERSON), None)
    if dinsos:
        dinsos.sampai = hari_ini - timedelta(days=200)
        orang.append(AnggotaTim(
            opd=dinsos.opd, nama=nama_orang(rng), jabatan="Analis Dinsos",
            peran=AnggotaTim.Peran.FOCAL_PERSON, sk=sk, mulai=hari_ini - timedelta(days=199),
        ))
    for o in orang:
        o.full_clean()
        o.save()
    return len(orang)
