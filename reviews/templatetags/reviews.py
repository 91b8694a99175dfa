from django import template

from reviews.models import ReviewLog
from reviews.rating import rating_context, settings_of

register = template.Library()


@register.inclusion_tag("reviews/includes/rating.html", takes_context=True)
def answer_rating(context, answer):
    """The rating box under a practice answer's feedback (one query), for its own learner only."""
    request = context["request"]
    log = (
        ReviewLog.objects.select_related("card__user__review_settings")
        .filter(answer=answer, user=request.user)
        .first()
    )
    if log is None:
        return {"log": None}
    return rating_context(log, log.card, settings_of(log.card)) | {
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
    }
