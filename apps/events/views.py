from django.shortcuts import render


def index(request):
    """The events part's start page; it shows an empty state until the part's own issue lands."""
    return render(request, "events/index.html")
