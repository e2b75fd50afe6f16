from django.utils.translation import gettext_lazy as _

NAVIGATION = [
    ("home", _("Dashboard")),
    ("consultation:index", _("Strategic Consultation")),
    ("assistance:index", _("Assistance and loans")),
    ("events:index", _("Event calendar")),
    ("liaison:index", _("Liaison officers")),
    ("brochure:index", _("Brochure")),
    ("notifications:index", _("Notifications")),
]


def navigation(request):
    """The main navigation, with the current part marked."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"navigation": []}
    match = request.resolver_match
    current = f"{match.namespace}:index" if match and match.namespace else (match.url_name if match else "")
    return {
        "navigation": [{"url_name": name, "label": label, "current": name == current} for name, label in NAVIGATION]
    }
