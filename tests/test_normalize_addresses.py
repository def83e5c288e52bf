"""Tests for canonical Toshima addresses and 担当町丁目 town lists."""

from __future__ import annotations

import pytest

from toshima_xl.core.normalize.addresses import (
    AddressResult,
    TownList,
    canonical_address,
    parse_town_list,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "東京都豊島区東池袋二丁目38番10号",
            AddressResult("東池袋", 2, "東池袋2-38-10"),
        ),
        ("東池袋２丁目３８−１０", AddressResult("東池袋", 2, "東池袋2-38-10")),
        ("東池袋2-38-10", AddressResult("東池袋", 2, "東池袋2-38-10")),
        ("豊島区東池袋2-38-10", AddressResult("東池袋", 2, "東池袋2-38-10")),
        ("東京都 豊島区 東池袋 2-38-10", AddressResult("東池袋", 2, "東池袋2-38-10")),
        ("東池袋二丁目三十八番十号", AddressResult("東池袋", 2, "東池袋2-38-10")),
        ("東池袋2ー38ー10", AddressResult("東池袋", 2, "東池袋2-38-10")),
        (
            "東池袋2-38-10 サンシャイン60",
            AddressResult("東池袋", 2, "東池袋2-38-10", building="サンシャイン60"),
        ),
        (
            "東池袋2-38-10 サンシャインセンター",
            AddressResult(
                "東池袋", 2, "東池袋2-38-10", building="サンシャインセンター"
            ),
        ),
        (
            "目白3-4-5-301",
            AddressResult("目白", 3, "目白3-4-5", building="-301"),
        ),
        ("高田2丁目11番地の2", AddressResult("高田", 2, "高田2-11-2")),
        ("高田3丁目38番地7", AddressResult("高田", 3, "高田3-38-7")),
        ("上池袋4-20", AddressResult("上池袋", 4, "上池袋4-20")),
        ("南長崎1丁目", AddressResult("南長崎", 1, "南長崎1")),
        ("千早一丁目5番3号", AddressResult("千早", 1, "千早1-5-3")),
        ("千早４ー５ー６", AddressResult("千早", 4, "千早4-5-6")),
        ("千川2-3-4", AddressResult("千川", 2, "千川2-3-4")),
        ("池袋本町1-2-3", AddressResult("池袋本町", 1, "池袋本町1-2-3")),
        ("池袋1-2-3", AddressResult("池袋", 1, "池袋1-2-3")),
        ("雑司ヶ谷1-2-3", AddressResult("雑司が谷", 1, "雑司が谷1-2-3")),
        ("要町1-2-3", AddressResult("要町", 1, "要町1-2-3")),
        (
            "東池袋9-1-1",
            AddressResult("東池袋", 9, "東池袋9-1-1", "address.chome_unknown"),
        ),
        ("東池袋", AddressResult("東池袋", code="address.invalid")),
        (
            "東池袋サンシャイン",
            AddressResult("東池袋", code="address.invalid", building="サンシャイン"),
        ),
        ("文京区本郷1-1-1", AddressResult(None, code="address.outside_ward")),
        ("〒170-0003 豊島区駒込2-17-12", AddressResult("駒込", 2, "駒込2-17-12")),
        (
            "〒１７０－０００３駒込２－１７－１２",
            AddressResult("駒込", 2, "駒込2-17-12"),
        ),
        ("170-0003 駒込2丁目17番12号", AddressResult("駒込", 2, "駒込2-17-12")),
        (
            "東京都豊島区東京都豊島区駒込2-17-12",
            AddressResult("駒込", 2, "駒込2-17-12"),
        ),
        ("東京都豊島区", AddressResult(None, code="address.outside_ward")),
        ("センター南1-1", AddressResult(None, code="address.outside_ward")),
    ],
    ids=repr,
)
def test_canonical_address(text, expected):
    assert canonical_address(text) == expected


def test_town_key_with_chome():
    assert canonical_address("東池袋2-38-10").town_key == "東池袋2"


def test_town_key_without_town():
    assert canonical_address("文京区本郷1-1-1").town_key is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "東池袋1～3丁目、南池袋、雑司が谷",
            TownList(("東池袋1", "東池袋2", "東池袋3", "南池袋", "雑司が谷"), ()),
        ),
        ("東池袋4丁目", TownList(("東池袋4",), ())),
        ("東池袋4丁目,南池袋", TownList(("東池袋4", "南池袋"), ())),
        ("東池袋4丁目，南池袋", TownList(("東池袋4", "南池袋"), ())),
        ("東池袋1丁目～3丁目", TownList(("東池袋1", "東池袋2", "東池袋3"), ())),
        ("東池袋1〜2丁目", TownList(("東池袋1", "東池袋2"), ())),
        ("西池袋1・2丁目", TownList(("西池袋1", "西池袋2"), ())),
        ("南池袋・雑司が谷", TownList(("南池袋", "雑司が谷"), ())),
        ("南長崎一～三丁目", TownList(("南長崎1", "南長崎2", "南長崎3"), ())),
        ("千早、千川", TownList(("千早", "千川"), ())),
        ("南池袋、南池袋", TownList(("南池袋",), ())),
        ("東池袋9丁目、本郷", TownList((), ("東池袋9丁目", "本郷"))),
        ("東池袋1番", TownList((), ("東池袋1番",))),
        (None, TownList((), ())),
    ],
    ids=repr,
)
def test_parse_town_list(text, expected):
    assert parse_town_list(text) == expected
