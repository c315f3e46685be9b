"""Forms of the entry page: one row per indicator, then the programmes (a formset).

Counts and rupiah accept "1.250.000"; output targets accept "12,5" (tpps.lib.numbers: the
field type decides). The hidden ``versi`` is what the lost-update guard checks.
"""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tpps.lib.berkas import validasi_dokumen
from tpps.lib.numbers import parse_decimal, parse_id, parse_integer
from tpps.lib.spreadsheet import SpreadsheetError, periksa_xlsx

from .alur import IsianCapaian, IsianProgram, KomentarUntukBaris
from .models import (
    Capaian,
    Indikator,
    KomentarBaris,
    LaporanSemester,
    ProgramKegiatan,
    Semester,
    TargetIndikator,
)


def format_bulat(nilai) -> str:
    return "" if nilai is None else f"{int(nilai):,}".replace(",", ".")


def format_desimal(nilai) -> str:
    if nilai is None:
        return ""
    nilai = Decimal(nilai)
    teks = f"{nilai.normalize():f}" if nilai != nilai.to_integral_value() else str(int(nilai))
    return teks.replace(".", ",")


class BilanganBulatField(forms.CharField):
    """A count or an amount of rupiah: "1.250.000" (thousands with dots, no decimals)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_bulat(value) if isinstance(value, int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_integer(value)
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


class DesimalField(forms.CharField):
    """A measurement or an output figure: "12,5" or "12.5"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return format_desimal(value) if isinstance(value, Decimal | int) else value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            return parse_decimal(value).quantize(Decimal("0.01"))
        except (ValueError, ArithmeticError) as exc:
            raise ValidationError(str(exc), code="invalid") from None


def _gaya_bootstrap(form, akhiran: str = "") -> None:
    """Bootstrap classes on every widget, and a label that names the row for screen readers."""
    for nama, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.HiddenInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            kelas = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            kelas = "form-select form-select-sm"
        else:
            kelas = "form-control form-control-sm"
        if form._errors and form._errors.get(nama):  # only once cleaned; never clean early
            kelas += " is-invalid"
        widget.attrs["class"] = kelas
        if akhiran:
            widget.attrs["aria-label"] = f"{field.label} {akhiran}"


#: The longest narrative (kendala, rencana tindak lanjut, penjelasan perubahan: TextFields
#: with no length of their own) taken from the page and from the Excel upload alike.
PANJANG_TEKS_MAKS = 10_000


def _teks(label, baris=2):
    return forms.CharField(label=label, required=False, max_length=PANJANG_TEKS_MAKS,
                           widget=forms.Textarea(attrs={"rows": baris}))


class CapaianForm(forms.Form):
    """One indicator's row of the grid."""

    versi = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    pembilang = BilanganBulatField(label=_("Pembilang"))
    penyebut = BilanganBulatField(label=_("Penyebut"))
    sumber_data = forms.CharField(label=_("Sumber data"), required=False, max_length=200)
    kendala = _teks(_("Kendala"))
    rencana_tindak_lanjut = _teks(_("Rencana tindak lanjut"))
    penjelasan_perubahan = _teks(_("Penjelasan perubahan"))
    tautan_bukti = forms.URLField(label=_("Tautan bukti"), required=False, max_length=500,
                                  assume_scheme="https")
    berkas = forms.FileField(label=_("Berkas bukti"), required=False,
                             validators=[validasi_dokumen])

    def __init__(self, *args, indikator: Indikator, capaian: Capaian | None, **kwargs):
        self.indikator = indikator
        if capaian is not None:
            kwargs.setdefault("initial", {
                "versi": capaian.versi, **{f: getattr(capaian, f) for f in Capaian.ISIAN}
            })
        super().__init__(*args, **kwargs)
        if not indikator.is_persen:
            del self.fields["penyebut"]
            self.fields["pembilang"].label = _("Jumlah")
        _gaya_bootstrap(self, indikator.kode)

    def full_clean(self):
        super().full_clean()
        _gaya_bootstrap(self, self.indikator.kode)

    def isian(self) -> IsianCapaian:
        data = self.cleaned_data
        nilai = {f: data.get(f) for f in Capaian.ISIAN}
        for f in ("sumber_data", "kendala", "rencana_tindak_lanjut", "penjelasan_perubahan",
                  "tautan_bukti"):
            nilai[f] = nilai[f] or ""
        return IsianCapaian(indikator=self.indikator, versi=data.get("versi") or 0,
                            nilai=nilai, berkas=data.get("berkas"))


class ProgramForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    versi = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    program = forms.CharField(label=_("Program"), required=False, max_length=300)
    kegiatan = forms.CharField(label=_("Kegiatan"), required=False, max_length=300)
    sub_kegiatan = forms.CharField(label=_("Sub kegiatan"), required=False, max_length=300)
    indikator = forms.TypedMultipleChoiceField(
        label=_("Indikator terkait"), coerce=int, required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    sumber_dana = forms.ChoiceField(label=_("Sumber dana"),
                                    choices=ProgramKegiatan.SumberDana.choices,
                                    initial=ProgramKegiatan.SumberDana.APBD)
    pagu_rp = BilanganBulatField(label=_("Pagu (Rp)"))
    realisasi_rp = BilanganBulatField(label=_("Realisasi (Rp)"))
    keluaran = forms.CharField(label=_("Keluaran (output)"), required=False, max_length=300)
    satuan_keluaran = forms.CharField(label=_("Satuan"), required=False, max_length=60)
    target_keluaran = DesimalField(label=_("Target keluaran"))
    realisasi_keluaran = DesimalField(label=_("Realisasi keluaran"))

    def __init__(self, *args, indikator: dict[int, Indikator], **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from a dict loaded once for the page, not a query per programme row.
        self.indikator = indikator
        self.fields["indikator"].choices = [(pk, i.kode) for pk, i in indikator.items()]
        _gaya_bootstrap(self, _("program baris %(n)s") % {"n": (self.prefix or "").split("-")[-1]})

    def full_clean(self):
        super().full_clean()
        _gaya_bootstrap(self, _("program baris %(n)s") % {"n": (self.prefix or "").split("-")[-1]})

    def clean(self):
        data = super().clean()
        hapus = data.get("DELETE")
        isi = any(data.get(f) not in (None, "", 0) for f in ProgramKegiatan.ISIAN
                  if f != "sumber_dana") or data.get("indikator")
        if isi and not hapus and not data.get("program"):
            self.add_error("program", _("Nama program wajib diisi."))
        return data

    def isian(self) -> IsianProgram:
        data = self.cleaned_data
        nilai = {f: data.get(f) for f in ProgramKegiatan.ISIAN}
        for f in ("program", "kegiatan", "sub_kegiatan", "keluaran", "satuan_keluaran"):
            nilai[f] = nilai[f] or ""
        for f in ("pagu_rp", "realisasi_rp"):
            nilai[f] = nilai[f] or 0
        return IsianProgram(
            pk=data.get("id"), versi=data.get("versi") or 0, nilai=nilai,
            indikator=[self.indikator[pk] for pk in data.get("indikator") or []],
            hapus=bool(data.get("DELETE")),
        )


ProgramFormSet = forms.formset_factory(ProgramForm, extra=2, can_delete=True)


def initial_program(program: ProgramKegiatan) -> dict:
    return {"id": program.pk, "versi": program.versi,
            "indikator": [i.pk for i in program.indikator.all()],
            **{f: getattr(program, f) for f in ProgramKegiatan.ISIAN}}


class KembalikanForm(forms.Form):
    komentar = forms.CharField(
        label=_("Komentar untuk OPD"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang harus diperbaiki; OPD membacanya di halaman laporannya."),
    )


def komentar_baris_dari(laporan: LaporanSemester, data) -> list[KomentarUntukBaris]:
    """The row comments typed in the return form (``komentar-c<id>`` for an achievement,
    ``komentar-p<id>`` for a programme) for this report's own rows; a name pointing at any
    other row is not read."""
    hasil = []
    for c in laporan.capaian.select_related("indikator"):
        if teks := (data.get(f"komentar-c{c.pk}") or "").strip():
            hasil.append(KomentarUntukBaris(teks, capaian=c))
    for p in laporan.program.all():
        if teks := (data.get(f"komentar-p{p.pk}") or "").strip():
            hasil.append(KomentarUntukBaris(teks, program=p))
    return hasil


#: The most reports one bulk step takes (a city has about 31 OPDs that must report).
BATAS_MASSAL = 200


class DaftarIdField(forms.Field):
    """The ids of the reports ticked in the queue (each a number, each once)."""

    widget = forms.MultipleHiddenInput
    default_error_messages = {
        "required": _("Pilih minimal satu laporan dari antrean; tidak ada yang diubah."),
        "invalid": _("Pilihan laporan tidak sah (\u201c%(nilai)s\u201d bukan nomor laporan); "
                     "tidak ada yang diubah."),
        "banyak": _("Paling banyak %(n)s laporan sekaligus; tidak ada yang diubah."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return []
        ids = []
        for nilai in value if isinstance(value, list | tuple) else [value]:
            pk = parse_id(nilai)
            if pk is None:
                raise ValidationError(self.error_messages["invalid"], code="invalid",
                                      params={"nilai": str(nilai)[:30]})
            if pk not in ids:
                ids.append(pk)
        if len(ids) > BATAS_MASSAL:
            raise ValidationError(self.error_messages["banyak"], code="banyak",
                                  params={"n": BATAS_MASSAL})
        return ids


class MassalForm(forms.Form):
    """Verify or return the reports ticked in the queue; ``konfirmasi`` once the person has
    seen the list of what they chose."""

    VERIFIKASI, KEMBALIKAN = "verifikasi", "kembalikan"

    laporan = DaftarIdField()
    aksi = forms.ChoiceField(
        choices=[(VERIFIKASI, _("Verifikasi")), (KEMBALIKAN, _("Kembalikan"))],
        error_messages={
            "required": _("Pilih \u201cVerifikasi terpilih\u201d atau \u201cKembalikan "
                          "terpilih\u201d; tidak ada yang diubah."),
            "invalid_choice": _("Langkah tidak dikenal; pilih \u201cVerifikasi terpilih\u201d "
                                "atau \u201cKembalikan terpilih\u201d. Tidak ada yang diubah."),
        },
    )
    komentar = forms.CharField(
        label=_("Komentar untuk OPD"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wajib bila mengembalikan: komentar yang sama diterima setiap OPD terpilih."),
    )
    konfirmasi = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (data.get("konfirmasi") and data.get("aksi") == self.KEMBALIKAN
                and not (data.get("komentar") or "").strip()):
            self.add_error("komentar", _("Tulis komentar: apa yang harus diperbaiki OPD."))
        return data


class KunciSemesterForm(forms.Form):
    """The explicit confirmation the lock page asks for."""

    mengerti = forms.BooleanField(error_messages={
        "required": _("Centang pernyataan \u201cSaya mengerti\u201d untuk mengunci semester; "
                      "semester belum dikunci."),
    })
    _TIDAK_UTUH = _("Halaman konfirmasi tidak lengkap; muat ulang halaman lalu konfirmasi "
                    "lagi. Semester belum dikunci.")
    sidik = forms.CharField(widget=forms.HiddenInput, max_length=64, error_messages={
        "required": _TIDAK_UTUH, "max_length": _TIDAK_UTUH,
    })


class StatusSemesterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status baru"), choices=Semester.Status.choices)
    alasan = forms.CharField(
        label=_("Alasan"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wajib bila semester yang sudah dikunci dibuka kembali; tercatat."),
    )


class UnggahForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas Excel (.xlsx)"),
        help_text=_("Berkas yang diunduh dari halaman ini lalu diisi."),
    )

    def clean_berkas(self):
        """Refused before anything reads it: a file over ``UKURAN_BERKAS_MAKS_MB``, and an
        .xlsx that would inflate beyond the limits (``periksa_xlsx``: a zip bomb). Its
        name and content are judged by ``excel.baca_workbook``."""
        berkas = self.cleaned_data["berkas"]
        batas = settings.UKURAN_BERKAS_MAKS_MB
        if berkas.size > batas * 1024 * 1024:
            raise ValidationError(
                _("Berkas terlalu besar (%(ukuran).1f MB); batasnya %(batas)d MB."),
                code="ukuran", params={"ukuran": berkas.size / 1024 / 1024, "batas": batas},
            )
        if berkas.name.lower().endswith(".xlsx"):
            try:
                periksa_xlsx(berkas, nama=berkas.name)
            except SpreadsheetError as exc:
                raise ValidationError(str(exc), code="isi") from None
        return berkas


@dataclass
class BarisCapaian:
    """One indicator on the report page: what is stored, and the form row to change it."""

    indikator: Indikator
    capaian: Capaian | None
    target: TargetIndikator | None
    nilai_lalu: Decimal | None
    form: CapaianForm | None
    #: The previous semester's achievement, its % of target against *its* year's target.
    lalu: Capaian | None = None
    #: Sekretariat TPPS's comments on this row from the latest return (see IsianLaporan).
    komentar: list = dataclasses.field(default_factory=list)


class IsianLaporan:
    """Everything the report page shows and, when it may be changed, its forms."""

    def __init__(self, laporan: LaporanSemester, data=None, files=None, *, dapat_ubah: bool):
        self.laporan = laporan
        semester = laporan.semester
        dimiliki = list(Indikator.objects.milik(laporan.opd))
        capaian = {}
        if laporan.pk:
            capaian = {
                c.indikator_id: c
                for c in Capaian.objects.filter(laporan=laporan)
                .select_related("indikator", "diubah_oleh").dengan_persen_capaian()
            }
        indikator = dimiliki + [c.indikator for c in capaian.values()
                                if c.indikator not in dimiliki]
        target = {t.indikator_id: t for t in TargetIndikator.objects.filter(
            tahun=semester.tahun, indikator__in=indikator)}
        # The previous semester: for S1 that is S2 of the year before, measured against
        # that year's target (``dengan_persen_capaian`` takes each semester's own year).
        self.kode_lalu = semester.kode_sebelumnya
        self.tahun_lalu = semester.tahun if semester.nomor == 2 else semester.tahun - 1
        self.lalu_tahun_lain = self.tahun_lalu != semester.tahun
        lalu = {c.indikator_id: c for c in Capaian.objects.filter(
            semester__kode=self.kode_lalu, indikator__in=indikator,
        ).dengan_persen_capaian()}
        self.baris = [
            BarisCapaian(
                indikator=ind, capaian=capaian.get(ind.pk), target=target.get(ind.pk),
                nilai_lalu=getattr(lalu.get(ind.pk), "nilai", None), lalu=lalu.get(ind.pk),
                form=CapaianForm(data, files, prefix=f"c{ind.pk}", indikator=ind,
                                 capaian=capaian.get(ind.pk))
                if dapat_ubah and ind in dimiliki else None,
            )
            for ind in indikator
        ]
        self.program = (
            list(laporan.program.prefetch_related("indikator").select_related("diubah_oleh"))
            if laporan.pk else []
        )
        self.formset = None
        if dapat_ubah:
            pilihan = {i.pk: i for i in Indikator.objects.aktif()}
            self.formset = ProgramFormSet(
                data, prefix="program", initial=[initial_program(p) for p in self.program],
                form_kwargs={"indikator": pilihan},
            )
        self._pasang_komentar()

    def _pasang_komentar(self) -> None:
        """Every row comment of the report (``komentar``, for its history) and, at each row
        (``BarisCapaian.komentar``, ``komentar_tampil`` on a programme and its form), those
        of the latest return while the report is returned or submitted again after it."""
        laporan = self.laporan
        self.komentar = list(
            KomentarBaris.objects.filter(laporan=laporan).select_related("dibuat_oleh")
        ) if laporan.pk else []
        per_capaian, per_program = defaultdict(list), defaultdict(list)
        if laporan.status in (LaporanSemester.Status.DIKEMBALIKAN,
                              LaporanSemester.Status.DIAJUKAN):
            for k in self.komentar:
                if k.dikembalikan_pada == laporan.dikembalikan_pada:
                    if k.capaian_id:
                        per_capaian[k.capaian_id].append(k)
                    elif k.program_id:
                        per_program[k.program_id].append(k)
        for b in self.baris:
            b.komentar = per_capaian.get(getattr(b.capaian, "pk", None), [])
        for p in self.program:
            p.komentar_tampil = per_program.get(p.pk, [])
        if self.formset is not None:
            for f in self.formset.forms:
                f.komentar_tampil = per_program.get(f.initial.get("id") if f.initial else None,
                                                    [])

    def is_valid(self) -> bool:
        forms_ = [b.form for b in self.baris if b.form is not None]
        sah = [f.is_valid() for f in forms_]  # every row, so every error shows at once
        return self.formset.is_valid() and all(sah)

    def isian_capaian(self) -> list[IsianCapaian]:
        return [b.form.isian() for b in self.baris if b.form is not None]

    def isian_program(self) -> list[IsianProgram]:
        return [f.isian() for f in self.formset.forms if f.cleaned_data]
