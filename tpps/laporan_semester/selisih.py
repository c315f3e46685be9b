"""Differences between the signed report and the report as it stands now.

Both are the plain data of ``isi.susun``. Each is flattened into rows with a stable key
(indicator code, OPD, programme id, wilayah, follow-up id, recommendation number) and the
figures a reader would compare; a row present on one side only is reported as added or
gone. When the report was built (``disusun_pada``) is not a difference.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from tpps.lib.numbers import format_nilai


@dataclass(frozen=True)
class Perbedaan:
    bagian: str
    baris: str
    kolom: str
    lama: object
    baru: object


def _ringkasan(data):
    r = dict(data["ringkasan"])
    per_predikat = r.pop("per_predikat", [])
    label = {
        "opd_wajib": _("OPD wajib lapor"), "opd_masuk": _("OPD sudah mengajukan"),
        "opd_terverifikasi": _("OPD terverifikasi"), "opd_tepat_waktu": _("OPD tepat waktu"),
        "opd_terlambat": _("OPD terlambat"), "persen_masuk": _("% OPD mengajukan"),
        "indikator": _("Indikator"), "indikator_terverifikasi": _("Indikator terverifikasi"),
        "indikator_tertunda": _("Angka belum terverifikasi"),
        "indikator_dinilai": _("Indikator dinilai"), "indikator_tercapai": _("Indikator tercapai"),
        "pagu_rp": _("Pagu (Rp)"), "realisasi_rp": _("Realisasi (Rp)"),
        "persen_realisasi": _("% realisasi"), "stunting_persen": _("Prevalensi stunting (%)"),
        "stunting_bawah": _("Batas bawah IK 95 %"), "stunting_atas": _("Batas atas IK 95 %"),
        "stunting_n": _("Balita dihitung (stunting)"), "tindak_lanjut": _("Tindak lanjut"),
        "tindak_lanjut_selesai": _("Tindak lanjut selesai"),
        "tindak_lanjut_terlambat": _("Tindak lanjut terlambat"),
        "rekomendasi_bpkp": _("Rekomendasi BPKP"),
        "rekomendasi_selesai": _("Rekomendasi BPKP selesai"),
    }
    yield ("ringkasan", ""), _("Ringkasan"), "", {label.get(k, k): v for k, v in r.items()}
    for p in per_predikat:
        yield ("predikat", p["predikat"]), _("Ringkasan"), p["predikat"], {
            _("Jumlah indikator"): p["jumlah"]}


def _capaian(data):
    for kel in data["capaian"]:
        bagian = f"{kel['kode']} {kel['judul']}"
        for b in kel["baris"]:
            yield ("capaian", b["kode"]), bagian, f"{b['kode']} {b['nama']}", {
                _("Target"): b["target"], _("Pembilang"): b["pembilang"],
                _("Penyebut"): b["penyebut"], _("Realisasi"): b["nilai"],
                _("% capaian"): b["persen_capaian"], _("Predikat"): b["predikat"],
                _("Kendala"): b["kendala"], _("Tindak lanjut"): b["rencana_tindak_lanjut"],
                _("Terverifikasi"): b["terverifikasi"],
            }


def _anggaran(data):
    bagian = _("Program dan anggaran")
    a = data["anggaran"]
    yield ("anggaran", ""), bagian, _("Jumlah"), {
        _("Pagu (Rp)"): a["pagu_rp"], _("Realisasi (Rp)"): a["realisasi_rp"]}
    for o in a["opd"]:
        yield ("anggaran-opd", o["opd"]), bagian, o["opd"], {
            _("Pagu (Rp)"): o["pagu_rp"], _("Realisasi (Rp)"): o["realisasi_rp"]}
        for p in o["program"]:
            yield ("program", p["id"]), bagian, f"{o['opd']}: {p['program']} {p['kegiatan']}", {
                _("Pagu (Rp)"): p["pagu_rp"], _("Realisasi (Rp)"): p["realisasi_rp"],
                _("Keluaran"): p["keluaran"], _("Target keluaran"): p["target_keluaran"],
                _("Realisasi keluaran"): p["realisasi_keluaran"],
            }


def _prevalensi(data):
    bagian = _("Prevalensi menurut wilayah")
    pr = data["prevalensi"]

    def kolom(prev):
        prev = prev or {}
        return {"%": prev.get("persen"), "n": prev.get("n"),
                _("IK 95 %"): f"{format_nilai(prev.get('bawah'))}–{format_nilai(prev.get('atas'))}"
                if prev.get("n") else None}

    for k in pr["kota"]:
        yield ("kota", k["kode"]), bagian, f"{data['daerah']} · {k['nama']}", kolom(k)
    for kec in pr["kecamatan"]:
        for prev in kec["indeks"]:
            kode = prev["kode"]
            yield ("kec", kec["nama"], kode), bagian, f"{kec['nama']} · {kode}", kolom(prev)
        for desa in kec["desa"]:
            for prev in desa["indeks"]:
                kode = prev["kode"]
                yield (("desa", kec["nama"], desa["nama"], kode), bagian,
                       f"{kec['nama']} / {desa['nama']} · {kode}", kolom(prev))


def _tindak_lanjut(data):
    bagian = _("Tindak lanjut")
    for t in data["tindak_lanjut"]["daftar"]:
        yield ("tl", t["id"]), bagian, f"{t['opd']}: {t['uraian']}", {
            _("Status"): t["status_label"], _("Tenggat"): t["tenggat"],
            _("Terlambat"): t["terlambat"],
        }


def _bpkp(data):
    bagian = _("Temuan BPKP")
    b = data.get("bpkp") or {}
    for t in b.get("temuan", []):
        for r in t["rekomendasi"]:
            yield ("bpkp", r["id"]), bagian, _("Rekomendasi %(nomor)s") % {"nomor": r["nomor"]}, {
                _("Status tindak lanjut"): r["status_label"], _("Uraian"): r["uraian"],
            }


def _ratakan(data) -> dict:
    baris = {}
    for bagian in (_ringkasan, _capaian, _anggaran, _prevalensi, _tindak_lanjut, _bpkp):
        for kunci, judul, label, nilai in bagian(data):
            baris[kunci] = (judul, label, nilai)
    return baris


def bandingkan(disahkan: dict, kini: dict) -> list[Perbedaan]:
    """Every figure that differs, in the report's order; rows added or gone included."""
    lama, baru = _ratakan(disahkan), _ratakan(kini)
    hasil = []
    for kunci, (judul, label, nilai_lama) in lama.items():
        if kunci not in baru:
            hasil.append(Perbedaan(judul, label, _("baris"), _("ada"), _("tidak ada lagi")))
            continue
        nilai_baru = baru[kunci][2]
        for kolom, v_lama in nilai_lama.items():
            v_baru = nilai_baru.get(kolom)
            if v_lama != v_baru:
                hasil.append(Perbedaan(judul, label, kolom, format_nilai(v_lama), format_nilai(v_baru)))
    for kunci, (judul, label, _nilai) in baru.items():
        if kunci not in lama:
            hasil.append(Perbedaan(judul, label, _("baris"), _("tidak ada"), _("baru")))
    return hasil


__all__ = ["Perbedaan", "bandingkan"]
