"""What every attempt page shares: loading the learner's own attempt (404 for anyone else), the
clock, and the navigator's states."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from exams import services
from exams.models import Attempt


def get_attempt_for_user(request, code) -> Attempt:
    """The learner's own attempt (404 for anyone else's), submitted first if its time ran out."""
    attempt = get_object_or_404(Attempt.objects.select_related("blueprint"), code=code, user=request.user)
    return services.close_if_expired(attempt, now=timezone.now())


def item_label(position: int, answered: bool, flagged: bool) -> str:
    """What a screen reader hears for a navigator cell; its visible text (the number) comes first."""
    parts = [_("Question %(n)s") % {"n": position}, _("answered") if answered else _("unanswered")]
    if flagged:
        parts.append(_("flagged"))
    return ", ".join(parts)


def navigator(attempt: Attempt, current: int | None = None) -> list[dict]:
    """Every question's state, in one query."""
    rows = attempt.items.order_by("position").values_list("position", "selected", "flagged")
    return [
        {
            "position": position,
            "answered": bool(selected),
            "flagged": flagged,
            "current": position == current,
            "label": item_label(position, bool(selected), flagged),
        }
        for position, selected, flagged in rows
    ]
