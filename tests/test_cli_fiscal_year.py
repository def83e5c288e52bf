"""report --fiscal-year: a year that has not begun is a usage error."""

from datetime import date

import pytest
from conftest import SAMPLES

from toshima_xl.cli import main
from toshima_xl.cli.common import CliError
from toshima_xl.cli.report import check_fiscal_year_started


@pytest.mark.parametrize(
    ("fiscal_year", "today", "fails"),
    [
        (2021, date(2021, 4, 1), False),
        (2022, date(2022, 3, 31), True),
        (None, date(2021, 4, 1), False),
    ],
    ids=["first-day", "day-before", "none"],
)
def test_fiscal_year_start_checked(fiscal_year, today, fails):
    if fails:
        with pytest.raises(CliError):
            check_fiscal_year_started(fiscal_year, today)
    else:
        check_fiscal_year_started(fiscal_year, today)


def test_future_fiscal_year_exit_two(tmp_path, capsys):
    target = tmp_path / "出力.xlsx"

    code = main(
        [
            "report",
            str(SAMPLES / "toshima_r3.xlsx"),
            "-o",
            str(target),
            "--fiscal-year",
            "R99",
        ]
    )

    assert code == 2
    assert not target.exists()
    assert "令和99年度" in capsys.readouterr().err
