"""toshima_xl: checks, merges, counts and reports the Toshima coordinators' workbook."""

__version__ = "0.1.0"
