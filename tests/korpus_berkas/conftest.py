"""The corpus runs against every upload path: it borrows the Posyandu and the semester
evaluation fixtures (Posyandu Melati; semester 2025S1 with its indicators)."""

from tests.evaluasi.conftest import katalog, predikat, semester  # noqa: F401
from tests.posyandu.conftest import melati, wilayah  # noqa: F401
