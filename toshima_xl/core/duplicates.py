"""Find rows of 地域資源 and ベンチ that probably describe the same thing.

Two rows are linked when they share a canonical address or phone digits and
their folded names are similar, or when their folded names are identical
within one area. Several benches can stand at one place, so two benches
whose 区分 or 設置年度 differ are never linked. Linked rows form a group
(connected components), so three entries of one thing end up together.

Name similarity is :class:`difflib.SequenceMatcher` ratio on the folded
names, compared against :data:`NAME_SIMILARITY_THRESHOLD`.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from toshima_xl.core.dataset import Finding, SheetTable
from toshima_xl.core.normalize.text import fold
from toshima_xl.messages import make_finding
from toshima_xl.models import Bench, Resource, Validated
from toshima_xl.schema import BENCHES, RESOURCES, normalize_header

# Ratio of difflib.SequenceMatcher on folded names. At 0.8 one differing
# character in a ten-character name still matches, while two groups that
# merely share a venue word (…サロン / …体操) do not.
NAME_SIMILARITY_THRESHOLD = 0.8

# Legal forms as the shared fold writes them. Names are compared without them.
CORPORATE_FORMS = (
    "一般社団法人",
    "公益社団法人",
    "特定非営利活動法人",
    "npo法人",
    "株式会社",
    "有限会社",
    "合同会社",
)


@dataclass(frozen=True)
class DuplicateMember:
    """One row of a duplicate group, with the values staff need to judge it."""

    excel_row: int
    record_id: str | None
    name: str | None
    area: str | None
    address: str | None
    phone: str | None = None


@dataclass(frozen=True)
class DuplicateGroup:
    """Rows of one sheet that probably describe the same resource or bench.

    ``score`` is the lowest name similarity among the links that join the
    group, so the weakest link decides how sure the group is.
    """

    group_id: str
    sheet: str
    members: tuple[DuplicateMember, ...]
    reason: str
    score: float

    @property
    def excel_rows(self) -> list[int]:
        return [member.excel_row for member in self.members]


@dataclass(frozen=True)
class _Entry:
    member: DuplicateMember
    name_key: str
    area_key: str
    address_key: str | None
    phone_digits: str | None
    # Values that tell two real things apart even at one address: for a
    # bench its 区分 and 設置年度. Entries that both fill a slot with
    # different values are never linked.
    distinct: tuple[str | int | None, ...] = ()


@dataclass(frozen=True)
class _Link:
    reason: str
    score: float


def find_duplicates(validated: Validated) -> list[DuplicateGroup]:
    """Group the resources and benches that are probably entered twice.

    Args:
        validated: the parsed rows of the workbook.

    Returns:
        Groups of 地域資源 first, then of ベンチ, each ordered by its first
        Excel row and numbered D001, D002, … in that order.
    """
    found: list[tuple[str, tuple[DuplicateMember, ...], str, float]] = []
    for sheet, entries in (
        (RESOURCES.name, [_resource_entry(row) for row in validated.resources]),
        (BENCHES.name, [_bench_entry(row) for row in validated.benches]),
    ):
        for members, reason, score in _group_entries(entries):
            found.append((sheet, members, reason, score))
    return [
        DuplicateGroup(f"D{number:03d}", sheet, members, reason, score)
        for number, (sheet, members, reason, score) in enumerate(found, start=1)
    ]


def duplicate_findings(
    groups: list[DuplicateGroup], tables: dict[str, SheetTable]
) -> list[Finding]:
    """Return one ``duplicate.candidate`` finding per member row of every group.

    The finding points at the name column (名称 or 設置場所) as typed in the
    sheet, so that an adapter can mark that cell.
    """
    findings = []
    for group in groups:
        spec = RESOURCES if group.sheet == RESOURCES.name else BENCHES
        name_field = "name" if spec is RESOURCES else "place"
        table = tables.get(spec.name)
        header = (
            table.header_of(name_field) if table else spec.column(name_field).header
        )
        position = table.field_positions.get(name_field) if table else None
        sheet_name = table.sheet_name if table else spec.name
        for member in group.members:
            others = [str(row) for row in group.excel_rows if row != member.excel_row]
            findings.append(
                make_finding(
                    "duplicate.candidate",
                    sheet_name,
                    member.excel_row,
                    header,
                    value=member.name,
                    column_index=position,
                    other_rows="、".join(others),
                    reason=group.reason,
                    group=group.group_id,
                )
            )
    return findings


def fold_name(text: str | None) -> str:
    """Fold a name for comparison: the shared fold, minus corporate forms and marks.

    Spaces, punctuation (・, brackets, hyphens) and legal forms such as
    株式会社 are dropped, so 「㈱サンシャイン」 and 「サンシャイン 株式会社」 match.
    """
    if not text:
        return ""
    folded = fold(text)
    for form in CORPORATE_FORMS:
        folded = folded.replace(form, "")
    return "".join(
        ch for ch in folded if unicodedata.category(ch)[0] not in ("P", "Z", "C")
    )


def name_similarity(a: str, b: str) -> float:
    """Return the difflib ratio of two folded names, rounded to two decimals."""
    if not a or not b:
        return 0.0
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio(), 2)


def _resource_entry(row: Resource) -> _Entry:
    member = DuplicateMember(
        row.excel_row, row.resource_id, row.name, row.area, row.address, row.phone
    )
    return _Entry(
        member,
        fold_name(row.name),
        normalize_header(row.area),
        row.address_key or None,
        row.phone_digits or None,
    )


def _bench_entry(row: Bench) -> _Entry:
    member = DuplicateMember(
        row.excel_row, row.bench_id, row.place, row.area, row.address
    )
    return _Entry(
        member,
        fold_name(row.place),
        normalize_header(row.area),
        row.address_key or None,
        None,
        distinct=(normalize_header(row.kind) or None, row.fiscal_year),
    )


def _group_entries(
    entries: list[_Entry],
) -> list[tuple[tuple[DuplicateMember, ...], str, float]]:
    """Link entries pairwise and return the connected groups in row order."""
    entries = sorted(entries, key=lambda entry: entry.member.excel_row)
    links = _find_links(entries)
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        parent[max(root(i), root(j))] = min(root(i), root(j))

    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        components[root(i)].append(i)
    groups = []
    for indexes in sorted(components.values()):
        if len(indexes) < 2:
            continue
        inner = [links[pair] for pair in sorted(links) if pair[0] in indexes]
        reasons = list(dict.fromkeys(link.reason for link in inner))
        members = tuple(entries[i].member for i in indexes)
        groups.append((members, "／".join(reasons), min(link.score for link in inner)))
    return groups


def _find_links(entries: list[_Entry]) -> dict[tuple[int, int], _Link]:
    """Compare only entries that share an address, a phone or an area and name."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        if entry.address_key:
            blocks[("address", entry.address_key)].append(index)
        if entry.phone_digits:
            blocks[("phone", entry.phone_digits)].append(index)
        if entry.name_key and entry.area_key:
            blocks[("name", entry.area_key + "\n" + entry.name_key)].append(index)

    links: dict[tuple[int, int], _Link] = {}
    for indexes in blocks.values():
        for i, j in combinations(indexes, 2):
            if (i, j) not in links:
                link = _compare(entries[i], entries[j])
                if link is not None:
                    links[(i, j)] = link
    return links


def _compare(first: _Entry, second: _Entry) -> _Link | None:
    """Return the link between two entries, or None when they are not alike."""
    for mine, theirs in zip(first.distinct, second.distinct, strict=True):
        if mine is not None and theirs is not None and mine != theirs:
            return None
    same_address = (
        first.address_key is not None and first.address_key == second.address_key
    )
    same_phone = (
        first.phone_digits is not None and first.phone_digits == second.phone_digits
    )
    same_area = bool(first.area_key) and first.area_key == second.area_key
    score = name_similarity(first.name_key, second.name_key)
    identical = bool(first.name_key) and first.name_key == second.name_key

    if (same_address or same_phone) and score >= NAME_SIMILARITY_THRESHOLD:
        parts = ["住所が同じ"] if same_address else []
        parts += ["電話番号が同じ"] if same_phone else []
    elif identical and same_area:
        parts = ["圏域が同じ"]
    else:
        return None
    parts.append("名称が同一" if identical else f"名称が類似（{score:.2f}）")
    return _Link("・".join(parts), 1.0 if identical else score)
