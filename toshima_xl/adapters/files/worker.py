"""Entry point of the child process that parses a workbook for the reader.

Usage: ``python -m toshima_xl.adapters.files.worker FILE``. Writes the pickled
result of :func:`toshima_xl.adapters.files.reader.run_worker` to stdout.
"""

import sys
from pathlib import Path

from toshima_xl.adapters.files.reader import run_worker


def main() -> None:
    sys.stdout.buffer.write(run_worker(Path(sys.argv[1])))
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
