import factory
from django.contrib.auth.models import Group

from apps.accounts.choices import OrganisationKind
from apps.accounts.models import Country, Organisation, User
from apps.accounts.services import api_token_issue


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ("code",)

    code = "BE"
    name_nl = factory.LazyAttribute(lambda country: f"Land {country.code}")
    name_en = factory.LazyAttribute(lambda country: f"Country {country.code}")
    is_member = True


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    country = factory.SubFactory(CountryFactory)
    kind = OrganisationKind.POLICE_SERVICE
    short_name = factory.Sequence(lambda n: f"ORG{n}")
    name_nl = factory.Sequence(lambda n: f"Organisatie {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Eva"
    last_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.test")
    organisation = factory.SubFactory(OrganisationFactory)
    preferred_language = "en"
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
        if create:
            self.save()


def api_token_for(user: User) -> str:
    """A new API token of ``user``, as ``POST /api/v1/auth/token/`` hands one out: the text a client sends as
    ``Authorization: Token <token>``."""
    _instance, token = api_token_issue(user=user)
    return token
