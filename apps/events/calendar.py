"""Month and week grids for the pages: plain data, built from occurrences already loaded."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from .selectors import Occurrence


@dataclass
class Day:
    date: date
    in_period: bool
    is_today: bool
    occurrences: list[Occurrence] = field(default_factory=list)


def month_bounds(anchor: date) -> tuple[date, date]:
    """The Monday on or before the 1st and the day after the Sunday on or after the last day of the month."""
    first = anchor.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    start = first - timedelta(days=first.weekday())
    last = next_month - timedelta(days=1)
    end = last + timedelta(days=7 - last.weekday())
    return start, end


def week_bounds(anchor: date) -> tuple[date, date]:
    start = anchor - timedelta(days=anchor.weekday())
    return start, start + timedelta(days=7)


def shift_month(anchor: date, months: int) -> date:
    index = anchor.year * 12 + anchor.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def build_days(
    *, start: date, end: date, occurrences: list[Occurrence], zone: ZoneInfo, today: date, period_month: int | None
) -> list[Day]:
    by_day: dict[date, list[Occurrence]] = defaultdict(list)
    for occurrence in occurrences:
        for day in occurrence.local_dates(zone):
            by_day[day].append(occurrence)
    days = []
    current = start
    while current < end:
        days.append(
            Day(
                date=current,
                in_period=period_month is None or current.month == period_month,
                is_today=current == today,
                occurrences=by_day.get(current, []),
            )
        )
        current += timedelta(days=1)
    return days


def weeks(days: list[Day]) -> list[list[Day]]:
    return [days[index : index + 7] for index in range(0, len(days), 7)]
