"""One child's whole record as a workbook, for a parent's request (UU 27/2022: the data
subject's right to see and receive their data).

Sheets, labels in Indonesian: the child's fields ("Data balita"), every measurement with its
stored age and z-scores ("Pengukuran"), the cases ("Kasus"), the record's history of changes
("Riwayat perubahan") and who accessed it ("Log akses"). The NIK is full only for a user
allowed to see it (as every export: ``posyandu.eppgbm.ekspor.nik_lengkap``), masked
otherwise. Text starting with "=" stays text, never a formula. The export itself is logged
by the view (``alur.catat_ekspor_anak``) before the file is built, so the log sheet shows it.
"""

from datetime import date, datetime
from io import BytesIO

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tpps.lib.spreadsheet import aman_untuk_sel

from .models import Balita, Kasus, LogAksesData, Pengukuran, samarkan_nik

#: The child's fields in the first sheet, in this order (labels: the fields' own names).
MEDAN_BALITA = (
    "nik", "nama", "jenis_kelamin", "tanggal_lahir", "nama_ibu", "alamat", "rt", "rw", "desa",
    "posyandu", "berat_lahir_kg", "panjang_lahir_cm", "punya_buku_kia", "status",
    "tanggal_status", "dibuat_pada", "dianonimkan_pada",
)
MEDAN_PENGUKURAN = (
    "tanggal_ukur", "kegiatan", "umur_hari", "berat_kg", "tinggi_cm", "cara_ukur", "lila_cm",
    "lingkar_kepala_cm", "edema", "vitamin_a", "imunisasi", "zwei", "kategori_bb_u", "zlen",
    "kategori_tb_u", "zwfl", "kategori_bb_tb", "zbmi", "kategori_imt_u", "zhc", "zac", "naik",
    "dua_t", "dicatat_oleh",
)
MEDAN_KASUS = ("jenis", "status", "tanggal_ditemukan", "tanggal_dirujuk", "tanggal_ditangani",
               "tanggal_selesai", "penanganan", "catatan")
#: The fields whose changes "Riwayat perubahan" lists.
MEDAN_RIWAYAT = ("nik", "nama", "jenis_kelamin", "tanggal_lahir", "nama_ibu", "alamat", "rt",
                 "rw", "desa", "posyandu", "berat_lahir_kg", "panjang_lahir_cm",
                 "punya_buku_kia", "status", "tanggal_status", "dianonimkan_pada")
JENIS_RIWAYAT = {"+": gettext_lazy("dibuat"), "~": gettext_lazy("diubah"),
                 "-": gettext_lazy("dihapus")}


def _label(model, medan: str) -> str:
    return capfirst(str(model._meta.get_field(medan).verbose_name))


def _nilai(obj, medan: str, *, nik_lengkap: bool = True):
    """A field of ``obj`` as a cell: choices by their label, yes/no, users and places by
    name, local times without zone (Excel has none)."""
    if medan == "nik":
        return obj.nik if nik_lengkap else samarkan_nik(obj.nik)
    if medan == "penanganan":
        return obj.penanganan_label()
    field = obj._meta.get_field(medan)
    if field.is_relation:
        terkait = getattr(obj, medan)
        if terkait is None:
            return ""
        if hasattr(terkait, "get_full_name"):
            return terkait.get_full_name() or terkait.get_username()
        return str(terkait)
    nilai = getattr(obj, medan)
    if field.choices and nilai not in (None, ""):
        return str(dict(field.flatchoices).get(nilai, nilai))
    if isinstance(nilai, bool):
        return _("Ya") if nilai else _("Tidak")
    if isinstance(nilai, datetime):
        return timezone.localtime(nilai).replace(tzinfo=None)
    return "" if nilai is None else nilai


def _teks(nilai) -> str:
    if isinstance(nilai, datetime):
        return nilai.strftime("%d-%m-%Y %H:%M")
    if isinstance(nilai, date):
        return nilai.strftime("%d-%m-%Y")
    return str(nilai)


def riwayat_perubahan(balita: Balita, *, nik_lengkap: bool) -> list[list]:
    """The record's history as rows: time, by whom, what happened, the reason, and each
    changed field as "label: old → new" (one history row per save)."""
    baris, lalu = [], None
    for h in balita.history.select_related("history_user", "desa", "posyandu").order_by(
            "history_date", "history_id"):
        ubah = []
        for medan in MEDAN_RIWAYAT:
            baru = _nilai(h, medan, nik_lengkap=nik_lengkap)
            lama = _nilai(lalu, medan, nik_lengkap=nik_lengkap) if lalu is not None else ""
            if baru != lama:
                ubah.append(f"{_label(Balita, medan)}: {_teks(lama) or '–'} → {_teks(baru) or '–'}")
        pengguna = h.history_user
        baris.append([
            timezone.localtime(h.history_date).replace(tzinfo=None),
            (pengguna.get_full_name() or pengguna.get_username()) if pengguna else "",
            str(JENIS_RIWAYAT.get(h.history_type, h.history_type)),
            h.history_change_reason or "",
            "; ".join(ubah),
        ])
        lalu = h
    return baris


def isi_data_anak(balita: Balita, *, nik_lengkap: bool) -> dict[str, list[list]]:
    """The sheets of the export: name → rows (the first row of a table: its headings)."""
    balita = (Balita.objects.select_related("desa__kecamatan", "posyandu__puskesmas")
              .prefetch_related(
                  Prefetch("pengukuran", Pengukuran.objects.select_related("kegiatan",
                                                                           "dicatat_oleh")
                           .order_by("tanggal_ukur")),
                  Prefetch("kasus", Kasus.objects.order_by("tanggal_ditemukan", "pk")))
              .get(pk=balita.pk))
    data = [[_("Isian"), _("Nilai")]]
    for medan in MEDAN_BALITA:
        data.append([_label(Balita, medan), _nilai(balita, medan, nik_lengkap=nik_lengkap)])
        if medan == "desa":
            data.append([_("Kecamatan"), balita.desa.kecamatan.nama])
        elif medan == "posyandu":
            data.append([_("Puskesmas"), str(balita.posyandu.puskesmas)])
    log = (LogAksesData.objects.filter(balita=balita).select_related("user")
           .order_by("waktu", "pk"))
    return {
        _("Data balita"): data,
        _("Pengukuran"): [[_label(Pengukuran, m) for m in MEDAN_PENGUKURAN]] + [
            [_nilai(p, m) for m in MEDAN_PENGUKURAN] for p in balita.pengukuran.all()],
        _("Kasus"): [[_label(Kasus, m) for m in MEDAN_KASUS]] + [
            [_nilai(k, m) for m in MEDAN_KASUS] for k in balita.kasus.all()],
        _("Riwayat perubahan"): [[_("Waktu"), _("Oleh"), _("Perubahan"), _("Alasan"),
                                  _("Isian yang berubah")]]
        + riwayat_perubahan(balita, nik_lengkap=nik_lengkap),
        _("Log akses"): [[_("Waktu"), _("Pengguna"), _("Aksi"), _("Keterangan")]] + [
            [_nilai(r, "waktu"), _nilai(r, "user"), r.get_aksi_display(), r.keterangan]
            for r in log],
    }


def workbook_data_anak(balita: Balita, *, user, nik_lengkap: bool) -> bytes:
    """The export as an .xlsx file's bytes: one sheet per section of ``isi_data_anak``,
    headed by who exported it and when."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    kepala = _("Data pribadi balita #%(pk)s, diekspor %(waktu)s oleh %(oleh)s atas permintaan "
               "orang tua/wali (UU 27/2022 tentang Pelindungan Data Pribadi).") % {
        "pk": balita.pk, "waktu": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
        "oleh": user.get_full_name() or user.get_username()}
    for i, (judul, baris) in enumerate(isi_data_anak(balita, nik_lengkap=nik_lengkap).items()):
        ws = wb.create_sheet(judul[:31])
        if i == 0:
            ws.append([kepala])
            ws.append([])
        awal = ws.max_row + 1 if i == 0 else 1
        for nilai in baris:  # text that Excel would run as a formula goes out quoted
            ws.append([aman_untuk_sel(v) for v in nilai])
        for sel in ws[awal]:
            sel.font = Font(bold=True)
        for kolom in ws.iter_cols(min_row=awal):
            for sel in kolom:
                if isinstance(sel.value, datetime):
                    sel.number_format = "DD-MM-YYYY HH:MM"
                elif isinstance(sel.value, date):
                    sel.number_format = "DD-MM-YYYY"
            lebar = max((len(_teks(s.value)) for s in kolom if s.value is not None), default=8)
            ws.column_dimensions[kolom[0].column_letter].width = min(max(lebar, 8), 60) + 2
    keluaran = BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()
