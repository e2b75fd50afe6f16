from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Country
from apps.core.forms import LocalDateTimeInput, SectionsMixin
from apps.events.models import Event
from apps.events.selectors import event_list_visible_to, events_overlapping

from .choices import CostArrangement, ItemCondition, LineDecision
from .models import AssistanceRequest, EquipmentItem, RequestedResource, ResourceType
from .services import quantity_problem

EVENT_CHOICE_PAST = timedelta(days=60)


def _event_label(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    return f"{event.title} ({date_format(start, 'SHORT_DATE_FORMAT')}, {event.place})"


# The request form's groups: what is asked of whom, the situation with its place and period, the legal frame.
FORM_GROUPS = [
    (_("The request"), ["kind", "title", "event", "urgency", "requested_countries"]),
    (_("Situation, place and period"), ["operational_context", "place", "start", "end", "after_the_fact"]),
    (
        _("Legal basis, handling code, control and command"),
        ["legal_basis", "handling_code", "operational_control", "command"],
    ),
]


class RequestForm(SectionsMixin, forms.ModelForm):
    """The Benelux assistance and cooperation form (a draft may be saved incomplete; submitting checks it)."""

    sections = FORM_GROUPS

    requested_countries = forms.ModelMultipleChoiceField(
        label=_("Requested countries"),
        queryset=Country.objects.filter(is_member=True),
        widget=forms.CheckboxSelectMultiple,
        to_field_name="code",
        required=False,
    )

    class Meta:
        model = AssistanceRequest
        fields = [
            "kind",
            "title",
            "event",
            "urgency",
            "requested_countries",
            "operational_context",
            "place",
            "start",
            "end",
            "after_the_fact",
            "legal_basis",
            "handling_code",
            "operational_control",
            "command",
        ]
        widgets = {
            "start": LocalDateTimeInput(),
            "end": LocalDateTimeInput(),
            "operational_context": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, organisation=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        events = Event.objects.none()
        if user is not None:
            # Events of the calendar the filer may see, from two months ago on (and the one already chosen).
            visible = event_list_visible_to(user=user)
            recent = events_overlapping(visible, start=timezone.now() - EVENT_CHOICE_PAST, end=None)
            events = visible.filter(Q(pk__in=recent.values("pk")) | Q(pk=self.instance.event_id)).order_by(
                "starts_at", "pk"
            )
        self.fields["event"].queryset = events
        self.fields["event"].label_from_instance = _event_label
        if organisation is not None:
            self.fields["requested_countries"].queryset = Country.objects.filter(is_member=True).exclude(
                pk=organisation.country_id
            )
        if self.instance.pk:
            self.initial["requested_countries"] = [row.country.code for row in self.instance.requested.all()]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The period must end after it starts."))
        return data


class LineForm(forms.ModelForm):
    # No bounds of its own: 0, a negative number and too many get one message (``quantity_problem``), with the
    # largest quantity of the chosen resource type.
    quantity = forms.IntegerField(label=_("Quantity"), widget=forms.NumberInput(attrs={"min": 1}))

    class Meta:
        model = RequestedResource
        fields = ["resource_type", "quantity", "substitutes", "start", "end", "muster_point", "notes"]
        widgets = {
            "start": LocalDateTimeInput(),
            "end": LocalDateTimeInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, resource_types=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["resource_type"]
        field.queryset = ResourceType.objects.filter(is_active=True)
        if resource_types is not None:
            # The catalogue read once for every line of the formset, not once per line.
            field.choices = [("", field.empty_label), *((item.pk, str(item)) for item in resource_types)]

    def clean(self):
        data = super().clean()
        if "quantity" in data:
            problem = quantity_problem(data["quantity"], data.get("resource_type"))
            if problem:
                self.add_error("quantity", problem)
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The period must end after it starts."))
        return data


LineFormSet = forms.formset_factory(LineForm, extra=1, can_delete=True, max_num=30, validate_max=True)


class ResponseLineForm(forms.Form):
    line = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Decision"), choices=LineDecision.choices)
    offered_quantity = forms.IntegerField(label=_("Offered quantity"), min_value=0, initial=0)
    conditions = forms.CharField(label=_("Conditions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    cost_arrangement = forms.ChoiceField(label=_("Cost arrangement"), choices=CostArrangement.choices)


ResponseLineFormSet = forms.formset_factory(ResponseLineForm, extra=0)


class LendItemsForm(forms.Form):
    items = forms.ModelMultipleChoiceField(
        label=_("Equipment to lend (booked for the request's period)"),
        queryset=EquipmentItem.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, available=None, **kwargs):
        super().__init__(*args, **kwargs)
        if available is not None:
            self.fields["items"].queryset = available


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancellation"), widget=forms.Textarea(attrs={"rows": 3}))


class AcceptForm(forms.Form):
    accepted_countries = forms.MultipleChoiceField(
        label=_("Accept the offers of"), widget=forms.CheckboxSelectMultiple, choices=()
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_countries"].choices = [(r.country.code, r.country.name) for r in offers]


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class ReturnForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition on return"), choices=ItemCondition.choices)
    notes = forms.CharField(label=_("Notes on return"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EquipmentItemForm(forms.Form):
    """An item of the registry: its owner (a police service of the operator's country), type, identifier, name."""

    organisation = forms.ModelChoiceField(label=_("Owner"), queryset=None)
    resource_type = forms.ModelChoiceField(label=_("Type"), queryset=None)
    identifier = forms.CharField(
        label=_("Identifier"), max_length=60, help_text=_("Registration or inventory number, e.g. WA-2.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    condition = forms.ChoiceField(label=_("Condition"), choices=ItemCondition.choices, initial=ItemCondition.GOOD)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, organisations=None, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["resource_type"].queryset = ResourceType.objects.filter(is_loanable=True, is_active=True)
        if editing:  # the owner and the condition stay (a return records the condition)
            del self.fields["organisation"]
            del self.fields["condition"]


class EquipmentSearchForm(forms.Form):
    """What is free of a type between two dates, across the three countries."""

    resource_type = forms.ModelChoiceField(
        label=_("Type"), queryset=ResourceType.objects.filter(is_loanable=True, is_active=True)
    )
    start = forms.DateTimeField(label=_("From"), widget=LocalDateTimeInput())
    end = forms.DateTimeField(label=_("Until"), widget=LocalDateTimeInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The period must end after it starts."))
        return data


class RetireForm(forms.Form):
    note = forms.CharField(
        label=_("Why it is retired (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
