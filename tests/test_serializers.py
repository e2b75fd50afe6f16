"""The portal's model serializers work their fields out once per class (``benelux_portal.api.serializers``)."""

from django.utils import translation
from rest_framework import serializers

from apps.accounts.models import Country
from benelux_portal.api.serializers import ModelSerializer


class CountryCodes(ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name"]


def test_each_serializer_gets_fields_of_its_own_worked_out_once(monkeypatch):
    built = []
    get_fields = serializers.ModelSerializer.get_fields
    monkeypatch.setattr(
        serializers.ModelSerializer, "get_fields", lambda self: built.append(type(self)) or get_fields(self)
    )
    monkeypatch.delattr(CountryCodes, "_fields_built", raising=False)
    first, second = CountryCodes(), CountryCodes()
    first.fields["name"].read_only = True
    assert first.fields["name"] is not second.fields["name"] and not second.fields["name"].read_only
    assert second.fields["code"].validators  # the model's uniqueness, as DRF builds it
    assert built == [CountryCodes]


def test_field_labels_and_messages_are_in_the_readers_language(db):
    with translation.override("fr"):
        french = str(CountryCodes().fields["name"].label)
        errors = CountryCodes(data={"code": "XX" * 3, "name": ""})
        assert not errors.is_valid()
        french_error = str(errors.errors["name"][0])
    with translation.override("en"):
        assert str(CountryCodes().fields["name"].label) == "Name" != french
        errors = CountryCodes(data={"code": "XX", "name": ""})
        assert not errors.is_valid() and str(errors.errors["name"][0]) == "This field may not be blank."
    assert french_error != "This field may not be blank."
