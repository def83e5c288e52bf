"""The 冊子 sheet: public, active resources only, and no personal data."""

from toshima_xl.core.booklet import NOT_SHOWN, booklet_sheet
from toshima_xl.models import Area, Resource, Validated
from toshima_xl.schema import DEFAULT_LISTS


def resource(row, name, **fields):
    values = {
        "category": "サロン",
        "area": "東部",
        "visibility": "公開可",
        "status": "活動中",
        "contact_person": "山田花子",
        "remarks": "鍵は山田さん宅",
    } | fields
    return Resource(excel_row=row, name=name, **values)


VALIDATED = Validated(
    areas=[Area(excel_row=2, name="菊かおる園"), Area(excel_row=3, name="東部")],
    lists={"種別": list(DEFAULT_LISTS["種別"])},
    resources=[
        resource(2, "巣鴨サロン", phone="03-3915-0001", phone_digits="0339150001"),
        resource(3, "非公開の会", visibility="非公開"),
        resource(4, "休止中の会", status="休止中"),
        resource(5, "駒込体操", area="菊かおる園", category="健康体操・としまる体操"),
        resource(6, "携帯の会", phone="090-1234-5678", phone_digits="09012345678"),
        resource(7, '=HYPERLINK("x")', category="配食サービス"),
    ],
)


def test_booklet_lists_public_active_rows():
    sheet = booklet_sheet(VALIDATED)

    names = [row[2] for row in sheet.rows[1:]]
    assert names == ["駒込体操", '\'=HYPERLINK("x")', "巣鴨サロン", "携帯の会"]
    assert sheet.name == "冊子"


def test_booklet_has_no_personal_columns():
    sheet = booklet_sheet(VALIDATED)

    assert sheet.rows[0] == [
        "圏域",
        "種別",
        "名称",
        "活動場所",
        "住所",
        "活動日時",
        "対象",
        "費用",
        "運営団体",
        "電話番号",
    ]
    flat = [str(cell) for row in sheet.rows for cell in row]
    assert not any("山田" in cell for cell in flat)
    assert not any("非公開の会" in cell for cell in flat)


def test_booklet_withholds_mobile_numbers():
    rows = {row[2]: row for row in booklet_sheet(VALIDATED).rows[1:]}

    assert rows["携帯の会"][9] == NOT_SHOWN
    assert rows["巣鴨サロン"][9] == "03-3915-0001"
    assert rows["駒込体操"][9] == ""
