"""The offline reader for phones: an installable web app (manifest and service worker) under /brochure/reader/.

The reader page is a shell (``templates/brochure/reader.html``, ``static/brochure/reader.js``) that shows the
latest edition from a copy it keeps in the browser's Cache Storage: the whole edition in the chosen language with
the contact points, one JSON document (``edition_json``). Online, it asks ``latest_json`` which edition is the
latest and fetches a new copy when the number changed; offline, it reads its copy and says how old it is.

The service worker (``static/brochure/sw.js``) keeps the shell (the page, its script, styles and icons) so that
the page opens without a network. Its scope is the reader's folder, so it must be served from there: ``sw_js``
gives the file with a first line naming what to keep (the static files' addresses, which carry a hash in
production) and a version, which changes with each release and makes browsers install the new worker.
"""

import hashlib
import json

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.core.caching import answer_key, cached
from apps.core.release import release_id

from . import selectors
from .caching import BROCHURE
from .choices import LANGUAGES, MemberCountry

DATA_SECONDS = 60 * 60
SHELL_ASSETS = [
    "css/portal.css",
    "brochure/reader.css",
    "brochure/reader.js",
    "brochure/icon-192.png",
    "brochure/icon-512.png",
]


def _language(request) -> str:
    asked = request.GET.get("lang", "")
    return asked if asked in LANGUAGES else (translation.get_language() or "nl")


def reader(request):
    """The reader's shell page."""
    selectors.reader_check(user=request.user)
    return render(
        request,
        "brochure/reader.html",
        {
            "languages": [(code, translation.get_language_info(code)["name_local"]) for code in LANGUAGES],
            "language": translation.get_language() or "nl",
        },
    )


def edition_data(edition, language: str) -> dict:
    """The whole edition in ``language`` with its contact points, as the reader keeps it."""
    with translation.override(language):
        contents = selectors.table_of_contents(edition, language)
        contacts = [selectors.localise_contact(contact, language) for contact in selectors.contacts_of(edition=edition)]
        countries = dict(MemberCountry.choices)
        return {
            "edition": {
                "number": edition.number,
                "published_on": edition.published_on.isoformat(),
                "label": _("Edition %(number)s of %(date)s")
                % {"number": edition.number, "date": formats.date_format(edition.published_on, "DATE_FORMAT")},
            },
            "language": language,
            "chapters": [
                {
                    "key": str(entry["chapter"].key),
                    "title": entry["chapter"].title,
                    "language": entry["chapter"].language,
                    "sections": [
                        {
                            "key": str(section.key),
                            "title": section.title,
                            "body_html": section.body_html,
                            "language": section.language,
                            "is_fallback": section.is_fallback,
                            "tags": section.tag_labels,
                        }
                        for section in entry["sections"]
                    ],
                }
                for entry in contents
            ],
            "contacts": [
                {
                    "country": contact.country,
                    "country_name": str(countries.get(contact.country, contact.country)),
                    "organisation": contact.organisation,
                    "service": contact.service,
                    "phone": contact.phone,
                    "secure_email": contact.secure_email,
                    "hours": contact.hours,
                    "notes": contact.notes,
                    "language": contact.language,
                }
                for contact in contacts
            ],
        }


@never_cache
def edition_json(request):
    """The latest edition in ``?lang=`` for the reader to keep (cached per edition and language)."""
    latest = selectors.edition_latest_for(user=request.user)
    if latest is None:
        return JsonResponse({"edition": None, "chapters": [], "contacts": []})
    language = _language(request)
    key = answer_key("brochure:reader", [latest.pk], parts=[language])
    # Kept as the JSON object it is sent as (a whole edition: a hit encodes nothing); the moment of this copy is
    # written in as its first member.
    kept = cached(
        key,
        [BROCHURE],
        lambda: json.dumps(edition_data(latest, language), cls=DjangoJSONEncoder).encode(),
        timeout=DATA_SECONDS,
    )
    fetched = json.dumps({"fetched_at": timezone.now().isoformat()}).encode()
    return HttpResponse(fetched[:-1] + b", " + kept[1:], content_type="application/json")


@never_cache
def latest_json(request):
    """Which edition is the latest: the reader compares it with its copy."""
    latest = selectors.edition_latest_for(user=request.user)
    if latest is None:
        return JsonResponse({"number": None, "published_on": None})
    return JsonResponse({"number": latest.number, "published_on": latest.published_on.isoformat()})


def _precache() -> list[str]:
    return [reverse("brochure:reader"), reverse("brochure:reader_manifest"), *(static(path) for path in SHELL_ASSETS)]


def _worker_source() -> str:
    path = finders.find("brochure/sw.js")
    if path:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    with staticfiles_storage.open("brochure/sw.js") as handle:
        return handle.read().decode()


@never_cache
def sw_js(request):
    """The service worker, served from the reader's folder (its scope) with what it keeps and its version."""
    selectors.reader_check(user=request.user)
    precache = _precache()
    version = hashlib.blake2b(f"{release_id()}|{'|'.join(precache)}".encode(), digest_size=8).hexdigest()
    config = json.dumps({"version": version, "precache": precache, "reader": reverse("brochure:reader")})
    body = f"self.BROCHURE_READER = {config};\n{_worker_source()}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = reverse("brochure:reader")
    return response


def manifest(request):
    """The web app manifest: the reader installs on a phone's home screen."""
    selectors.reader_check(user=request.user)
    data = {
        "name": _("Benelux police brochure"),
        "short_name": _("Brochure"),
        "description": _("What police officers may do across the border, and whom to call; also offline."),
        "lang": translation.get_language() or "nl",
        "start_url": reverse("brochure:reader"),
        "scope": reverse("brochure:reader"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b2545",
        "icons": [
            {"src": static("brochure/icon-192.png"), "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": static("brochure/icon-512.png"), "sizes": "512x512", "type": "image/png", "purpose": "any"},
        ],
    }
    response = JsonResponse(data, content_type="application/manifest+json")
    response["Cache-Control"] = "private, max-age=0"
    return response
