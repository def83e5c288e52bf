"""Tests of the add-in build: the committed .xlam, its VBA project and its ribbon.

Excel cannot run here. oletools' olevba and LibreOffice read the VBA project
instead, and the ribbon is checked against the callbacks and entry points.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import io
import re
import shutil
import tomllib
import zipfile
from pathlib import Path

import olefile
import pytest
import xlwings
from defusedxml import ElementTree
from oletools.olevba import VBA_Parser, decompress_stream

from toshima_xl.addin.build import (
    build_addin,
    read_embedded_xlwings_version,
    stored_class_source,
)
from toshima_xl.addin.compound_file import build_compound_file
from toshima_xl.addin.compression import compress
from toshima_xl.addin.ribbon import (
    CUSTOM_UI_NAMESPACE,
    read_buttons,
    read_callbacks,
)
from toshima_xl.cli.build_addin import add_parser
from toshima_xl.cli.common import CliError, Context

ROOT = Path(__file__).resolve().parent.parent
ADDIN = ROOT / "workbook" / "toshima_xl.xlam"
MACROS = ROOT / "macros"
XLWINGS_DIR = Path(xlwings.__file__).parent
RIBBON_XML = (MACROS / "ribbon.xml").read_bytes()
RIBBON_BAS = (MACROS / "ToshimaRibbon.bas").read_text(encoding="ascii")
REBUILD_HINT = "rebuild the add-in with `toshima-xl build-addin` and commit it"
LIBREOFFICE_HEADER = re.compile(
    r"^(Rem Attribute VBA_ModuleType=\w+|Option VBASupport 1|Option ClassModule)$"
)


def code_lines(source: str) -> list[str]:
    """Return a module's lines without attribute lines and trailing blank lines.

    The VBA editor hides Attribute lines (module and procedure attributes)
    and LibreOffice drops them, so the comparison leaves them out too.
    """
    lines = [
        line
        for line in source.replace("\r\n", "\n").split("\n")
        if not line.startswith("Attribute ") and not LIBREOFFICE_HEADER.match(line)
    ]
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def expected_code() -> dict[str, list[str]]:
    """Return the code lines each module should hold, read from the sources."""
    shipped = (XLWINGS_DIR / "xlwings_custom_addin.bas").read_text(encoding="ascii")
    xlwings_module = shipped.replace(
        'Public Const PROJECT_NAME As String = "myaddin"',
        'Public Const PROJECT_NAME As String = "xlwings"',
    )
    dictionary = (XLWINGS_DIR / "addin" / "Dictionary.cls").read_text(encoding="ascii")
    dictionary_lines = code_lines(dictionary)
    # An exported class starts with a VERSION/BEGIN...END block.
    dictionary_lines = dictionary_lines[dictionary_lines.index("END") + 1 :]
    return {
        "ThisWorkbook": [],
        "Sheet1": [],
        "xlwings": code_lines(xlwings_module),
        "Dictionary": dictionary_lines,
        "ToshimaRibbon": code_lines(RIBBON_BAS),
    }


def olevba_modules(path: Path) -> dict[str, str]:
    """Return module name -> source as olevba extracts them."""
    parser = VBA_Parser(str(path))
    try:
        return {
            stream.split("/")[-1]: code
            for _, stream, _, code in parser.extract_macros()
        }
    finally:
        parser.close()


def test_committed_addin_equals_rebuild(tmp_path):
    rebuilt = tmp_path / "toshima_xl.xlam"
    build_addin(rebuilt)
    assert ADDIN.read_bytes() == rebuilt.read_bytes(), REBUILD_HINT


def test_rebuild_twice_is_identical(tmp_path):
    build_addin(tmp_path / "a.xlam")
    build_addin(tmp_path / "b.xlam")
    assert (tmp_path / "a.xlam").read_bytes() == (tmp_path / "b.xlam").read_bytes()


def test_package_parts_and_relationships():
    with zipfile.ZipFile(ADDIN) as archive:
        names = archive.namelist()
        types = ElementTree.fromstring(archive.read("[Content_Types].xml"))
        rels = ElementTree.fromstring(archive.read("_rels/.rels"))
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        custom_ui = archive.read("customUI/customUI14.xml")
        infos = archive.infolist()

    assert names[0] == "[Content_Types].xml"
    assert "xl/vbaProject.bin" in names
    overrides = {item.get("PartName"): item.get("ContentType") for item in types}
    assert overrides["/xl/workbook.xml"] == (
        "application/vnd.ms-excel.addin.macroEnabled.main+xml"
    )
    assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
    targets = {item.get("Type"): item.get("Target") for item in rels}
    ui_type = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
    assert targets[ui_type] == "customUI/customUI14.xml"
    assert custom_ui == RIBBON_XML
    code_name = workbook.find(
        "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}workbookPr"
    ).get("codeName")
    assert code_name == "ThisWorkbook"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_olevba_extracts_source_modules():
    modules = olevba_modules(ADDIN)
    expected = expected_code()
    assert sorted(modules) == sorted(expected)
    for name, lines in expected.items():
        assert code_lines(modules[name]) == lines, name


def test_olevba_finds_project_name():
    with zipfile.ZipFile(ADDIN) as archive:
        vba = archive.read("xl/vbaProject.bin")
    project = olefile.OleFileIO(io.BytesIO(vba)).openstream("PROJECT").read()
    assert b'Name="toshima_xl"\r\n' in project
    assert b"Class=Dictionary\r\n" in project
    assert b"Document=ThisWorkbook/&H00000000\r\n" in project


def test_class_attributes_match_excel_stored_form():
    # The xlwings wheel also ships an add-in saved by Excel; its Dictionary
    # module shows the attribute lines the VBA editor stores for a class.
    saved_by_excel = olevba_modules(XLWINGS_DIR / "quickstart_addin.xlam")["Dictionary"]
    exported = (XLWINGS_DIR / "addin" / "Dictionary.cls").read_text(encoding="ascii")
    ours = stored_class_source(exported.replace("\r\n", "\n"))
    attributes = [line for line in ours.split("\n") if line.startswith("Attribute ")]
    excel_attributes = [
        line
        for line in saved_by_excel.replace("\r\n", "\n").split("\n")
        if line.startswith("Attribute ")
    ]
    assert attributes[:8] == excel_attributes[:8]


def test_libreoffice_lists_same_modules(tmp_path, libreoffice_basic):
    # LibreOffice 7.4 refuses the add-in content type whatever the file's
    # extension (it refuses the .xlam that xlwings ships as well), so the
    # copy declares the macro-enabled workbook type; every other part,
    # vbaProject.bin included, is copied byte for byte.
    copy = tmp_path / "toshima_xl.xlsm"
    with zipfile.ZipFile(ADDIN) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.ms-excel.addin.macroEnabled.main+xml",
                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
                )
            target.writestr(info, data)

    libraries = libreoffice_basic(copy)

    modules = libraries["toshima_xl"]
    expected = expected_code()
    assert sorted(modules) == sorted(expected)
    for name, lines in expected.items():
        assert code_lines(modules[name]) == lines, name


def test_ribbon_uses_office_2010_namespace():
    root = ElementTree.fromstring(RIBBON_XML)
    assert root.tag == f"{{{CUSTOM_UI_NAMESPACE}}}customUI"
    tab = root.find(f".//{{{CUSTOM_UI_NAMESPACE}}}tab")
    assert tab.get("label") == "としま"


def test_ribbon_groups_and_buttons():
    buttons = read_buttons(RIBBON_XML)
    layout = [(button.group, button.label, button.on_action) for button in buttons]
    assert layout == [
        ("取込", "取込", "OnImport"),
        ("検証", "検証", "OnValidate"),
        ("検証", "重複チェック", "OnFindDuplicates"),
        ("検証", "重複を統合", "OnMerge"),
        ("検証", "修正案を反映", "OnAccept"),
        ("集計と報告", "集計", "OnCount"),
        ("集計と報告", "報告書作成", "OnReport"),
    ]


@pytest.mark.parametrize(
    "button", read_buttons(RIBBON_XML), ids=lambda button: button.on_action
)
def test_button_has_icon_and_tips(button):
    assert re.fullmatch(r"[A-Z][A-Za-z0-9]+", button.image_mso)
    assert button.screentip
    # The supertip names the sheets the button rewrites or changes.
    assert re.search(r"「[^」]+」シート", button.supertip)


def test_every_on_action_names_a_sub():
    subs = {callback.sub for callback in read_callbacks(RIBBON_BAS)}
    actions = {button.on_action for button in read_buttons(RIBBON_XML)}
    assert actions == subs


@pytest.mark.parametrize(
    "callback", read_callbacks(RIBBON_BAS), ids=lambda callback: callback.sub
)
def test_callback_calls_existing_entry_point(callback):
    module = importlib.import_module(callback.module)
    function = getattr(module, callback.function, None)
    assert function is not None, (
        f"{callback.sub} runs {callback.module}.{callback.function}, which does not exist"
    )
    assert list(inspect.signature(function).parameters) == []


def test_ribbon_module_is_ascii_callbacks_only():
    assert RIBBON_BAS.isascii()
    code = [
        line for line in code_lines(RIBBON_BAS) if line and not line.startswith("'")
    ]
    assert code[0] == "Option Explicit"
    assert len(code) == 1 + 3 * len(read_callbacks(RIBBON_BAS))


def test_embedded_xlwings_version_matches_installed():
    pins = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    required = [
        dependency
        for dependency in pins["project"]["dependencies"]
        if dependency.startswith("xlwings==")
    ]
    assert required == [f"xlwings=={xlwings.__version__}"], (
        "install the xlwings version that pyproject.toml pins"
    )
    assert read_embedded_xlwings_version(ADDIN) == xlwings.__version__, REBUILD_HINT
    module = olevba_modules(ADDIN)["xlwings"]
    assert f'XLWINGS_VERSION As String = "{xlwings.__version__}"' in module, (
        REBUILD_HINT
    )


def test_build_rejects_on_action_without_sub(tmp_path):
    shutil.copy(MACROS / "ribbon.xml", tmp_path / "ribbon.xml")
    without_report = RIBBON_BAS.split("Sub OnReport")[0]
    (tmp_path / "ToshimaRibbon.bas").write_text(without_report, encoding="ascii")

    with pytest.raises(ValueError, match=r"reportButton"):
        build_addin(tmp_path / "out.xlam", sources=tmp_path)
    assert not (tmp_path / "out.xlam").exists()


def test_build_rejects_callback_with_extra_code(tmp_path):
    shutil.copy(MACROS / "ribbon.xml", tmp_path / "ribbon.xml")
    extra = RIBBON_BAS.replace('x.count()"', 'x.count()"\r\n    MsgBox "done"')
    (tmp_path / "ToshimaRibbon.bas").write_text(extra, encoding="ascii")

    with pytest.raises(ValueError, match=r"Sub OnCount"):
        build_addin(tmp_path / "out.xlam", sources=tmp_path)


def test_build_rejects_ribbon_2006_namespace(tmp_path):
    old = RIBBON_XML.replace(
        CUSTOM_UI_NAMESPACE.encode(),
        b"http://schemas.microsoft.com/office/2006/01/customui",
    )
    (tmp_path / "ribbon.xml").write_bytes(old)
    shutil.copy(MACROS / "ToshimaRibbon.bas", tmp_path / "ToshimaRibbon.bas")

    with pytest.raises(ValueError, match=r"2009/07/customui"):
        build_addin(tmp_path / "out.xlam", sources=tmp_path)


def run_cli(arguments: list[str], tmp_path: Path) -> tuple[int, str]:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    args = parser.parse_args(arguments)
    stdout = io.StringIO()
    context = Context(stdout=stdout, stderr=io.StringIO(), log_path=None)
    return args.handler(args, context), stdout.getvalue()


def test_cli_writes_addin(tmp_path):
    target = tmp_path / "配布" / "toshima_xl.xlam"

    code, output = run_cli(["build-addin", "-o", str(target)], tmp_path)

    assert code == 0
    assert target.read_bytes() == ADDIN.read_bytes()
    assert str(target) in output


def test_cli_rejects_other_suffix(tmp_path):
    with pytest.raises(CliError, match=r"\.xlam"):
        run_cli(["build-addin", "-o", str(tmp_path / "toshima_xl.xlsm")], tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"A",
        b"Sub Main()\r\nEnd Sub\r\n" * 600,
        bytes(range(256)) * 40,
        (XLWINGS_DIR / "xlwings_custom_addin.bas").read_bytes(),
    ],
    ids=["empty", "one-byte", "repetitive", "incompressible", "xlwings-module"],
)
def test_compression_round_trips_through_olevba(data):
    assert bytes(decompress_stream(bytearray(compress(data)))) == data


def test_compound_file_round_trips_through_olefile():
    streams = {
        "PROJECT": b"ID=\r\n",
        "VBA/empty": b"",
        "VBA/small": b"x" * 63,
        "VBA/mini-edge": b"y" * 4095,
        "VBA/large": bytes(range(256)) * 40,
        **{f"VBA/m{number:02d}": bytes([number]) * 100 for number in range(20)},
    }
    ole = olefile.OleFileIO(io.BytesIO(build_compound_file(streams)))
    for path, data in streams.items():
        assert ole.openstream(path).read() == data, path
