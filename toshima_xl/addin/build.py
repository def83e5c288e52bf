"""Build the Excel add-in (toshima_xl.xlam) from the sources in ``macros/``.

The add-in's VBA project holds:

- ``xlwings``: the custom add-in module that xlwings ships in its wheel
  (``xlwings_custom_addin.bas``, which provides ``RunPython``), with
  ``PROJECT_NAME`` set to "xlwings" so that it reads the interpreter from
  the same places as the xlwings add-in: an ``xlwings.conf`` sheet or
  ``%USERPROFILE%\\.xlwings\\xlwings.conf``, which ``xlwings config create``
  writes;
- ``Dictionary``: the class that module uses on macOS (``addin/Dictionary.cls``);
- ``ToshimaRibbon``: the ribbon callbacks from ``macros/ToshimaRibbon.bas``;
- ``ThisWorkbook`` and ``Sheet1``: the empty document modules Excel expects
  for the workbook and its one sheet.

The ribbon is ``macros/ribbon.xml``, stored as ``customUI/customUI14.xml``.
Nothing depends on the clock or on randomness, so the same sources and the
same xlwings version give a byte-identical file.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from defusedxml import ElementTree

from toshima_xl.adapters.files.atomic import replace_file
from toshima_xl.addin.package import build_package
from toshima_xl.addin.ribbon import check_pairing, read_buttons, read_callbacks
from toshima_xl.addin.vba_project import Module, ModuleKind, build_vba_project

REPOSITORY = Path(__file__).resolve().parents[2]
MACROS = REPOSITORY / "macros"
DEFAULT_TARGET = REPOSITORY / "workbook" / "toshima_xl.xlam"

PROJECT_NAME = "toshima_xl"
# Fixed so that rebuilds are identical; any GUID would do.
PROJECT_ID = "{6B1F3A52-9C4E-4D7A-8E25-3F0C9A1D7B64}"
XLWINGS_VERSION_PROPERTY = "xlwings_version"
RIBBON_FILE = "ribbon.xml"
RIBBON_MODULE_FILE = "ToshimaRibbon.bas"

CONFIG_NAME_LINE = re.compile(r'^Public Const PROJECT_NAME As String = "\w+"$', re.M)
VERSION_LINE = re.compile(r'^Public Const XLWINGS_VERSION As String = "([^"]+)"$', re.M)
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"


def build_addin(target: Path = DEFAULT_TARGET, sources: Path = MACROS) -> None:
    """Build the add-in and write it to ``target``, replacing any old file.

    Args:
        target: Where to write the .xlam file.
        sources: The folder with ribbon.xml and ToshimaRibbon.bas.

    Raises:
        ValueError: The ribbon and its callbacks do not match, a source is
            not ASCII, or the xlwings sources are not in the expected shape.
    """
    ribbon = (sources / RIBBON_FILE).read_bytes()
    ribbon_module = read_text(sources / RIBBON_MODULE_FILE)
    check_pairing(read_buttons(ribbon), read_callbacks(ribbon_module))

    version, xlwings_modules = xlwings_modules_and_version()
    modules = [
        document_module("ThisWorkbook", WORKBOOK_BASE),
        document_module("Sheet1", WORKSHEET_BASE),
        *xlwings_modules,
        Module("ToshimaRibbon", ModuleKind.STANDARD, ribbon_module),
    ]
    package = build_package(
        vba_project=build_vba_project(PROJECT_NAME, PROJECT_ID, modules),
        custom_ui=ribbon,
        properties={XLWINGS_VERSION_PROPERTY: version},
        sheet_rows=[("toshima_xl アドイン", "「としま」タブ"), ("xlwings", version)],
    )
    write_atomically(target, package)


def xlwings_modules_and_version() -> tuple[str, list[Module]]:
    """Return the installed xlwings version and the VBA modules to embed from it."""
    import xlwings

    folder = Path(xlwings.__file__).parent
    main = read_text(folder / "xlwings_custom_addin.bas")
    found = VERSION_LINE.search(main)
    if found is None or found[1] != xlwings.__version__:
        raise ValueError(
            f"xlwings_custom_addin.bas of xlwings {xlwings.__version__} does not "
            "declare that version in XLWINGS_VERSION"
        )
    main, replaced = CONFIG_NAME_LINE.subn(
        'Public Const PROJECT_NAME As String = "xlwings"', main
    )
    if replaced != 1:
        raise ValueError("xlwings_custom_addin.bas has no single PROJECT_NAME line")
    dictionary = stored_class_source(read_text(folder / "addin" / "Dictionary.cls"))
    return xlwings.__version__, [
        Module("xlwings", ModuleKind.STANDARD, main),
        Module("Dictionary", ModuleKind.CLASS, dictionary),
    ]


def stored_class_source(exported: str) -> str:
    """Turn an exported .cls file into the source the VBA editor stores.

    An export starts with a VERSION/BEGIN...END block that the editor does
    not store, and it leaves out the VB_Base, VB_TemplateDerived and
    VB_Customizable attributes that the editor adds on import.
    """
    lines = exported.splitlines()
    if lines and lines[0].startswith("VERSION "):
        lines = lines[lines.index("END") + 1 :]
    stored = []
    for line in lines:
        stored.append(line)
        if line.startswith("Attribute VB_Name = "):
            stored.append(f'Attribute VB_Base = "{CLASS_BASE}"')
        elif line.startswith("Attribute VB_Exposed = "):
            stored += [
                "Attribute VB_TemplateDerived = False",
                "Attribute VB_Customizable = False",
            ]
    return "\n".join(stored) + "\n"


def document_module(name: str, base: str) -> Module:
    """Return an empty document module for the workbook or a sheet."""
    attributes = [
        f'VB_Name = "{name}"',
        f'VB_Base = "{base}"',
        "VB_GlobalNameSpace = False",
        "VB_Creatable = False",
        "VB_PredeclaredId = True",
        "VB_Exposed = True",
        "VB_TemplateDerived = False",
        "VB_Customizable = True",
    ]
    source = "".join(f"Attribute {attribute}\n" for attribute in attributes)
    return Module(name, ModuleKind.DOCUMENT, source)


def read_text(path: Path) -> str:
    """Read a VBA source file, keeping its lines but not its line-end style."""
    return path.read_text(encoding="ascii").replace("\r\n", "\n")


def write_atomically(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target``, then replace it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    replace_file(target, lambda temporary: temporary.write_bytes(data))


def read_embedded_xlwings_version(addin: Path) -> str:
    """Return the xlwings version recorded in a built add-in's custom properties.

    Raises:
        KeyError: The add-in has no such property.
    """
    with zipfile.ZipFile(addin) as archive:
        root = ElementTree.fromstring(archive.read("docProps/custom.xml"))
    for item in root:
        if item.get("name") == XLWINGS_VERSION_PROPERTY:
            return "".join(item.itertext())
    raise KeyError(f"{addin} records no {XLWINGS_VERSION_PROPERTY} property")
