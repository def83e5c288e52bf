"""Find rows of 地域資源 and ベンチ that probably describe the same thing.

Two rows are linked when they share a canonical address or phone digits and
their folded names are similar, or when their folded names are identical
within one area. Several benches can stand at one place, so two benches
whose 区分 or 設置年度 differ are never linked. Linked rows form a group
(connected components), so three entries of one thing end up together.

Name similarity is :class:`difflib.SequenceMatcher` ratio on the folded
names, compared against :data:`NAME_SIMILARITY_THRESHOLD`. A length bound
and a character-count bound of that ratio skip hopeless pairs first.

Each row takes at most about ``MAX_BLOCK_ROWS / 2`` comparisons:

- Rows alike in every compared value (name, area, address, phone, bench
  区分 and 設置年度) are grouped by hash, never compared pairwise.
- A block of rows sharing an address, a phone, or an area and name is
  compared pair by pair up to :data:`MAX_BLOCK_ROWS` distinct rows, so
  ordinary input gets every pair.
- A larger address or phone block is split by leading characters of the
  folded name, one more at a time, until each bucket has at most
  :data:`MAX_BLOCK_ROWS` rows. Pairs are compared inside a bucket only, so
  similar names that differ within that prefix are not linked through it.
- A larger area-and-name block, or a bucket of one name, links each row to
  the previous one with the same 区分 and 設置年度. The reason then lists the
  kinds of link this chain met, and a bench with a blank 区分 or 設置年度
  joins only benches with the same blanks.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations, pairwise

from toshima_xl.core.dataset import Finding, SheetTable
from toshima_xl.core.normalize.text import fold
from toshima_xl.messages import make_finding
from toshima_xl.models import Bench, Resource, Validated
from toshima_xl.schema import BENCHES, RESOURCES, normalize_header

# Ratio of difflib.SequenceMatcher on folded names. At 0.8 one differing
# character in a ten-character name still matches, while two groups that
# merely share a venue word (…サロン / …体操) do not.
NAME_SIMILARITY_THRESHOLD = 0.8

# Lower bound for the cheap upper bounds of the ratio: round(ratio, 2) reaches
# 0.8 from a ratio of 0.795, so a bound below 0.79 can never reach it.
_PREFILTER_FLOOR = NAME_SIMILARITY_THRESHOLD - 0.01

# Largest block compared pair by pair. A larger one (the phone of a 高齢者総合
# 相談センター, a 区民ひろば hosting many circles) is no evidence by itself.
MAX_BLOCK_ROWS = 100

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
    """Link entries and return the connected groups in row order."""
    entries = sorted(entries, key=lambda entry: entry.member.excel_row)
    links = _find_links(entries)
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in links:
        first, second = root(i), root(j)
        parent[max(first, second)] = min(first, second)

    components: dict[int, list[int]] = defaultdict(list)
    for i in range(len(entries)):
        components[root(i)].append(i)
    component_links: dict[int, list[tuple[tuple[int, int], _Link]]] = defaultdict(list)
    for pair, link in links.items():
        component_links[root(pair[0])].append((pair, link))

    groups = []
    for top, indexes in sorted(components.items()):
        if len(indexes) < 2:
            continue
        inner = [link for _, link in sorted(component_links[top])]
        reasons = list(dict.fromkeys(link.reason for link in inner))
        members = tuple(entries[i].member for i in indexes)
        groups.append((members, "／".join(reasons), min(link.score for link in inner)))
    return groups


def _find_links(entries: list[_Entry]) -> dict[tuple[int, int], _Link]:
    """Compare only entries that share an address, a phone or an area and name.

    Each key is the smallest pair of entry indexes that the link stands for, so
    sorting the keys orders the reasons of a group by their first row pair.
    """
    links: dict[tuple[int, int], _Link] = {}
    representatives = []
    for members in _signature_classes(entries):
        representatives.append(members[0])
        if len(members) > 1:
            link = _compare(entries[members[0]], entries[members[1]])
            if link is not None:
                links.update((pair, link) for pair in pairwise(members))

    for kind, indexes in _blocks(entries, representatives):
        for i, j in _block_pairs(kind, indexes, entries):
            if (i, j) not in links:
                link = _compare(entries[i], entries[j])
                if link is not None:
                    links[(i, j)] = link
    return links


def _signature_classes(entries: list[_Entry]) -> list[list[int]]:
    """Return the named entries grouped by every value that comparison reads.

    Entries of one class compare alike with any other entry, so only the
    first of each class enters the blocks. Entries without a name never link.
    """
    classes: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        if entry.name_key:
            signature = (
                entry.name_key,
                entry.area_key,
                entry.address_key,
                entry.phone_digits,
                entry.distinct,
            )
            classes[signature].append(index)
    return list(classes.values())


def _blocks(
    entries: list[_Entry], representatives: list[int]
) -> Iterator[tuple[str, list[int]]]:
    """Yield the kind and ascending indexes of each block of two or more entries."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index in sorted(representatives):
        entry = entries[index]
        if entry.address_key:
            blocks[("address", entry.address_key)].append(index)
        if entry.phone_digits:
            blocks[("phone", entry.phone_digits)].append(index)
        if entry.area_key:
            blocks[("name", entry.area_key + "\n" + entry.name_key)].append(index)
    for (kind, _), indexes in blocks.items():
        if len(indexes) > 1:
            yield kind, indexes


def _block_pairs(
    kind: str, indexes: list[int], entries: list[_Entry]
) -> Iterator[tuple[int, int]]:
    """Yield the index pairs of one block to compare, following the large-block rule."""
    if len(indexes) <= MAX_BLOCK_ROWS:
        yield from combinations(indexes, 2)
    elif kind == "name":
        yield from _chain_pairs(indexes, entries)
    else:
        for bucket in _name_buckets(indexes, entries):
            if len(bucket) <= MAX_BLOCK_ROWS:
                yield from combinations(bucket, 2)
            else:
                yield from _chain_pairs(bucket, entries)


def _name_buckets(indexes: list[int], entries: list[_Entry]) -> list[list[int]]:
    """Split a block by leading name characters until buckets are small or one name."""
    done = []
    pending = [indexes]
    while pending:
        bucket = pending.pop()
        names = [entries[i].name_key for i in bucket]
        lowest, highest = min(names), max(names)
        if len(bucket) <= MAX_BLOCK_ROWS or lowest == highest:
            done.append(bucket)
            continue
        # Every name of the bucket starts with this prefix, so the next
        # character (or the end of the name) splits it in two or more.
        depth = len(os.path.commonprefix([lowest, highest]))
        split: dict[str, list[int]] = defaultdict(list)
        for index, name in zip(bucket, names, strict=True):
            split[name[depth : depth + 1]].append(index)
        pending.extend(split.values())
    return sorted(done)


def _chain_pairs(
    indexes: list[int], entries: list[_Entry]
) -> Iterator[tuple[int, int]]:
    """Yield each entry with the previous one of equal distinguishing values."""
    previous: dict[tuple[str | int | None, ...], int] = {}
    for index in indexes:
        key = entries[index].distinct
        if key in previous:
            yield previous[key], index
        previous[key] = index


def _may_reach_threshold(first: str, second: str) -> bool:
    """Tell whether two names pass the cheap upper bounds of the difflib ratio."""
    total = len(first) + len(second)
    if 2 * min(len(first), len(second)) < _PREFILTER_FLOOR * total:
        return False
    # Characters the two names have in common, counted with repeats: the
    # bound that SequenceMatcher.quick_ratio computes, without building one.
    common = 0
    for char in set(first):
        common += min(first.count(char), second.count(char))
    return 2 * common >= _PREFILTER_FLOOR * total


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
    identical = bool(first.name_key) and first.name_key == second.name_key
    score = 1.0 if identical else 0.0
    if (same_address or same_phone) and not identical:
        if _may_reach_threshold(first.name_key, second.name_key):
            score = name_similarity(first.name_key, second.name_key)

    if (same_address or same_phone) and score >= NAME_SIMILARITY_THRESHOLD:
        parts = ["住所が同じ"] if same_address else []
        parts += ["電話番号が同じ"] if same_phone else []
    elif identical and same_area:
        parts = ["圏域が同じ"]
    else:
        return None
    parts.append("名称が同一" if identical else f"名称が類似（{score:.2f}）")
    return _Link("・".join(parts), 1.0 if identical else score)
