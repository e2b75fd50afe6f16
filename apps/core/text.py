"""Text that users type and that reaches feeds, PDFs, file names and headers: no control characters.

A title with a carriage return in it would end an iCalendar line or a header early (and so write a line of the
user's choosing), or break the file. The validators refuse such text when it is written; ``single_line`` and
``multi_line`` clean what is shown from rows written before.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# The same, but for tab and line feed (carriage returns are turned into line feeds first).
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def single_line(value: str) -> str:
    """``value`` on one line: every control character (line breaks too) becomes a space."""
    return _CONTROL.sub(" ", value or "")


def multi_line(value: str) -> str:
    """``value`` with its line breaks as line feeds and no other control character but tabs."""
    return _CONTROL_BUT_LINES.sub(" ", (value or "").replace("\r\n", "\n").replace("\r", "\n"))


@deconstructible
class NoControlCharacters:
    """Refuse control characters; with ``lines``, line breaks and tabs are allowed."""

    message = _("Remove the control characters (such as line breaks) from this text.")
    code = "control_characters"

    def __init__(self, *, lines: bool = False):
        self.lines = lines

    def __call__(self, value) -> None:
        text = str(value)
        clean = multi_line(text) if self.lines else single_line(text)
        if self.lines:
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if clean != text:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharacters) and other.lines == self.lines


single_line_text = NoControlCharacters()
multi_line_text = NoControlCharacters(lines=True)
