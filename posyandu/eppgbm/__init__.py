"""e-PPGBM (the Ministry of Health's by-name nutrition register) files in and out.

* ``kolom``: the export's columns and the loose matching of their headers;
* ``baca``: a file's rows parsed into values, or into reasons for rejection;
* ``tempat``: a row's kecamatan, desa and Posyandu matched to records, within scope;
* ``identitas``: which child a row is about, registered or new;
* ``impor``: the preview (``pratinjau``) and its plan (``Rencana``), the all-or-nothing
  commit (``simpan``);
* ``ekspor``: our measurements written back in the same columns, streamed.
"""
