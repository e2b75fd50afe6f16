"""The base of the portal's model serializers."""

import copy

from rest_framework import serializers


class ModelSerializer(serializers.ModelSerializer):
    """DRF's, with the fields worked out from the model once per class.

    DRF's ``get_fields`` looks into the model (field kinds, labels, choices, validators, uniqueness) for every
    serializer made: a third of the time of a small API answer such as ``/api/v1/me``. What it gives depends on the
    class alone (its ``Meta`` and declared fields), so it is kept; each serializer gets deep copies, as DRF's declared
    fields are copied, and may change its own. Labels and messages stay lazy: each answer is in its reader's
    language."""

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_fields_built")
        if built is None:
            built = super().get_fields()
            cls._fields_built = built
        return copy.deepcopy(built)
