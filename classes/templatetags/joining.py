"""The class a signed-out visitor's join link is waiting on, named on the sign-in and sign-up pages."""

from urllib.parse import urlsplit

from django import template
from django.urls import Resolver404, resolve

from classes.models import Classroom

register = template.Library()


@register.simple_tag
def pending_class(next_url: str | None) -> Classroom | None:
    """The class that `next_url` (where sign-in returns to: the join link kept it) would join, if any."""
    if not next_url:
        return None
    try:
        match = resolve(urlsplit(next_url).path)
    except Resolver404:
        return None
    if match.view_name != "classes:join":
        return None
    return Classroom.objects.filter(join_code=match.kwargs["join_code"]).only("name").first()
