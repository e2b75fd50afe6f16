import pytest

from apps.assistance import selectors

from .factories import user

pytestmark = pytest.mark.django_db

EVERYONE = [
    "admin",
    "secretariat",
    "chief.be",
    "chief.nl",
    "chief.lu",
    "operator.be",
    "operator.nl",
    "operator.lu",
    "liaison.be",
    "liaison.nl",
]


def who_sees(request):
    return {
        name for name in EVERYONE if selectors.request_list_visible_to(user=user(name)).filter(pk=request.pk).exists()
    }


def test_a_draft_is_visible_only_to_the_filing_control_room(make_request):
    assert who_sees(make_request()) == {"operator.nl"}


@pytest.mark.parametrize("status", ["submitted", "answered", "closed", "cancelled"])
def test_a_filed_request_is_visible_to_the_countries_involved_chiefs_and_secretariat(make_request, status):
    request = make_request(status=status if status != "cancelled" else "submitted")
    if status == "cancelled":
        from apps.assistance import services

        services.request_cancel(request=request, actor=user("operator.nl"), reason="Called off")
    assert who_sees(request) == {"operator.nl", "operator.be", "chief.nl", "chief.be", "secretariat"}


def test_a_cancelled_draft_stays_with_the_filing_control_room(make_request):
    from apps.assistance import services

    request = make_request()
    services.request_cancel(request=request, actor=user("operator.nl"), reason="Not needed")
    assert who_sees(request) == {"operator.nl"}


def test_operator_queue_splits_awaiting_mine_and_the_rest(make_request):
    awaiting = make_request(status="submitted", to=("BE", "LU"), urgency="urgent")
    acknowledged = make_request(status="acknowledged", to=("BE",))
    own = make_request(status="submitted", by="operator.be", to=("NL",))
    queue = selectors.operator_queue(user=user("operator.be"))
    assert list(queue["awaiting"]) == [awaiting]
    assert list(queue["mine"]) == [own]
    assert list(queue["other"]) == [acknowledged]
