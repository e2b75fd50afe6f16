"""Each role's home (issue 16): the dashboard's tiles lead to distinct places that answer; the "API" link sends a
visitor to the log-in page, then to the docs; the token endpoint speaks the client's language; the admin names every
app readably, in the user's language."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "demo-password-2026"
DEMO_USERS = [
    "admin",
    "secretariat",
    "chief.be",
    "chief.nl",
    "operator.lu",
    "liaison.be",
    "liaison.nl",
]
TILE = re.compile(r'<h2 class="card__title"><a href="([^"]+)">')


@pytest.mark.parametrize("username", DEMO_USERS)
def test_every_tile_of_the_dashboard_leads_to_its_own_place_that_answers(demo, login, username):
    client = login(username, language="en")
    addresses = TILE.findall(client.get(reverse("home")).content.decode())
    assert addresses, "no tile"
    assert len(addresses) == len(set(addresses)), addresses
    for address in addresses:
        assert client.get(address).status_code == 200, address


def test_an_administrator_gets_the_administrators_tiles_not_every_roles(demo, login):
    addresses = TILE.findall(login("admin", language="en").get(reverse("home")).content.decode())
    assert reverse("admin:index") in addresses and reverse("notifications:monitoring") in addresses
    assert reverse("liaison:mine") not in addresses and reverse("assistance:index") not in addresses


def test_the_api_docs_send_a_visitor_to_log_in_and_back(demo):
    client = Client()
    answer = client.get(reverse("api-docs"))
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('accounts:login')}?next={reverse('api-docs')}"
    logged_in = client.post(answer["Location"], {"username": "chief.lu", "password": PASSWORD}, follow=True)
    assert logged_in.redirect_chain[-1][0] == reverse("api-docs")
    assert logged_in.status_code == 200
    assert b"swagger" in logged_in.content.lower()


def test_the_api_docs_still_refuse_a_client_with_a_bad_token(demo):
    answer = Client(HTTP_AUTHORIZATION="Token " + "0" * 64).get(reverse("api-docs"))
    assert answer.status_code == 401


TOKEN_REFUSED = {
    "nl": "Inloggen met deze gebruikersnaam en dit wachtwoord is niet gelukt.",
    "fr": "Impossible de se connecter avec ce nom d'utilisateur et ce mot de passe.",
    "de": "Anmeldung mit diesem Benutzernamen und Passwort nicht möglich.",
    "en": "Unable to log in with the given username and password.",
}
INVALID = {
    "nl": "Het verzoek bevat ongeldige gegevens.",
    "fr": "La requête contient des données non valides.",
    "de": "Die übermittelten Daten sind ungültig.",
    "en": "The request contains invalid data.",
}


NOT_JSON = {
    "nl": "De inhoud van het verzoek is geen geldige JSON.",
    "fr": "Le corps de la requête n’est pas du JSON valide.",
    "de": "Der Inhalt des Aufrufs ist kein gültiges JSON.",
    "en": "The body of the request is not valid JSON.",
}


@pytest.mark.parametrize("language", sorted(TOKEN_REFUSED))
def test_the_token_endpoint_answers_in_the_language_the_client_asks_for(demo, language):
    url = reverse("accounts-api:token")
    asks = {"HTTP_ACCEPT_LANGUAGE": f"{language},en;q=0.5"}
    refused = Client().post(url, {"username": "chief.nl", "password": "wrong"}, content_type="application/json", **asks)
    assert refused.status_code == 400
    assert refused.json()["detail"] == TOKEN_REFUSED[language]
    assert refused["Content-Language"] == language
    incomplete = Client().post(url, {"username": "chief.nl"}, content_type="application/json", **asks)
    assert incomplete.status_code == 400
    assert incomplete.json()["detail"] == INVALID[language]
    garbled = Client().post(url, b'{"username": "chief.nl", ', content_type="application/json", **asks)
    assert garbled.status_code == 400
    assert garbled.json() == {"detail": NOT_JSON[language], "errors": {}}


ADMIN_APPS = {
    "nl": ["Aanmeldblokkering", "Apparaten voor tweestapsverificatie", "API-tokens"],
    "fr": ["Blocage de connexion", "Appareils d’authentification à deux facteurs", "Jetons d’API"],
    "de": ["Anmeldesperre", "Geräte für die Zwei-Faktor-Authentifizierung", "API-Token"],
    "en": ["Lock-out", "Two-factor devices", "API tokens"],
}
RAW_LABELS = ["Axes", "Knox", "Otp_Totp", "Otp_Static", "Otp_totp", "Otp_static"]


@pytest.mark.parametrize("language", sorted(ADMIN_APPS))
def test_the_admin_names_every_app_readably_in_the_users_language(demo, login, language):
    body = login("admin", language=language).get(reverse("admin:index")).content.decode()
    for name in ADMIN_APPS[language]:
        assert name in body, name
    for raw in RAW_LABELS:
        assert f">{raw}<" not in body, raw
