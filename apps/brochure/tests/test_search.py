import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.tests.factories import api_token_for
from apps.brochure import services
from apps.brochure.search import MAX_QUERY, clean_query

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/brochure/search"


def _client(username: str = "operator.be") -> Client:
    token = api_token_for(User.objects.get(username=username))
    return Client(HTTP_AUTHORIZATION=f"Token {token}")


def _titles(answer) -> list[str]:
    return [row["title_html"].replace("<mark>", "").replace("</mark>", "") for row in answer["results"]]


@pytest.mark.parametrize(
    ("language", "word", "title"),
    [
        ("nl", "achtervolging", "Achtervolging over de grens"),  # the text says "achtervolgingen"
        ("fr", "poursuite", "Poursuite transfrontalière"),  # "poursuites"
        ("de", "Nacheilen", "Grenzüberschreitende Nacheile"),  # "Nacheile"
        ("en", "pursuits", "Cross-border hot pursuit"),  # "pursuits" / "pursuit"
        ("nl", "patrouilleren", "Gemengde patrouilles in Knokke"),
        ("de", "Streifen", "Gemischte Streifen in Knokke"),
    ],
)
def test_search_finds_other_forms_of_a_word_with_the_languages_dictionary(edition, language, word, title):
    answer = _client().get(SEARCH, {"q": word, "lang": language}).json()
    assert answer["language"] == language and answer["fallback"] is False
    assert _titles(answer)[0] == title
    assert answer["results"][0]["language"] == language


def test_results_are_ranked_with_marked_and_escaped_excerpts(edition, secretariat):
    draft = services.edition_start_draft(actor=secretariat)
    chapter = draft.chapters.first()
    services.section_create(
        actor=secretariat, chapter=chapter, title_nl="Veiligheid", body_nl="<b>grens</b> & <script>grens</script>"
    )
    services.edition_publish(actor=secretariat, edition=draft)
    answer = _client().get(SEARCH, {"q": "grens", "lang": "nl"}).json()
    titles = _titles(answer)
    assert titles[0] == "Achtervolging over de grens"  # in the title weighs more than in the text only
    excerpts = " ".join(row["excerpt_html"] for row in answer["results"])
    assert "<mark>grens</mark>" in excerpts
    assert "<script>" not in excerpts and "<b>" not in excerpts
    ranks = [row["rank"] for row in answer["results"]]
    assert ranks == sorted(ranks, reverse=True)
    assert answer["results"][0]["url"].startswith("/brochure/chapters/")


def test_search_falls_back_to_other_languages_and_says_so(edition, login):
    answer = _client().get(SEARCH, {"q": "poursuites", "lang": "nl"}).json()
    assert answer["fallback"] is True and answer["languages"] == ["fr"]
    assert _titles(answer) == ["Poursuite transfrontalière"]
    body = login("operator.be", language="en").get(reverse("brochure:search"), {"q": "poursuites"}).content.decode()
    assert "Nothing found in your language" in body and "<mark>Poursuite</mark> transfrontalière" in body


def test_search_filters_by_tag_and_country(edition):
    client = _client()
    both = _titles(client.get(SEARCH, {"q": "border", "lang": "en"}).json())
    assert set(both) == {"Cross-border hot pursuit", "Observation"}
    assert _titles(client.get(SEARCH, {"q": "border", "lang": "en", "tag": "observation"}).json()) == ["Observation"]
    assert _titles(client.get(SEARCH, {"q": "border", "lang": "en", "country": "LU"}).json()) == [
        "Cross-border hot pursuit"
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "\x00\x01 grens \x00",
        "grens" * 5000,
        "!!! & | ( ) : * <-> ''' \"",
        '"open quote grens',
        "-grens OR",
        "🚓" * 300,
        "%00%ff",
        "the and of",  # stop words only
        "grens\r\nachtervolging",
    ],
)
def test_any_query_answers_never_an_error(edition, login, query):
    response = _client().get(SEARCH, {"q": query, "lang": "nl"})
    assert response.status_code == 200, response.content
    assert len(response.json()["query"]) <= MAX_QUERY
    page = login("chief.be").get(reverse("brochure:search"), {"q": query})
    assert page.status_code == 200


def test_query_of_raw_bytes_answers(edition, login):
    client = login("chief.be")
    assert client.get("/brochure/search/?q=%ff%fe%00%c3%28grens").status_code == 200
    assert _client().get(f"{SEARCH}?q=%ff%fe%00%c3%28grens").status_code == 200


def test_clean_query_removes_control_characters_and_caps_the_length():
    assert clean_query("a\x00b\nc  d") == "a b c d"
    assert len(clean_query("x" * 1000)) == MAX_QUERY


def test_search_answer_follows_a_new_edition_at_once(edition, secretariat):
    client = _client()
    assert client.get(SEARCH, {"q": "Schengen", "lang": "en"}).json()["results"] == []
    draft = services.edition_start_draft(actor=secretariat)
    services.section_create(actor=secretariat, chapter=draft.chapters.first(), title_nl="Schengen", title_en="Schengen")
    assert client.get(SEARCH, {"q": "Schengen", "lang": "en"}).json()["results"] == []  # still a draft
    services.edition_publish(actor=secretariat, edition=draft)
    assert _titles(client.get(SEARCH, {"q": "Schengen", "lang": "en"}).json()) == ["Schengen"]


def test_search_runs_a_pinned_number_of_queries(edition, django_assert_num_queries):
    client = _client()
    # The token and its user, their roles, the latest edition, the search (and the fallback search when the
    # reader's language has no hit); then from the cache: the token, user, roles and the edition.
    with django_assert_num_queries(4):
        client.get(SEARCH, {"q": "grens", "lang": "nl"})
    with django_assert_num_queries(5):
        client.get(SEARCH, {"q": "poursuites", "lang": "nl"})
    with django_assert_num_queries(3):
        client.get(SEARCH, {"q": "poursuites", "lang": "nl"})


def test_search_of_300_sections_in_four_languages_answers_within_50_ms_at_the_95th_percentile(demo, settings):
    """The bench's brochure (ten editions of 300 sections in four languages), searched with queries never asked
    before (no cached answer), in the reader's language and falling back to the others: the generated tsvector
    columns with their GIN indexes find the sections, and only the shown results get excerpts. Each query is timed
    three times and its fastest kept: the machine is shared, and the rest is waiting for a CPU, not searching."""
    import time

    from django.db import connection

    from apps.brochure import bench
    from apps.brochure.models import Edition
    from apps.brochure.search import search

    bench.generate(scale=1.0, seed=11, log=lambda line: None)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE brochure_section")  # as generate_bench_data does after the generators
    latest = Edition.objects.order_by("-number").first()
    queries = [
        (language, word, reader)
        for language, words in bench.WORDS.items()
        for word in words[:12]
        for reader in (language, "en" if language != "en" else "nl")
    ]
    timings = []
    for number, (_language, word, reader) in enumerate(queries):
        fastest = None
        for attempt in range(3):
            settings.PORTAL_RELEASE_ID = f"uncached-{number}-{attempt}"  # no answer kept before
            started = time.perf_counter()
            answer = search(edition=latest, query=word, language=reader)
            elapsed = time.perf_counter() - started
            fastest = elapsed if fastest is None else min(fastest, elapsed)
        timings.append(fastest)
        assert answer["results"], (word, reader)
    timings.sort()
    assert len(timings) >= 90
    p95 = timings[int(len(timings) * 0.95) - 1]
    assert p95 < 0.050, p95
    assert search(edition=latest, query="achtervolgingen", language="nl")["results"]
