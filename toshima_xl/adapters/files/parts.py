"""Find the parts of a workbook that openpyxl would lose when it saves it.

openpyxl 3.1 rebuilds the zip container from its own object model. Parts it
has no model for are dropped, and some it does model (charts, images,
pivot tables) come back with their formatting simplified, so the tool treats
all of them as at risk. The check looks only at the zip member names.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

# (pattern on the member name, Japanese description shown to staff).
# Legacy VML drawings (xl/drawings/vmlDrawing*.vml) are not listed: they hold
# cell comments, which openpyxl reads and writes again.
AT_RISK_PARTS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), description)
    for pattern, description in (
        (r"^xl/media/", "画像"),
        (r"^xl/drawings/drawing\d+\.xml$", "図形・画像の配置"),
        (r"^xl/charts/", "グラフ"),
        (r"^xl/chartsheets/", "グラフシート"),
        (r"^xl/vbaProject\.bin$", "マクロ（VBA）"),
        (r"^customUI/", "リボンのカスタマイズ"),
        (r"^xl/pivotTables/", "ピボットテーブル"),
        (r"^xl/pivotCache/", "ピボットテーブルのキャッシュ"),
        (r"^xl/slicers/", "スライサー"),
        (r"^xl/slicerCaches/", "スライサー"),
        (r"^xl/timelines/", "タイムライン"),
        (r"^xl/externalLinks/", "外部ブックへのリンク"),
        (r"^xl/threadedComments/", "スレッド形式のコメント"),
        (r"^xl/embeddings/", "埋め込みオブジェクト"),
        (r"^xl/activeX/", "ActiveXコントロール"),
        (r"^xl/ctrlProps/", "フォームコントロール"),
        (r"^xl/model/", "データモデル"),
        (r"^xl/queryTables/", "外部データのクエリ"),
        (r"^customXml/", "カスタムXML"),
    )
)

# With keep_vba=True (used for .xlsm) openpyxl copies the VBA project back.
KEPT_WITH_VBA = frozenset({"マクロ（VBA）"})


def find_dropped_parts(path: Path, keep_vba: bool) -> list[str]:
    """Return Japanese descriptions of the parts of ``path`` that saving would lose.

    Each description appears once, in the order of ``AT_RISK_PARTS``.
    """
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    found = []
    for pattern, description in AT_RISK_PARTS:
        if description in found:
            continue
        if keep_vba and description in KEPT_WITH_VBA:
            continue
        if any(pattern.search(name) for name in names):
            found.append(description)
    return found
