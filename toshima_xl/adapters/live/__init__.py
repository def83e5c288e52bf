"""The xlwings adapter: reads and writes a live ``xw.Book`` in whole blocks.

Every read is one ``.value`` call per sheet over its used range, and every
write is a constant number of calls per sheet, apart from cell notes, which
Excel only adds one cell at a time.
"""

from toshima_xl.adapters.live.reader import read_book, read_sheet
from toshima_xl.adapters.live.status import StatusBar
from toshima_xl.adapters.live.writer import WriteReport, write_results

__all__ = ["StatusBar", "WriteReport", "read_book", "read_sheet", "write_results"]
