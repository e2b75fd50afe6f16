"""Paging of long HTML lists without counting them: on ten years of data an exact COUNT of what a user may see
costs more than the page itself, and "previous / page N / next" is all a list needs."""

from dataclasses import dataclass, field

MAX_PAGE = 10_000


@dataclass
class SlicePage:
    """One page of a queryset, read with one query of ``per_page + 1`` rows (the extra row says "there is more")."""

    number: int
    object_list: list = field(default_factory=list)
    has_next_page: bool = False

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.has_next_page

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


def page_number(value) -> int:
    """The page asked for in a query string: anything that is not a page number between 1 and MAX_PAGE is 1."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 1 <= number <= MAX_PAGE else 1


def slice_page(queryset, *, number, per_page: int) -> SlicePage:
    page = page_number(number)
    start = (page - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return SlicePage(number=page, object_list=rows[:per_page], has_next_page=len(rows) > per_page)
