"""Pages of the brochure: the reader's (latest edition, earlier editions, chapters, contact points) and the
secretariat's (the draft edition, its chapters, sections and contact points, and publishing it)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.caching import answer_key, body_html, body_parts, lookup
from apps.core.errors import ApplicationError

from . import changes as brochure_changes
from . import pdf as brochure_pdf
from . import search as brochure_search
from . import selectors, services
from .caching import BROCHURE
from .choices import LANGUAGES, MemberCountry, Tag
from .forms import ChapterForm, ContactForm, EditionNotesForm, PublishForm, SectionForm
from .permissions import can_edit

PAGE_CACHE_SECONDS = 15 * 60


def _language() -> str:
    return translation.get_language() or "nl"


def _cached_page(request, name: str, template: str, build) -> dict:
    """A reader's page body, cached for everyone who sees the same (editors see a link more) at the same address in
    the same language, until the brochure changes (``BROCHURE``); a hit runs no query. ``build()`` gives the
    page's title and the context of ``template``; an Http404 it raises is not cached."""
    selectors.reader_check(user=request.user)
    editor = can_edit(request.user)
    entry = lookup(answer_key(name, [editor], request=request), [BROCHURE])
    if entry.value is None:
        title, context = build()
        parts = body_parts(template, {**context, "can_edit": editor, "tags": dict(Tag.choices)})
        entry.keep({"title": title, "parts": parts}, PAGE_CACHE_SECONDS)
    return render(
        request,
        "brochure/page.html",
        {"title": entry.value["title"], "body": body_html(entry.value["parts"], request)},
    )


def _edition_context(edition, latest) -> dict:
    language = _language()
    return {
        "edition": edition,
        "notes": getattr(edition, f"notes_{language}") or edition.notes_nl if edition else "",
        "is_latest": latest is not None and edition is not None and edition.pk == latest.pk,
        "latest": latest,
        "language": language,
        "url_prefix": _prefix(edition, latest),
    }


def _prefix(edition, latest) -> str:
    """Where the chapters of ``edition`` live: the latest at /brochure/, earlier ones under their number."""
    if edition is not None and edition.is_draft:
        return reverse("brochure:draft")
    if edition is None or (latest is not None and edition.pk == latest.pk):
        return reverse("brochure:index")
    return reverse("brochure:edition", args=[edition.number])


def index(request):
    """The latest edition: its table of contents, the search form, the downloads and the offline reader."""

    def build():
        latest = selectors.edition_latest_for(user=request.user)
        contents = selectors.table_of_contents(latest, _language()) if latest else []
        context = {
            **_edition_context(latest, latest),
            "contents": contents,
            "countries": MemberCountry.choices,
            "tag_choices": Tag.choices,
        }
        return _("Brochure"), context

    return _cached_page(request, "brochure:index", "brochure/_index.html", build)


def edition(request, number):
    """An earlier (or the latest) edition's table of contents."""

    def build():
        shown = selectors.edition_get_for_user(user=request.user, number=number)
        latest = selectors.edition_latest_for(user=request.user)
        context = {**_edition_context(shown, latest), "contents": selectors.table_of_contents(shown, _language())}
        return str(shown), context

    return _cached_page(request, "brochure:edition", "brochure/_index.html", build)


def chapter(request, key, number=None):
    """A chapter with its sections, in the reader's language (a section missing in it shows the original)."""

    def build():
        latest = selectors.edition_latest_for(user=request.user)
        shown = latest if number is None else selectors.edition_get_for_user(user=request.user, number=number)
        if shown is None:
            raise selectors.Http404
        return _chapter_page(shown, latest, key)

    return _cached_page(request, "brochure:chapter", "brochure/_chapter.html", build)


def _chapter_page(shown, latest, key, *, preview: bool = False):
    language = _language()
    found = selectors.chapter_of(edition=shown, key=key)
    contents = selectors.table_of_contents(shown, language)
    keys = [item["chapter"].key for item in contents]
    place = keys.index(found.key)
    context = {
        **_edition_context(shown, latest),
        "item": contents[place],
        "previous": contents[place - 1]["chapter"] if place > 0 else None,
        "next": contents[place + 1]["chapter"] if place + 1 < len(contents) else None,
        "preview": preview,
    }
    return contents[place]["chapter"].title, context


def contacts(request):
    """The contact points of the latest edition, by country."""

    def build():
        latest = selectors.edition_latest_for(user=request.user)
        language = _language()
        rows = (
            [selectors.localise_contact(contact, language) for contact in selectors.contacts_of(edition=latest)]
            if latest
            else []
        )
        by_country = [
            {"code": code, "name": name, "contacts": [row for row in rows if row.country == code]}
            for code, name in MemberCountry.choices
        ]
        return _("Contact points"), {**_edition_context(latest, latest), "by_country": by_country}

    return _cached_page(request, "brochure:contacts", "brochure/_contacts.html", build)


def edition_list(request):
    def build():
        editions = list(selectors.edition_list_for(user=request.user))
        return _("Editions"), {"editions": editions, "latest": editions[0] if editions else None}

    return _cached_page(request, "brochure:editions", "brochure/_editions.html", build)


# The secretariat's pages ----------------------------------------------------------------------------------------


def _draft(request):
    draft = selectors.edition_draft_for(user=request.user)
    if draft is None:
        raise selectors.Http404
    return draft


def _apply_errors(form, error: ApplicationError) -> None:
    for field, field_messages in error.errors.items():
        target = field if field in form.fields else None
        if target is None and f"{field}_nl" in form.fields:
            target = f"{field}_nl"
        for message in field_messages:
            form.add_error(target, message)
    if not error.errors:
        form.add_error(None, error.message)


def draft(request):
    """The draft edition: its chapters, sections and contact points, what keeps it from publication, and the
    buttons to start, publish or discard it."""
    found = selectors.edition_draft_for(user=request.user)
    latest = selectors.edition_latest_for(user=request.user)
    context = {"draft": found, "latest": latest, "language": _language()}
    if found is not None:
        context.update(
            contents=selectors.table_of_contents(found, _language()),
            contacts=[selectors.localise_contact(c, _language()) for c in selectors.contacts_of(edition=found)],
            problems=services.publication_problems(found),
            publish_form=PublishForm(),
        )
    return render(request, "brochure/draft.html", context)


@require_POST
def draft_start(request):
    # Starting a draft shows nothing of one: refused (403) to whoever may not edit, as every action of a role one
    # does not have; the draft's own pages and actions stay a 404 for them (the draft does not exist for readers).
    if not can_edit(request.user):
        raise PermissionDenied
    try:
        services.edition_start_draft(actor=request.user)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("A new draft edition is ready: it starts as a copy of the latest edition."))
    return redirect("brochure:draft")


@require_POST
def draft_publish(request):
    found = _draft(request)
    form = PublishForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, error)
        return redirect("brochure:draft")
    try:
        published = services.edition_publish(
            actor=request.user, edition=found, published_on=form.cleaned_data["published_on"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
        for problem in error.errors.get("non_field_errors", []):
            messages.error(request, problem)
        return redirect("brochure:draft")
    messages.success(request, _("Edition %(number)s is published; readers see it now.") % {"number": published.number})
    return redirect("brochure:index")


@require_POST
def draft_discard(request):
    found = _draft(request)
    services.edition_discard_draft(actor=request.user, edition=found)
    messages.success(request, _("The draft has been discarded."))
    return redirect("brochure:draft")


def draft_preview(request, key):
    """A chapter of the draft as readers will see it: for the secretariat only, never cached."""
    found = _draft(request)
    latest = selectors.edition_latest_for(user=request.user)
    title, context = _chapter_page(found, latest, key, preview=True)
    context.update(can_edit=True)
    return render(request, "brochure/preview.html", {"title": title, **context})


def _form_page(request, *, form, template_context: dict, save, success: str):
    """Validate ``form`` on POST and call ``save(cleaned_data)``; its refusals land on the form's fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ApplicationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("brochure:draft")
    status = 400 if request.method == "POST" else 200
    return render(request, "brochure/form.html", {"form": form, **template_context}, status=status)


def draft_notes(request):
    found = _draft(request)
    form = EditionNotesForm(request.POST or None, initial=EditionNotesForm.initial_for(found))
    return _form_page(
        request,
        form=form,
        template_context={"heading": _("What is new in this edition"), "groups": ["notes"]},
        save=lambda data: services.edition_update(actor=request.user, edition=found, **data),
        success=_("The notes have been saved."),
    )


def chapter_form(request, key=None):
    found = _draft(request)
    obj = selectors.chapter_of(edition=found, key=key) if key else None
    initial = ChapterForm.initial_for(obj) if obj else None
    form = ChapterForm(request.POST or None, initial=initial)

    def save(data):
        if obj is None:
            services.chapter_create(actor=request.user, edition=found, **data)
        else:
            services.chapter_update(actor=request.user, chapter=obj, **data)

    return _form_page(
        request,
        form=form,
        template_context={"heading": _("Edit chapter") if obj else _("Add a chapter"), "groups": ["title"]},
        save=save,
        success=_("The chapter has been saved."),
    )


def section_form(request, key=None, chapter_key=None):
    found = _draft(request)
    obj = selectors.section_of(edition=found, key=key) if key else None
    if obj is not None:
        initial = SectionForm.initial_for(obj)
    else:
        initial = {"chapter": selectors.chapter_of(edition=found, key=chapter_key).key}
    form = SectionForm(request.POST or None, initial=initial, edition=found)

    def save(data):
        data = dict(data)
        if obj is None:
            chapter = data.pop("chapter")
            services.section_create(actor=request.user, chapter=chapter, **data)
        else:
            services.section_update(actor=request.user, section=obj, **data)

    return _form_page(
        request,
        form=form,
        template_context={
            "heading": _("Edit section") if obj else _("Add a section"),
            "groups": ["title", "body"],
            "others": ["chapter", "tags", "countries"],
            "markdown_help": True,
        },
        save=save,
        success=_("The section has been saved."),
    )


def contact_form(request, key=None):
    found = _draft(request)
    obj = selectors.contact_of(edition=found, key=key) if key else None
    form = ContactForm(request.POST or None, initial=ContactForm.initial_for(obj) if obj else None)

    def save(data):
        if obj is None:
            services.contact_create(actor=request.user, edition=found, **data)
        else:
            services.contact_update(actor=request.user, contact=obj, **data)

    return _form_page(
        request,
        form=form,
        template_context={
            "heading": _("Edit contact point") if obj else _("Add a contact point"),
            "others": ["country", "phone", "secure_email"],
            "groups": ["organisation", "service", "hours", "notes"],
        },
        save=save,
        success=_("The contact point has been saved."),
    )


_KINDS = {
    "chapter": (selectors.chapter_of, services.chapter_delete, services.chapter_move, "chapter"),
    "section": (selectors.section_of, services.section_delete, services.section_move, "section"),
    "contact": (selectors.contact_of, services.contact_delete, services.contact_move, "contact"),
}


@require_POST
def draft_item_action(request, kind, key, action):
    """Move a chapter, section or contact point up or down, or delete it."""
    found = _draft(request)
    get, delete, move, argument = _KINDS[kind]
    obj = get(edition=found, key=key)
    try:
        if action == "delete":
            delete(actor=request.user, **{argument: obj})
            messages.success(request, _("Deleted."))
        else:
            move(actor=request.user, up=action == "up", **{argument: obj})
    except ApplicationError as error:
        messages.error(request, error.message)
    return redirect("brochure:draft")


def search_page(request):
    """Search the latest edition in the reader's language (falling back to the others), by subject and country."""

    def build():
        latest = selectors.edition_latest_for(user=request.user)
        answer = brochure_search.search(
            edition=latest,
            query=request.GET.get("q", ""),
            language=_language(),
            tag=request.GET.get("tag", ""),
            country=request.GET.get("country", ""),
        )
        context = {
            **_edition_context(latest, latest),
            "answer": answer,
            "query": answer["query"],
            "tag": request.GET.get("tag", ""),
            "country": request.GET.get("country", ""),
            "countries": MemberCountry.choices,
            "tag_choices": Tag.choices,
            "language_names": dict(settings.LANGUAGES),
        }
        title = _("Search") if not answer["query"] else _("Search: %(query)s") % {"query": answer["query"]}
        return title, context

    return _cached_page(request, "brochure:search", "brochure/_search.html", build)


def _pdf_language(request) -> str:
    language = request.GET.get("lang", "")
    return language if language in LANGUAGES else _language()


def _pdf_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    patch_cache_control(response, private=True, max_age=0)
    return response


def edition_pdf(request, number):
    """A published edition as a PDF in ``?lang=`` (the reader's language by default), with a table of contents."""
    shown = selectors.edition_get_for_user(user=request.user, number=number)
    language = _pdf_language(request)
    body = brochure_pdf.cached_pdf(edition=shown, language=language)
    return _pdf_response(body, f"benelux-brochure-{shown.number}-{language}.pdf")


def chapter_pdf(request, number, key):
    shown = selectors.edition_get_for_user(user=request.user, number=number)
    found = selectors.chapter_of(edition=shown, key=key)
    language = _pdf_language(request)
    body = brochure_pdf.cached_pdf(edition=shown, language=language, chapter=found)
    return _pdf_response(body, f"benelux-brochure-{shown.number}-{language}-chapter-{found.position}.pdf")


def changes(request):
    """What changed between two published editions (``?from=`` and ``?to=``; by default the latest and the one
    before), section by section."""

    def build():
        editions = list(selectors.edition_list_for(user=request.user))
        numbers = [edition.number for edition in editions]
        newer = _edition_in(editions, request.GET.get("to"), numbers[0] if numbers else None)
        older = _edition_in(editions, request.GET.get("from"), newer.number - 1 if newer else None)
        context = {"editions": editions, "older": older, "newer": newer, "latest": editions[0] if editions else None}
        if older is not None and newer is not None:
            context["changes"] = brochure_changes.compare(old=older, new=newer, language=_language())
        return _("What changed"), context

    return _cached_page(request, "brochure:changes", "brochure/_changes.html", build)


def _edition_in(editions, asked, default):
    """The edition numbered ``asked`` (else ``default``) among ``editions``; an unknown number is a 404."""
    number = asked if asked not in (None, "") else default
    if number is None:
        return None
    found = next((edition for edition in editions if str(edition.number) == str(number)), None)
    if found is None and asked not in (None, ""):
        raise selectors.Http404
    return found
