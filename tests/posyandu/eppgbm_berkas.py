"""Real-shaped e-PPGBM files made by the tests (CSV with ";" and decimal commas, or XLSX)."""

import csv

from openpyxl import Workbook

from posyandu.eppgbm.kolom import JUDUL, URUTAN

HEADER = [JUDUL[k] for k in URUTAN]


def baris(**nilai) -> dict:
    dasar = {
        "NIK": "3579015003240001", "Nama": "Aisyah Putri", "JK": "P", "Tgl Lahir": "10/03/2024",
        "BB Lahir": "3,1", "TB Lahir": "49", "Nama Ortu": "Siti Rahma", "Prov": "Jawa Timur",
        "Kab/Kota": "Kota Batu", "Kec": "BATU", "Pukesmas": "Sisir", "Desa/Kel": "SISIR",
        "Posyandu": "Melati", "RT": "002", "RW": "003", "Alamat": "Jl. Mawar 1",
        "Tanggal Pengukuran": "12/08/2025", "Berat": "8,1", "Tinggi": "74,2",
        "Cara Ukur": "Terlentang", "LiLA": "", "ZS BB/U": "9,99", "ZS TB/U": "", "ZS BB/TB": "",
    }
    dasar.update(nilai)
    return dasar


def tulis_csv(path, rows, header=HEADER):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, delimiter=";")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in HEADER])
    return path


def tulis_xlsx(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append([r.get(h, "") for h in HEADER])
    wb.save(path)
    return path
