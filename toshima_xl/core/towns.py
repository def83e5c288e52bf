"""The towns (町) of Toshima ward and how many 丁目 each has."""

from __future__ import annotations

# Town name -> number of 丁目. Every address in the ward starts with one of
# these; the 圏域 sheet records which area serves each town or 丁目.
TOSHIMA_TOWNS: dict[str, int] = {
    "池袋本町": 4,
    "池袋": 4,
    "上池袋": 4,
    "北大塚": 3,
    "駒込": 7,
    "巣鴨": 5,
    "西巣鴨": 4,
    "雑司が谷": 3,
    "高田": 3,
    "千川": 2,
    "千早": 4,
    "高松": 3,
    "長崎": 6,
    "東池袋": 5,
    "西池袋": 5,
    "南池袋": 4,
    "南大塚": 3,
    "南長崎": 6,
    "目白": 5,
    "要町": 3,
}

# Longest first, so that 池袋本町 is tried before 池袋 and 南長崎 before 長崎.
TOWNS_LONGEST_FIRST: tuple[str, ...] = tuple(
    sorted(TOSHIMA_TOWNS, key=len, reverse=True)
)
