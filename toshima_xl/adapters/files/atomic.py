"""Replace a file atomically: write beside it, then move the new file over it."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace_file(
    target: Path, write: Callable[[Path], None], suffix: str = ".tmp"
) -> None:
    """Write a new ``target`` through ``write`` without ever leaving half a file.

    ``write`` receives a temporary path in the target's folder. The new file
    gets the permissions of the file it replaces, or the umask's default for
    a new file, because ``mkstemp`` creates files that only the owner may
    read and colleagues on a shared folder must still open the workbook.
    OSError from any step propagates; the temporary file is always removed.
    """
    handle, name = tempfile.mkstemp(
        prefix=".toshima_xl-", suffix=suffix, dir=target.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        os.chmod(temporary, target_mode(target))
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def target_mode(target: Path) -> int:
    """Return the permission bits a replacement of ``target`` should have."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
