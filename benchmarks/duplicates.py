"""Time the duplicate search on large 地域資源 sheets.

Run from the repository root: ``python benchmarks/duplicates.py``. It prints
the seconds that :func:`find_duplicates` takes on N rows sharing one address
(names サロン0, サロン1, …, distinct phones), then on rows like the R3
sample (random town, word and noun names, random addresses and phones).
Building the rows is not timed. Pass sizes to override the defaults, for
example ``python benchmarks/duplicates.py 1000 5000``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from toshima_xl.core.duplicates import find_duplicates
from toshima_xl.models import Resource, Validated
from toshima_xl.schema import AREA_NAMES

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))

from sample_resources import NOUNS, TOWN_KANA, WORDS  # noqa: E402

SHARED_ADDRESS_SIZES = (1_000, 5_000, 20_000, 100_000)
RANDOM_SIZE = 100_000
SEED = 20210709


def shared_address_rows(count: int) -> list[Resource]:
    """Return rows with one address, distinct names and distinct phones."""
    return [
        Resource(
            excel_row=index + 2,
            resource_id=f"R{index + 1:06d}",
            name=f"サロン{index}",
            area="東部",
            address_key="東池袋1-20-10",
            phone_digits=f"03{3000 + index % 7000:04d}{index % 10000:04d}",
        )
        for index in range(count)
    ]


def random_rows(count: int, rng: random.Random) -> list[Resource]:
    """Return rows drawn like the R3 sample, with repeats left in."""
    towns = list(TOWN_KANA)
    nouns = [noun for choices in NOUNS.values() for noun, _ in choices]
    rows = []
    for index in range(count):
        town = rng.choice(towns)
        chome = rng.randint(1, 5)
        rows.append(
            Resource(
                excel_row=index + 2,
                resource_id=f"R{index + 1:06d}",
                name=f"{town}{rng.choice(WORDS)}{rng.choice(nouns)}",
                area=rng.choice(AREA_NAMES),
                address_key=f"{town}{chome}-{rng.randint(1, 40)}-{rng.randint(1, 25)}",
                phone_digits=f"03{rng.choice((39, 59, 35))}{rng.randrange(10**6):06d}",
            )
        )
    return rows


def time_search(label: str, rows: list[Resource]) -> None:
    """Print the seconds and group count of one duplicate search."""
    started = time.perf_counter()
    groups = find_duplicates(Validated(resources=rows))
    seconds = time.perf_counter() - started
    print(f"{label}: {seconds:.2f} s, {len(groups)} groups", flush=True)


def main(argv: list[str]) -> None:
    sizes = [int(arg) for arg in argv] or list(SHARED_ADDRESS_SIZES)
    for count in sizes:
        time_search(f"{count:,} rows, one address", shared_address_rows(count))
    time_search(
        f"{RANDOM_SIZE:,} rows like the R3 sample",
        random_rows(RANDOM_SIZE, random.Random(SEED)),
    )


if __name__ == "__main__":
    main(sys.argv[1:])
