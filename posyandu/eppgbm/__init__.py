"""e-PPGBM (the Ministry of Health's by-name nutrition register) files in and out.

* ``kolom``: the export's columns and the loose matching of their headers;
* ``baca``: a file's rows parsed into values, or into reasons for rejection;
* ``impor``: matching places and children, the preview, the all-or-nothing commit;
* ``ekspor``: our measurements written back in the same columns, streamed.
"""
