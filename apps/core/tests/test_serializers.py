"""The portal's model serializers work their fields out once per class (``apps.core.api.serializers``)."""

from django.contrib.auth.models import Group
from django.utils import translation
from rest_framework import serializers

from apps.core.api.serializers import ModelSerializer


class GroupNames(ModelSerializer):
    class Meta:
        model = Group
        fields = ["id", "name"]


def test_each_serializer_gets_fields_of_its_own_worked_out_once(monkeypatch):
    built = []
    get_fields = serializers.ModelSerializer.get_fields
    monkeypatch.setattr(
        serializers.ModelSerializer, "get_fields", lambda self: built.append(type(self)) or get_fields(self)
    )
    monkeypatch.delattr(GroupNames, "_fields_built", raising=False)
    first, second = GroupNames(), GroupNames()
    first.fields["name"].read_only = True
    assert first.fields["name"] is not second.fields["name"] and not second.fields["name"].read_only
    assert second.fields["name"].validators  # the model's uniqueness, as DRF builds it
    assert built == [GroupNames]


def test_field_labels_and_messages_are_in_the_readers_language(db):
    with translation.override("fr"):
        french = str(GroupNames().fields["name"].label)
        errors = GroupNames(data={"name": ""})
        assert not errors.is_valid()
        french_error = str(errors.errors["name"][0])
    with translation.override("en"):
        assert str(GroupNames().fields["name"].label) == "Name" != french
        errors = GroupNames(data={"name": ""})
        assert not errors.is_valid() and str(errors.errors["name"][0]) == "This field may not be blank."
    assert french_error != "This field may not be blank."
