"""``python manage.py zscore INPUT -o OUTPUT``: WHO z-scores for a survey file.

The work is in ``posyandu.survei`` (no Django there); this command only
handles arguments and output.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from posyandu.survei import INPUT_COLUMNS, OUTPUT_COLUMNS, SurveyError, score_file


class Command(BaseCommand):
    # Reads a file and writes a file: no database, models or URLs, so Django's
    # system checks (which import every URLconf and admin) are not needed.
    requires_system_checks = []
    help = (
        "Menghitung z-score WHO (seperti modul survei WHO Anthro) dan kategori Permenkes 2/2020 "
        "untuk setiap baris berkas CSV atau XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "input",
            help=_("Berkas masukan .csv atau .xlsx dengan kolom: %(columns)s.")
            % {"columns": ", ".join(INPUT_COLUMNS)},
        )
        parser.add_argument(
            "-o",
            "--output",
            required=True,
            help=_("Berkas hasil .csv atau .xlsx: semua kolom masukan, lalu %(columns)s.")
            % {"columns": ", ".join(OUTPUT_COLUMNS)},
        )
        parser.add_argument(
            "--titik-koma",
            action="store_true",
            dest="semicolon",
            help=_("Tulis CSV untuk Excel berbahasa Indonesia: pemisah ';' dan koma desimal."),
        )

    def handle(self, *args, **options):
        source, target = Path(options["input"]), Path(options["output"])
        if source.resolve() == target.resolve():
            raise CommandError(_("Berkas hasil tidak boleh sama dengan berkas masukan."))
        try:
            summary = score_file(
                source,
                target,
                semicolon=options["semicolon"],
                report=lambda message: self.stderr.write(message),
            )
        except SurveyError as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:  # e.g. the output's folder is missing or read-only
            raise CommandError(
                _("Berkas tidak dapat dibaca atau ditulis: %(berkas)s (%(sebab)s).")
                % {"berkas": exc.filename or target, "sebab": exc.strerror or exc}
            ) from None
        style = self.style.SUCCESS if summary.rejected == 0 else self.style.WARNING
        self.stdout.write(style(summary.message))
