"""toshima_xl: checks, merges, counts and reports the Toshima ward coordinator workbook."""

__version__ = "0.1.0"
