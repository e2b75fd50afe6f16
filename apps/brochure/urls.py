from django.urls import path, re_path

from . import reader, views

app_name = "brochure"

urlpatterns = [
    path("", views.index, name="index"),
    path("chapters/<uuid:key>/", views.chapter, name="chapter"),
    path("search/", views.search_page, name="search"),
    path("contacts/", views.contacts, name="contacts"),
    path("editions/", views.edition_list, name="editions"),
    path("editions/<int:number>/", views.edition, name="edition"),
    path("editions/<int:number>/chapters/<uuid:key>/", views.chapter, name="edition_chapter"),
    path("editions/<int:number>/brochure.pdf", views.edition_pdf, name="edition_pdf"),
    path("editions/<int:number>/chapters/<uuid:key>/chapter.pdf", views.chapter_pdf, name="chapter_pdf"),
    path("changes/", views.changes, name="changes"),
    path("reader/", reader.reader, name="reader"),
    path("reader/sw.js", reader.sw_js, name="reader_sw"),
    path("reader/manifest.webmanifest", reader.manifest, name="reader_manifest"),
    path("reader/edition.json", reader.edition_json, name="reader_edition"),
    path("reader/latest.json", reader.latest_json, name="reader_latest"),
    # The secretariat's.
    path("draft/", views.draft, name="draft"),
    path("draft/start/", views.draft_start, name="draft_start"),
    path("draft/publish/", views.draft_publish, name="draft_publish"),
    path("draft/discard/", views.draft_discard, name="draft_discard"),
    path("draft/notes/", views.draft_notes, name="draft_notes"),
    path("draft/chapters/new/", views.chapter_form, name="chapter_new"),
    path("draft/chapters/<uuid:key>/", views.draft_preview, name="draft_chapter"),
    path("draft/chapters/<uuid:key>/edit/", views.chapter_form, name="chapter_edit"),
    path("draft/chapters/<uuid:chapter_key>/sections/new/", views.section_form, name="section_new"),
    path("draft/sections/<uuid:key>/edit/", views.section_form, name="section_edit"),
    path("draft/contacts/new/", views.contact_form, name="contact_new"),
    path("draft/contacts/<uuid:key>/edit/", views.contact_form, name="contact_edit"),
    re_path(
        r"^draft/(?P<kind>chapter|section|contact)/(?P<key>[0-9a-f-]{36})/(?P<action>up|down|delete)/$",
        views.draft_item_action,
        name="draft_item_action",
    ),
]
