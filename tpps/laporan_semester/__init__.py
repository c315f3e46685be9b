"""The semester report: built as plain data (``isi``), shown as a printable page, written
to Excel, signed off by Pimpinan (``alur``) and compared with what was signed (``selisih``)."""
