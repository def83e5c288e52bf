"""Open a document in headless LibreOffice through UNO and print its contents as JSON.

Runs under the interpreter that has python3-uno (Debian's /usr/bin/python3),
not under the project's interpreter. Usage:

    lo_dump.py values FILE [--recalc]   # every sheet's used block of values
    lo_dump.py basic FILE               # every Basic/VBA library and module source
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def start_office(profile_dir):
    pipe = f"toshima_lo_{os.getpid()}"
    process = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "-env:UserInstallation=file://" + profile_dir,
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.time() + 60
    while True:
        try:
            context = resolver.resolve(
                f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"
            )
            break
        except NoConnectException:
            if time.time() > deadline or process.poll() is not None:
                process.kill()
                raise SystemExit(
                    "LibreOffice did not start within 60 seconds"
                ) from None
            time.sleep(0.3)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return process, desktop


def cell_value(cell):
    # Type names: EMPTY, VALUE, TEXT, FORMULA.
    kind = cell.getType().value
    if kind == "EMPTY":
        return None
    if kind == "TEXT":
        return cell.getString()
    if kind == "VALUE":
        return cell.getValue()
    if cell.getError():
        return f"#ERR{cell.getError()}"
    result = cell.FormulaResultType2.value
    return cell.getString() if result == "TEXT" else cell.getValue()


def dump_values(document, recalc):
    if recalc:
        document.calculateAll()
    sheets = {}
    for sheet in document.Sheets:
        cursor = sheet.createCursor()
        cursor.gotoEndOfUsedArea(False)
        last_row = cursor.RangeAddress.EndRow
        last_column = cursor.RangeAddress.EndColumn
        block = sheet.getCellRangeByPosition(0, 0, last_column, last_row)
        data = [list(row) for row in block.getDataArray()]
        # getDataArray returns "" for empty cells and floats for numbers.
        sheets[sheet.Name] = [[None if v == "" else v for v in row] for row in data]
    return {"sheets": sheets, "order": [s.Name for s in document.Sheets]}


def dump_basic(document):
    libraries = {}
    container = document.BasicLibraries
    for name in container.ElementNames:
        container.loadLibrary(name)
        library = container.getByName(name)
        libraries[name] = {m: library.getByName(m) for m in library.ElementNames}
    return {"libraries": libraries}


def main():
    mode, path = sys.argv[1], os.path.abspath(sys.argv[2])
    recalc = "--recalc" in sys.argv
    with tempfile.TemporaryDirectory(prefix="toshima_lo_") as profile_dir:
        process, desktop = start_office(profile_dir)
        try:
            url = uno.systemPathToFileUrl(path)
            # MacroExecutionMode 0 = never run macros; the document is only read.
            document = desktop.loadComponentFromURL(
                url, "_blank", 0, (prop("Hidden", True), prop("MacroExecutionMode", 0))
            )
            if document is None:
                raise SystemExit("LibreOffice could not open " + path)
            result = (
                dump_basic(document)
                if mode == "basic"
                else dump_values(document, recalc)
            )
            document.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:
                pass
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    json.dump(result, sys.stdout, ensure_ascii=False, default=str)


if __name__ == "__main__":
    main()
