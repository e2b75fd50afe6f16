"""The page frame ({% frame %}): rendered once per language and kind of user, with each request's own parts in holes."""

import re

import pytest
from django.template import Context, Engine, TemplateSyntaxError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGINE = Engine(libraries={"frame": "apps.core.templatetags.frame"})


class Counter:
    """0, 1, 2... one more each time a template reads ``counter.next``."""

    def __init__(self):
        self.count = -1

    def next(self):
        self.count += 1
        return self.count


def test_fixed_parts_render_once_per_argument_values_and_holes_on_every_render():
    counter = Counter()
    template = ENGINE.from_string(
        "{% load frame %}{% frame language %}[{{ counter.next }}|{% hole %}{{ name }}{% endhole %}]{% endframe %}"
    )

    def render(language, name):
        return template.render(Context({"counter": counter, "language": language, "name": name}))

    assert render("en", "Eva") == "[0|Eva]"
    assert render("en", "Jan") == "[0|Jan]"  # the fixed part is the one rendered first; the hole is this render's
    assert render("fr", "Jan") == "[1|Jan]"  # other argument values: rendered again
    assert render("fr", "<b>") == "[1|&lt;b&gt;]"  # holes escape as the template does


def test_a_hole_is_rendered_with_the_context_around_the_frame_wherever_it_stands():
    template = ENGINE.from_string(
        "{% load frame %}{% frame %}{% for item in items %}{% if forloop.first %}{% hole %}{{ name }}{% endhole %}"
        "{% endif %}{{ item }}{% endfor %}{% endframe %}"
    )
    assert template.render(Context({"items": [1, 2], "name": "a"})) == "a12"
    assert template.render(Context({"items": [1, 2], "name": "b"})) == "b12"


def test_pages_extending_a_frame_fill_its_blocks_on_every_render():
    """``{% extends %}`` finds the blocks inside the frame once (the frame keeps the walk), for every page."""
    engine = Engine(
        libraries={"frame": "apps.core.templatetags.frame"},
        loaders=[
            (
                "django.template.loaders.cached.Loader",
                [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "base": "{% load frame %}{% frame %}<{% hole %}{% block a %}A{% endblock %}{% endhole %}"
                            "|{% hole %}{% block b %}B{% endblock %}{% endhole %}>{% endframe %}",
                            "one": "{% extends 'base' %}{% block a %}{{ x }}{% endblock %}",
                            "two": "{% extends 'base' %}{% block b %}{{ block.super }}{{ x }}{% endblock %}",
                        },
                    )
                ],
            )
        ],
    )
    assert engine.get_template("one").render(Context({"x": 1})) == "<1|B>"
    assert engine.get_template("one").render(Context({"x": 2})) == "<2|B>"
    assert engine.get_template("two").render(Context({"x": 3})) == "<A|B3>"
    assert engine.get_template("base").render(Context({})) == "<A|B>"


def test_a_hole_outside_a_frame_is_refused():
    with pytest.raises(TemplateSyntaxError):
        ENGINE.from_string("{% load frame %}{% hole %}x{% endhole %}").render(Context({}))


def test_each_user_sees_their_own_name_and_forms_in_the_page_frame(demo, login):
    """Two users of one language and kind on the same page share the frame, never its holes."""
    first = login("chief.nl", language="en").get(reverse("accounts:profile")).content.decode()
    operator = login("operator.be", language="en")
    second = operator.get(reverse("accounts:profile")).content.decode()
    assert "Marloes" in first and "Marloes" not in second
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', second)
    assert len(tokens) == 2 and not set(tokens) & set(re.findall(r'csrfmiddlewaretoken" value="([^"]+)"', first))
    assert 'name="next" value="/accounts/profile/?tab=1"' in operator.get("/accounts/profile/?tab=1").content.decode()
    checking = Client(enforce_csrf_checks=True)
    checking.cookies = operator.cookies
    assert checking.post(reverse("accounts:logout"), {"csrfmiddlewaretoken": tokens[1]}).status_code == 302


def test_only_staff_see_the_administration_link_whoever_saw_the_page_first(demo, login):
    administration = f'href="{reverse("admin:index")}"'
    assert administration not in login("chief.nl", language="en").get(reverse("home")).content.decode()
    assert administration in login("admin", language="en").get(reverse("home")).content.decode()
    assert administration not in login("operator.be", language="en").get(reverse("home")).content.decode()


def _own_values_left_out(page: str, user) -> str:
    """The page with what the frame's holes give this user (name, CSRF tokens) in place of their values."""
    page = page.replace(user.get_full_name(), "NAME")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', 'name="csrfmiddlewaretoken" value="TOKEN"', page)


def test_users_of_other_organisations_roles_and_names_share_the_frame_and_see_only_their_own_values(demo, login):
    """The frame is kept per language and kind of user: whatever else differs between two users must be in a hole,
    or the first user's value would show on the second user's page."""
    from django.contrib.auth import get_user_model

    User = get_user_model()  # noqa: N806 - the model
    chief, operator = User.objects.get(username="chief.nl"), User.objects.get(username="operator.be")
    assert (chief.organisation_id, chief.roles, chief.get_full_name()) != (
        operator.organisation_id,
        operator.roles,
        operator.get_full_name(),
    )
    first = login("chief.nl", language="en").get(reverse("brochure:index")).content.decode()
    second = login("operator.be", language="en").get(reverse("brochure:index")).content.decode()
    assert chief.get_full_name() in first and operator.get_full_name() not in first
    assert operator.get_full_name() in second and chief.get_full_name() not in second
    assert _own_values_left_out(first, chief) == _own_values_left_out(second, operator)


def test_each_user_gets_the_frame_in_their_own_language_whoever_came_first(demo, login):
    french = login("operator.lu", language="fr").get(reverse("brochure:index")).content.decode()
    dutch = login("chief.nl", language="nl").get(reverse("brochure:index")).content.decode()
    assert '<html lang="fr">' in french and "Se déconnecter" in french
    assert '<html lang="nl">' in dutch and "Uitloggen" in dutch
    assert "Carine" in french and "Carine" not in dutch and "Marloes" in dutch and "Marloes" not in french
