"""The work programme pages: who may see and do what (anonymous, not allowed, allowed), the chiefs' dashboard (red,
amber, green; late; what changed since the last visit; due before the next meeting; filters), the forms of the
secretariat and of the working groups, the timeline, and a pinned number of queries with rows enough that one query
per row would show (50 objectives, 500 activities)."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from apps.consultation import services
from apps.consultation.models import Activity, Objective, Programme, ProgressUpdate

from .factories import (
    add_item,
    big_programme,
    make_activity,
    make_meeting,
    make_objective,
    make_programme,
    organisation,
    post_update,
    user,
)

pytestmark = pytest.mark.django_db

# Two-factor devices (2); the session, the user with roles and organisation and the unread badge come from the cache.
FRAME = 2


def _urls(work) -> dict[str, str]:
    programme = work["treaty"].programme
    return {
        "dashboard": reverse("consultation:dashboard"),
        "programmes": reverse("consultation:programmes"),
        "programme": reverse("consultation:programme", args=[programme.pk]),
        "timeline": reverse("consultation:timeline", args=[programme.pk]),
        "report_pdf": reverse("consultation:report_pdf", args=[programme.pk]),
        "report_xlsx": reverse("consultation:report_xlsx", args=[programme.pk]),
        "objective": reverse("consultation:objective", args=[work["cooperation"].pk]),
        "activity": reverse("consultation:activity", args=[work["radio"].pk]),
    }


EDITING = {
    "programme_create": lambda work: reverse("consultation:programme_create"),
    "programme_edit": lambda work: reverse("consultation:programme_edit", args=[work["treaty"].programme_id]),
    "objective_create": lambda work: reverse("consultation:objective_create", args=[work["treaty"].programme_id]),
    "objective_edit": lambda work: reverse("consultation:objective_edit", args=[work["treaty"].pk]),
    "activity_create": lambda work: reverse("consultation:activity_create", args=[work["cooperation"].pk]),
    "activity_edit": lambda work: reverse("consultation:activity_edit", args=[work["radio"].pk]),
}


# --- who sees and does what ----------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_from_every_page(work):
    urls = [*_urls(work).values(), *(make(work) for make in EDITING.values())]
    urls.append(reverse("consultation:activity_update", args=[work["radio"].pk]))
    for url in urls:
        response = Client().get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login")), url


@pytest.mark.parametrize("username", ["chief.be", "operator.lu", "liaison.nl", "secretariat"])
def test_every_user_of_the_portal_reads_the_programmes(work, login, username):
    client = login(username, language="en")
    for name, url in _urls(work).items():
        assert client.get(url).status_code == 200, name


def test_an_object_that_does_not_exist_is_a_404(work, login):
    client = login("secretariat")
    huge = "99999999999999999999"
    for url in (
        f"/consultation/programmes/{huge}/",
        f"/consultation/objectives/{huge}/",
        f"/consultation/activities/{huge}/",
        f"/consultation/activities/{huge}/update/",
        f"/consultation/programmes/{huge}/timeline/",
        f"/consultation/programmes/{huge}/report.pdf",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("username", ["chief.nl", "liaison.nl", "operator.be"])
def test_only_the_secretariat_edits_programmes_objectives_and_activities(work, login, username):
    client = login(username, language="en")
    for name, make in EDITING.items():
        assert client.get(make(work)).status_code == 403, name
        assert client.post(make(work), {"title_en": "Mine now"}).status_code == 403, name
    assert Programme.objects.count() == 1 and Objective.objects.count() == 2 and Activity.objects.count() == 3
    secretariat = login("secretariat", language="en")
    for name, make in EDITING.items():
        assert secretariat.get(make(work)).status_code == 200, name


def test_a_member_of_another_group_may_not_post_an_update_and_is_told_why(work, login):
    url = reverse("consultation:activity_update", args=[work["almanac"].pk])  # led by the Belgian police
    client = login("liaison.nl", language="en")
    page = client.get(reverse("consultation:activity", args=[work["almanac"].pk])).content.decode()
    assert "Post a progress update" not in page
    response = client.post(url, {"text": "Mine", "status": "done", "progress": "100"})
    assert response.status_code == 403
    assert "Only the members of Belgian Federal Police post progress updates" in response.content.decode()
    assert ProgressUpdate.objects.filter(activity=work["almanac"]).count() == 1


# --- the working group's update form ---------------------------------------------------------------------------------


def test_a_working_group_member_posts_an_update_and_finds_it_in_the_history(work, login):
    client = login("liaison.nl", language="en")
    activity_url = reverse("consultation:activity", args=[work["radio"].pk])
    assert "Post a progress update" in client.get(activity_url).content.decode()
    response = client.post(
        reverse("consultation:activity_update", args=[work["radio"].pk]),
        {"text": "Test call between Maastricht and Liège succeeded.", "status": "on_track", "progress": "55"},
    )
    assert response.status_code == 302 and response["Location"] == activity_url
    page = client.get(activity_url).content.decode()
    assert "Test call between Maastricht and Liège succeeded." in page
    assert "ASTRID and RENITA are not yet connected." in page  # the history stays
    assert "At risk → " in page and "55 %" in page


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"text": "x", "status": "on_track", "progress": "150"}, "Give a percentage from 0 to 100."),
        ({"text": "x", "status": "on_track", "progress": "-5"}, "Give a percentage from 0 to 100."),
        ({"text": "x", "status": "late", "progress": "10"}, "Select a valid choice."),
        ({"text": "", "status": "on_track", "progress": "10"}, "Say what happened since the last update."),
        ({"text": "x", "status": "not_started", "progress": "0"}, "needs a reason"),
        ({"text": "x\x00", "status": "on_track", "progress": "10"}, "Null characters are not allowed."),
    ],
)
def test_bad_update_input_gets_a_clear_message_and_saves_nothing(work, login, data, field_message):
    client = login("liaison.nl", language="en")
    response = client.post(reverse("consultation:activity_update", args=[work["radio"].pk]), data)
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert ProgressUpdate.objects.filter(activity=work["radio"]).count() == 1
    assert Activity.objects.get(pk=work["radio"].pk).progress == 30


# --- the secretariat's forms ---------------------------------------------------------------------------------------


def test_the_secretariat_enters_a_programme_an_objective_and_an_activity(sop, control_rooms, login):
    client = login("secretariat", language="en")
    response = client.post(
        reverse("consultation:programme_create"),
        {"body": sop.pk, "start_year": "2021", "end_year": "2024", "title_en": "Benelux work programme 2021–2024"},
    )
    programme = Programme.objects.get()
    assert response["Location"] == programme.get_absolute_url()
    client.post(
        reverse("consultation:objective_create", args=[programme.pk]),
        {"title_en": "Implement the new treaty", "target_date": "2024-12-31", "status": "on_track"},
    )
    objective = Objective.objects.get()
    assert (objective.number, objective.owner_body) == (1, sop)
    url = reverse("consultation:activity_create", args=[objective.pk])
    refused = client.post(
        url,
        {
            "title_en": "ANPR data exchange",
            "lead": organisation(None, "WG-CR").pk,
            "starts_on": "2023-10-01",
            "due_on": "2023-09-30",
        },
    )
    assert refused.status_code == 200 and "The due date cannot be before the start." in refused.content.decode()
    assert not Activity.objects.exists()
    client.post(
        url,
        {
            "title_en": "ANPR data exchange",
            "lead": organisation(None, "WG-CR").pk,
            "starts_on": "2023-10-01",
            "due_on": "2024-12-31",
        },
    )
    assert Activity.objects.get().reference == "1.1"


# --- the dashboard ---------------------------------------------------------------------------------------------------


def test_the_dashboard_shows_red_amber_green_late_and_the_next_meeting(work, sop, login):
    make_meeting(sop, starts_at=datetime(2019, 7, 4, 10, tzinfo=UTC))
    with time_machine.travel(datetime(2019, 5, 20, 9, tzinfo=UTC)):
        page = login("chief.lu", language="en").get(reverse("consultation:dashboard")).content.decode()
        due = page.split('id="due-title"')[1].split("</section>")[0]
        assert "Update the Benelux almanac" in due and "SOP meeting of 4 July 2019" in due
        assert "The Benelux smartphone app" not in due  # due after the meeting
        assert "Nothing is late." in page
    with time_machine.travel(datetime(2019, 7, 10, 9, tzinfo=UTC)):
        page = login("chief.lu", language="en").get(reverse("consultation:dashboard")).content.decode()
        late = page.split('id="late-title"')[1].split("</section>")[0]
        assert "Update the Benelux almanac" in late and "rag--red" in late
        assert "No next meeting is planned yet." in page
        assert "rag rag--amber" in page  # radio communication at risk
        assert "rag rag--green" in page  # the app, on track


def test_what_changed_since_the_last_visit_is_shown_once(work, login):
    client = login("chief.be", language="en")
    url = reverse("consultation:dashboard")
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        assert "Welcome: from your next visit on" in client.get(url).content.decode()
    with time_machine.travel(start + timedelta(hours=2), tick=False):
        post_update(work["radio"], "on_track", 60, text="Radio link tested at Hazeldonk.")
    with time_machine.travel(start + timedelta(days=1), tick=False):
        changed = client.get(url).content.decode().split('id="changed-title"')[1].split("</section>")[0]
        assert "Cross-border radio communication" in changed and "Radio link tested at Hazeldonk." in changed
        assert "The Benelux smartphone app" not in changed
    with time_machine.travel(start + timedelta(days=2), tick=False):
        assert "Nothing has changed since your last visit." in client.get(url).content.decode()


def test_the_dashboard_filters_by_country_working_group_and_programme(work, sop, login):
    later = make_programme(sop, 2021, 2024)
    make_activity(make_objective(later, "Implement the treaty"), "ANPR data exchange")
    client = login("chief.nl", language="en")
    url = reverse("consultation:dashboard")
    dutch = client.get(url, {"programme": work["treaty"].programme_id, "country": "NL"}).content.decode()
    assert "The Benelux smartphone app" in dutch and "Update the Benelux almanac" not in dutch
    group = client.get(
        url, {"programme": work["treaty"].programme_id, "lead": organisation(None, "WG-CR").pk}
    ).content.decode()
    assert "Cross-border radio communication" in group and "The Benelux smartphone app" not in group
    with time_machine.travel(datetime(2022, 1, 10, 9, tzinfo=UTC)):
        current = login("chief.nl", language="en").get(url).content.decode()
        assert "ANPR data exchange" in current and "The Benelux smartphone app" not in current
    refused = client.get(url, {"programme": work["treaty"].programme_id, "country": "Belgium"}).content.decode()
    assert "Some filters were not understood" in refused
    assert client.get(url, {"programme": "999999"}).status_code == 200  # not there: said so, not an error


def test_a_working_group_member_finds_the_activities_of_their_group(work, login):
    page = login("liaison.nl", language="en").get(reverse("consultation:dashboard")).content.decode()
    assert f"?lead={organisation(None, 'WG-CR').pk}" in page and f"?lead={organisation('NL', 'POLNL').pk}" in page


def test_an_update_shows_on_the_cached_dashboard_at_once(work, login):
    client = login("chief.be", language="en")
    url = reverse("consultation:dashboard")
    assert "Tender awarded" not in client.get(url).content.decode()
    client.get(url)
    post_update(work["radio"], "done", 100, text="Tender awarded.")
    page = client.get(url).content.decode()
    radio = page.split("Cross-border radio communication")[0].rsplit("<li>", 1)[1]
    assert "Done" in radio


def test_the_dashboard_of_500_activities_runs_a_pinned_number_of_queries(
    programme, sop, login, django_assert_num_queries
):
    big_programme(programme)
    make_meeting(sop, starts_at=datetime(2027, 6, 8, 10, tzinfo=UTC))
    client = login("chief.be", language="en")
    url = reverse("consultation:dashboard")
    client.get(reverse("home"))
    with time_machine.travel(datetime(2025, 12, 1, 9, tzinfo=UTC), tick=False):
        client.get(url)  # the visit before
    with time_machine.travel(datetime(2026, 2, 1, 9, tzinfo=UTC), tick=False):
        # The visit moved on; programmes, activities, objectives, next meeting, the latest updates of what changed, is
        # the meeting visible, leads, countries.
        with django_assert_num_queries(FRAME + 1 + 8):
            page = client.get(url, {"programme": programme.pk})
        assert page.status_code == 200 and page.content.decode().count("activity-list") > 50
        with django_assert_num_queries(FRAME):  # the same visit, from the cache
            assert client.get(url, {"programme": programme.pk}).status_code == 200


@time_machine.travel(datetime(2026, 2, 1, 9, tzinfo=UTC))
def test_a_chief_sees_the_most_overdue_first_and_opens_all_that_is_late(programme, login):
    big_programme(programme, objectives=10, per=10)
    late_in_all = sum(1 for activity in Activity.objects.all() if activity.status != "done")
    client = login("chief.be", language="en")
    page = client.get(reverse("consultation:dashboard"), {"programme": programme.pk}).content.decode()
    late = page.split('id="late-title"')[1].split("</section>")[0]
    assert late.count("<li>") == 20
    assert f"The most overdue first; {late_in_all} activities are late in all." in late
    link = f"?programme={programme.pk}&amp;status=late"
    assert link in late
    only_late = client.get(reverse("consultation:dashboard"), {"programme": programme.pk, "status": "late"})
    objectives = only_late.content.decode().split('id="objectives-title"')[1]
    assert objectives.count("<li>") == late_in_all and "rag--green" not in objectives


def test_the_other_pages_run_a_pinned_number_of_queries(programme, login, django_assert_num_queries):
    big_programme(programme, objectives=20, per=10)
    objective = Objective.objects.get(programme=programme, number=1)
    activity = objective.activities.get(number=1)
    client = login("secretariat", language="en")
    client.get(reverse("home"))
    for url, queries in (
        (reverse("consultation:programmes"), 1),
        (reverse("consultation:programme", args=[programme.pk]), 3),  # programme, objectives, activities
        (reverse("consultation:objective", args=[objective.pk]), 4),  # + latest updates, agenda items
        (reverse("consultation:activity", args=[activity.pk]), 5),  # activity, updates, decisions, points, items
        (reverse("consultation:timeline", args=[programme.pk]), 5),  # programme, activities, objectives, filters
        (reverse("consultation:activity_update", args=[activity.pk]), 1),
        (reverse("consultation:activity_edit", args=[activity.pk]), 6),  # + its links, choices of leads and links
        (reverse("consultation:report_pdf", args=[programme.pk]), 4),  # programme, objectives, activities, latest
        (reverse("consultation:report_xlsx", args=[programme.pk]), 5),  # + every update
    ):
        with django_assert_num_queries(FRAME + queries):
            assert client.get(url).status_code == 200, url


# --- the timeline ----------------------------------------------------------------------------------------------------


@time_machine.travel(datetime(2018, 6, 1, 9, tzinfo=UTC))
def test_the_timeline_draws_each_activity_in_its_colour_in_every_language(work, login):
    for language in ("nl", "fr", "de", "en"):
        page = login("chief.be", language=language).get(
            reverse("consultation:timeline", args=[work["treaty"].programme_id])
        )
        body = page.content.decode()
        assert page.status_code == 200
        assert body.count('class="timeline__bar"') == 3
        assert "timeline__span--amber" in body  # radio communication, at risk
        assert 'x="0.0"' in body and "," not in body.split('class="timeline__span')[1].split("/>")[0]
        assert "<li>2017</li>" in body and "<li>2020</li>" in body


@time_machine.travel(datetime(2018, 6, 1, 9, tzinfo=UTC))
def test_a_chief_pages_through_the_timeline_of_a_programme_of_many_objectives(programme, login):
    for number in range(1, 13):
        objective = make_objective(programme, f"Objective {number:02d}")
        make_activity(objective, f"Activity of objective {number:02d}")
    url = reverse("consultation:timeline", args=[programme.pk])
    client = login("chief.be", language="en")
    first = client.get(url).content.decode()
    assert first.count('class="timeline__bar"') == 10
    assert "Objective 01" in first and "Objective 10" in first and "Objective 11" not in first
    assert "12 objectives, ten a page." in first
    assert 'href="?page=2"' in first
    second = client.get(url, {"page": "2"}).content.decode()
    assert second.count('class="timeline__bar"') == 2
    assert "Objective 11" in second and "Objective 12" in second and "Objective 10" not in second
    assert 'href="?page=1"' in second
    # Every page on the axis of the whole programme; a page past the last, or not a page, shows one that exists.
    assert "<li>2017</li>" in second and "<li>2020</li>" in second
    assert "Objective 12" in client.get(url, {"page": "99"}).content.decode()
    assert "Objective 01" in client.get(url, {"page": "x"}).content.decode()


# --- home ------------------------------------------------------------------------------------------------------------


def test_a_chief_finds_the_objectives_on_the_home_page(work, login, django_assert_num_queries):
    client = login("chief.nl", language="en")
    client.get(reverse("home"))
    with django_assert_num_queries(FRAME):  # the panel from the cache
        page = client.get(reverse("home")).content.decode()
    panel = page.split('id="home-objectives-title"')[1].split("</section>")[0]
    assert "Optimise cross-border police cooperation" in panel
    assert reverse("consultation:dashboard") in panel
    assert 'id="home-objectives-title"' not in login("operator.nl").get(reverse("home")).content.decode()


def test_an_agenda_item_is_linked_to_an_activity_from_its_form(work, sop, login):
    meeting = make_meeting(sop)
    client = login("secretariat", language="en")
    agenda = client.get(reverse("consultation:agenda", args=[meeting.pk])).content.decode()
    assert f'value="activity:{work["radio"].pk}"' in agenda
    client.post(
        reverse("consultation:agenda", args=[meeting.pk]),
        {"title_en": "Radio communication", "link": f"activity:{work['radio'].pk}"},
    )
    item = meeting.agenda_items.get()
    assert item.activity == work["radio"]
    services.agenda_publish(meeting=meeting, actor=user("secretariat"))
    assert f"/consultation/activities/{work['radio'].pk}/" in client.get(meeting.get_absolute_url()).content.decode()
    page = login("chief.be", language="en").get(reverse("consultation:activity", args=[work["radio"].pk]))
    assert "On the agenda" in page.content.decode()
    add_item(meeting, "Other")  # the form's choice list is rebuilt each time: nothing stale


GARBAGE = [
    {},
    {"title_en": "\x00", "start_year": "9" * 30, "end_year": "-1", "body": "abc"},
    {"title_en": "x" * 10_000, "target_date": "0001-01-01", "number": "99999999999", "status": "late"},
    {"title_en": "Radio", "lead": "999999", "starts_on": "2020-02-30", "due_on": "yesterday", "decisions": ["abc"]},
    {"title_en": ["a", "b"], "lead": "", "action_points": ["99999999999999999999"], "owner_body": "-1"},
    {"title_en": "Radio", "start_year": "2030", "end_year": "2021", "number": "0", "progress": "1e9"},
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_posted_to_every_form_is_refused_and_saves_nothing(work, login, data):
    secretariat = login("secretariat", language="en")
    member = login("liaison.nl", language="en")
    before = [Programme.objects.count(), Objective.objects.count(), Activity.objects.count()]
    history = [model.history.count() for model in (Programme, Objective, Activity)]
    for name, make in EDITING.items():
        response = secretariat.post(make(work), data)
        assert response.status_code == 200, (name, response.status_code)  # the form again, with its messages
    update = member.post(reverse("consultation:activity_update", args=[work["radio"].pk]), data)
    assert update.status_code == 400
    assert [Programme.objects.count(), Objective.objects.count(), Activity.objects.count()] == before
    assert [model.history.count() for model in (Programme, Objective, Activity)] == history
    assert ProgressUpdate.objects.count() == 3


def test_the_pages_and_refusals_speak_each_readers_language(work, login):
    member = login("liaison.nl", language="nl")
    response = member.post(
        reverse("consultation:activity_update", args=[work["radio"].pk]),
        {"text": "x", "status": "on_track", "progress": "101"},
    )
    assert "Geef een percentage van 0 tot 100." in response.content.decode()
    refused = member.post(
        reverse("consultation:activity_update", args=[work["almanac"].pk]),
        {"text": "x", "status": "on_track", "progress": "60"},
    )
    assert "Alleen de leden van Federale Politie melden de voortgang van haar activiteiten." in refused.content.decode()
    with time_machine.travel(datetime(2019, 9, 1, 9, tzinfo=UTC)):
        for language, words in (
            ("fr", ("Tableau de bord des objectifs", "En retard", "Dans les temps")),
            ("de", ("Dashboard der Ziele", "Verspätet", "Gefährdet")),
            ("nl", ("Dashboard van de doelstellingen", "Te laat", "Risico")),
        ):
            page = login("chief.be", language=language).get(reverse("consultation:dashboard")).content.decode()
            for word in words:
                assert word in page, (language, word)


@time_machine.travel(datetime(2018, 6, 1, 9, tzinfo=UTC))
def test_a_title_not_yet_translated_reads_in_its_original_marked_on_the_pages_and_in_the_api(work, login):
    from datetime import date

    from apps.accounts.tests.factories import api_token_for

    secretariat = user("secretariat")
    objective = services.objective_create(
        programme=work["treaty"].programme,
        actor=secretariat,
        title_fr="Échanger les données ANPR",
        target_date=date(2020, 12, 31),
    )
    activity = services.activity_create(
        objective=objective,
        actor=secretariat,
        title_nl="Grensoverschrijdende ANPR-uitwisseling",
        title_en="Cross-border ANPR exchange",
        lead=organisation(None, "WG-CR"),
        starts_on=date(2018, 1, 1),
        due_on=date(2020, 6, 30),
    )
    german = login("chief.lu", language="de")  # German falls back to English, Dutch, then French
    page = german.get(reverse("consultation:objective", args=[objective.pk])).content.decode()
    assert '<span lang="fr">Échanger les données ANPR</span> <span class="lang-marker"' in page
    assert "<title>3. Échanger les données ANPR · " in page  # the browser's tab shows text, never markup
    assert '<span lang="en">Cross-border ANPR exchange</span>' in page
    dashboard = german.get(reverse("consultation:dashboard")).content.decode()
    assert '<span lang="fr">Échanger les données ANPR</span>' in dashboard
    page = login("chief.nl", language="nl").get(reverse("consultation:activity", args=[activity.pk])).content.decode()
    assert "<h1>3.1 Grensoverschrijdende ANPR-uitwisseling</h1>" in page  # in the reader's own language, unmarked
    page = login("chief.be", language="fr").get(reverse("consultation:activity", args=[activity.pk])).content.decode()
    assert "<title>3.1 Cross-border ANPR exchange · " in page
    assert '<h1>3.1 <span lang="en">Cross-border ANPR exchange</span>' in page
    answer = Client(HTTP_AUTHORIZATION=f"Token {api_token_for(user('chief.lu'))}").get(
        f"/api/v1/objectives/{objective.pk}"
    )
    assert answer.json()["title"] == "Échanger les données ANPR"
    assert [row["title"] for row in answer.json()["activities"]] == ["Cross-border ANPR exchange"]
