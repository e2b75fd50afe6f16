import pytest
from django.contrib.auth.models import Group

from apps.core.paging import MAX_PAGE, page_number, slice_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2", 2), (None, 1), ("", 1), ("x", 1), ("0", 1), ("-1", 1), (str(MAX_PAGE + 1), 1), (str(MAX_PAGE), MAX_PAGE)],
)
def test_page_number_accepts_only_a_sensible_page(value, expected):
    assert page_number(value) == expected


def test_slice_page_reads_one_row_more_to_know_whether_there_is_a_next_page(django_assert_num_queries):
    Group.objects.all().delete()
    Group.objects.bulk_create([Group(name=f"Q{index}") for index in range(5)])
    groups = Group.objects.order_by("name")
    with django_assert_num_queries(1):
        first = slice_page(groups, number="1", per_page=2)
    assert [group.name for group in first.object_list] == ["Q0", "Q1"]
    assert first.has_next() and not first.has_previous()
    last = slice_page(groups, number="3", per_page=2)
    assert [group.name for group in last.object_list] == ["Q4"]
    assert last.has_previous() and not last.has_next() and last.previous_page_number() == 2
