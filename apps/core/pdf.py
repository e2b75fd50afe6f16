"""What every PDF of the portal shares: the vendored DejaVu Sans (``fonts/``, embedded as a subset in every file,
so that é, ë, ü and ß print on any machine; never a font of the machine), registered for ReportLab once per process.

    from apps.core.pdf import FONT, FONT_BOLD, register_fonts
"""

import functools
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "PortalSans"
FONT_BOLD = "PortalSans-Bold"


@functools.cache
def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
