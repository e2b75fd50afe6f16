"""The geometry of a programme's timeline, drawn by the portal itself as SVG (``consultation/_timeline.html``):
nothing from the internet, readable on a phone.

Time runs along 1,000 units, from 1 January of the first year to 31 December of the last (the programme's years,
widened to its activities' dates, at most ``MAX_YEARS``): each activity is a bar from its start to its due date in
its colour, filled to its progress, with lines at the turn of each year and today. Each bar is an SVG of its own,
stretched to the width of its row, under (or beside) its label in HTML text, so that the text stays legible however
narrow the screen; the years above the bars are HTML too, one column per year.
"""

from datetime import date

from apps.core.paging import SlicePage

WIDTH = 1000
MAX_YEARS = 20
OBJECTIVES_PER_PAGE = 10


def _years(programme, objectives) -> tuple[int, int]:
    first, last = programme.start_year, programme.end_year
    for objective in objectives:
        for activity in objective.rows:
            first = min(first, activity.starts_on.year)
            last = max(last, activity.due_on.year)
    if last - first + 1 > MAX_YEARS:  # an odd date far away: keep the programme in view, bars are clipped
        first = max(first, programme.start_year - (MAX_YEARS - (programme.end_year - programme.start_year + 1)))
        last = first + MAX_YEARS - 1
    return first, last


def chart(programme, objectives, *, today: date) -> dict:
    """The timeline of ``objectives`` (each with ``rows``: its activities, decorated by ``selectors.decorate``), as
    plain numbers for the template."""
    first, last = _years(programme, objectives)
    start = date(first, 1, 1)
    days = (date(last, 12, 31) - start).days + 1

    def x(day: date) -> float:
        return round(min(max((day - start).days, 0), days) * WIDTH / days, 1)

    groups = []
    for objective in objectives:
        rows = []
        for activity in objective.rows:
            left = x(activity.starts_on)
            right = max(x(activity.due_on), left + 2)  # a one-day activity is still seen
            width = round(right - left, 1)
            rows.append(
                {
                    "activity": activity,
                    "x": left,
                    "width": width,
                    "done": round(width * activity.progress / 100, 1),
                }
            )
        groups.append({"objective": objective, "rows": rows})
    years = list(range(first, last + 1))
    return {
        "years": years,
        "columns": len(years),
        "grid": [x(date(year, 1, 1)) for year in years[1:]],
        "today": x(today) if start <= today <= date(last, 12, 31) else None,
        "groups": groups,
        "width": WIDTH,
    }


def page_of(chart: dict, *, number: int) -> SlicePage:
    """Page ``number`` of the chart's objectives (``OBJECTIVES_PER_PAGE`` each; past the last: the last)."""
    groups = chart["groups"]
    last = max(1, -(-len(groups) // OBJECTIVES_PER_PAGE))
    number = min(number, last)
    start = (number - 1) * OBJECTIVES_PER_PAGE
    return SlicePage(
        number=number,
        object_list=groups[start : start + OBJECTIVES_PER_PAGE],
        has_next_page=number < last,
    )
