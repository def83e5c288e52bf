"""Pydantic row models, one per data sheet, with the Japanese headers as aliases.

Validation fills these from normalised cell values. A value that could not
be parsed is None here and has a finding instead, so that counts and
reports still see every row.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class SheetRow(BaseModel):
    """Fields shared by every row model."""

    model_config = ConfigDict(populate_by_name=True, frozen=True)

    excel_row: int = Field(description="row number as Excel shows it")


class Resource(SheetRow):
    resource_id: str | None = Field(None, alias="資源ID")
    name: str | None = Field(None, alias="名称")
    name_kana: str | None = Field(None, alias="名称カナ")
    category: str | None = Field(None, alias="種別")
    area: str | None = Field(None, alias="圏域")
    place: str | None = Field(None, alias="活動場所")
    address: str | None = Field(None, alias="住所")
    schedule: str | None = Field(None, alias="活動日時")
    target: str | None = Field(None, alias="対象")
    fee: str | None = Field(None, alias="費用")
    organizer: str | None = Field(None, alias="運営団体")
    phone: str | None = Field(None, alias="電話番号")
    contact_person: str | None = Field(None, alias="担当者")
    visibility: str | None = Field(None, alias="公開区分")
    status: str | None = Field(None, alias="状態")
    registered_on: date | None = Field(None, alias="登録日")
    last_checked_on: date | None = Field(None, alias="最終確認日")
    remarks: str | None = Field(None, alias="備考")
    # Canonical forms used for comparison; the typed text stays in the fields above.
    address_key: str | None = None
    phone_digits: str | None = None


class Area(SheetRow):
    name: str | None = Field(None, alias="圏域名")
    center: str | None = Field(None, alias="高齢者総合相談センター")
    towns: tuple[str, ...] = Field((), alias="担当町丁目")
    coordinator: str | None = Field(None, alias="第2層コーディネーター")
    population_65: int | None = Field(None, alias="65歳以上人口")


class Bench(SheetRow):
    bench_id: str | None = Field(None, alias="ベンチID")
    place: str | None = Field(None, alias="設置場所")
    address: str | None = Field(None, alias="住所")
    area: str | None = Field(None, alias="圏域")
    kind: str | None = Field(None, alias="区分")
    fiscal_year: int | None = Field(
        None, alias="設置年度", description="Gregorian year the fiscal year starts in"
    )
    installed_on: date | None = Field(None, alias="設置日")
    partner: str | None = Field(None, alias="協力者")
    sticker: str | None = Field(None, alias="ステッカー")
    insurance: str | None = Field(None, alias="保険")
    status: str | None = Field(None, alias="状態")
    remarks: str | None = Field(None, alias="備考")
    address_key: str | None = None


class Meeting(SheetRow):
    meeting_id: str | None = Field(None, alias="会議ID")
    body: str | None = Field(None, alias="会議体")
    number: int | None = Field(None, alias="回")
    held_on: date | None = Field(None, alias="開催日")
    theme: str | None = Field(None, alias="テーマ")
    guests: str | None = Field(None, alias="ゲスト")
    participants: int | None = Field(None, alias="参加者数")
    area: str | None = Field(None, alias="圏域")
    remarks: str | None = Field(None, alias="備考")


class Validated(BaseModel):
    """The parsed rows of every data sheet, plus the lists and town table in force."""

    model_config = ConfigDict(frozen=True)

    resources: list[Resource] = []
    areas: list[Area] = []
    benches: list[Bench] = []
    meetings: list[Meeting] = []
    lists: dict[str, list[str]] = {}
    town_areas: dict[str, str] = Field(
        default_factory=dict,
        description="town key (as in an address key, e.g. 東池袋2) to area name",
    )
