from django.shortcuts import render


def index(request):
    """The consultation part's start page; it shows an empty state until the part's own issue lands."""
    return render(request, "consultation/index.html")
