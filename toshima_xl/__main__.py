"""Run the command line as ``python -m toshima_xl``."""

import sys

from toshima_xl.cli import main

sys.exit(main())
