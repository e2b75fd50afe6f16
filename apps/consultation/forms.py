"""Input of the consultation pages; the services check the business rules again and save."""

from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Country, Organisation
from apps.core.forms import DATETIME_FORMAT, DateInput, LocalDateTimeInput, SectionsMixin

from .choices import REPORTED_CHOICES, ActionStatus, AttendanceKind, AttendanceStatus, MeetingFormat, ProgressStatus
from .models import Body, Topic

LANGUAGE_NAMES = dict(settings.LANGUAGES)
BRUSSELS = ZoneInfo("Europe/Brussels")
RECORDED = [
    (AttendanceStatus.INVITED, _("Not recorded")),
    (AttendanceStatus.PRESENT, AttendanceStatus.PRESENT.label),
    (AttendanceStatus.EXCUSED, AttendanceStatus.EXCUSED.label),
    (AttendanceStatus.ABSENT, AttendanceStatus.ABSENT.label),
]


class TranslatedFieldsMixin:
    """Adds ``<field>_nl``, ``_fr``, ``_de``, ``_en`` for each translated field, grouped per field for the template
    (``translated_groups``: label, hint and the four inputs)."""

    translated: tuple[tuple[str, object, bool], ...] = ()  # (field, label, multi-line)

    def add_translated_fields(self):
        for field, label, multi_line in self.translated:
            for code, name in settings.LANGUAGES:
                self.fields[f"{field}_{code}"] = forms.CharField(
                    label=_("%(field)s (%(language)s)") % {"field": label, "language": name},
                    required=False,
                    max_length=20_000 if multi_line else 300,
                    widget=forms.Textarea(attrs={"rows": 4, "lang": code})
                    if multi_line
                    else forms.TextInput(attrs={"lang": code}),
                )

    def translated_groups(self):
        return [
            {"label": label, "fields": [self[f"{field}_{code}"] for code in LANGUAGE_NAMES]}
            for field, label, _multi in self.translated
        ]

    def shown_apart(self) -> set[str]:
        return {f"{field}_{code}" for field, _label, _multi in self.translated for code in LANGUAGE_NAMES}

    def other_fields(self):
        names = self.shown_apart()
        return [field for field in self if field.name not in names and not field.is_hidden]

    def translated_values(self) -> dict:
        return {
            f"{field}_{code}": self.cleaned_data.get(f"{field}_{code}", "")
            for field, _label, _multi in self.translated
            for code in LANGUAGE_NAMES
        }

    @staticmethod
    def initial_translations(obj, fields) -> dict:
        return {f"{field}_{code}": getattr(obj, f"{field}_{code}") or "" for field in fields for code in LANGUAGE_NAMES}


class MeetingForm(SectionsMixin, forms.Form):
    sections = (
        (_("Body and time"), ("body", "starts_at", "ends_at")),
        (_("Where"), ("format", "place", "online_link")),
        (_("Chair and minutes"), ("chair_country", "chair_name", "language")),
    )

    body = forms.ModelChoiceField(
        label=_("Consultation body"), queryset=Body.objects.filter(is_active=True).order_by("code"), empty_label=None
    )
    starts_at = forms.DateTimeField(label=_("Start"), widget=LocalDateTimeInput(), help_text=_("Brussels time."))
    ends_at = forms.DateTimeField(label=_("End"), widget=LocalDateTimeInput(), help_text=_("Brussels time."))
    format = forms.ChoiceField(label=_("Format"), choices=MeetingFormat.choices, widget=forms.RadioSelect)
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("E.g. Benelux Secretariat-General, Rue de la Régence 39, Brussels."),
    )
    online_link = forms.CharField(
        label=_("Link to join online"), max_length=500, required=False, help_text=_("For a digital or hybrid meeting.")
    )
    language = forms.ChoiceField(
        label=_("Language of the minutes"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )
    chair_country = forms.ModelChoiceField(
        label=_("Chairing country"),
        queryset=Country.objects.filter(is_member=True).order_by("code"),
        required=False,
        empty_label=_("Not decided yet"),
        help_text=_("The chair rotates between the countries."),
    )
    chair_name = forms.CharField(label=_("Chair"), max_length=200, required=False)

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Read once: a select without an empty choice reads its first option again to decide on "required".
        self.fields["body"].choices = [(body.pk, str(body)) for body in self.fields["body"].queryset]
        if meeting is not None:
            self.fields["body"].disabled = True
            self.fields["body"].help_text = _("A meeting stays with its body.")

    def clean(self):
        cleaned = super().clean()
        # The browser sends wall-clock times: read them in Brussels time.
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is not None:
                cleaned[name] = timezone.make_naive(value).replace(tzinfo=BRUSSELS)
        return cleaned

    @staticmethod
    def initial_for(meeting) -> dict:
        return {
            "body": meeting.body_id,
            "starts_at": meeting.starts_at.astimezone(BRUSSELS).strftime(DATETIME_FORMAT),
            "ends_at": meeting.ends_at.astimezone(BRUSSELS).strftime(DATETIME_FORMAT),
            "format": meeting.format,
            "place": meeting.place,
            "online_link": meeting.online_link,
            "language": meeting.language,
            "chair_country": meeting.chair_country_id,
            "chair_name": meeting.chair_name,
        }


class AgendaItemForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False), ("description", _("Description"), True))
    presenter = forms.CharField(
        label=_("Presenter"), max_length=200, required=False, help_text=_("E.g. Grand-Ducal Police (LU).")
    )
    link = forms.ChoiceField(
        label=_("Objective or activity concerned"),
        required=False,
        help_text=_("An objective of a work programme, or one of its activities, that the item is about."),
    )

    def __init__(self, *args, objectives=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.objectives = {objective.pk: objective for objective in objectives}
        self.activities = {
            activity.pk: activity for objective in objectives for activity in objective.linkable_activities
        }
        self.fields["link"].choices = link_choices(objectives)

    @staticmethod
    def initial_link(item) -> str:
        if item.activity_id:
            return f"activity:{item.activity_id}"
        return f"objective:{item.objective_id}" if item.objective_id else ""

    def service_values(self) -> dict:
        """Texts, presenter, and the objective or activity concerned (each None unless chosen)."""
        kind, _sep, pk = (self.cleaned_data.get("link") or "").partition(":")
        return {
            **self.translated_values(),
            "presenter": self.cleaned_data["presenter"],
            "objective": self.objectives.get(int(pk)) if kind == "objective" else None,
            "activity": self.activities.get(int(pk)) if kind == "activity" else None,
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Document title"), max_length=200)
    url = forms.CharField(
        label=_("Address of the document"), max_length=500, help_text=_("Where the secretariat keeps it: https://…")
    )


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", _("Up")), ("down", _("Down"))])


class AttendanceForm(forms.Form):
    """One status per member of the meeting's list (``status-<id>``)."""

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = list(rows)
        for row in self.rows:
            self.fields[f"status-{row.pk}"] = forms.ChoiceField(
                label=row.name, choices=RECORDED, initial=row.status, required=True
            )

    def row_fields(self):
        return [(row, self[f"status-{row.pk}"]) for row in self.rows]

    def statuses(self) -> dict:
        return {row.pk: self.cleaned_data[f"status-{row.pk}"] for row in self.rows}


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.filter(is_active=True).select_related("country"),
        required=False,
        empty_label=_("None / the member's"),
    )


class SubstituteForm(PersonForm):
    represents = forms.TypedChoiceField(label=_("Represents"), coerce=int)

    field_order = ["represents", "name", "function", "organisation"]

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["represents"].choices = [
            (row.pk, f"{row.name} ({row.organisation.short_name})" if row.organisation_id else row.name)
            for row in members
        ]


class GuestForm(PersonForm):
    kind = forms.ChoiceField(
        label=_("As"),
        choices=[
            (AttendanceKind.GUEST, AttendanceKind.GUEST.label),
            (AttendanceKind.MEMBER, AttendanceKind.MEMBER.label),
        ],
        initial=AttendanceKind.GUEST,
    )


class MinutesForm(forms.Form):
    """The notes of each agenda item (``notes-<id>``) and the general notes, with the edit counter the editor
    started from (optimistic locking)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    summary = forms.CharField(
        label=_("General notes"), required=False, max_length=20_000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, items=(), language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"notes-{item.pk}"] = forms.CharField(
                label=_("Notes"),
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 5, "lang": language or ""}),
            )

    def item_fields(self):
        return [(item, self[f"notes-{item.pk}"]) for item in self.items]

    def notes(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"notes-{item.pk}", "") for item in self.items}


class MinutesStepForm(forms.Form):
    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)
    correction_note = forms.CharField(
        label=_("What this version corrects"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False), ("text", _("Text adopted"), True))
    language = forms.ChoiceField(
        label=_("Language adopted in"),
        choices=settings.LANGUAGES,
        help_text=_("Its title and text in that language are the original; the others are translations."),
    )
    number = forms.IntegerField(
        label=_("Number"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=_("Leave empty for the next free number of the body's year."),
    )
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.order_by("code"), required=False)
    agenda_item = forms.TypedChoiceField(label=_("Agenda item"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.items = {item.pk: item for item in items}
        self.fields["agenda_item"].choices = [("", "–"), *((item.pk, str(item)) for item in items)]

    def service_values(self) -> dict:
        item = self.cleaned_data.get("agenda_item")
        return {
            **self.translated_values(),
            "language": self.cleaned_data["language"],
            "number": self.cleaned_data.get("number"),
            "topic": self.cleaned_data.get("topic"),
            "agenda_item": self.items.get(item) if item else None,
        }


class ActionPointForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False), ("description", _("Description"), True))
    owner_organisation = forms.ModelChoiceField(
        label=_("Owner organisation"),
        queryset=Organisation.objects.filter(is_active=True).select_related("country"),
        required=False,
    )
    owner_name = forms.CharField(label=_("Owner (person)"), max_length=200, required=False)
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, initial=ActionStatus.OPEN)
    status_note = forms.CharField(label=_("Progress note"), max_length=300, required=False)
    agenda_item = forms.TypedChoiceField(label=_("Agenda item"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.items = {item.pk: item for item in items}
        self.fields["agenda_item"].choices = [("", "–"), *((item.pk, str(item)) for item in items)]

    def service_values(self) -> dict:
        item = self.cleaned_data.get("agenda_item")
        return {
            **self.translated_values(),
            "owner_organisation": self.cleaned_data.get("owner_organisation"),
            "owner_name": self.cleaned_data.get("owner_name", ""),
            "due_date": self.cleaned_data.get("due_date"),
            "status": self.cleaned_data["status"],
            "status_note": self.cleaned_data.get("status_note", ""),
            "agenda_item": self.items.get(item) if item else None,
        }


# Objectives and activities ----------------------------------------------------------------------------------------


class ProgrammeForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False),)
    body = forms.ModelChoiceField(
        label=_("Consultation body"), queryset=Body.objects.filter(is_active=True).order_by("code"), empty_label=None
    )
    start_year = forms.IntegerField(label=_("First year"), widget=forms.NumberInput(attrs={"min": 1900, "max": 2199}))
    end_year = forms.IntegerField(label=_("Last year"), widget=forms.NumberInput(attrs={"min": 1900, "max": 2199}))

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.fields["body"].choices = [(body.pk, str(body)) for body in self.fields["body"].queryset]
        if programme is not None:
            self.fields["body"].disabled = True
            self.fields["body"].help_text = _("A work programme stays with its body.")

    def service_values(self) -> dict:
        return {
            **self.translated_values(),
            "start_year": self.cleaned_data["start_year"],
            "end_year": self.cleaned_data["end_year"],
        }


class ObjectiveForm(TranslatedFieldsMixin, forms.Form):
    translated = (("title", _("Title"), False), ("description", _("Description"), True))
    number = forms.IntegerField(
        label=_("Number"), required=False, help_text=_("Leave empty for the next number of the programme.")
    )
    target_date = forms.DateField(label=_("Target date"), widget=DateInput())
    owner_body = forms.ModelChoiceField(
        label=_("Owner body"),
        queryset=Body.objects.filter(is_active=True).order_by("code"),
        required=False,
        empty_label=_("The programme's body"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=REPORTED_CHOICES, initial=ProgressStatus.NOT_STARTED)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.fields["owner_body"].choices = [
            ("", self.fields["owner_body"].empty_label),
            *((body.pk, str(body)) for body in self.fields["owner_body"].queryset),
        ]

    def service_values(self) -> dict:
        return {
            **self.translated_values(),
            "number": self.cleaned_data.get("number"),
            "target_date": self.cleaned_data["target_date"],
            "owner_body": self.cleaned_data.get("owner_body"),
            "status": self.cleaned_data["status"],
        }


class ActivityForm(TranslatedFieldsMixin, SectionsMixin, forms.Form):
    """An activity; its decisions and action points are chosen among those of the programme's body and years."""

    translated = (("title", _("Title"), False), ("description", _("Description"), True))
    sections = (
        (_("Lead and dates"), ("number", "lead", "starts_on", "due_on")),
        (_("Linked to meetings"), ("decisions", "action_points")),
    )
    number = forms.IntegerField(
        label=_("Number"), required=False, help_text=_("Leave empty for the next number of the objective.")
    )
    lead = forms.TypedChoiceField(
        label=_("Lead"),
        coerce=int,
        help_text=_("The organisation or working group that carries it out; its members post the progress updates."),
    )
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    decisions = forms.TypedMultipleChoiceField(
        label=_("Decisions"), coerce=int, required=False, help_text=_("Decisions of meetings that concern it.")
    )
    action_points = forms.TypedMultipleChoiceField(
        label=_("Action points"), coerce=int, required=False, help_text=_("Action points of meetings that concern it.")
    )

    def __init__(self, *args, leads=(), decisions=(), action_points=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.add_translated_fields()
        self.leads = {organisation.pk: organisation for organisation in leads}
        self.decision_rows = {decision.pk: decision for decision in decisions}
        self.point_rows = {point.pk: point for point in action_points}
        self.fields["lead"].choices = [
            ("", "–"),
            *(
                (
                    organisation.pk,
                    f"{organisation.short_name} ({organisation.country_code_label}) · {organisation.name}",
                )
                for organisation in leads
            ),
        ]
        self.fields["decisions"].choices = [
            (decision.pk, f"{decision.reference} · {decision.title}") for decision in decisions
        ]
        self.fields["action_points"].choices = [
            (point.pk, f"{point.meeting.starts_at:%Y-%m-%d} · {point.title}") for point in action_points
        ]
        self.fields["decisions"].widget.attrs["size"] = 6
        self.fields["action_points"].widget.attrs["size"] = 6

    def service_values(self) -> dict:
        return {
            **self.translated_values(),
            "number": self.cleaned_data.get("number"),
            "lead": self.leads.get(self.cleaned_data["lead"]),
            "starts_on": self.cleaned_data["starts_on"],
            "due_on": self.cleaned_data["due_on"],
            "decisions": [self.decision_rows[pk] for pk in self.cleaned_data.get("decisions", [])],
            "action_points": [self.point_rows[pk] for pk in self.cleaned_data.get("action_points", [])],
        }


class ProgressUpdateForm(forms.Form):
    text = forms.CharField(
        label=_("What happened"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Since the last update: what was done, what is next, what holds it up."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=REPORTED_CHOICES)
    progress = forms.IntegerField(
        label=_("Progress (%)"), widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 5})
    )
    reason = forms.CharField(
        label=_("Reason for going back"),
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only when reopening what was done or dropped, or going back to “not started”."),
    )


def link_choices(objectives) -> list:
    """The choices of an agenda item's link, grouped by work programme (objectives with ``linkable_activities``:
    ``selectors.objectives_for_linking``)."""
    groups: dict[str, list] = {}
    for objective in objectives:
        options = groups.setdefault(str(objective.programme), [])
        options.append((f"objective:{objective.pk}", f"{objective.number}. {objective.title}"))
        for activity in objective.linkable_activities:
            options.append((f"activity:{activity.pk}", f"    {activity.reference} {activity.title}"))
    return [("", "–"), *groups.items()]
