"""Compose the core stages into the runs that the front ends offer.

Every run validates first, because the later stages read the parsed rows.
Each returns :class:`Results` with the sheets it rewrites and a ``summary``
of figures for the closing message: rows checked, errors, warnings,
duplicate groups, and for a report the fiscal year and its registrations.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from toshima_xl.core.booklet import booklet_sheet
from toshima_xl.core.counts import count_all
from toshima_xl.core.dataset import Dataset, Finding, Results, Severity
from toshima_xl.core.duplicates import duplicate_findings, find_duplicates
from toshima_xl.core.eras import format_fiscal_year
from toshima_xl.core.report import build_report, default_fiscal_year
from toshima_xl.core.sheets import (
    cell_marks,
    counts_sheet,
    duplicates_sheet,
    findings_sheet,
    report_sheet,
)
from toshima_xl.core.validate import validate_dataset
from toshima_xl.models import Validated


def run_validation(dataset: Dataset, today: date) -> Results:
    """Validate a workbook and render the 検証結果 sheet and the cell marks.

    Probable duplicates are listed as ``duplicate.candidate`` warnings too, so
    that 検証結果 and its marks are the same as those of a full report.

    Args:
        dataset: the workbook as read by an adapter.
        today: the day of the run, for checks of future dates.
    """
    findings, validated = _validate(dataset, today)
    groups = find_duplicates(validated)
    findings = findings + duplicate_findings(groups, dataset.tables)
    return _results(
        findings=findings,
        sheets=[findings_sheet(findings, dataset.tables)],
        marks=cell_marks(findings, dataset),
        summary=_summary(dataset, findings) | {"duplicate_groups": len(groups)},
    )


def run_duplicates(
    dataset: Dataset, today: date, previous_decisions: dict[str, str] | None = None
) -> Results:
    """Find duplicate candidates and render the 重複候補 sheet.

    Args:
        dataset: the workbook as read by an adapter.
        today: the day of the run.
        previous_decisions: 判定 values of the current 重複候補 sheet by キー,
            carried into the new sheet.

    Returns:
        Results whose findings are the ``duplicate.candidate`` findings only.
    """
    findings, validated = _validate(dataset, today)
    groups = find_duplicates(validated)
    candidates = duplicate_findings(groups, dataset.tables)
    summary = _summary(dataset, findings) | {"duplicate_groups": len(groups)}
    return _results(
        findings=candidates,
        sheets=[duplicates_sheet(groups, previous_decisions)],
        marks=cell_marks(candidates, dataset),
        summary=summary,
    )


def run_counts(dataset: Dataset, today: date) -> Results:
    """Count resources, benches and meetings and render the 集計 sheet."""
    findings, validated = _validate(dataset, today)
    counts = count_all(validated)
    summary = _summary(dataset, findings) | {
        "resources_counted": counts.resources.total,
        "resources_ended": counts.ended,
    }
    return _results(findings=findings, sheets=[counts_sheet(counts)], summary=summary)


def run_report(
    dataset: Dataset,
    fiscal_year: int | None,
    today: date,
    previous_decisions: dict[str, str] | None = None,
) -> Results:
    """Run every stage and render 検証結果, 重複候補, 集計, 報告 and 冊子 with marks.

    Args:
        dataset: the workbook as read by an adapter.
        fiscal_year: the year the fiscal year starts in (2021 for 令和3年度),
            or None for the latest year with a registration or meeting up to
            ``today``.
        today: the day of the run.
        previous_decisions: 判定 values of the current 重複候補 sheet by キー.
    """
    findings, validated = _validate(dataset, today)
    groups = find_duplicates(validated)
    findings = findings + duplicate_findings(groups, dataset.tables)
    year = (
        fiscal_year
        if fiscal_year is not None
        else default_fiscal_year(validated, today)
    )
    report = build_report(validated, year)

    summary = _summary(dataset, findings) | {
        "duplicate_groups": len(groups),
        "fiscal_year": year,
        "fiscal_year_label": format_fiscal_year(year),
        "registrations": report.current.registered,
        "public": report.current.public,
    }
    return _results(
        findings=findings,
        sheets=[
            findings_sheet(findings, dataset.tables),
            duplicates_sheet(groups, previous_decisions),
            counts_sheet(count_all(validated)),
            report_sheet(report),
            booklet_sheet(validated),
        ],
        marks=cell_marks(findings, dataset),
        summary=summary,
    )


def _validate(dataset: Dataset, today: date) -> tuple[list[Finding], Validated]:
    """Validate the dataset. The findings start with the structural ones of reading."""
    return validate_dataset(dataset, today)


def closing_message(summary: dict[str, Any]) -> str:
    """Write the Japanese closing message for a run from its summary figures.

    Example: 「120行を検証しました。エラー 3件、警告 5件。重複候補 2グループ。
    令和3年度末の登録数 576件（公開可 393件）。」
    """
    parts = [
        f"{summary['rows_checked']}行を検証しました。"
        f"エラー {summary['errors']}件、警告 {summary['warnings']}件。"
    ]
    if "duplicate_groups" in summary:
        parts.append(f"重複候補 {summary['duplicate_groups']}グループ。")
    if "fiscal_year_label" in summary:
        parts.append(
            f"{summary['fiscal_year_label']}末の登録数 {summary['registrations']}件"
            f"（公開可 {summary['public']}件）。"
        )
    return "".join(parts)


def _summary(dataset: Dataset, findings: list[Finding]) -> dict[str, Any]:
    severities = [finding.severity for finding in findings]
    return {
        "rows_checked": sum(len(table.rows) for table in dataset.tables.values()),
        "errors": severities.count(Severity.ERROR),
        "warnings": severities.count(Severity.WARNING),
        "infos": severities.count(Severity.INFO),
    }


def _results(**fields: Any) -> Results:
    """Build results and add the closing message to their summary."""
    results = Results(**fields)
    results.summary["message"] = closing_message(results.summary)
    return results
