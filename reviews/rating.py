"""What the rating box shows after feedback: the rating given, the other choices with their meaning
and when each would bring the card back. Shared by the review session and the practice page."""

from __future__ import annotations

from datetime import timedelta

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reviews import scheduling
from reviews.models import Card, ReviewLog, ReviewSettings

MEANINGS = {
    scheduling.HARD: _("Right, but it took real effort or part guesswork. It comes back sooner."),
    scheduling.GOOD: _("Right after a little thought. The usual choice."),
    scheduling.EASY: _("Right at once, no doubt. It comes back much later."),
}


def interval_text(delta: timedelta) -> str:
    """'10 minutes', '3 days', '2 months': rounded the way a learner thinks about it."""
    minutes = delta.total_seconds() / 60
    if minutes < 60:
        n = max(1, round(minutes))
        return ngettext("%(n)d minute", "%(n)d minutes", n) % {"n": n}
    if minutes < 24 * 60:
        n = round(minutes / 60)
        return ngettext("%(n)d hour", "%(n)d hours", n) % {"n": n}
    days = round(minutes / (24 * 60))
    if days < 31:
        return ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    if days < 365:
        n = round(days / 30.4)
        return ngettext("%(n)d month", "%(n)d months", n) % {"n": n}
    n = round(days / 365)
    return ngettext("%(n)d year", "%(n)d years", n) % {"n": n}


def settings_of(card: Card) -> ReviewSettings:
    """The learner's settings joined to the card (select_related "user__review_settings"), or defaults."""
    try:
        return card.user.review_settings
    except ReviewSettings.DoesNotExist:
        return ReviewSettings(user_id=card.user_id)


def rating_context(log: ReviewLog, card: Card, settings: ReviewSettings) -> dict:
    """The rating box for one review: editable while it is the card's latest review of a right answer."""
    latest = card.last_review == log.reviewed_at
    context = {"log": log, "card": card, "editable": latest and log.rating != scheduling.AGAIN}
    context["comes_back"] = interval_text(log.due - log.reviewed_at)
    context["rating_label"] = ReviewLog.Rating(log.rating).label
    if context["editable"]:
        before = scheduling.Memory.from_dict(log.before) if log.before else None
        previews = scheduling.preview(before, log.reviewed_at, settings.scheduler())
        context["options"] = [
            {
                "value": value,
                "label": ReviewLog.Rating(value).label,
                "meaning": MEANINGS[value],
                # The rating given shows its real interval (with the scheduler's fuzz), the others a preview.
                "when": context["comes_back"] if value == log.rating else interval_text(previews[value]),
                "current": value == log.rating,
            }
            for value in (scheduling.HARD, scheduling.GOOD, scheduling.EASY)
        ]
    return context
