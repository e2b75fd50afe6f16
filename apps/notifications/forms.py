from django import forms

from .choices import KIND_GROUPS, USER_CHANNELS


class PreferencesForm(forms.Form):
    """One checkbox per kind group and channel, named ``<prefix>__<channel>``."""

    def __init__(self, *args, initial_choices: dict[tuple[str, str], bool], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for prefix, label in KIND_GROUPS:
            row = {"label": label, "fields": []}
            for channel in USER_CHANNELS:
                name = f"{prefix}__{channel}"
                self.fields[name] = forms.BooleanField(
                    label=channel.label, required=False, initial=initial_choices[(prefix, channel)]
                )
                row["fields"].append(name)
            self.rows.append(row)

    def choices(self) -> dict[tuple[str, str], bool]:
        return {tuple(name.split("__", 1)): value for name, value in self.cleaned_data.items()}

    def bound_rows(self):
        return [{"label": row["label"], "fields": [self[name] for name in row["fields"]]} for row in self.rows]
