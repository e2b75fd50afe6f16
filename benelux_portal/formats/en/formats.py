"""English as it is written in the Benelux: one European way for every date, "30 Dec 2026, 08:00", on pages, in
PDFs, e-mails, notifications and exports (Django's own English formats are American: "12/30/2026", "8 a.m.").

The format strings are Django's (``django.utils.dateformat``).
"""

DATE_FORMAT = "j M Y"  # 30 Dec 2026
TIME_FORMAT = "H:i"  # 08:00
DATETIME_FORMAT = "j M Y, H:i"  # 30 Dec 2026, 08:00
YEAR_MONTH_FORMAT = "F Y"  # December 2026
MONTH_DAY_FORMAT = "j F"  # 30 December
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# What a person may type: the browser's date pickers send ISO dates; day first otherwise, never month first.
DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # 2026-12-30
    "%d/%m/%Y",  # 30/12/2026
    "%d/%m/%y",  # 30/12/26
    "%d %b %Y",  # 30 Dec 2026
    "%d %B %Y",  # 30 December 2026
]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d %b %Y, %H:%M",
    "%d %b %Y %H:%M",
    "%Y-%m-%d",
]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
